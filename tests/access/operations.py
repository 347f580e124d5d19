"""Every page and API operation, with the permission it needs and the object it acts on.

A new URL pattern or API operation that is not declared here fails
test_matrix.py::test_every_operation_is_declared, so nothing ships without a policy row.

Kinds of object: meeting, session, balloon, report, series, person (a registry entry),
delivery (one account's own delivery: only its owner; anyone else 404), none (the
caller's own page, allowed for anyone signed in) and new_series (starting a series: a
convenor of some series or a platform admin, as access.standing.may_create_series says;
anyone else signed in 403). Track One objects (bodies, memoranda,
transmissions) act on their series.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from secondtrack.core.policy import Can


@dataclass(frozen=True)
class Op:
    method: str
    need: Can | None  # None: anyone signed in (kinds none and delivery)
    kind: str
    body: Callable[[dict], dict] | None = None
    query: str = ""
    authors_only: bool = False  # the object's author only, among those with the permission
    published_only: bool = False  # needs a published version of the report
    known_as: str = ""  # the kind core/policy.known_by judges, when not the object's own


def _text(ids: dict) -> dict:
    return {"text": "A short note about hotlines."}


def _owned(ids: dict) -> dict:
    """Edit or withdraw: the author of a non-attributable contribution proves it by capability."""
    out = {"text": "A shorter note."}
    if ids.get("is_owner") and ids.get("capability"):
        out["capability"] = ids["capability"]
    return out


G, P, PUT, PATCH = "GET", "POST", "PUT", "PATCH"

_MEETING = {"title": "Next round", "starts": "2026-05-04", "ends": "2026-05-05"}

# Page URL names (namespaced where the app is) -> operation.
PAGES: dict[str, Op] = {
    "home": Op(G, None, "none"),
    "docs_tracks": Op(G, None, "none"),
    "series": Op(G, Can.KNOW, "series"),
    "meeting": Op(G, Can.KNOW, "meeting"),
    "my_listing": Op(P, Can.CHOOSE_LISTING, "meeting", lambda ids: {"listing": "listed"}),
    "add_session": Op(
        P, Can.CONVENE, "meeting", lambda ids: {"title": "New", "rule": "on_the_record"}
    ),
    "invite": Op(G, Can.CONVENE, "meeting"),
    "delegation_targets": Op(G, Can.CONVENE, "series"),
    "breach_log": Op(G, Can.CONVENE, "series", known_as="breach_log"),
    "same_faces": Op(G, Can.READ_COMPOSITION, "series"),
    "revoke_participation": Op(P, Can.CONVENE, "meeting"),
    "session": Op(G, Can.READ_CONTENT, "session"),
    "contribute": Op(P, Can.SPEAK, "session", _text),
    "check_contribution": Op(P, Can.SPEAK, "session", _text),
    "edit_contribution": Op(P, Can.SPEAK, "session", _owned, authors_only=True),
    "withdraw_contribution": Op(P, Can.SPEAK, "session", _owned, authors_only=True),
    "close_session": Op(P, Can.CONVENE, "session", lambda ids: {"confirm": "on"}),
    "meeting_balloons": Op(G, Can.READ_CONTENT, "meeting"),
    "series_balloons": Op(G, Can.READ_CONTENT, "series"),
    "balloon": Op(G, Can.READ_CONTENT, "balloon"),
    "balloon_map": Op(G, Can.READ_CONTENT, "balloon"),
    "balloon_react": Op(
        P, Can.REACT, "balloon", lambda ids: {"statement": ids["statement_id"], "vote": "1"}
    ),
    "balloon_statement": Op(P, Can.REACT, "balloon", _text),
    "balloon_amend": Op(P, Can.REACT, "balloon", _text),
    "balloon_close": Op(P, Can.CONVENE, "balloon", lambda ids: {"outcome": "parked"}),
    "balloon_receipt": Op(P, Can.READ_CONTENT, "balloon", lambda ids: {"receipt": "x"}),
    "balloon_endorse": Op(P, Can.REACT, "balloon", lambda ids: {"endorse": "1"}),
    "balloon_export_votes": Op(G, Can.CONVENE, "balloon"),
    "balloon_export_comments": Op(G, Can.CONVENE, "balloon"),
    "meeting_reports": Op(G, Can.KNOW, "meeting"),
    "report": Op(G, Can.READ_CONTENT, "report"),
    "report_edit": Op(G, Can.DRAFT, "report"),
    "report_preview": Op(P, Can.DRAFT, "report", lambda ids: {"body": "Text."}),
    "report_dismiss": Op(P, Can.DRAFT, "report", lambda ids: {"category": "name", "excerpt": "x"}),
    "report_circulate": Op(P, Can.CONVENE, "report"),
    "report_publish": Op(P, Can.CONVENE, "report"),
    "report_review": Op(G, Can.REVIEW, "report"),
    "report_resolve": Op(P, Can.DRAFT, "report"),
    "report_export": Op(G, Can.READ_CONTENT, "report", published_only=True),
    "report_deliver": Op(
        P, Can.READ_CONTENT, "report", lambda ids: {"channel": "kindle"}, published_only=True
    ),
    "assemble_proceedings": Op(P, Can.CONVENE, "series"),
    "trackone_dashboard": Op(G, Can.READ_UPTAKE, "series"),
    "trackone_funnel_csv": Op(G, Can.READ_UPTAKE, "series"),
    "trackone_desk": Op(G, Can.CONVENE, "series"),
    "trackone_body": Op(P, Can.CONVENE, "series"),
    "trackone_contact": Op(P, Can.CONVENE, "series"),
    "trackone_proposal": Op(P, Can.CONVENE, "series", lambda ids: {"balloon": ids["balloon_id"]}),
    "trackone_transmit": Op(P, Can.CONVENE, "series", lambda ids: {"body": ids["body_id"]}),
    "trackone_revoke": Op(P, Can.CONVENE, "series"),
    "trackone_respond": Op(P, Can.CONVENE, "series"),
    "trackone_lineage": Op(G, Can.READ_CONTENT, "balloon"),  # titles are content
    "person": Op(G, Can.CONVENE, "person"),
    "edit_person": Op(G, Can.CONVENE, "person"),
    "merge_person": Op(P, Can.CONVENE, "person"),
    "delivery:settings": Op(G, None, "none"),
    "delivery:kindle": Op(P, None, "none", lambda ids: {"address": "me@kindle.com"}),
    "delivery:kindle_forget": Op(P, None, "none"),
    "delivery:connect": Op(G, None, "none"),
    "delivery:disconnect": Op(P, None, "none"),
    "delivery:delivery": Op(G, None, "delivery"),
    "delivery:status": Op(G, None, "delivery"),
    "delivery:retry": Op(P, None, "delivery"),
    # convenor's desk: series and meetings
    "desk_new_series": Op(G, None, "new_series"),
    "desk_edit_series": Op(G, Can.CONVENE, "series"),
    "desk_new_meeting": Op(G, Can.CONVENE, "series"),
    "desk_new_meeting_track": Op(P, Can.CONVENE, "series", lambda ids: _MEETING),
    "desk_edit_meeting": Op(G, Can.CONVENE, "meeting"),
    "desk_meeting_track": Op(P, Can.CONVENE, "meeting", lambda ids: _MEETING),
    "desk_clone_meeting": Op(G, Can.CONVENE, "meeting"),
    "desk_side_meeting": Op(G, Can.CONVENE, "meeting"),
    "desk_invite_draft": Op(P, Can.CONVENE, "meeting"),
    # notifications
    "notifications:preferences": Op(G, None, "none"),
    # convenor's desk: timetable
    "timetable_add": Op(
        P,
        Can.CONVENE,
        "meeting",
        lambda ids: {"title": "New", "rule": "on_the_record", "duration_minutes": "60"},
    ),
    "timetable_edit": Op(G, Can.CONVENE, "session"),
    "timetable_remove": Op(P, Can.CONVENE, "session"),
    "timetable_open": Op(P, Can.CONVENE, "session"),
    "meeting_agenda": Op(G, Can.KNOW, "meeting"),
    "calendar_reset": Op(P, None, "none"),
    # the person's language and time zone
    "locale:settings": Op(G, None, "none"),
    # two-factor sign-in and re-authentication: the caller's own account
    "login_code": Op(G, None, "none"),
    "two_factor": Op(G, None, "none"),
    "reauth": Op(G, None, "none"),
    # passkey ceremonies (django-otp-webauthn, accounts/passkeys.py): the caller's own account;
    # anyone not signed in 401 (tests/accounts/test_passkeys.py)
    "otp_webauthn:credential-registration-begin": Op(P, None, "none"),
    "otp_webauthn:credential-authentication-begin": Op(P, None, "none"),
    # the audit log of a series: its convenors (and platform admins)
    "series_audit": Op(G, Can.CONVENE, "series"),
}

# Pages left out of the matrix, each with why.
EXCLUDED_PAGES = {
    "edit_organisation": "acts on an organisation (no matrix kind): tests/registry/test_editing.py",
    "login": "signing in: open to everyone by design",
    "logout": "signing out: acts on the caller's own session only",
    "accept_invitation": "a single-use e-mailed token is the credential, not a role",
    "trackone_recipient": "a Track One recipient's expiring link is the credential, not a role",
    "delivery:callback": "OAuth redirect back from Dropbox/Google: needs the provider's state",
    "openapi-json": "the API schema, public by design",
    "openapi-view": "the API docs page, public by design",
    "api-root": "ninja's index of the API",
    # convenor's desk: timetable
    "calendar_feed": "a per-person secret link is the credential: see test_agenda_ics.py",
    "otp_webauthn:credential-registration-complete": "answers the browser's signed reply to a"
    " ceremony the caller began (its challenge is in their own session): a real authenticator in"
    " tests/browser/test_passkey_journey.py, 401 for anyone not signed in in tests/accounts",
    "otp_webauthn:credential-authentication-complete": "answers the browser's signed reply to a"
    " ceremony the caller began (its challenge is in their own session): a real authenticator in"
    " tests/browser/test_passkey_journey.py, 401 for anyone not signed in in tests/accounts",
    "locale:set_language": "the language switcher: open to everyone (the sign-in page too), sets"
    " only the caller's own cookie and profile",
}
EXCLUDED_PREFIXES = ("admin/", "static/", "api/")  # Django admin (is_staff), files, the API

# API operations (method, path from the OpenAPI schema) -> operation.
API: dict[tuple[str, str], Op] = {
    (G, "/api/meetings"): Op(G, None, "none"),
    (G, "/api/meetings/{meeting_id}"): Op(G, Can.KNOW, "meeting"),
    (G, "/api/meetings/{meeting_id}/participants"): Op(G, Can.READ_PARTICIPANTS, "meeting"),
    (G, "/api/meetings/{meeting_id}/composition"): Op(G, Can.READ_COMPOSITION, "meeting"),
    (G, "/api/meetings/{meeting_id}/sessions"): Op(G, Can.KNOW, "meeting"),
    (P, "/api/meetings/{meeting_id}/sessions"): Op(
        P, Can.CONVENE, "meeting", lambda ids: {"title": "New", "rule": "chatham_house"}
    ),
    (G, "/api/people/{person_id}"): Op(G, Can.CONVENE, "person"),
    (PATCH, "/api/people/{person_id}/record"): Op(
        PATCH, Can.CONVENE, "person", lambda ids: {"honorific": "Dr."}
    ),
    (G, "/api/people/{person_id}/duplicates"): Op(G, Can.CONVENE, "person"),
    (P, "/api/people/{person_id}/merge"): Op(
        P, Can.CONVENE, "person", lambda ids: {"merged": ids["person_id"]}
    ),
    (G, "/api/meetings/{meeting_id}/candidates"): Op(G, Can.CONVENE, "meeting", query="?q=Tan"),
    (G, "/api/meetings/{meeting_id}/room"): Op(G, Can.CONVENE, "meeting"),
    (G, "/api/series/{series_id}/delegation"): Op(G, Can.CONVENE, "series"),
    (PUT, "/api/series/{series_id}/delegation"): Op(
        PUT, Can.CONVENE, "series", lambda ids: [{"category": "expert", "count": 2}]
    ),
    (G, "/api/series/{series_id}/breaches"): Op(G, Can.CONVENE, "series", known_as="breach_log"),
    (P, "/api/series/{series_id}/breaches"): Op(
        P,
        Can.CONVENE,
        "series",
        lambda ids: {"person": 0, "what": "Leaked.", "occurred": "2025-01-01"},
        known_as="breach_log",
    ),
    (G, "/api/series/{series_id}/same-faces"): Op(G, Can.READ_COMPOSITION, "series"),
    (G, "/api/registry"): Op(G, None, "new_series"),
    (P, "/api/sessions/{session_id}/contributions"): Op(P, Can.SPEAK, "session", _text),
    (G, "/api/sessions/{session_id}/contributions"): Op(G, Can.READ_CONTENT, "session"),
    (PUT, "/api/sessions/{session_id}/contributions/{contribution_id}"): Op(
        PUT, Can.SPEAK, "session", _owned, authors_only=True
    ),
    (P, "/api/sessions/{session_id}/contributions/{contribution_id}/withdraw"): Op(
        P, Can.SPEAK, "session", _owned, authors_only=True
    ),
    (P, "/api/sessions/{session_id}/close"): Op(
        P, Can.CONVENE, "session", lambda ids: {"confirm": True}
    ),
    (G, "/api/meetings/{meeting_id}/balloons"): Op(G, Can.READ_CONTENT, "meeting"),
    (P, "/api/meetings/{meeting_id}/balloons"): Op(P, Can.REACT, "meeting", _text),
    (G, "/api/series/{series_id}/balloons"): Op(G, Can.READ_CONTENT, "series"),
    (P, "/api/series/{series_id}/balloons"): Op(P, Can.REACT, "series", _text),
    (G, "/api/balloons/{balloon_id}"): Op(G, Can.READ_CONTENT, "balloon"),
    (P, "/api/balloons/{balloon_id}/statements"): Op(P, Can.REACT, "balloon", _text),
    (P, "/api/balloons/{balloon_id}/votes"): Op(
        P, Can.REACT, "balloon", lambda ids: {"statement": ids["statement_id"], "vote": 1}
    ),
    (G, "/api/balloons/{balloon_id}/opinion"): Op(G, Can.READ_CONTENT, "balloon"),
    (P, "/api/balloons/{balloon_id}/close"): Op(
        P, Can.CONVENE, "balloon", lambda ids: {"outcome": "parked"}
    ),
    (G, "/api/me/kindle"): Op(G, None, "none"),
    (PUT, "/api/me/kindle"): Op(PUT, None, "none", lambda ids: {"address": "me@kindle.com"}),
    (G, "/api/deliveries/{delivery_id}"): Op(G, None, "delivery"),
    (G, "/api/meetings/{meeting_id}/reports"): Op(G, Can.KNOW, "meeting"),
    (P, "/api/reports/{report_id}/deliver"): Op(
        P,
        Can.READ_CONTENT,
        "report",
        lambda ids: {"channel": "kindle", "format": "epub"},
        published_only=True,
    ),
    (G, "/api/reports/{report_id}/export"): Op(
        G, Can.READ_CONTENT, "report", query="?format=md", published_only=True
    ),
    (P, "/api/scan"): Op(
        P, Can.READ_CONTENT, "meeting", lambda ids: {"text": "x", "meeting": ids["meeting_id"]}
    ),
    (G, "/api/series/{series_id}/funnel"): Op(G, Can.READ_UPTAKE, "series"),
    (G, "/api/series/{series_id}/bodies"): Op(G, Can.CONVENE, "series"),
    (P, "/api/series/{series_id}/bodies"): Op(
        P, Can.CONVENE, "series", lambda ids: {"name": "Forum", "kind": "ministry"}
    ),
    (P, "/api/bodies/{body_id}/contacts"): Op(
        P, Can.CONVENE, "series", lambda ids: {"name": "Desk", "email": "d@example.org"}
    ),
    (G, "/api/memoranda/{report_id}"): Op(G, Can.CONVENE, "series"),
    (P, "/api/memoranda/{report_id}/proposals"): Op(
        P, Can.CONVENE, "series", lambda ids: {"balloon": ids["balloon_id"]}
    ),
    (P, "/api/memoranda/{report_id}/transmissions"): Op(
        P, Can.CONVENE, "series", lambda ids: {"body": ids["body_id"]}
    ),
    (P, "/api/transmissions/{transmission_id}/revoke"): Op(P, Can.CONVENE, "series"),
    (P, "/api/transmissions/{transmission_id}/responses"): Op(
        P, Can.CONVENE, "series", lambda ids: {"proposal": ids["proposal_id"], "status": "noted"}
    ),
    (G, "/api/meetings/{meeting_id}/invitations"): Op(G, Can.CONVENE, "meeting"),
    (P, "/api/meetings/{meeting_id}/participants/{person_id}/revoke"): Op(
        P, Can.CONVENE, "meeting"
    ),
    (P, "/api/meetings/{meeting_id}/invitations"): Op(
        P, Can.CONVENE, "meeting", lambda ids: {"name": "New Person", "email": "new@example.org"}
    ),
    (PUT, "/api/meetings/{meeting_id}/me/listing"): Op(
        PUT, Can.CHOOSE_LISTING, "meeting", lambda ids: {"listing": "listed"}
    ),
    (P, "/api/balloons/{balloon_id}/statements/{statement_id}/endorsement"): Op(
        P, Can.REACT, "balloon"
    ),
    ("DELETE", "/api/balloons/{balloon_id}/statements/{statement_id}/endorsement"): Op(
        "DELETE", Can.REACT, "balloon"
    ),
    (G, "/api/balloons/{balloon_id}/export/votes.csv"): Op(G, Can.CONVENE, "balloon"),
    (G, "/api/balloons/{balloon_id}/export/comments.csv"): Op(G, Can.CONVENE, "balloon"),
    (P, "/api/balloons/{balloon_id}/receipt"): Op(
        P, Can.READ_CONTENT, "balloon", lambda ids: {"receipt": "x"}
    ),
    (P, "/api/meetings/{meeting_id}/reports"): Op(
        P, Can.DRAFT, "meeting", lambda ids: {"kind": "chairs_summary", "title": "New"}
    ),
    (G, "/api/reports/{report_id}"): Op(G, Can.READ_CONTENT, "report"),
    (PUT, "/api/reports/{report_id}"): Op(
        PUT, Can.DRAFT, "report", lambda ids: {"title": "Edited", "body": "Text."}
    ),
    (P, "/api/reports/{report_id}/dismissals"): Op(
        P, Can.DRAFT, "report", lambda ids: {"category": "name", "excerpt": "x"}
    ),
    (P, "/api/reports/{report_id}/circulate"): Op(
        P, Can.CONVENE, "report", lambda ids: {"deadline": "2030-01-01"}
    ),
    (G, "/api/reports/{report_id}/comments"): Op(G, Can.READ_CONTENT, "report"),
    (P, "/api/reports/{report_id}/comments"): Op(
        P, Can.REVIEW, "report", lambda ids: {"text": "Clearer, please."}
    ),
    (P, "/api/reports/{report_id}/comments/{comment_id}/resolve"): Op(
        P, Can.DRAFT, "report", lambda ids: {"resolution": "Done."}
    ),
    (P, "/api/reports/{report_id}/approve"): Op(P, Can.REVIEW, "report"),
    (P, "/api/reports/{report_id}/publish"): Op(
        P, Can.CONVENE, "report", lambda ids: {"visibility": "meeting"}
    ),
    (P, "/api/series/{series_id}/proceedings"): Op(P, Can.CONVENE, "series"),
    (G, "/api/balloons/{balloon_id}/lineage"): Op(G, Can.READ_CONTENT, "balloon"),
    # convenor's desk: series and meetings
    (P, "/api/series"): Op(P, None, "new_series", lambda ids: {"title": "A new dialogue"}),
    (PATCH, "/api/series/{series_id}"): Op(
        PATCH, Can.CONVENE, "series", lambda ids: {"title": "Renamed"}
    ),
    (P, "/api/series/{series_id}/meetings"): Op(
        P, Can.CONVENE, "series", lambda ids: {**_MEETING, "time_zone": "Asia/Seoul"}
    ),
    (PATCH, "/api/meetings/{meeting_id}"): Op(
        PATCH, Can.CONVENE, "meeting", lambda ids: {"place": "Jeju"}
    ),
    (P, "/api/meetings/{meeting_id}/clone"): Op(P, Can.CONVENE, "meeting", lambda ids: _MEETING),
    # notifications
    (G, "/api/me/notifications"): Op(G, None, "none"),
    (PUT, "/api/me/notifications"): Op(PUT, None, "none", lambda ids: {"balloon": "digest"}),
    # convenor's desk: timetable
    (PATCH, "/api/sessions/{session_id}"): Op(
        PATCH, Can.CONVENE, "session", lambda ids: {"room": "Room B"}
    ),
    ("DELETE", "/api/sessions/{session_id}"): Op("DELETE", Can.CONVENE, "session"),
    (P, "/api/sessions/{session_id}/open"): Op(P, Can.CONVENE, "session"),
    (G, "/api/meetings/{meeting_id}/agenda.ics"): Op(G, Can.KNOW, "meeting"),
    # the audit log of a series
    (G, "/api/series/{series_id}/audit"): Op(G, Can.CONVENE, "series"),
}

EXCLUDED_API = {
    ("PATCH", "/api/organisations/{organisation_id}"): (
        "acts on an organisation (no matrix kind): tests/registry/test_registry_api.py"
    ),
    ("POST", "/api/auth/token"): "exchanges a password for a token: open to everyone by design",
    (
        "DELETE",
        "/api/auth/token",
    ): "revokes the caller's own token: tests/api/test_token_revocation.py",
}
