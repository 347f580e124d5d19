import shutil

import pytest
from django.db import transaction
from django.test import override_settings

from tests.access import world as matrix_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One matrix world per module, built once inside a transaction that is rolled back at
    the end; each test runs in a savepoint of it (pytest-django's ``db``), so what one
    request changes is gone before the next test."""
    keys = tmp_path_factory.mktemp("matrix-keys")
    with (
        django_db_blocker.unblock(),
        override_settings(SECONDTRACK_KEYSTORE="file", SECONDTRACK_KEY_DIR=keys),
        transaction.atomic(),
    ):
        built = matrix_world.build()
        built.keys = keys
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def session_keys_in_tmp(settings, tmp_path, request):
    """The session keys of the module's world, copied afresh for each test: closing a
    session or publishing a report destroys a key, and the database savepoint cannot
    bring it back."""
    settings.SECONDTRACK_KEYSTORE = "file"
    settings.SECONDTRACK_KEY_DIR = tmp_path / "keys"
    if "world" in request.fixturenames:
        keys = request.getfixturevalue("world").keys
        op = getattr(request.node, "callspec", None) and request.node.callspec.params.get("op")
        if op is not None and op.method == "GET":
            settings.SECONDTRACK_KEY_DIR = keys  # reads destroy nothing: skip the copy
        else:
            shutil.copytree(keys, tmp_path / "keys")
    return settings.SECONDTRACK_KEY_DIR
