import pytest

from secondtrack.dialogues.models import Participation
from tests import factories


@pytest.fixture
def room(world):
    """Alpha with twelve members: six from JP at a university, six from KR at a ministry,
    plus alice and carol; `room.users` are their logins."""
    uni = factories.organisation("Tokai University")
    mofa = factories.organisation("Ministry of Foreign Affairs", kind="ministry", country="KR")
    users = []
    for n in range(12):
        org, country = (uni, "JP") if n < 6 else (mofa, "KR")
        person = factories.person(f"Member {n:02d}", (org, "employment"), countries=[country])
        factories.attend(world.alpha, person)
        users.append(factories.user_for(person, f"member{n:02d}@example.org"))
    world.users = users
    return world


def listener(world):
    Participation.objects.filter(person=world.alice.person).update(role="track_one_observer")
