"""Every known name, organisation and role title in one token trie, built once per registry.

Latin script is matched token by token from capitalised words (and role-title head
words), so the cost per text is one regex pass plus a dictionary probe per capitalised
word. Chinese, Japanese and Korean names are matched by substring lookups in a dict.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .finding import Category
from .lexicon import fold
from .names import LATIN_LETTERS, Form, organisation_forms, person_forms
from .regions import case_variants, trie_pattern
from .registry import Organisation, Person, Registry, fast_reduce
from .roles import role_forms

END = "\0"
Trie = dict[str, Any]  # token -> Trie; END -> dict[Entry, None] while building, then tuple

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u1e00-\u1eff"
CAP_TOKEN = f"(?<![{LATIN_LETTERS}])[{_UPPER}][{LATIN_LETTERS}]*"
NEXT_TOKEN = re.compile(f"[ \\t\\r\\n.\\-‐'’]{{1,3}}([{LATIN_LETTERS}]+)")
TOKEN = re.compile(f"[{LATIN_LETTERS}]+")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a matched form refers to."""

    target: str  # person or organisation id
    label: str  # the person's or organisation's name, or the role title
    category: Category
    kind: str  # full | family | given | initials | org | acronym | role | role_alone
    exact: str | None  # letters the text must show exactly (acronyms), else None
    org_kind: str | None = None

    __reduce__ = fast_reduce


class Gazetteer:
    """Known surface forms of the registry, compiled for fast scanning."""

    def __init__(self, registry: Registry, k: int) -> None:
        self.trie: Trie = {}
        self.name_parts: set[str] = set()
        self.full_names: list[tuple[tuple[str, ...], str]] = []  # participants' full forms
        self.role_heads: set[str] = set()
        affiliated = {a.organisation for p in registry.participants for a in p.affiliations}
        for person in registry.people.values():
            self._add_person(person, registry.is_participant(person.id))
        for org in registry.organisations.values():
            self._add_organisation(org, org.id in affiliated)
        for form, person_id, label, org_kind in role_forms(registry, k):
            if form.tokens:
                self._add(form, Entry(person_id, label, "affiliation", form.kind, None, org_kind))
                self.role_heads.add(form.tokens[0])
        heads = trie_pattern(case_variants(sorted(self.role_heads))) or "(?!)"
        self.heads = re.compile(
            f"{CAP_TOKEN}|(?<![{LATIN_LETTERS}])(?:{heads})(?![{LATIN_LETTERS}])"
        )
        self.frozen_name_parts = frozenset(self.name_parts)
        _freeze(self.trie)

    def _add(self, form: Form, entry: Entry) -> None:
        node = self.trie
        for token in form.tokens:
            node = node.setdefault(token, {})
        bucket = node.setdefault(END, {})
        assert isinstance(bucket, dict)
        bucket[entry] = None

    def _add_person(self, person: Person, participant: bool) -> None:
        category: Category = "name" if participant else "other_person"
        for form in person_forms(person):
            self.name_parts.update(form.tokens)
            if participant and form.kind == "full":
                self.full_names.append((form.tokens, person.name))
            self._add(form, Entry(person.id, person.name, category, form.kind, None))

    def _add_organisation(self, org: Organisation, affiliated: bool) -> None:
        category: Category = "affiliation" if affiliated else "other_person"
        for form in organisation_forms(org):
            exact = _letters(form.surface) if form.kind == "acronym" else None
            self._add(form, Entry(org.id, org.name, category, form.kind, exact, org.kind))

    def candidates(self, text: str) -> Iterator[tuple[int, list[tuple[int, tuple[Entry, ...]]]]]:
        """(start, [(end, entries), ...] longest first) for every known form in ``text``."""
        trie = self.trie
        for m in self.heads.finditer(text):
            token = m.group()
            node = trie.get(token.lower() if token.isascii() else fold(token))
            if node is not None:
                found = _walk(text, m.end(), node)
                if found:
                    yield m.start(), found


def _walk(text: str, pos: int, node: Trie) -> list[tuple[int, tuple[Entry, ...]]]:
    """Follow the trie through the next tokens; the forms that end on the way, longest first."""
    found = []
    while True:
        bucket = node.get(END)
        if bucket is not None:
            found.append((pos, bucket))
        nxt_match = NEXT_TOKEN.match(text, pos)
        if nxt_match is None:
            break
        token = nxt_match.group(1)
        nxt = node.get(token.lower() if token.isascii() else fold(token))
        if nxt is None:
            break
        node, pos = nxt, nxt_match.end()
    found.reverse()
    return found


def _freeze(node: Trie) -> None:
    """Turn each end bucket into a tuple once the trie is complete."""
    stack = [node]
    while stack:
        current = stack.pop()
        for key, child in current.items():
            if key == END:
                current[key] = tuple(child)
            else:
                stack.append(child)


def _letters(text: str) -> str:
    return "".join(TOKEN.findall(text))
