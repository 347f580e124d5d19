"""Session keys live apart from the data folder, so a backup of it cannot attribute."""

import os
import subprocess
import sys

SHOW = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'secondtrack.settings'; "
    "django.setup(); from django.conf import settings; "
    "print(settings.SECONDTRACK_KEY_DIR); print(settings.DATA_DIR)"
)


def settings_with(tmp_path, **env):
    full = {k: v for k, v in os.environ.items() if not k.startswith(("SECONDTRACK_", "DJANGO_"))}
    full.update(SECONDTRACK_DATA_DIR=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"))
    full.update(env)
    return subprocess.run(
        [sys.executable, "-c", SHOW], env=full, capture_output=True, text=True, timeout=60
    )


def test_by_default_keys_are_outside_the_data_folder(tmp_path):
    done = settings_with(tmp_path)
    keys, data = done.stdout.split()
    assert not keys.startswith(data)
    assert keys.startswith(str(tmp_path / "state" / "secondtrack" / "keys"))


def test_it_refuses_a_key_folder_inside_the_data_folder(tmp_path):
    done = settings_with(tmp_path, SECONDTRACK_KEY_DIR=str(tmp_path / "data" / "keys"))
    assert done.returncode != 0
    assert "inside the data folder" in done.stderr


def test_keys_beside_the_data_must_be_asked_for_explicitly(tmp_path):
    done = settings_with(
        tmp_path,
        SECONDTRACK_KEY_DIR=str(tmp_path / "data" / "keys"),
        SECONDTRACK_KEYS_BESIDE_DATA="true",
    )
    assert done.returncode == 0, done.stderr
