from tests.api.helpers import call, member_with_role


def floated(client, world):
    response = call(
        client, "post", f"/api/meetings/{world.alpha.id}/balloons", world.alice, {"text": "Hotline"}
    )
    assert response.status_code == 201
    return response.json()


def test_a_receipt_matches_only_its_balloon(client, world):
    b = floated(client, world)
    path = f"/api/balloons/{b['id']}/receipt"
    assert (
        call(client, "post", path, world.carol, {"receipt": b["receipt"]}).json()["matches"] is True
    )
    assert call(client, "post", path, world.carol, {"receipt": "forged"}).json()["matches"] is False


def test_it_rejects_receipt_checks_by_outsiders_and_funders(client, world):
    b = floated(client, world)
    funder = member_with_role(world.alpha, "funder", "fay@example.org")
    path = f"/api/balloons/{b['id']}/receipt"
    assert call(client, "post", path, world.bob, {"receipt": b["receipt"]}).status_code == 404
    assert call(client, "post", path, funder, {"receipt": b["receipt"]}).status_code == 404
    assert call(client, "get", path, world.alice).status_code == 405


def test_the_lineage_lists_the_floating(client, world):
    b = floated(client, world)
    response = call(client, "get", f"/api/balloons/{b['id']}/lineage", world.alice)
    assert response.status_code == 200
    assert response.json()["events"][0]["stage"] == "floated"


def test_it_rejects_lineage_for_outsiders_and_bad_ids(client, world):
    b = floated(client, world)
    assert call(client, "get", f"/api/balloons/{b['id']}/lineage", world.bob).status_code == 404
    assert call(client, "get", "/api/balloons/12/lineage", world.alice).status_code == 404
