import pytest

from secondtrack.demo.load import load_demo
from tests import factories


@pytest.fixture(autouse=True)
def session_keys_in_tmp(settings, tmp_path):
    """Each test gets its own key store folder, as an operator's would be outside the DB."""
    settings.SECONDTRACK_KEYSTORE = "file"
    settings.SECONDTRACK_KEY_DIR = tmp_path / "keys"
    return settings.SECONDTRACK_KEY_DIR


@pytest.fixture
def world(db):
    """A small world: one series with a convenor, two meetings with distinct members."""
    return factories.World.build()


@pytest.fixture
def demo(db):
    """The full demo dialogue, with every demo account's password set to DEMO_PASSWORD."""
    return {a.role + ":" + a.email: a for a in load_demo(password=factories.DEMO_PASSWORD)}
