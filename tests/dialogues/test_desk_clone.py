"""Cloning a meeting for the next round: sessions shifted, the invitation list as drafts."""

from datetime import UTC, date, datetime

from django.urls import reverse

from secondtrack.access.standing import meetings_where
from secondtrack.analytics.selectors import composition_for, meeting_track
from secondtrack.core.policy import Can
from secondtrack.dialogues import desk, selectors
from secondtrack.dialogues.models import Invitation, Meeting, Participation, Session
from tests import factories
from tests.factories import PASSWORD


def login(client, user):
    assert client.login(username=user.email, password=PASSWORD)


def clone_of(world, **fields):
    fields = {"title": "Alpha II", "starts": date(2025, 4, 1), "ends": date(2025, 4, 2)} | fields
    return desk.clone_meeting(world.alpha, **fields)


def test_a_clone_copies_the_setting_and_the_sessions_shifted_by_the_new_dates(world):
    world.alpha.agenda_set_by = "co_organised"
    world.alpha.time_zone = "Asia/Tokyo"
    world.alpha.save()
    world.alpha.co_hosts.add(factories.organisation("Co-host Institute"))
    Session.objects.create(
        meeting=world.alpha,
        title="Officials' breakfast",
        rule="off_the_record",
        position=1,
        room="Room 2",
        duration_minutes=45,
        starts=datetime(2025, 3, 1, 23, 0, tzinfo=UTC),
    )
    clone = clone_of(world, place="Hanoi")
    assert (clone.series, clone.place, clone.time_zone) == (world.series, "Hanoi", "Asia/Tokyo")
    assert clone.agenda_set_by == "co_organised" and clone.parent is None
    assert [o.name for o in clone.co_hosts.all()] == ["Co-host Institute"]
    rows = list(clone.sessions.values_list("title", "rule", "position", "room", "duration_minutes"))
    assert rows == [
        ("Plenary", "chatham_house", 0, "", 60),
        ("Officials' breakfast", "off_the_record", 1, "Room 2", 45),
    ]
    timed = clone.sessions.get(position=1)
    assert timed.starts == datetime(2025, 4, 1, 23, 0, tzinfo=UTC) and timed.status == "scheduled"


def test_a_clone_keeps_the_list_as_drafts_without_invitations_or_mail(world, mailoutbox):
    factories.attend(world.alpha, factories.person("Revoked Person"), status="revoked")
    factories.attend(
        world.alpha,
        factories.person("Observer Person"),
        role="observer",
        capacity="official",
        status="invited",
    )
    clone = clone_of(world)
    drafts = {p.person.name: (p.status, p.role, p.capacity) for p in clone.participations.all()}
    assert drafts == {
        "Alice Tanaka": ("draft", "participant", "private"),
        "Carol Park": ("draft", "participant", "private"),
        "Observer Person": ("draft", "observer", "official"),
    }
    assert not Invitation.objects.filter(participation__meeting=clone).exists()
    assert mailoutbox == []


def test_drafts_are_not_members_and_count_nowhere(world):
    mofa = factories.organisation("MOFA", kind="ministry", mandate="government_body")
    official = factories.person("Serving Official", (mofa, "employment"))
    factories.attend(world.alpha, official, capacity="official")
    clone = clone_of(world)
    prefetched = selectors.meetings_with_people(Meeting.objects.filter(id=clone.id)).get()
    assert meeting_track(prefetched).participants == 0
    access = selectors.convened_meeting(world.convenor, clone.id)
    assert composition_for(access).total_shown.value == 0
    assert clone not in meetings_where(world.alice, Can.KNOW)


def test_a_draft_sees_nothing_of_the_new_meeting(client, world):
    clone = clone_of(world)
    login(client, world.alice)
    assert client.get(reverse("meeting", args=[clone.id])).status_code == 404
    assert "Alpha II" not in client.get(reverse("home")).content.decode()


def test_the_clone_page_creates_the_next_round(client, world):
    login(client, world.convenor)
    url = reverse("desk_clone_meeting", args=[world.alpha.id])
    assert (
        "Clone into a new meeting"
        in client.get(reverse("meeting", args=[world.alpha.id])).content.decode()
    )
    response = client.post(url, {"title": "Alpha II", "starts": "2025-04-01", "ends": "2025-04-02"})
    clone = Meeting.objects.get(title="Alpha II")
    assert response.url == reverse("meeting", args=[clone.id])
    page = client.get(response.url).content.decode()
    assert "Draft invitation list" in page and "Alice Tanaka" in page


def test_the_clone_page_rejects_bad_dates_and_writes_nothing(client, world):
    login(client, world.convenor)
    before = (Meeting.objects.count(), Participation.objects.count(), Session.objects.count())
    url = reverse("desk_clone_meeting", args=[world.alpha.id])
    response = client.post(url, {"title": "Alpha II", "starts": "2025-04-02", "ends": "2025-04-01"})
    assert "ends before it starts" in response.content.decode()
    assert (
        Meeting.objects.count(),
        Participation.objects.count(),
        Session.objects.count(),
    ) == before


def test_the_clone_page_is_refused_to_members_and_outsiders(client, world):
    url = reverse("desk_clone_meeting", args=[world.alpha.id])
    body = {"title": "Alpha II", "starts": "2025-04-01", "ends": "2025-04-02"}
    for user, status in ((world.alice, 403), (world.bob, 404), (world.outsider, 404)):
        login(client, user)
        assert client.post(url, body).status_code == status
    assert not Meeting.objects.filter(title="Alpha II").exists()


def test_invite_sends_the_drafted_invitation(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    world.alice.person.email = "alice@example.org"
    world.alice.person.save()
    clone = clone_of(world)
    login(client, world.convenor)
    url = reverse("desk_invite_draft", args=[clone.id, world.alice.person_id])
    with django_capture_on_commit_callbacks(execute=True):  # mailed once it commits
        assert client.post(url).status_code == 302
    p = Participation.objects.get(meeting=clone, person=world.alice.person)
    assert p.status == "invited" and p.invitations.count() == 1
    assert mailoutbox[0].to == ["alice@example.org"]


def test_invite_explains_a_missing_address_and_changes_nothing(client, world, mailoutbox):
    clone = clone_of(world)
    login(client, world.convenor)
    url = reverse("desk_invite_draft", args=[clone.id, world.carol.person_id])
    page = client.post(url, follow=True).content.decode()
    assert "has no e-mail address" in page
    assert Participation.objects.get(meeting=clone, person=world.carol.person).status == "draft"
    assert mailoutbox == []


def test_invite_is_refused_to_members(client, world):
    clone = clone_of(world)
    factories.attend(clone, world.bob.person)
    login(client, world.bob)
    url = reverse("desk_invite_draft", args=[clone.id, world.alice.person_id])
    assert client.post(url).status_code == 403
    assert not Invitation.objects.exists()


def test_an_untimed_session_of_the_clone_waits_for_the_convenor(world):
    clone = clone_of(world)
    untimed = clone.sessions.get(starts__isnull=True)
    assert untimed.status == Session.Status.SCHEDULED
    assert not untimed.rule_locked  # its rule can still be changed until it opens


def test_drafts_are_listed_apart_not_among_the_participants(client, world):
    clone = clone_of(world)
    login(client, world.convenor)
    page = client.get(reverse("meeting", args=[clone.id])).content.decode()
    participants = page.split('id="participants"')[1]
    assert "Alice Tanaka" not in participants  # she is on the draft list above
    assert "Alice Tanaka" in page
