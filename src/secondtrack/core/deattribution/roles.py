"""Role titles that point at one participant: "the Vice Minister", "the Director of IMA"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .lexicon import fold
from .names import Form, is_cjk, tokens
from .registry import Affiliation, Organisation, Registry

# Roles held by so many people that "the Senior Fellow" on its own points at nobody.
GENERIC_ROLES = frozenset(
    """member fellow researcher professor adviser advisor staff lecturer analyst student
    visiting_fellow senior_fellow research_fellow associate_professor senior_researcher
    assistant_professor non-resident_fellow""".replace("_", " ").split()
)
SPECIFIC = re.compile(r"\b(?:to|of|at|in|for)\s+(?:the\s+)?[A-Z]")
PAST = re.compile(r"^(?:the\s+)?(?:former|retired|ex-)\s*", re.I)

RoleForm = tuple[Form, str, str, str | None]  # form, person id, label, organisation kind


def role_forms(registry: Registry, k: int) -> Iterator[RoleForm]:
    participants = registry.participants
    counts = Counter(
        fold(a.role) for p in participants for a in p.affiliations if a.role and a.is_current
    )
    for person in participants:
        for aff in person.affiliations:
            org = registry.organisations[aff.organisation]
            for form in _with_organisation(aff, org):
                yield form, person.id, form.surface, org.kind
            role = aff.role or ""
            if _stands_alone(aff, counts, k):
                yield Form(tokens(role), "role_alone", role), person.id, role, org.kind
        for title in (*person.titles, *person.former_roles):
            if SPECIFIC.search(title):
                form = Form(tokens(PAST.sub("", title)), "role", title)
                yield form, person.id, title, None


def _stands_alone(aff: Affiliation, counts: Counter[str], k: int) -> bool:
    role = aff.role or ""
    key = fold(role)
    return aff.is_current and role[:1].isupper() and key not in GENERIC_ROLES and counts[key] < k


def _with_organisation(aff: Affiliation, org: Organisation) -> Iterator[Form]:
    if not aff.role:
        return
    role = tokens(aff.role)
    label = f"{aff.role} of {org.name}"
    names = [tokens(org.name), *(tokens(n) for n in org.other_names if not is_cjk(n))]
    if org.acronym:
        names.append(tokens(org.acronym))
    if org.name.startswith("Ministry of "):
        names.append(tokens(org.name[len("Ministry of ") :]))
    # A name in another script has no Latin tokens: "Director" + nothing would match any
    # "the director of ...".
    for name in [n for n in names if n]:
        for joiner in (("of",), ("of", "the"), ("at",), ("at", "the"), ("for",)):
            yield Form(role + joiner + name, "role", label)
        yield Form(name + role, "role", label)
        yield Form(name + ("s",) + role, "role", label)
