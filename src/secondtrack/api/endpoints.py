"""The JSON API (design §5). Endpoints are thin: selectors decide who sees what."""

from __future__ import annotations

from datetime import date, timedelta

from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Status

from secondtrack.accounts import throttling, twofactor
from secondtrack.accounts.models import ApiToken
from secondtrack.analytics.selectors import composition_for, meeting_track
from secondtrack.api import paths, schemas
from secondtrack.api.auth import BearerToken
from secondtrack.api.errors import ApiError, StrictJsonParser, install, refusals
from secondtrack.attribution.api import router as attribution_router
from secondtrack.audit.api import router as audit_router
from secondtrack.balloons.api import router as balloons_router
from secondtrack.delivery.api import router as delivery_router
from secondtrack.dialogues import api as dialogues_api
from secondtrack.dialogues import selectors
from secondtrack.dialogues.api import router as dialogues_router
from secondtrack.dialogues.models import Meeting
from secondtrack.dialogues.timetable_api import router as timetable_router
from secondtrack.notifications.api import router as notifications_router
from secondtrack.record.api import router as record_router
from secondtrack.registry.api import router as registry_router
from secondtrack.registry.selectors import person_for
from secondtrack.reports.api import router as reports_router
from secondtrack.trackone.api import router as trackone_router

api = NinjaAPI(
    title="secondtrack API",
    version="1",
    auth=BearerToken(),
    openapi_url="/openapi.json",
    docs_url="/docs",
    parser=StrictJsonParser(),
)
install(api)
assert paths.IdConverter  # registers the {id:...} path converter used below

api.add_router("", dialogues_router)
api.add_router("", record_router)
api.add_router("", balloons_router)
api.add_router("", delivery_router)
api.add_router("", reports_router)
api.add_router("", attribution_router)
api.add_router("", trackone_router)
api.add_router("", timetable_router)
api.add_router("", notifications_router)
api.add_router("", registry_router)
api.add_router("", audit_router)


@api.post(
    "/auth/token", auth=None, response={200: schemas.TokenOut, **refusals(403, 429, body=True)}
)
def issue_token(request: HttpRequest, payload: schemas.TokenIn):
    try:
        user = authenticate(
            request, username=payload.email.strip().lower(), password=payload.password
        )
    except AxesBackendPermissionDenied:
        raise ApiError(429, throttling.sentence(request), "throttled") from None
    if user is None:
        raise ApiError(401, "E-mail or password is wrong: check both and try again.")
    _second_factor(user, payload.otp)
    raw = ApiToken.issue(user, settings.API_TOKEN_DAYS)
    expires = timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)
    return Status(200, {"token": raw, "expires": expires})


def _second_factor(user, otp: str) -> None:
    """A token for an account that signs in with a second factor also needs its code."""
    if not twofactor.must_give_code(user):
        return
    if not twofactor.has_second_factor(user):
        raise ApiError(
            403,
            "Your role needs two-factor sign-in: sign in on the web and set up an "
            "authenticator app at /account/two-factor/ first.",
            "second_factor_required",
        )
    if not otp.strip():
        raise ApiError(
            401,
            "This account signs in with a second factor: send the authenticator's current "
            'code as "otp".',
            "otp_required",
        )
    if twofactor.verify_code(user, otp) is None:
        raise ApiError(401, 'The "otp" code is not right: send the current one.', "otp_wrong")


@api.delete("/auth/token", response={200: schemas.DetailOut, **refusals()})
def revoke_token(request: HttpRequest, everywhere: bool = False):
    """Revoke the token this request was made with, or with ``?everywhere=true`` every API
    token of the account (a lost laptop). Changing the password revokes them all too."""
    if everywhere:
        request.user.api_tokens.all().delete()
        return {"detail": "Every API token of this account is revoked."}
    request.api_token.delete()
    return {"detail": "This token is revoked; ask for a new one at POST /api/auth/token."}


def _meeting_out(meeting: Meeting) -> dict:
    track = meeting_track(meeting)
    return {
        "id": meeting.id,
        "title": meeting.title,
        "series": meeting.series_id,
        "series_title": meeting.series.title,
        "starts": meeting.starts,
        "ends": meeting.ends,
        "place": meeting.place,
        "track": track.track,
        "track_explanation": track.explanation,
        "claimed_track": meeting.claimed_track,
    }


@api.get("/meetings", response={200: list[schemas.MeetingOut], **refusals()})
def list_meetings(request: HttpRequest):
    meetings = selectors.meetings_with_people(selectors.visible_meetings(request.user))
    return [_meeting_out(m) for m in meetings]


@api.get("/meetings/{id:meeting_id}", response={200: schemas.MeetingDetailOut, **refusals(404)})
def get_meeting(request: HttpRequest, meeting_id: int):
    access = selectors.meeting_access(request.user, meeting_id)
    meeting = (
        selectors.meetings_with_people(Meeting.objects.filter(id=access.meeting.id))
        .select_related("series", "host_organisation")
        .get()
    )
    out = _meeting_out(meeting)
    out.update(
        theme=meeting.theme,
        host_organisation=str(meeting.host_organisation) if meeting.host_organisation else None,
        listing_policy=meeting.listing_policy,
        your_role=access.participation.role if access.is_member else None,
        convenor=access.is_convenor,
        time_zone=meeting.time_zone,
        country=meeting.country,
        agenda_set_by=meeting.agenda_set_by,
        invitations_routed=meeting.invitations_routed,
        outputs_to_track_one=meeting.outputs_to_track_one,
        parent=meeting.parent_id,
        side_meetings=[
            {"id": m.id, "title": m.title}
            for m in selectors.known_side_meetings(request.user, meeting)
        ],
    )
    return out


api.patch("/meetings/{id:meeting_id}", response=dialogues_api.EDIT_MEETING_RESPONSES)(
    dialogues_api.edit_meeting
)


@api.get(
    "/meetings/{id:meeting_id}/participants",
    response={200: schemas.ParticipantsOut, **refusals(403, 404)},
)
def get_participants(request: HttpRequest, meeting_id: int):
    access = selectors.meeting_access(request.user, meeting_id)
    listing = selectors.participant_list(access)
    rows = []
    for p in listing.shown:
        row = {
            "name": p.person.name,
            "honorific": p.person.honorific,
            "affiliation": str(p.listed_affiliation.organisation) if p.listed_affiliation else None,
        }
        if access.is_convenor:
            row.update(capacity=p.capacity, role=p.role, status=p.status, person=p.person_id)
        rows.append(row)
    return {"participants": rows, "not_listed": listing.hidden_count}


@api.get(
    "/meetings/{id:meeting_id}/composition",
    response={200: schemas.CompositionOut, **refusals(403, 404)},
)
def get_composition(request: HttpRequest, meeting_id: int):
    result = composition_for(selectors.meeting_access(request.user, meeting_id))
    total = result.total_shown
    return {
        "total": total.value,
        "total_label": total.label,
        "suppressed_below": result.k or None,
        "counts": {
            dim.key: [{"value": b.value, "count": b.count, "label": b.label} for b in dim.bars]
            for dim in result.rows()
        },
    }


@api.get("/people/{id:person_id}", response={200: schemas.PersonOut, **refusals(404)})
def get_person(request: HttpRequest, person_id: int, at: date | None = None):
    person = person_for(request.user, person_id)
    when = at or timezone.localdate()
    score = person.officialness(when)
    return {
        "id": person.id,
        "name": person.name,
        "other_names": person.other_names,
        "honorific": person.honorific,
        "countries": person.countries,
        "at": when,
        "officialness": score.score,
        "band": score.band,
        "serving_official": score.serving_official,
        "derivation": score.explanation(),
        "steps": [
            {
                "organisation": s.affiliation.organisation.name,
                "linkage": s.linkage,
                "linkage_reason": s.linkage_reason,
                "weight": s.weight,
                "contribution": s.contribution,
            }
            for s in score.steps
        ],
        "affiliations": [
            {
                "organisation": a.organisation.name,
                "organisation_kind": a.organisation.kind,
                "role": a.role,
                "kind": a.kind,
                "start": a.start,
                "end": a.end,
                "active": a.active_on(when),
            }
            for a in person.affiliations.all()
        ],
    }
