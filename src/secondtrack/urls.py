from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from secondtrack.accounts import twofactor_views as accounts
from secondtrack.analytics import views as analytics
from secondtrack.api.endpoints import api
from secondtrack.audit import views as audit
from secondtrack.balloons import views as balloons
from secondtrack.dialogues import delegation_views, invite_views
from secondtrack.dialogues import desk_views as desk
from secondtrack.dialogues import views as dialogues
from secondtrack.record import views as record
from secondtrack.registry import breach_views
from secondtrack.registry import edit_views as registry_edit
from secondtrack.registry import views as registry
from secondtrack.reports import views as reports
from secondtrack.trackone import views as trackone

urlpatterns = [
    path(
        "favicon.ico", RedirectView.as_view(url="/static/secondtrack/favicon.svg", permanent=True)
    ),
    path("", dialogues.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/code/", accounts.login_code, name="login_code"),
    path("account/two-factor/", accounts.two_factor, name="two_factor"),
    path("account/confirm/", accounts.confirm, name="reauth"),
    path("account/passkeys/", include("secondtrack.accounts.passkey_urls")),
    path("series/<int:series_id>/", dialogues.series_detail, name="series"),
    path("meetings/<int:meeting_id>/", dialogues.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/listing/", dialogues.my_listing, name="my_listing"),
    path("meetings/<int:meeting_id>/sessions/", dialogues.add_session, name="add_session"),
    path(
        "meetings/<int:meeting_id>/participants/<int:person_id>/revoke/",
        dialogues.revoke,
        name="revoke_participation",
    ),
    path("meetings/<int:meeting_id>/invite/", invite_views.invite, name="invite"),
    path(
        "series/<int:series_id>/delegation/",
        delegation_views.delegation_targets,
        name="delegation_targets",
    ),
    path("series/<int:series_id>/breaches/", breach_views.breach_log, name="breach_log"),
    path("series/<int:series_id>/same-faces/", analytics.same_faces, name="same_faces"),
    path("invitation/<str:token>/", dialogues.accept_invitation, name="accept_invitation"),
    path("sessions/<int:session_id>/", record.session_page, name="session"),
    path("sessions/<int:session_id>/contributions/", record.contribute, name="contribute"),
    path("sessions/<int:session_id>/check/", record.check, name="check_contribution"),
    path(
        "sessions/<int:session_id>/contributions/<str:contribution_id>/edit/",
        record.edit,
        name="edit_contribution",
    ),
    path(
        "sessions/<int:session_id>/contributions/<str:contribution_id>/withdraw/",
        record.withdraw,
        name="withdraw_contribution",
    ),
    path("sessions/<int:session_id>/close/", record.close, name="close_session"),
    path("meetings/<int:meeting_id>/balloons/", balloons.meeting_balloons, name="meeting_balloons"),
    path("series/<int:series_id>/balloons/", balloons.series_balloons, name="series_balloons"),
    path("balloons/<uuid:balloon_id>/", balloons.balloon_detail, name="balloon"),
    path("balloons/<uuid:balloon_id>/map/", balloons.balloon_map, name="balloon_map"),
    path("balloons/<uuid:balloon_id>/react/", balloons.react, name="balloon_react"),
    path(
        "balloons/<uuid:balloon_id>/statements/", balloons.add_statement, name="balloon_statement"
    ),
    path("balloons/<uuid:balloon_id>/amend/", balloons.amend, name="balloon_amend"),
    path("balloons/<uuid:balloon_id>/close/", balloons.close, name="balloon_close"),
    path("balloons/<uuid:balloon_id>/receipt/", balloons.check_receipt, name="balloon_receipt"),
    path(
        "balloons/<uuid:balloon_id>/statements/<uuid:statement_id>/endorse/",
        balloons.endorse,
        name="balloon_endorse",
    ),
    path(
        "balloons/<uuid:balloon_id>/export/votes.csv",
        balloons.export_votes,
        name="balloon_export_votes",
    ),
    path(
        "balloons/<uuid:balloon_id>/export/comments.csv",
        balloons.export_comments,
        name="balloon_export_comments",
    ),
    path("meetings/<int:meeting_id>/reports/", reports.meeting_reports, name="meeting_reports"),
    path("reports/<uuid:report_id>/", reports.report_page, name="report"),
    path("reports/<uuid:report_id>/edit/", reports.edit, name="report_edit"),
    path("reports/<uuid:report_id>/preview/", reports.preview, name="report_preview"),
    path("reports/<uuid:report_id>/dismiss/", reports.dismiss, name="report_dismiss"),
    path("reports/<uuid:report_id>/circulate/", reports.circulate, name="report_circulate"),
    path("reports/<uuid:report_id>/publish/", reports.publish, name="report_publish"),
    path("reports/<uuid:report_id>/review/", reports.review, name="report_review"),
    path(
        "reports/<uuid:report_id>/comments/<uuid:comment_id>/resolve/",
        reports.resolve,
        name="report_resolve",
    ),
    path("reports/<uuid:report_id>/export/<str:fmt>/", reports.export, name="report_export"),
    path("reports/<uuid:report_id>/deliver/", reports.deliver, name="report_deliver"),
    path(
        "series/<int:series_id>/proceedings/",
        reports.assemble_proceedings,
        name="assemble_proceedings",
    ),
    path("series/<int:series_id>/uptake/", trackone.dashboard, name="trackone_dashboard"),
    path("series/<int:series_id>/uptake.csv", trackone.funnel_csv, name="trackone_funnel_csv"),
    path("series/<int:series_id>/trackone/", trackone.desk, name="trackone_desk"),
    path("series/<int:series_id>/trackone/bodies/", trackone.add_body, name="trackone_body"),
    path(
        "series/<int:series_id>/trackone/bodies/<int:body_id>/contacts/",
        trackone.add_contact,
        name="trackone_contact",
    ),
    path(
        "series/<int:series_id>/trackone/memoranda/<uuid:report_id>/proposals/",
        trackone.add_proposal,
        name="trackone_proposal",
    ),
    path(
        "series/<int:series_id>/trackone/memoranda/<uuid:report_id>/transmit/",
        trackone.transmit,
        name="trackone_transmit",
    ),
    path(
        "series/<int:series_id>/trackone/transmissions/<uuid:transmission_id>/revoke/",
        trackone.revoke,
        name="trackone_revoke",
    ),
    path(
        "series/<int:series_id>/trackone/transmissions/<uuid:transmission_id>/responses/",
        trackone.respond_for,
        name="trackone_respond",
    ),
    path("balloons/<uuid:balloon_id>/lineage/", trackone.lineage, name="trackone_lineage"),
    path("t1/<str:token>/", trackone.recipient, name="trackone_recipient"),
    path("series/<int:series_id>/audit/", audit.series_audit, name="series_audit"),
    path("people/<int:person_id>/", registry.person_detail, name="person"),
    path("people/<int:person_id>/edit/", registry_edit.edit_person, name="edit_person"),
    path("people/<int:person_id>/merge/", registry_edit.merge_person, name="merge_person"),
    path(
        "organisations/<int:organisation_id>/edit/",
        registry_edit.edit_organisation,
        name="edit_organisation",
    ),
    path("rules/", dialogues.rules, name="docs_tracks"),
    # convenor's desk: series and meetings
    path("series/new/", desk.new_series, name="desk_new_series"),
    path("series/<int:series_id>/edit/", desk.edit_series, name="desk_edit_series"),
    path("series/<int:series_id>/meetings/new/", desk.new_meeting, name="desk_new_meeting"),
    path(
        "series/<int:series_id>/meetings/new/track/",
        desk.new_meeting_track,
        name="desk_new_meeting_track",
    ),
    path("meetings/<int:meeting_id>/edit/", desk.edit_meeting, name="desk_edit_meeting"),
    path("meetings/<int:meeting_id>/edit/track/", desk.meeting_track, name="desk_meeting_track"),
    path("meetings/<int:meeting_id>/clone/", desk.clone_meeting, name="desk_clone_meeting"),
    path(
        "meetings/<int:meeting_id>/side-meetings/new/",
        desk.add_side_meeting,
        name="desk_side_meeting",
    ),
    path(
        "meetings/<int:meeting_id>/drafts/<int:person_id>/invite/",
        desk.invite_draft,
        name="desk_invite_draft",
    ),
    path("", include("secondtrack.dialogues.timetable_urls")),  # convenor's desk: timetable
    path("", include("secondtrack.delivery.urls")),
    path("", include("secondtrack.notifications.urls")),
    path("", include("secondtrack.accounts.locale_urls")),  # language and time zone
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
