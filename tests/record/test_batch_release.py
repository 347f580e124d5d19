"""Shuffled batch release (design §3): in a small non-attributed room, others see a new
contribution only in a shuffled batch; the author sees it at once."""

import asyncio
import threading

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection

from secondtrack.dialogues.models import Participation, Session
from secondtrack.record import batches, live, services
from secondtrack.record.models import Contribution
from secondtrack.record.selectors import session_access, session_record
from tests import factories

BATCH = 3


@pytest.fixture
def batching(settings):
    settings.SECONDTRACK_BATCH_SIZE = BATCH
    settings.SECONDTRACK_BATCH_SECONDS = 60
    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture
def session(world):
    return world.alpha.sessions.get()


class Listener:
    """A member's live socket, as the channel layer sees it: the events it is sent."""

    def __init__(self, session, capture):
        self.commit = lambda: capture(execute=True)  # run on-commit sends as a commit would
        self.layer = get_channel_layer()
        self.channel = async_to_sync(self.layer.new_channel)()
        async_to_sync(self.layer.group_add)(live.group_name(session.id), self.channel)

    def heard(self) -> list[dict]:
        async def drain() -> list[dict]:
            out = []
            while True:
                try:
                    message = await asyncio.wait_for(self.layer.receive(self.channel), 0.05)
                except TimeoutError:
                    return out
                out.append(message["payload"])

        return async_to_sync(drain)()


@pytest.fixture
def listener(session, django_capture_on_commit_callbacks):
    return Listener(session, django_capture_on_commit_callbacks)


def sixty_seconds_pass(session) -> None:
    """The clock is a cache key that expires; expiring it is what a minute's wait does."""
    cache.delete(batches._clock_key(session.id))


def texts(user, session) -> list[str]:
    return [c.text for c in session_record(session_access(user, session.id))]


def say(user, session, text: str, listener=None) -> Contribution:
    if listener is None:
        return services.post(session_access(user, session.id), text).contribution
    with listener.commit():
        return services.post(session_access(user, session.id), text).contribution


def test_others_do_not_see_a_contribution_until_its_batch_is_due(world, session, batching):
    assert batches.batched(session)  # Chatham House, two speakers
    say(world.alice, session, "One.")
    say(world.alice, session, "Two.")
    assert texts(world.carol, session) == []
    assert texts(world.convenor, session) == []
    say(world.carol, session, "Three.")  # the third completes the first batch
    assert sorted(texts(world.alice, session)) == ["One.", "Three.", "Two."]
    assert sorted(texts(world.convenor, session)) == ["One.", "Three.", "Two."]


def test_a_full_batch_still_waits_for_the_minute_since_the_last(world, session, batching):
    for n in range(BATCH):
        say(world.alice, session, f"First {n}.")
    for n in range(BATCH):
        say(world.alice, session, f"Second {n}.")
    assert len(texts(world.carol, session)) == BATCH
    sixty_seconds_pass(session)
    assert len(texts(world.carol, session)) == 2 * BATCH  # reading the record released it


def test_the_author_sees_their_own_pending_contribution_at_once(world, session, batching):
    c = say(world.alice, session, "Mine, waiting.")
    assert not c.released
    access = session_access(world.alice, session.id)
    rows = session_record(access)
    assert [r.text for r in rows] == ["Mine, waiting."]
    assert services.mine(access, rows) == {str(c.id)}
    assert texts(world.carol, session) == []


def test_the_batch_order_is_not_the_posting_order(world, session, batching, listener):
    batching.SECONDTRACK_BATCH_SECONDS = 0
    out_of_order = 0
    for round_ in range(40):
        posted = [
            str(say(world.alice, session, f"R{round_} n{n}.", listener).id) for n in range(BATCH)
        ]
        heard = [e["id"] for e in listener.heard() if e["event"] == "posted"]
        assert sorted(heard) == sorted(posted)  # each once, all of them, and only on release
        out_of_order += heard != posted
    # A shuffle of 3 keeps posting order with p = 1/6; all 40 in order: p = 1/6**40 < 1e-31.
    assert out_of_order > 0


def test_others_hear_nothing_until_the_batch_goes_out(world, session, batching, listener):
    say(world.alice, session, "Quiet one.", listener)
    say(world.carol, session, "Quiet two.", listener)
    assert listener.heard() == []
    say(world.alice, session, "Now.", listener)
    assert len(listener.heard()) == BATCH


def test_on_the_record_is_immediate(world, session, batching):
    Session.objects.filter(id=session.id).update(rule="on_the_record")
    session.refresh_from_db()
    assert not batches.batched(session)
    say(world.alice, session, "Said on the record.")
    assert texts(world.carol, session) == ["Said on the record."]


def test_a_room_of_fifteen_speakers_is_immediate(world, session, batching):
    for n in range(13):
        factories.attend(world.alpha, factories.person(f"Speaker {n}"))
    factories.attend(world.alpha, factories.person("Listener"), role="track_one_observer")
    factories.attend(world.alpha, factories.person("Gone"), status="revoked")
    assert batches.speakers(session) == 15
    assert not batches.batched(session)
    say(world.alice, session, "Heard at once.")
    assert texts(world.carol, session) == ["Heard at once."]


def test_fourteen_speakers_and_listeners_still_batch(world, session, batching):
    for n in range(12):
        factories.attend(world.alpha, factories.person(f"Speaker {n}"))
    for n in range(3):
        factories.attend(world.alpha, factories.person(f"Listener {n}"), role="funder")
    assert batches.speakers(session) == 14
    assert batches.batched(session)


def test_two_release_attempts_never_release_twice(world, session, batching):
    for n in range(BATCH - 1):
        say(world.alice, session, f"Waiting {n}.")
    settings_size = batching.SECONDTRACK_BATCH_SIZE
    batching.SECONDTRACK_BATCH_SIZE = BATCH + 1  # keep the third post from releasing
    say(world.carol, session, "Third.")
    batching.SECONDTRACK_BATCH_SIZE = settings_size
    first, second = batches.release_due(session), batches.release_due(session)
    assert (len(first), len(second)) == (BATCH, 0)


@pytest.mark.django_db(transaction=True)
def test_two_processes_releasing_at_once_release_each_contribution_once(batching):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections: run on PostgreSQL")
    world = factories.World.build()
    session = world.alpha.sessions.get()
    batching.SECONDTRACK_BATCH_SIZE = 100
    for n in range(BATCH):
        say(world.alice, session, f"Waiting {n}.")
    batching.SECONDTRACK_BATCH_SIZE = BATCH
    start, released = threading.Barrier(4), []

    def attempt() -> None:
        start.wait()
        try:
            released.extend(c.id for c in batches.release_due(session))
        finally:
            connection.close()

    workers = [threading.Thread(target=attempt) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=20)
    assert sorted(released) == sorted(Contribution.objects.values_list("id", flat=True))


def test_closing_releases_what_is_pending(world, session, batching):
    say(world.alice, session, "Before the close.")
    assert texts(world.carol, session) == []
    services.close(session_access(world.convenor, session.id))
    assert texts(world.carol, session) == ["Before the close."]
    assert Contribution.objects.get().released


def test_edits_of_a_pending_contribution_reach_no_one(world, session, batching, listener):
    access = session_access(world.alice, session.id)
    c = say(world.alice, session, "Draft.", listener)
    with listener.commit():
        services.edit(access, c, "Revised.")
        services.withdraw(access, Contribution.objects.get(id=c.id))
    assert listener.heard() == []
    assert not Contribution.objects.get(id=c.id).released


def test_a_revoked_speaker_no_longer_counts(world, session, batching):
    Participation.objects.filter(person=world.carol.person).update(status="revoked")
    assert batches.speakers(session) == 1
