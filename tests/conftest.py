import pytest

from secondtrack.demo.load import load_demo
from tests import factories


@pytest.fixture
def world(db):
    """A small world: one series with a convenor, two meetings with distinct members."""
    return factories.World.build()


@pytest.fixture
def demo(db):
    """The full demo dialogue, with every demo account's password set to DEMO_PASSWORD."""
    return {a.role + ":" + a.email: a for a in load_demo(password=factories.DEMO_PASSWORD)}
