"""A large room's map is recomputed as a task (balloons/opinion.py): pages and the API show
the last map and say a newer one is coming; many viewers ask for one task; closing and
endorsing never rely on an old map."""

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from secondtrack.balloons.models import Balloon, OpinionSnapshot
from secondtrack.taskqueue import runner as tasks
from tests.balloons.test_balloons import statements, vote
from tests.balloons.test_opinion_map import planted_room
from tests.record.helpers import bearer

TASK = "secondtrack.balloons.tasks.recompute_opinion"


@pytest.fixture
def large(settings, django_capture_on_commit_callbacks):
    """A room of twelve counts as large; tasks wait in the database for a worker. Returns
    `get`, which runs a request's on-commit work (enqueueing) when it ends, as it happens
    outside the test's transaction."""
    settings.SECONDTRACK_OPINION_BACKGROUND_FROM = 10
    settings.SECONDTRACK_TASKS = "worker"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def get(client, url, **auth):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(url, **auth)
        assert response.status_code == 200
        return response

    return get


def _opinion(get, client, auth, bid):
    return get(client, f"/api/balloons/{bid}/opinion", **auth).json()


def _asked():
    return DBTaskResult.objects.filter(task_path=TASK).count()


def _run_worker():
    tasks.LeasedWorker(worker_id="test", batch=True).run()


def test_pages_show_the_last_map_while_one_task_computes_the_next(large, client, room):
    bid, alice = planted_room(client, room)
    assert _asked() == 0  # reacting never waits for the map

    first = _opinion(large, client, alice, bid)
    assert (first["updating"], first["computed_at"], first["groups"]) == (True, None, [])
    assert first["support"]["reacted"] == 12  # counted at once, without the map
    page = Client()
    page.force_login(room.alice)
    html = large(page, f"/balloons/{bid}/map/").content.decode()
    assert "The map is being drawn" in html
    _opinion(large, client, bearer(client, room.users[3]), bid)
    assert _asked() == 1  # three viewers, one task

    _run_worker()
    ready = _opinion(large, client, alice, bid)
    assert ready["updating"] is False and ready["computed_at"]
    assert sorted(g["size"] for g in ready["groups"]) == [6, 6]
    assert "being drawn" not in large(page, f"/balloons/{bid}/map/").content.decode()

    # A member changes their mind: the last map is shown, marked as being brought up to date.
    ids = {s["text"]: s["id"] for s in statements(client, alice, bid)}
    vote(client, bearer(client, room.users[0]), bid, ids["Statement B"], -1)
    behind = _opinion(large, client, alice, bid)
    assert behind["updating"] is True
    assert behind["groups"] == ready["groups"] and behind["computed_at"] == ready["computed_at"]
    assert "being brought up to date" in large(page, f"/balloons/{bid}/map/").content.decode()
    assert _asked() == 2
    _run_worker()
    assert _opinion(large, client, alice, bid)["updating"] is False


def test_the_background_map_is_the_map_computed_in_the_request(large, settings, client, room):
    bid, alice = planted_room(client, room)
    _opinion(large, client, alice, bid)
    _run_worker()
    background = _opinion(large, client, alice, bid)
    settings.SECONDTRACK_OPINION_BACKGROUND_FROM = 0
    direct = _opinion(large, client, alice, bid)
    for key in ("groups", "consensus", "cross_line", "points", "stability", "support"):
        assert background[key] == direct[key], key


def test_closing_uses_the_latest_reactions_and_drops_the_snapshot(large, client, room):
    bid, alice = planted_room(client, room)
    _opinion(large, client, alice, bid)
    _run_worker()
    (proposal,) = [s for s in statements(client, alice, bid) if s["kind"] == "proposal"]
    for user in room.users[:4]:  # the snapshot still has all twelve agreeing
        vote(client, bearer(client, user), bid, proposal["id"], -1)
    response = client.post(
        f"/api/balloons/{bid}/close",
        {"outcome": "parked"},
        content_type="application/json",
        **bearer(client, room.convenor),
    )
    assert response.status_code == 200
    final = Balloon.objects.get(id=bid).final_map
    assert (final["support"]["agree"], final["support"]["disagree"]) == (8, 4), final["support"]
    assert "updating" not in final
    assert not OpinionSnapshot.objects.filter(balloon_id=bid).exists()
    _run_worker()  # a task asked for before the close finds nothing to do
    assert not OpinionSnapshot.objects.filter(balloon_id=bid).exists()


@pytest.mark.django_db(transaction=True)
def test_with_tasks_run_at_once_the_first_viewer_gets_the_map(settings, client, room):
    """Outside a transaction (a request; tasks run inline, as in `manage` scripts) the task
    has run by the time the page reads the snapshot again: no stale map is shown."""
    settings.SECONDTRACK_OPINION_BACKGROUND_FROM = 10
    bid, alice = planted_room(client, room)
    opinion = client.get(f"/api/balloons/{bid}/opinion", **alice).json()
    assert opinion["updating"] is False
    assert sorted(g["size"] for g in opinion["groups"]) == [6, 6]
