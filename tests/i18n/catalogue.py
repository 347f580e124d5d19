"""The msgids the code asks for, read from the templates and the Python source without
xgettext, and the .po/.mo catalogues they must be in."""

from __future__ import annotations

import ast
from pathlib import Path

import polib
from django.template import engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

SRC = Path(__file__).resolve().parents[2] / "src" / "secondtrack"
LOCALES = ("zh_Hans", "ja")
GETTEXT = {
    "_": (None, 0),
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
}


def po(lang: str) -> polib.POFile:
    return polib.pofile(str(SRC / "locale" / lang / "LC_MESSAGES" / "django.po"))


def mo_path(lang: str) -> Path:
    return SRC / "locale" / lang / "LC_MESSAGES" / "django.mo"


def templates() -> list[Path]:
    return sorted(p for p in SRC.rglob("templates/**/*") if p.suffix in (".html", ".txt"))


def _literal(expression) -> str | None:
    var = getattr(expression, "var", None)
    literal = getattr(var, "literal", None)
    return str(literal) if isinstance(literal, str) else None


def template_msgids(path: Path) -> set[tuple[str | None, str]]:
    """(context, msgid) of every translate and blocktranslate in one template."""
    template = engines["django"].from_string(path.read_text())
    nodelist = template.template.nodelist
    found: set[tuple[str | None, str]] = set()
    for node in nodelist.get_nodes_by_type(TranslateNode):
        msgid = _literal(node.filter_expression)
        if msgid is not None and not node.noop:
            context = node.message_context.resolve({}) if node.message_context else None
            found.add((context, msgid))
    for node in nodelist.get_nodes_by_type(BlockTranslateNode):
        msgid, _vars = node.render_token_list(node.singular)
        context = node.message_context.resolve({}) if node.message_context else None
        found.add((context, msgid))
    return found


def python_msgids(path: Path) -> set[tuple[str | None, str]]:
    found: set[tuple[str | None, str]] = set()
    for call in ast.walk(ast.parse(path.read_text())):
        if not isinstance(call, ast.Call):
            continue
        name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
        if name not in GETTEXT:
            continue
        context_at, msgid_at = GETTEXT[name]
        args = call.args
        if len(args) <= msgid_at or not isinstance(args[msgid_at], ast.Constant):
            continue
        if not isinstance(args[msgid_at].value, str):
            continue
        context = None
        if context_at is not None and isinstance(args[context_at], ast.Constant):
            context = args[context_at].value
        found.add((context, args[msgid_at].value))
    return found


def asked_for() -> dict[tuple[str | None, str], str]:
    """Every msgid the product asks for -> the first file that asks."""
    where: dict[tuple[str | None, str], str] = {}
    for path in templates():
        for key in template_msgids(path):
            where.setdefault(key, str(path.relative_to(SRC)))
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for key in python_msgids(path):
            where.setdefault(key, str(path.relative_to(SRC)))
    return where
