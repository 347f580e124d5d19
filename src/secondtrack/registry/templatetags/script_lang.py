"""``{{ name|lang_spans }}``: CJK runs of mixed-script text wrapped in ``<span lang>``."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from secondtrack.core.scripts import split_by_script

register = template.Library()


@register.filter
def lang_spans(value) -> SafeString:
    pieces = []
    for text, language in split_by_script(str(value if value is not None else "")):
        if language is None:
            pieces.append(escape(text))
        else:
            pieces.append(f'<span lang="{language}">{escape(text)}</span>')
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
