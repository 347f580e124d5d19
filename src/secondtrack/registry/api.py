"""The registry over the API (design §5 `GET /api/registry`): searching it while inviting,
exporting it, editing records, merging duplicates, the breach log, delegation targets and
the room while inviting, and the same-faces index."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from secondtrack.access.standing import require_may_create_series, series_grants
from secondtrack.accounts.reauth import require_recent_auth
from secondtrack.analytics.selectors import series_same_faces
from secondtrack.api.errors import ApiError, refusals
from secondtrack.audit import services as audit
from secondtrack.core.delegation import Seat
from secondtrack.core.policy import Can
from secondtrack.dialogues.inviting import invite_view
from secondtrack.dialogues.models import DelegationTarget
from secondtrack.dialogues.selectors import convened_meeting, series_for
from secondtrack.registry.breach_views import breach_log_of, people_of, record_breach
from secondtrack.registry.export import export_registry
from secondtrack.registry.forms import OrganisationForm, PersonForm
from secondtrack.registry.merge import MergeError, merge_people
from secondtrack.registry.selectors import (
    editable_organisation,
    editable_person,
    merge_candidates,
    person_for,
    search_people,
    series_breaches,
    visible_people,
)

router = Router(tags=["registry"])


class BreachOut(Schema):
    id: int
    person: int
    person_name: str
    what: str
    occurred: date
    recorded: date


class BreachIn(Schema):
    person: int
    what: str = Field(min_length=1, max_length=2000, pattern=r"\S")
    occurred: date


def _breach_out(b) -> dict:
    return {
        "id": b.id,
        "person": b.person_id,
        "person_name": b.person.name,
        "what": b.what,
        "occurred": b.occurred,
        "recorded": b.recorded.date(),
    }


class CandidateOut(Schema):
    id: int
    name: str
    other_names: list[str]
    countries: list[str]
    record_visible: bool = Field(description="false: not in your series; details hidden")
    organisation: str | None = Field(description="current organisation, if record_visible")
    earlier_meetings: int = Field(description="meetings of this series attended before")
    status_here: str | None = Field(description="their invitation or membership here")
    breaches: list[BreachOut] = Field(description="recorded in this series")


@router.get(
    "/meetings/{id:meeting_id}/candidates",
    response={200: list[CandidateOut], **refusals(403, 404)},
)
def candidates(request: HttpRequest, meeting_id: int, q: str):
    """Search the registry to invite someone: any name form in any script, without
    diacritics, any word order; "JP" for a country; an organisation for people in your
    series. Invite a result with POST /api/meetings/{id}/invitations {"person": id}."""
    access = convened_meeting(request.user, meeting_id)
    if len(q) > 200:
        raise ApiError(422, "Search with at most 200 characters.")
    return [
        {
            "id": c.person.id,
            "name": c.person.name,
            "other_names": c.person.other_names,
            "countries": c.person.countries,
            "record_visible": c.record_visible,
            "organisation": c.organisation or None,
            "earlier_meetings": c.earlier_meetings,
            "status_here": c.status_here or None,
            "breaches": [_breach_out(b) for b in c.breaches],
        }
        for c in search_people(request.user, q, access.meeting)
    ]


class LineOut(Schema):
    category: str
    label: str
    target: int | None
    have: int
    gap: int
    surplus: int


class DelegationOut(Schema):
    country: str
    gaps: int
    surplus: int
    lines: list[LineOut]


class RoomOut(Schema):
    pending_invitations: int
    total: int
    counts: dict[str, list[dict]]
    delegations: list[DelegationOut]


@router.get("/meetings/{id:meeting_id}/room", response={200: RoomOut, **refusals(403, 404)})
def room(request: HttpRequest, meeting_id: int):
    """For convenors while inviting: the room as if every open invitation were accepted,
    and each country's delegation against the series' targets."""
    access = convened_meeting(request.user, meeting_id)
    view = invite_view(request.user, access.meeting, "")
    return {
        "pending_invitations": view.pending,
        "total": view.room.total,
        "counts": {
            dim.key: [{"value": b.value, "count": b.count} for b in dim.bars]
            for dim in view.room.rows()
        },
        "delegations": [
            {
                "country": d.country,
                "gaps": d.gaps,
                "surplus": d.surplus,
                "lines": [
                    {
                        "category": line.category,
                        "label": line.label,
                        "target": line.target,
                        "have": line.have,
                        "gap": line.gap,
                        "surplus": line.surplus,
                    }
                    for line in d.lines
                ],
            }
            for d in view.delegations
        ],
    }


class TargetIO(Schema):
    country: str = Field("", pattern=r"^([A-Z]{2})?$", description='"" for every country')
    category: Seat
    count: int = Field(ge=0, le=50)


@router.get(
    "/series/{id:series_id}/delegation", response={200: list[TargetIO], **refusals(403, 404)}
)
def get_targets(request: HttpRequest, series_id: int):
    series = series_for(request.user, series_id, need=Can.CONVENE)
    return [
        {"country": t.country, "category": t.category, "count": t.count}
        for t in series.delegation.all()
    ]


@router.put(
    "/series/{id:series_id}/delegation",
    response={200: list[TargetIO], **refusals(403, 404, body=True)},
)
def put_targets(request: HttpRequest, series_id: int, payload: list[TargetIO]):
    """Replace the series' delegation template."""
    series = series_for(request.user, series_id, need=Can.CONVENE)
    seats = [(t.country, t.category) for t in payload]
    if len(set(seats)) != len(seats):
        raise ApiError(422, "Each country and seat may have one target: remove the repeats.")
    series.delegation.all().delete()
    DelegationTarget.objects.bulk_create(
        DelegationTarget(series=series, country=t.country, category=t.category, count=t.count)
        for t in payload
    )
    return get_targets(request, series_id)


@router.get("/series/{id:series_id}/breaches", response={200: list[BreachOut], **refusals(404)})
def get_breaches(request: HttpRequest, series_id: int):
    """The series' breach log: its convenors only (404 to everyone else)."""
    return [_breach_out(b) for b in series_breaches(breach_log_of(request.user, series_id))]


@router.post(
    "/series/{id:series_id}/breaches", response={201: BreachOut, **refusals(404, body=True)}
)
def post_breach(request: HttpRequest, series_id: int, payload: BreachIn):
    series = breach_log_of(request.user, series_id)
    person = people_of(series).filter(id=payload.person).first()
    if person is None:
        raise ApiError(422, "That person was never asked to a meeting of this series.")
    if payload.occurred > timezone.localdate():
        raise ApiError(422, "Give the day it happened, not a future date.")
    breach = record_breach(series, request.user, person, payload.what, payload.occurred)
    return Status(201, _breach_out(breach))


class SameFacesMeetingOut(Schema):
    meeting: str
    participants: int | None
    returning: int | None = Field(description="null when it would describe fewer than k")


class SameFacesOut(Schema):
    returning_share: float
    top_fifth_share: float
    meetings: list[SameFacesMeetingOut]


@router.get("/series/{id:series_id}/same-faces", response={200: SameFacesOut, **refusals(403, 404)})
def same_faces(request: HttpRequest, series_id: int):
    series = series_for(request.user, series_id, need=Can.READ_COMPOSITION)
    index = series_same_faces(series, exact=series_grants(request.user, series.id).can(Can.CONVENE))
    return {
        "returning_share": index.returning_share,
        "top_fifth_share": index.top_fifth_share,
        "meetings": [
            {
                "meeting": m.label,
                "participants": m.seats_shown.value,
                "returning": m.returning_shown.value,
            }
            for m in index.meetings
        ],
    }


@router.get("/registry", response={200: dict, **refusals(403)})
def get_registry(request: HttpRequest):
    """The registry in the interchange format (design §5), for convenors: the people whose
    record you may see and their organisations. Never breaches. `import` reads it back."""
    require_may_create_series(request.user)  # a convenor of some series, or an admin
    data = export_registry(visible_people(request.user).distinct())
    audit.record(request.user, "registry_exported", detail=f"{len(data['people'])} people")
    return data


class FormerRoleIO(Schema):
    role: str = Field(max_length=200, pattern=r"\S")
    start: date | None = None
    end: date | None = None


class PersonPatch(Schema):
    name: str | None = Field(None, max_length=300, pattern=r"\S")
    honorific: str | None = Field(None, max_length=40)
    other_names: list[str] | None = None
    published_names: list[str] | None = None
    email: str | None = Field(None, max_length=254)
    gender: str | None = None
    sector: str | None = None
    titles: list[str] | None = None
    former_roles: list[FormerRoleIO] | None = None


def _patch_form(form_class, instance, payload: Schema, lists: set[str]):
    data = {name: getattr(instance, name) for name in form_class.Meta.fields}
    data.update(payload.dict(exclude_unset=True))
    for name in lists:
        if isinstance(data.get(name), list):
            data[name] = "\n".join(data[name])
    if "former_roles" in data:
        data["former_roles"] = "\n".join(
            " | ".join([r["role"], str(r.get("start") or ""), str(r.get("end") or "")])
            for r in data["former_roles"]
        )
    form = form_class({k: "" if v is None else v for k, v in data.items()}, instance=instance)
    if not form.is_valid():
        problems = "; ".join(f"{field}: {' '.join(e)}" for field, e in form.errors.items())
        raise ApiError(422, f"Nothing was changed. {problems}")
    return form.save()


class PersonRecordOut(Schema):
    id: int
    source: str
    name: str
    other_names: list[str]
    published_names: list[str]
    sector: str
    titles: list[str]
    former_roles: list[FormerRoleIO]


def _record_out(person) -> dict:
    return {
        "id": person.id,
        "source": person.source,
        "name": person.name,
        "other_names": person.other_names,
        "published_names": person.published_names,
        "sector": person.sector,
        "titles": person.titles,
        "former_roles": person.former_roles,
    }


@router.patch(
    "/people/{id:person_id}/record", response={200: PersonRecordOut, **refusals(404, body=True)}
)
def patch_person(request: HttpRequest, person_id: int, payload: PersonPatch):
    """Convenors correct the record of a member of a meeting they convene."""
    person = editable_person(request.user, person_id)
    lists = {"other_names", "published_names", "titles"}
    return _record_out(_patch_form(PersonForm, person, payload, lists))


class OrganisationPatch(Schema):
    name: str | None = Field(None, max_length=300, pattern=r"\S")
    acronym: str | None = Field(None, max_length=40)
    other_names: list[str] | None = None
    country: str | None = Field(None, max_length=2)
    kind: str | None = None
    portfolio: str | None = None
    mandate: str | None = None
    government_funding: float | None = Field(None, ge=0, le=1)


class OrganisationOut(Schema):
    id: int
    name: str
    acronym: str
    other_names: list[str]
    kind: str
    portfolio: str


@router.patch(
    "/organisations/{id:organisation_id}",
    response={200: OrganisationOut, **refusals(404, body=True)},
)
def patch_organisation(request: HttpRequest, organisation_id: int, payload: OrganisationPatch):
    org = _patch_form(
        OrganisationForm,
        editable_organisation(request.user, organisation_id),
        payload,
        {"other_names"},
    )
    return {
        "id": org.id,
        "name": org.name,
        "acronym": org.acronym,
        "other_names": org.other_names,
        "kind": org.kind,
        "portfolio": org.portfolio,
    }


class DuplicateOut(Schema):
    id: int
    name: str
    source: str
    reason: str


@router.get(
    "/people/{id:person_id}/duplicates", response={200: list[DuplicateOut], **refusals(404)}
)
def duplicates(request: HttpRequest, person_id: int):
    person = editable_person(request.user, person_id)
    return [
        {"id": p.id, "name": p.name, "source": p.source, "reason": why}
        for p, why in merge_candidates(request.user, person)
    ]


class MergeIn(Schema):
    merged: int = Field(description="the record folded into this one, then deleted")


class MergeOut(Schema):
    survivor: int
    merged_name: str
    moved: dict[str, int]


@router.post(
    "/people/{id:person_id}/merge", response={200: MergeOut, **refusals(404, 409, body=True)}
)
@require_recent_auth("merge these people")
def merge(request: HttpRequest, person_id: int, payload: MergeIn):
    """Fold a duplicate into this record (both must be records you see). Needs a token
    issued within the last minutes (re-authentication)."""
    survivor = editable_person(request.user, person_id)
    try:
        other = person_for(request.user, payload.merged)
    except Http404:
        raise ApiError(404, "No such person among the records you may see.") from None
    try:
        record = merge_people(survivor, other, by=request.user)
    except MergeError as error:
        raise ApiError(409, str(error), "merge_refused") from None
    return {"survivor": survivor.id, "merged_name": record.merged_name, "moved": record.moved}
