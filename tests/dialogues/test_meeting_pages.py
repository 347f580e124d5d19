import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD


def login(client, user):
    assert client.login(username=user.email, password=PASSWORD)


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get(reverse("meeting", args=[world.alpha.id]))
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_participant_sees_only_their_meetings(client, world):
    login(client, world.alice)
    page = client.get(reverse("home")).content.decode()
    assert "Alpha Meeting" in page
    assert "Beta Meeting" not in page


def test_other_meetings_are_404_with_no_trace_of_them(client, world):
    login(client, world.alice)
    response = client.get(reverse("meeting", args=[world.beta.id]))
    assert response.status_code == 404
    body = response.content.decode()
    assert "Beta" not in body and "Bob" not in body


def test_a_missing_meeting_and_a_forbidden_one_look_the_same(client, world):
    login(client, world.alice)
    forbidden = client.get(reverse("meeting", args=[world.beta.id]))
    missing = client.get(reverse("meeting", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404
    # Byte for byte the same page, but for the CSRF token Django masks afresh on every page
    # and the path asked for.
    assert unmasked(forbidden.content) == unmasked(missing.content)


def unmasked(page: bytes) -> bytes:
    """The CSRF token masked, and the language switcher's way back (the asked path,
    which the caller knows already)."""
    page = re.sub(rb'name="next" value="[^"]*"', b'name="next" value="<path>"', page)
    return re.sub(rb"[A-Za-z0-9]{64}", b"<csrf>", page)


def test_outsider_sees_nothing(client, world):
    login(client, world.outsider)
    assert client.get(reverse("meeting", args=[world.alpha.id])).status_code == 404
    assert client.get(reverse("series", args=[world.series.id])).status_code == 404
    assert "Alpha" not in client.get(reverse("home")).content.decode()


def test_members_see_listed_names_and_a_count_of_the_unlisted(client, world):
    login(client, world.alice)
    page = client.get(reverse("meeting", args=[world.alpha.id])).content.decode()
    assert "Alice Tanaka" in page
    assert "Carol Park" not in page
    assert "1 more participant chose not to be listed" in page


def test_an_unlisted_participant_still_sees_themself(client, world):
    login(client, world.carol)
    page = client.get(reverse("meeting", args=[world.alpha.id])).content.decode()
    assert "Carol Park" in page


def test_convenor_sees_everyone_and_the_composition(client, world):
    login(client, world.convenor)
    page = client.get(reverse("meeting", args=[world.alpha.id])).content.decode()
    assert "Carol Park" in page and "Alice Tanaka" in page
    assert 'id="composition-country"' in page
    assert "<svg" in page


def test_members_do_not_see_composition(client, world):
    login(client, world.alice)
    page = client.get(reverse("meeting", args=[world.alpha.id])).content.decode()
    assert 'id="composition' not in page


def test_participant_chooses_to_be_listed(client, world):
    login(client, world.carol)
    response = client.post(reverse("my_listing", args=[world.alpha.id]), {"listing": "listed"})
    assert response.status_code == 302
    client.logout()
    login(client, world.alice)
    assert "Carol Park" in client.get(reverse("meeting", args=[world.alpha.id])).content.decode()


def test_listing_choice_for_another_meeting_is_404(client, world):
    login(client, world.carol)
    response = client.post(reverse("my_listing", args=[world.beta.id]), {"listing": "listed"})
    assert response.status_code == 404


def test_meeting_page_shows_track_with_explanation(client, world):
    login(client, world.alice)
    page = client.get(reverse("meeting", args=[world.alpha.id])).content.decode()
    assert "Track 3: no serving officials" in page


def test_only_convenors_add_sessions(client, world):
    login(client, world.alice)
    response = client.post(
        reverse("add_session", args=[world.alpha.id]), {"title": "X", "rule": "chatham_house"}
    )
    assert response.status_code == 403  # a member knows the meeting; the policy refuses
    assert world.alpha.sessions.count() == 1


def test_convenor_adds_a_session_with_a_rule(client, world):
    login(client, world.convenor)
    client.post(
        reverse("add_session", args=[world.alpha.id]),
        {"title": "Working lunch", "rule": "off_the_record"},
    )
    assert world.alpha.sessions.filter(title="Working lunch", rule="off_the_record").exists()


def test_person_page_is_visible_to_the_person_and_convenor_only(client, world):
    login(client, world.alice)
    own = client.get(reverse("person", args=[world.alice.person_id]))
    assert own.status_code == 200
    assert "Officialness" in own.content.decode()
    assert client.get(reverse("person", args=[world.bob.person_id])).status_code == 404
    client.logout()
    login(client, world.convenor)
    page = client.get(reverse("person", args=[world.bob.person_id]) + "?at=2025-03-01")
    assert "1.00" in page.content.decode()


def test_person_page_explains_a_bad_date(client, world):
    login(client, world.alice)
    page = client.get(reverse("person", args=[world.alice.person_id]) + "?at=yesterday")
    assert "is not a date written as YYYY-MM-DD" in page.content.decode()


@pytest.mark.parametrize("name", ["home", "login"])
def test_pages_send_a_content_security_policy(client, world, name):
    login(client, world.alice)
    response = client.get(reverse(name), follow=True)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_convenor_revokes_a_member_from_the_meeting_page(client, world):
    login(client, world.convenor)
    page = client.get(reverse("meeting", args=[world.alpha.id])).content.decode()
    revoke = reverse("revoke_participation", args=[world.alpha.id, world.alice.person_id])
    assert revoke in page
    assert client.post(revoke).status_code == 302
    client.logout()
    login(client, world.alice)
    assert client.get(reverse("meeting", args=[world.alpha.id])).status_code == 404
