"""One ``notify_<kind>`` per event, called by the service that performs the action.

Each writes its notices into the outbox inside the caller's transaction and asks for
them to be mailed after it commits. Recipients come from the access policy
(``selectors``); no notice names who floated, amended, said or commented anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secondtrack.accounts.middleware import person_language, person_zone
from secondtrack.accounts.models import User
from secondtrack.core.policy import Can
from secondtrack.notifications import outbox, selectors
from secondtrack.notifications.models import CHOOSABLE, Delivery, Kind, Notice, Preference

REMINDER_HOURS = 48


def site_url(path: str) -> str:
    return settings.SECONDTRACK_SITE_URL.rstrip("/") + path


def _notify(
    users: Iterable[User],
    kind: Kind,
    subject: str | Callable[[], str],
    template: str,
    context: dict,
    about: str = "",
) -> list[Notice]:
    """A notice per person as each chose (at once, in the digest, or not at all); with
    ``about``, never a second one to the same person about the same thing."""
    already: set[int] = set()
    if about:
        already = set(
            Notice.objects.filter(kind=kind, about=about, user__isnull=False).values_list(
                "user_id", flat=True
            )
        )
    notices = []
    for user in users:
        delivery = selectors.delivery_for(user, kind)
        if delivery == Delivery.OFF or user.id in already:
            continue
        with translation.override(person_language(user) or settings.LANGUAGE_CODE):
            # each person reads their notice in their own language (the subject too)
            body = render_to_string(template, {**context, "preferences": _preferences_link()})
            said = subject() if callable(subject) else str(subject)
        notices.append(
            outbox.put(
                recipient=user.email,
                user=user,
                kind=kind,
                subject=said,
                body=body,
                about=about,
                delivery=delivery,
            )
        )
    outbox.send_after_commit(notices)
    return notices


def notify_invitation(*, email: str, meeting, person, link: str, days: int) -> Notice:
    """The invitation with its single-use link: always sent, at once; in the invitee's
    language and time zone when they have an account, else the site's (UTC)."""
    user = User.objects.filter(email=email).first()
    with (
        translation.override(person_language(user) or settings.LANGUAGE_CODE),
        timezone.override(person_zone(user) or ZoneInfo("UTC")),
    ):
        body = render_to_string(
            "dialogues/invitation_email.txt",
            {"meeting": meeting, "link": link, "days": days, "person": person},
        )
        subject = _("Invitation: %(title)s") % {"title": meeting.title}
    notice = outbox.put(
        recipient=email,
        user=user,
        kind=Kind.INVITATION,
        subject=subject,
        body=body,
        about=f"meeting:{meeting.id}",
    )
    outbox.send_after_commit([notice])
    return notice


def notify_transmission(*, contact, version, body, link: str, days: int) -> Notice:
    """A memorandum's no-account link to a Track One contact: always sent, at once, in
    the memorandum's language (the contact has no profile to choose one)."""
    with translation.override(version.language):
        text = render_to_string(
            "trackone/transmission_email.txt",
            {"contact": contact, "memorandum": version, "link": link, "body": body, "days": days},
        )
        subject = _("Memorandum: %(title)s") % {"title": version.title}
    notice = outbox.put(
        recipient=contact.email,
        kind=Kind.TRANSMISSION,
        subject=subject,
        body=text,
    )
    outbox.send_after_commit([notice])
    return notice


def notify_balloon(balloon) -> list[Notice]:
    """A new trial balloon: to everyone who may read it, its author too, so that the
    notice's list of recipients says nothing about who floated it."""
    if balloon.meeting_id:
        users = selectors.meeting_readers(balloon.meeting, Can.READ_CONTENT)
        where = balloon.meeting.title
    else:
        users = selectors.series_readers(balloon.series_id, Can.READ_CONTENT)
        where = format_lazy(gettext_lazy("{series} (series-wide)"), series=balloon.series.title)
    return _notify(
        users,
        Kind.BALLOON,
        lambda: _("New trial balloon: %(where)s") % {"where": str(where)},
        "notifications/email/balloon.txt",
        {"balloon": balloon, "where": where, "link": _link("balloon", balloon.id)},
        about=f"balloon:{balloon.id}",
    )


def notify_review(report) -> list[Notice]:
    """A draft circulated for review: to those who may comment on it, with the deadline."""
    if report.meeting_id:
        users = selectors.meeting_readers(report.meeting, Can.REVIEW)
        where = report.meeting.title
    else:
        users = selectors.series_readers(report.series_id, Can.REVIEW)
        where = report.series.title
    return _notify(
        users,
        Kind.REVIEW,
        lambda: (
            _("For your review by %(deadline)s: %(title)s")
            % {
                "deadline": formats.date_format(report.review_deadline, _("j F Y")),
                "title": report.title,
            }
        ),
        "notifications/email/review.txt",
        {
            "report": report,
            "where": where,
            "link": site_url(reverse("report_review", args=[report.id])),
        },
    )


def notify_publication(version) -> list[Notice]:
    """A report version published: to those who may read it in its meeting (or series);
    a public version goes to the members of the series."""
    report = version.report
    if report.meeting_id and version.visibility == "meeting":
        users = selectors.meeting_readers(report.meeting, Can.READ_CONTENT)
        where = report.meeting.title
    else:
        users = selectors.series_readers(report.series_id, Can.READ_CONTENT)
        where = report.meeting.title if report.meeting_id else report.series.title
    return _notify(
        users,
        Kind.PUBLICATION,
        lambda: _("Published: %(title)s") % {"title": version.title},
        "notifications/email/publication.txt",
        {"version": version, "where": where, "link": _link("report", report.id)},
        about=f"report:{report.id}:v{version.number}",
    )


def notify_memorandum_response(response) -> list[Notice]:
    """A Track One body's response to a proposal: to the series' convenors."""
    transmission = response.transmission
    series_id = transmission.body.series_id
    return _notify(
        selectors.series_convenors(series_id),
        Kind.MEMORANDUM_RESPONSE,
        lambda: _("Track One response: %(body)s") % {"body": transmission.body.name},
        "notifications/email/memorandum_response.txt",
        {
            "response": response,
            "link": site_url(reverse("trackone_desk", args=[series_id])),
        },
    )


def notify_session_open(session) -> list[Notice]:
    """A session has opened: to those who may read the room, once per session."""
    meeting = session.meeting
    return _notify(
        selectors.meeting_readers(meeting, Can.READ_CONTENT),
        Kind.SESSION_OPEN,
        lambda: (
            _("Session open: %(title)s (%(meeting)s)")
            % {"title": session.title, "meeting": meeting.title}
        ),
        "notifications/email/session_open.txt",
        {
            "session": session,
            "meeting": meeting,
            "link": site_url(reverse("session", args=[session.id])),
        },
        about=f"session:{session.id}",
    )


def meeting_begins(meeting) -> datetime:
    """When a meeting begins: its first timed session, else midnight of its first day
    in the meeting's own time zone."""
    first = meeting.sessions.filter(starts__isnull=False).order_by("starts").first()
    if first is not None:
        return first.starts
    zone = ZoneInfo(getattr(meeting, "time_zone", "") or "UTC")
    return datetime.combine(meeting.starts, time.min, tzinfo=zone)


def notify_due_reminders(now: datetime | None = None) -> list[Notice]:
    """Remind each member, once, of a meeting that begins within the next 48 hours."""
    from secondtrack.dialogues.models import Meeting

    now = now or timezone.now()
    soon = now + timedelta(hours=REMINDER_HOURS)
    by_day = Q(
        starts__gte=(now - timedelta(days=1)).date(), starts__lte=(soon + timedelta(days=1)).date()
    )
    by_session = Q(sessions__starts__gte=now, sessions__starts__lte=soon)
    candidates = Meeting.objects.filter(by_day | by_session).distinct().select_related("series")
    notices: list[Notice] = []
    for meeting in candidates:
        begins = meeting_begins(meeting)
        if not now <= begins <= soon:
            continue
        notices += _notify(
            selectors.meeting_members(meeting),
            Kind.REMINDER,
            lambda meeting=meeting, begins=begins: (
                _("Reminder: %(title)s begins %(day)s")
                % {
                    "title": meeting.title,
                    "day": formats.date_format(_local(begins, meeting), _("j F")),
                }
            ),
            "notifications/email/reminder.txt",
            {
                "meeting": meeting,
                "begins": begins,
                "zone": _zone(meeting),
                "sessions": list(meeting.sessions.all()),
                "link": site_url(reverse("meeting", args=[meeting.id])),
            },
            about=f"meeting:{meeting.id}",
        )
    return notices


def _link(name: str, *args: object) -> str:
    return site_url(reverse(name, args=args))


def _local(moment: datetime, meeting) -> datetime:
    return moment.astimezone(ZoneInfo(_zone(meeting)))


def _preferences_link() -> str:
    return site_url(reverse("notifications:preferences"))


def _zone(meeting) -> str:
    return getattr(meeting, "time_zone", "") or "UTC"


def set_preferences(user: User, chosen: dict[str, str]) -> dict[str, str]:
    """Save the person's choices (only the kinds given); invitations cannot be turned off."""
    kinds = {k.value for k in CHOOSABLE}
    for kind, delivery in chosen.items():
        if kind == Kind.INVITATION:
            raise ValidationError("Invitations are always sent: they carry your link.")
        if kind not in kinds:
            raise ValidationError(f"{kind!r} is not a kind of notice; use {', '.join(kinds)}.")
        if delivery not in Delivery.values:
            raise ValidationError(f"{delivery!r} is not a choice; use immediate, digest or off.")
    for kind, delivery in chosen.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
    return selectors.preferences_for(user)
