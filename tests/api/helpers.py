"""A line each: a bearer token, JSON calls, and members with a role of their own."""

from django.conf import settings

from secondtrack.accounts.models import ApiToken
from tests import factories


def auth(user):
    return {"HTTP_AUTHORIZATION": "Bearer " + ApiToken.issue(user, settings.API_TOKEN_DAYS)}


def call(client, method, path, user, body=None):
    send = getattr(client, method)
    if body is None:
        return send(path, **auth(user))
    return send(path, body, content_type="application/json", **auth(user))


def member_with_role(meeting, role, email):
    """A member of the meeting whose role is `role` (e.g. funder, track_one_observer)."""
    p = factories.person(email.split("@")[0].title())
    factories.attend(meeting, p, role=role)
    return factories.user_for(p, email)
