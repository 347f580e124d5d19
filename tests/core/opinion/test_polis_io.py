from pathlib import Path

import pytest

from secondtrack.core.opinion import (
    OpinionInputError,
    canonical_votes,
    moderated_out,
    polis_clusterable,
    read_polis_comments,
    read_polis_vote_events,
    read_polis_votes,
)

HEADER = "timestamp,datetime,comment-id,voter-id,vote\n"


def write(tmp_path: Path, text: str, name: str = "votes.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_polis_votes_keeps_the_latest_vote_by_timestamp(tmp_path):
    path = write(
        tmp_path,
        HEADER + "300,x,0,a,1\n100,x,0,a,-1\n200,x,1,a,0\n150,x,0,b,-1\n",
    )
    votes = read_polis_votes(path)
    assert sorted(votes) == [("a", "0", 1), ("a", "1", 0), ("b", "0", -1)]


def test_read_polis_votes_breaks_timestamp_ties_by_row_order(tmp_path):
    path = write(tmp_path, HEADER + "100,x,0,a,1\n100,x,0,a,-1\n")
    assert read_polis_votes(path) == [("a", "0", -1)]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("100,x,0,a,2", "line 3: vote is '2'"),
        ("100,x,0,a,yes", "line 3: vote is 'yes'"),
        ("soon,x,0,a,1", "line 3: timestamp is 'soon'"),
        ("100,x,,a,1", "line 3: 'comment-id' is empty"),
        ("100,x,0,a", "line 3: too few fields"),
        ("100,x,0,a,1,9", "line 3: more fields"),
    ],
)
def test_read_polis_votes_names_the_line_and_the_problem(tmp_path, row, message):
    path = write(tmp_path, HEADER + "100,x,0,a,1\n" + row + "\n")
    with pytest.raises(OpinionInputError, match=message):
        read_polis_votes(path)


def test_read_polis_votes_refuses_a_file_without_polis_columns(tmp_path):
    path = write(tmp_path, "who,what\na,b\n")
    with pytest.raises(OpinionInputError, match="line 1: missing column"):
        read_polis_votes(path)


def test_read_polis_votes_reports_a_missing_file(tmp_path):
    with pytest.raises(OpinionInputError, match="cannot be read"):
        read_polis_votes(tmp_path / "absent.csv")


def test_read_polis_comments_finds_moderated_out_statements(tmp_path):
    path = write(
        tmp_path,
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        '1,x,0,1,3,0,1,"Keep talking, always"\n2,x,1,1,0,3,-1,spam\n',
        "comments.csv",
    )
    comments = read_polis_comments(path)
    assert comments[0].text == "Keep talking, always"
    assert moderated_out(comments) == {"1"}


def test_read_polis_comments_rejects_an_unknown_moderation_state(tmp_path):
    path = write(
        tmp_path,
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        "1,x,0,1,3,0,maybe,text\n",
        "comments.csv",
    )
    with pytest.raises(OpinionInputError, match="line 2: moderated is 'maybe'"):
        read_polis_comments(path)


def test_polis_clusterable_keeps_early_voters_admitted_when_statements_were_few(tmp_path):
    rows = ["1,x,0,early,1", "2,x,0,late,1"] + [f"{10 + i},x,{i},many,1" for i in range(8)]
    rows += ["30,x,7,late2,1"]
    path = write(tmp_path, HEADER + "\n".join(rows) + "\n")
    admitted = polis_clusterable(read_polis_vote_events(path))
    assert {"early", "late", "many"} <= admitted
    assert "late2" not in admitted


def test_the_column_reader_reads_what_the_row_reader_reads(tmp_path):
    from secondtrack.core.opinion.polis_io import (
        latest_vote_columns,
        polis_clusterable_columns,
        read_polis_vote_columns,
    )

    rows = "".join(f"{t},x,{t % 9},{'abcdefghij'[t % 10]},{(t % 3) - 1}\n" for t in range(200))
    path = write(tmp_path, HEADER + "5.0,x,0,a,1.0\n\n" + rows + "7, x , 3 , b ,1\n")
    events = read_polis_vote_events(path)
    columns = read_polis_vote_columns(path)
    assert columns.voters == [e.voter_id for e in events]
    assert list(columns.timestamps) == [e.timestamp for e in events]
    assert sorted(latest_vote_columns(columns)) == sorted(read_polis_votes(path))
    for cut in (3, 7):
        assert polis_clusterable_columns(columns, cut) == polis_clusterable(events, cut)


def test_canonical_latest_votes_are_what_canonical_votes_gives(tmp_path):
    from secondtrack.core.opinion.polis_io import latest_vote_columns, read_polis_vote_columns

    rows = "".join(f"{t % 50},x,{(t * 7) % 12},{(t * 3) % 23},{(t % 3) - 1}\n" for t in range(300))
    path = write(tmp_path, HEADER + rows)
    columns = read_polis_vote_columns(path)
    canonical = latest_vote_columns(columns, canonical=True)
    assert canonical == canonical_votes(latest_vote_columns(columns))
    assert canonical == canonical_votes(read_polis_votes(path))


PLAIN = "".join(
    f"{1000 + t},Sun Sep 01 2019,{(t * 7) % 12},{(t * 3) % 23},{(t % 3) - 1}\n" for t in range(300)
)


@pytest.mark.parametrize(
    "body",
    [
        PLAIN,  # a plain export: numpy's C reader
        PLAIN.replace("\n", "\r\n"),
        PLAIN + "\n\n",
        PLAIN + "5,Mon # 2,3,012,1\n",  # a zero-padded id is its own id, as written
        PLAIN + "5,x,3,+4,1\n",
        PLAIN + '5,"Mon, Sep 02",3,4,1\n',  # a comma inside quotes does not shift the columns
        PLAIN + "5,x,3,4,1.0\n",
        PLAIN + "5,x,3,voter-a,1\n",
        PLAIN + "5.5,x,3,4,-1\n",
    ],
    ids=[
        "plain",
        "crlf",
        "blank-lines",
        "zero-padded",
        "plus",
        "quoted",
        "float-vote",
        "names",
        "float-time",
    ],
)
def test_every_reader_reads_the_same_votes_whatever_the_file_looks_like(tmp_path, body):
    from secondtrack.core.opinion.polis_io import latest_vote_codes, read_polis_vote_columns

    path = write(tmp_path, HEADER + body)
    events = read_polis_vote_events(path)
    columns = read_polis_vote_columns(path)
    assert columns.voters == [e.voter_id for e in events]
    assert columns.statements == [e.statement_id for e in events]
    assert columns.votes == [e.vote for e in events]
    assert list(columns.timestamps) == [e.timestamp for e in events]
    coded = latest_vote_codes(columns, canonical=True)
    assert coded.triples() == canonical_votes(read_polis_votes(path))


@pytest.mark.parametrize("resamples", [0, 3])
def test_coded_votes_give_the_analysis_the_triples_give(tmp_path, resamples):
    """The CLI hands the analysis coded votes; the result is the one the triples give,
    excluded statements and the clusterable set included."""
    from secondtrack.core.opinion import analyse
    from secondtrack.core.opinion.polis_io import (
        latest_vote_codes,
        latest_vote_columns,
        polis_clusterable_columns,
        read_polis_vote_columns,
    )

    rows = []
    for voter in range(40):
        side = voter % 2
        for statement in range(14):
            if (voter * 5 + statement) % 7:
                vote = 1 if (statement % 2 == side) else -1
                rows.append(f"{voter * 100 + statement},x,{statement},{voter},{vote}")
    path = write(tmp_path, HEADER + "\n".join(rows) + "\n")
    columns = read_polis_vote_columns(path)
    kwargs = {
        "exclude": {"3"},
        "keep": polis_clusterable_columns(columns),
        "resamples": resamples,
        "in_canonical_order": True,
    }
    from_triples = analyse(latest_vote_columns(columns, canonical=True), **kwargs)
    from_codes = analyse(latest_vote_codes(columns, canonical=True), **kwargs)
    assert from_codes.n_groups == 2
    assert from_codes.to_dict(all_items=True) == from_triples.to_dict(all_items=True)
