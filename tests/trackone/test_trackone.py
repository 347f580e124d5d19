"""Bodies, transmissions, the recipient page, responses, the funnel: on the demo data."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from secondtrack.accounts.models import User
from secondtrack.reports.models import Report
from secondtrack.trackone import services
from secondtrack.trackone.models import Body, Response, Transmission
from tests.factories import DEMO_PASSWORD

CONVENOR = "weiling.lim@example.org"
PARTICIPANT = "antonio.delacruz@example.org"


def api_token(client, email):
    response = client.post(
        "/api/auth/token",
        {"email": email, "password": DEMO_PASSWORD},
        content_type="application/json",
    )
    return {"HTTP_AUTHORIZATION": "Bearer " + response.json()["token"]}


def memo():
    return Report.objects.get(kind="memorandum")


def fresh_link(client, body_name="Forum"):
    series = memo().series
    body = services.add_body(series, body_name, "intergovernmental_forum")
    services.add_contact(body, "Desk", "desk@forum.example.org")
    convenor = User.objects.get(email=CONVENOR)
    with TestCase.captureOnCommitCallbacks(execute=True):  # mailed once the transmission commits
        _, raw = services.transmit(memo(), body, convenor, "http://testserver")
    return f"/t1/{raw}/"


def _funnel(client, email):
    series = memo().series
    f = client.get(f"/api/series/{series.id}/funnel", **api_token(client, email)).json()
    return (f["floated"], f["consensus"], f["transmitted"], f["taken_up"])


def test_funnel_on_the_demo_data(client, demo):
    assert _funnel(client, CONVENOR) == (3, 2, 2, 1)


def test_a_members_funnel_counts_only_the_meetings_they_belong_to(client, demo):
    # Antonio is not a member of the Seoul meeting, where the third proposal was floated.
    assert _funnel(client, PARTICIPANT) == (2, 2, 2, 1)


def test_funnel_csv_export(client, demo):
    series = memo().series
    assert client.login(username=CONVENOR, password=DEMO_PASSWORD)
    response = client.get(reverse("trackone_funnel_csv", args=[series.id]))
    lines = response.content.decode().splitlines()
    assert lines[:5] == [
        "stage,proposals",
        "floated,3",
        "reaching consensus,2",
        "transmitted,2",
        "taken up,1",
    ]


def test_transmission_emails_each_contact_a_link_that_needs_no_account(client, demo):
    mail.outbox.clear()
    link = fresh_link(client)
    assert mail.outbox[-1].to == ["desk@forum.example.org"]
    assert link in mail.outbox[-1].body
    page = client.get(link)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Coast guard encounters" in body and "Proposal 1." in body


def test_recipient_records_a_response_per_proposal(client, demo):
    link = fresh_link(client)
    proposal = memo().proposals.first()
    client.post(
        link,
        {
            "proposal": proposal.id,
            "status": "adopted_in_part",
            "note": "Parts adopted.",
            "document_url": "https://forum.example.org/d",
        },
    )
    response = Response.objects.get(note="Parts adopted.")
    assert response.by_recipient and response.status == "adopted_in_part"
    assert "Parts adopted." in client.get(link).content.decode()


def test_recipient_bad_input_is_explained_and_changes_nothing(client, demo):
    link = fresh_link(client)
    proposal = memo().proposals.first()
    before = Response.objects.count()
    page = client.post(link, {"proposal": proposal.id, "status": "loved"}, follow=True)
    assert "The response is one of" in page.content.decode()
    page = client.post(
        link,
        {"proposal": proposal.id, "status": "noted", "document_url": "javascript:alert(1)"},
        follow=True,
    )
    assert "must start with https://" in page.content.decode()
    assert Response.objects.count() == before


def test_a_recipient_link_sees_only_its_memorandum(client, demo):
    link = fresh_link(client)
    other = Report.objects.exclude(kind="memorandum").filter(versions__isnull=False).first()
    page = client.get(link).content.decode()
    assert other.title not in page
    # the link cannot record a response for a proposal of another memorandum
    assert client.get(reverse("report", args=[memo().id])).status_code == 404


def test_revoked_and_expired_links_stop_working(client, demo):
    link = fresh_link(client)
    transmission = Transmission.objects.order_by("-sent_on").filter(body__name="Forum").get()
    services.revoke(transmission)
    assert client.get(link).status_code == 410
    assert "withdrawn" in client.get(link).content.decode()
    second = fresh_link(client, "Another forum")
    Transmission.objects.filter(body__name="Another forum").update(
        expires=timezone.now() - timedelta(days=1)
    )
    assert "expired" in client.get(second).content.decode()
    assert client.get("/t1/not-a-token/").status_code == 410


def test_only_convenors_use_the_desk_and_the_management_api(client, demo):
    series = memo().series
    assert client.login(username=PARTICIPANT, password=DEMO_PASSWORD)
    assert client.get(reverse("trackone_desk", args=[series.id])).status_code == 403
    auth = api_token(client, PARTICIPANT)
    added = client.post(
        f"/api/series/{series.id}/bodies",
        {"name": "X", "kind": "ministry"},
        content_type="application/json",
        **auth,
    )
    assert added.status_code == 403  # a member knows the series; the policy refuses
    assert not Body.objects.filter(name="X").exists()


def test_convenor_api_flow_transmit_and_respond(client, demo):
    series = memo().series
    auth = api_token(client, CONVENOR)
    body = client.post(
        f"/api/series/{series.id}/bodies",
        {"name": "Ministry desk", "kind": "ministry"},
        content_type="application/json",
        **auth,
    ).json()
    refused = client.post(
        f"/api/memoranda/{memo().id}/transmissions",
        {"body": body["id"]},
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 422 and "no contact" in refused.json()["detail"]
    client.post(
        f"/api/bodies/{body['id']}/contacts",
        {"name": "Desk", "email": "d@m.example"},
        content_type="application/json",
        **auth,
    )
    sent = client.post(
        f"/api/memoranda/{memo().id}/transmissions",
        {"body": body["id"]},
        content_type="application/json",
        **auth,
    )
    assert sent.status_code == 201 and re.search(r"/t1/[\w-]+/$", sent.json()["link"])
    proposal = memo().proposals.first()
    answered = client.post(
        f"/api/transmissions/{sent.json()['id']}/responses",
        {"proposal": proposal.id, "status": "declined"},
        content_type="application/json",
        **auth,
    )
    assert answered.status_code == 201


def test_lineage_names_nobody(client, demo):
    from secondtrack.balloons.models import Balloon
    from secondtrack.registry.models import Person

    amended = Balloon.objects.filter(previous__isnull=False).get()
    assert client.login(username=PARTICIPANT, password=DEMO_PASSWORD)
    page = client.get(reverse("trackone_lineage", args=[amended.id])).content.decode()
    assert "Amended (version 2)" in page and "Transmitted to" in page
    names = list(Person.objects.values_list("name", flat=True))
    main = page.split("<main")[1].split(">", 1)[1].split("</main>")[0]
    assert not [n for n in names if n in main]


@pytest.mark.parametrize("path", ["trackone_dashboard", "trackone_funnel_csv"])
def test_outsiders_get_404_on_the_dashboard(client, demo, path):
    User.objects.create_user("stranger@example.org", DEMO_PASSWORD)
    assert client.login(username="stranger@example.org", password=DEMO_PASSWORD)
    assert client.get(reverse(path, args=[memo().series_id])).status_code == 404
