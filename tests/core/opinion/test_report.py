import json
from pathlib import Path

from secondtrack.core.opinion import cli_report

HEADER = "timestamp,datetime,comment-id,voter-id,vote\n"
COMMENTS = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"


def export(tmp_path: Path) -> tuple[Path, Path]:
    rows, t = [], 0
    for voter in range(16):
        for statement in range(8):
            t += 1
            leaning = 1 if (voter < 8) == (statement < 4) else -1
            rows.append(f"{t},x,{statement},{voter},{leaning}")
        t += 1
        rows.append(f"{t},x,8,{voter},1")
        rows.append(f"{t + 1},x,9,{voter},-1")
    votes = tmp_path / "votes.csv"
    votes.write_text(HEADER + "\n".join(rows) + "\n")
    comments = tmp_path / "comments.csv"
    lines = [f"1,x,{i},0,0,0,1,Statement number {i}" for i in range(9)] + ["1,x,9,0,0,0,-1,spam"]
    comments.write_text(COMMENTS + "\n".join(lines) + "\n")
    return votes, comments


def test_cli_report_json_has_groups_consensus_and_repness(tmp_path):
    votes, comments = export(tmp_path)
    data = json.loads(cli_report(votes, comments, as_json=True))
    assert set(data) >= {"groups", "consensus", "repness"}
    assert len(data["groups"]) == 16 and set(data["groups"].values()) == {0, 1}
    assert [c["statement"] for c in data["consensus"]] == ["8"]
    assert data["statements"]["8"] == "Statement number 8"


def test_cli_report_leaves_moderated_out_statements_out(tmp_path):
    votes, comments = export(tmp_path)
    data = json.loads(cli_report(votes, comments, as_json=True))
    assert data["evidence"]["n_statements"] == 9
    without = json.loads(cli_report(votes, as_json=True))
    assert without["evidence"]["n_statements"] == 10


def test_cli_report_text_quotes_statements_with_their_evidence(tmp_path):
    votes, comments = export(tmp_path)
    text = cli_report(votes, comments)
    assert "2 opinion groups (group 0: 8, group 1: 8)" in text
    assert "#8 Statement number 8" in text
    assert "agreed by all or all but one of 16 people who reacted" in text
