"""A balloon's votes export in Polis's format, for convenors; it reads back as a Polis export."""

import csv
import io

from secondtrack.balloons.models import Pseudonym
from secondtrack.core.opinion import cli_report
from tests.balloons.test_opinion_map import planted_room
from tests.record.helpers import bearer


def test_convenors_export_votes_and_comments_that_read_back(client, room, tmp_path):
    bid, alice = planted_room(client, room)
    convenor = bearer(client, room.convenor)
    votes = client.get(f"/api/balloons/{bid}/export/votes.csv", **convenor)
    comments = client.get(f"/api/balloons/{bid}/export/comments.csv", **convenor)
    assert votes.status_code == comments.status_code == 200
    assert votes["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(votes.content.decode())))
    assert len(rows) == 12 * 4
    assert {r["voter-id"] for r in rows} == {str(n) for n in range(12)}
    stored = {str(p) for p in Pseudonym.objects.filter(balloon_id=bid).values_list("id", flat=True)}
    assert not stored & {r["voter-id"] for r in rows}
    bodies = [r["comment-body"] for r in csv.DictReader(io.StringIO(comments.content.decode()))]
    assert "Statement A" in bodies
    assert all(r["author-id"] == "" for r in csv.DictReader(io.StringIO(comments.content.decode())))
    (tmp_path / "votes.csv").write_bytes(votes.content)
    (tmp_path / "comments.csv").write_bytes(comments.content)
    report = cli_report(tmp_path / "votes.csv", tmp_path / "comments.csv", resamples=5)
    assert "12 participants, 4 statements, 48 votes" in report
    assert "2 opinion groups (group 0: 6, group 1: 6)" in report


def test_members_and_others_cannot_export(client, room):
    bid, alice = planted_room(client, room)
    assert client.get(f"/api/balloons/{bid}/export/votes.csv", **alice).status_code == 403
    assert client.get(f"/balloons/{bid}/export/votes.csv").status_code == 302  # to the login
