import json

from secondtrack.cli import main


def write_votes(path, rows):
    lines = ["timestamp,datetime,comment-id,voter-id,vote"]
    lines += [f"{i},2024-01-01,{c},{v},{vote}" for i, (v, c, vote) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n")


def test_opinion_json_follows_the_contract(tmp_path, capsys):
    rows = []
    for voter in range(12):
        side = 1 if voter < 6 else -1
        rows += [(voter, c, side if c < 4 else 1) for c in range(8)]
    votes = tmp_path / "votes.csv"
    write_votes(votes, rows)
    assert main(["opinion", str(votes), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"groups", "consensus", "repness"}
    assert len(set(out["groups"].values())) == 2
    assert out["groups"]["0"] != out["groups"]["11"]


def test_opinion_reports_the_bad_line(tmp_path, capsys):
    votes = tmp_path / "votes.csv"
    write_votes(votes, [(1, 1, 7)])
    assert main(["opinion", str(votes)]) == 1
    assert "line 2: vote is '7'" in capsys.readouterr().err


def test_opinion_json_states_stability_per_group_and_overall(tmp_path, capsys):
    rows = []
    for voter in range(16):
        side = 1 if voter < 8 else -1
        rows += [(voter, c, side if c < 5 else 1) for c in range(10)]
    votes = tmp_path / "votes.csv"
    write_votes(votes, rows)
    assert main(["opinion", str(votes), "--json", "--resamples", "10"]) == 0
    out = json.loads(capsys.readouterr().out)
    stability = out["stability"]
    assert set(stability["groups"]) == {"0", "1"} and stability["resamples"] == 10
    assert 0.6 <= stability["overall"] <= 1.0
    assert all("survival" in item for item in out["consensus"])
    agree = [item for item in out["consensus"] if item["direction"] == "agree"]
    assert len(agree) == 5 and out["evidence"]["n_consensus"] == 5


def test_opinion_in_a_small_room_says_it_shows_no_groups(tmp_path, capsys):
    rows = []
    for voter in range(8):
        rows += [(voter, c, (1 if voter < 4 else -1) if c < 4 else 1) for c in range(8)]
    votes = tmp_path / "votes.csv"
    write_votes(votes, rows)
    assert main(["opinion", str(votes)]) == 0
    text = capsys.readouterr().out
    assert "No opinion groups: no groups: fewer than 12 people" not in text
    assert "fewer than 12 people with enough votes" in text
