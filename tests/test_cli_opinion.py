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
