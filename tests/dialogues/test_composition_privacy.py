"""Composition reaches analysts and funders, coarsened so it cannot single anyone out;
convenors, who see the full list anyway, get exact counts."""

from secondtrack.dialogues.models import SeriesRole
from tests.factories import PASSWORD, attend, meeting, person, user_for


def composition_page(client, user, m):
    assert client.login(username=user.email, password=PASSWORD)
    return client.get(f"/meetings/{m.id}/")


def test_an_analyst_sees_no_cell_of_fewer_than_three(client, world):
    analyst = user_for(None, "analyst@example.org")
    SeriesRole.objects.create(series=world.series, user=analyst, role="analyst")
    body = composition_page(client, analyst, world.alpha).content.decode()
    assert 'id="composition"' in body
    assert "Alice Tanaka" not in body
    assert "fewer than 3" in body  # alpha has two members: the room is not described
    assert 'id="composition-country"' not in body


def test_a_side_meeting_of_one_describes_nobody_to_a_funder(client, world):
    side = meeting(world.series, "Margins", parent=world.alpha)
    attend(side, person("Solo Official", countries=["SG"]))
    funder = user_for(person("Fay Funder"), "fay@example.org")
    attend(side, funder.person, role="funder")
    body = composition_page(client, funder, side).content.decode()
    assert 'id="composition"' in body  # the funder reaches the aggregates...
    assert 'id="composition-country"' not in body  # ...but a room of two is not described
    assert "Solo Official" not in body


def test_the_convenor_sees_exact_counts(client, world):
    body = composition_page(client, world.convenor, world.alpha).content.decode()
    assert 'id="composition-country"' in body
    assert "fewer than" not in body
