"""Property-based run of the whole API against its own OpenAPI schema (schemathesis).

For each operation, a few generated requests as a convenor and as a participant: no
server error, every status code documented, every body as the schema says.
"""

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from secondtrack.accounts.models import ApiToken

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def the_test_connection_stays_open():
    """As Django's test client does: the WSGI app must not close the test's connection."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def tokens(world):
    return [ApiToken.issue(u, settings.API_TOKEN_DAYS) for u in (world.convenor, world.alice)]


@schema.parametrize()
@hypothesis_settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_documented_contract(case, tokens):
    for raw in tokens:
        case.call_and_validate(headers={"Authorization": f"Bearer {raw}"}, checks=CHECKS)
