"""Errors come as pages of the site, with a way back; the favicon exists."""

import pytest
from django.test import Client

from tests.factories import PASSWORD


def test_a_missing_page_has_the_site_layout_and_a_way_back(client, world):
    assert client.login(username=world.alice.email, password=PASSWORD)
    page = client.get("/meetings/999999/")
    body = page.content.decode()
    assert page.status_code == 404
    assert 'id="error-page"' in body and 'href="/"' in body
    assert "secondtrack" in body  # the header of every page


def test_a_refusal_says_why_in_the_site_layout(client, world):
    assert client.login(username=world.alice.email, password=PASSWORD)
    page = client.get(f"/meetings/{world.alpha.id}/invite/")
    assert page.status_code == 403
    assert "convenors do this." in page.content.decode()  # the policy's sentence
    assert 'id="error-page"' in page.content.decode()


@pytest.mark.django_db
def test_a_server_error_page_renders_without_a_request():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    page = server_error(RequestFactory().get("/"))
    assert page.status_code == 500
    assert b"Something went wrong on our side" in page.content
    assert b'href="/"' in page.content


def test_the_favicon_is_served(db):
    client = Client()
    icon = client.get("/favicon.ico", follow=True)
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content) if icon.streaming else icon.content
