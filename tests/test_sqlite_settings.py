"""SQLite keeps WAL, immediate transactions and a busy timeout however it is configured."""

import os
import subprocess
import sys

SHOW = (
    "import django, os, json; os.environ['DJANGO_SETTINGS_MODULE'] = 'secondtrack.settings'; "
    "django.setup(); from django.db import connection; c = connection.cursor(); "
    "c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]; "
    "print(json.dumps([mode, connection.settings_dict['OPTIONS'].get('transaction_mode'), "
    "connection.settings_dict['OPTIONS'].get('timeout')]))"
)


def sqlite_setup(tmp_path, **env):
    full = {k: v for k, v in os.environ.items() if not k.startswith(("SECONDTRACK_", "DJANGO_"))}
    full.pop("DATABASE_URL", None)
    full.update(SECONDTRACK_DATA_DIR=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "st"))
    full.update(env)
    done = subprocess.run(
        [sys.executable, "-c", SHOW], env=full, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_default_file_uses_wal_and_immediate_transactions(tmp_path):
    assert sqlite_setup(tmp_path) == '["wal", "IMMEDIATE", 20]'


def test_an_explicit_sqlite_url_keeps_them(tmp_path):
    url = f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}"
    assert sqlite_setup(tmp_path, DATABASE_URL=url) == '["wal", "IMMEDIATE", 20]'
