"""PostgreSQL connections are bounded per process by psycopg's pool, set from the
environment (docs/operators.md); no connection is opened here: the settings are read."""

import json
import os
import subprocess
import sys

SHOW = (
    "import django, os, json; os.environ['DJANGO_SETTINGS_MODULE'] = 'secondtrack.settings'; "
    "django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {}).get('pool')))"
)


def pool_for(tmp_path, **env):
    full = {k: v for k, v in os.environ.items() if not k.startswith(("SECONDTRACK_", "DJANGO_"))}
    full.update(SECONDTRACK_DATA_DIR=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "st"))
    full.update(DATABASE_URL="postgres://u:p@127.0.0.1:5432/secondtrack", **env)
    done = subprocess.run(
        [sys.executable, "-c", SHOW], env=full, capture_output=True, text=True, timeout=60
    )
    return done


def test_postgresql_gets_a_bounded_pool_by_default(tmp_path):
    done = pool_for(tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"min_size": 2, "max_size": 10, "timeout": 10}


def test_the_pool_size_comes_from_the_environment(tmp_path):
    done = pool_for(tmp_path, DATABASE_POOL_MAX_SIZE="4", DATABASE_POOL_TIMEOUT="3")
    assert json.loads(done.stdout) == {"min_size": 2, "max_size": 4, "timeout": 3}


def test_the_pool_can_be_turned_off_for_pgbouncer(tmp_path):
    done = pool_for(tmp_path, DATABASE_POOL="false")
    assert json.loads(done.stdout) is None


def test_persistent_connections_and_the_pool_are_refused_together(tmp_path):
    done = pool_for(tmp_path, DATABASE_CONN_MAX_AGE="60")
    assert done.returncode != 0
    assert "DATABASE_CONN_MAX_AGE must be 0 with DATABASE_POOL" in done.stderr
