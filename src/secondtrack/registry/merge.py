"""Folding a duplicate person's record into the one that stays.

Affiliations, participations, the login and breaches move to the survivor; name forms and
countries are joined; blanks are filled from the merged record. The merge is recorded
(`Merge`) for the convenors who see the survivor.

What a merge never does is link content to anyone: sealed authorship binds the merged
record's old id, so a merge is refused while that person belongs to a meeting with a
session still open (they could no longer edit what they wrote, and nothing may re-bind
it); balloon pseudonyms are keyed to the old id and are left alone, so votes cast before
the merge are not joined to the survivor's.
"""

from __future__ import annotations

from django.db import transaction

from secondtrack.accounts.models import User
from secondtrack.audit import services as audit
from secondtrack.dialogues.models import Participation, Session
from secondtrack.record.models import Contribution
from secondtrack.registry.models import Affiliation, Breach, Merge, Person


class MergeError(Exception):
    """The two records cannot be merged; the message says why and what to do."""


# When both records were asked to the same meeting, the participation that stays: a
# revocation always wins (a merge must not restore access), then the furthest along.
_PRECEDENCE = [
    Participation.Status.REVOKED,
    Participation.Status.ATTENDED,
    Participation.Status.ACCEPTED,
    Participation.Status.INVITED,
    Participation.Status.DRAFT,
    Participation.Status.DECLINED,
]


def _refuse_if_unsafe(survivor: Person, merged: Person) -> None:
    if survivor.id == merged.id:
        raise MergeError("A person cannot be merged into themselves: pick two records.")
    open_sessions = Session.objects.filter(
        meeting__participations__person=merged, status=Session.Status.OPEN
    )
    if open_sessions.exists():
        raise MergeError(
            f"{merged.name} belongs to a meeting with a session still open; merge after it"
            " closes (what they wrote there is sealed to this record)."
        )
    users = list(User.objects.filter(person__in=[survivor, merged]))
    if len(users) == 2:
        raise MergeError(
            f"Both records have a login ({users[0].email} and {users[1].email}); a person"
            " has one. Deactivate the login that should go (admin), then merge."
        )


def _join(first: list, second: list) -> list:
    return [*first, *(x for x in second if x not in first)]


def _move_participations(survivor: Person, merged: Person) -> int:
    kept = {p.meeting_id: p for p in survivor.participations.all()}
    moved = 0
    for p in list(merged.participations.all()):
        other = kept.get(p.meeting_id)
        if other is None:
            p.person = survivor
            p.save(update_fields=["person"])
        else:
            stay, go = sorted([other, p], key=lambda x: _PRECEDENCE.index(x.status))
            go.invitations.update(participation=stay)
            go.delete()
            if stay.person_id != survivor.id:
                stay.person = survivor
                stay.save(update_fields=["person"])
        moved += 1
    return moved


def _move_affiliations(survivor: Person, merged: Person) -> int:
    def key(a: Affiliation) -> tuple:
        return (a.organisation_id, a.role, a.kind, a.start, a.end)

    have = {key(a): a for a in survivor.affiliations.all()}
    moved = 0
    for a in list(merged.affiliations.all()):
        if key(a) in have:
            listed = Participation.objects.filter(listed_affiliation=a)
            listed.update(listed_affiliation=have[key(a)])
            a.delete()
        else:
            a.person = survivor
            a.save(update_fields=["person"])
            moved += 1
    return moved


@transaction.atomic
def merge_people(survivor: Person, merged: Person, by: User | None) -> Merge:
    """Fold `merged` into `survivor` and delete `merged`. Raises `MergeError` (and changes
    nothing) when the merge would be unsafe."""
    survivor = Person.objects.select_for_update().get(id=survivor.id)
    merged = Person.objects.select_for_update().get(id=merged.id)
    _refuse_if_unsafe(survivor, merged)
    moved = {
        "affiliations": _move_affiliations(survivor, merged),
        "participations": _move_participations(survivor, merged),
        "logins": User.objects.filter(person=merged).update(person=survivor),
        "breaches": Breach.objects.filter(person=merged).update(person=survivor),
    }
    Contribution.objects.filter(speaker=merged).update(speaker=survivor)  # on the record
    Session.objects.filter(facilitator=merged).update(facilitator=survivor)
    names = [merged.name] if merged.name != survivor.name else []
    survivor.other_names = _join(survivor.other_names, [*names, *merged.other_names])
    survivor.published_names = _join(survivor.published_names, merged.published_names)
    survivor.countries = _join(survivor.countries, merged.countries)
    survivor.titles = _join(survivor.titles, merged.titles)
    survivor.former_roles = _join(survivor.former_roles, merged.former_roles)
    for blank in ("email", "gender", "honorific", "sector"):
        if not getattr(survivor, blank):
            setattr(survivor, blank, getattr(merged, blank))
    survivor.save()
    record = Merge.objects.create(
        survivor=survivor,
        merged_name=merged.name,
        merged_source=merged.source,
        merged_external_id=merged.external_id,
        moved=moved,
        merged_by=by,
    )
    Merge.objects.filter(survivor=merged).update(survivor=survivor)
    merged.delete()
    series = {p.meeting.series_id for p in survivor.participations.select_related("meeting")}
    for series_id in sorted(series):  # in the audit log of each series the person is in
        audit.record(by, "merged", series=series_id, detail="2 registry entries merged")
    return record
