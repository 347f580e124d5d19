import pytest

from secondtrack.core.opinion import OpinionInputError, analyse


def room() -> tuple[list[tuple[str, str, int]], dict[str, dict[str, str]]]:
    countries = {f"jp{i}": "JP" for i in range(4)} | {f"cn{i}": "CN" for i in range(4)}
    countries |= {"kr0": "KR", "kr1": "KR"}
    sectors = {v: ("university" if i % 2 else "ministry") for i, v in enumerate(sorted(countries))}
    votes = [(v, "bridge", 1) for v in countries]
    votes += [(v, "split", 1 if v.startswith("jp") else -1) for v in countries]
    return votes, {"country": countries, "sector": sectors}


def test_cross_line_consensus_finds_statements_agreed_in_every_bloc():
    votes, blocs = room()
    result = analyse(votes, blocs=blocs, k=3)
    assert [item["statement"] for item in result.cross_line] == ["bridge"]
    blocs_seen = {(b["dimension"], b["bloc"]) for b in result.cross_line[0]["blocs"]}
    assert blocs_seen == {
        ("country", "JP"),
        ("country", "CN"),
        ("sector", "ministry"),
        ("sector", "university"),
    }
    assert "country JP: all or all but one of 4" in result.cross_line[0]["evidence"]


def test_no_bloc_is_shown_unanimous_so_no_members_vote_can_be_inferred():
    votes, blocs = room()
    for item in analyse(votes, blocs=blocs, k=3).cross_line:
        for bloc in item["blocs"]:
            assert bloc["agree"] is None or 1 < bloc["agree"] < bloc["reacted"] - 1
            assert f"{bloc['reacted']} of {bloc['reacted']}" not in item["evidence"]


def test_cross_line_consensus_hides_blocs_smaller_than_k():
    votes, blocs = room()
    data = analyse(votes, blocs=blocs, k=3).to_dict()
    assert "KR" not in repr(data["cross_line"])
    assert "KR" not in repr(data["evidence"])


def test_cross_line_consensus_ignores_what_a_hidden_bloc_thinks():
    votes, blocs = room()
    votes += [("kr0", "bridge", -1), ("kr1", "bridge", -1)]
    result = analyse(votes, blocs=blocs, k=3)
    assert [item["statement"] for item in result.cross_line] == ["bridge"]


def test_cross_line_consensus_needs_a_strict_majority_in_each_bloc():
    votes, blocs = room()
    votes += [(f"cn{i}", "bridge", -1) for i in range(2)]  # CN now 2 of 4: not a majority
    result = analyse(votes, blocs=blocs, k=3)
    assert result.cross_line == []


def test_cross_line_consensus_needs_k_reactions_in_each_bloc():
    votes, blocs = room()
    votes += [("jp0", "thin", 1), ("jp1", "thin", 1), ("cn0", "thin", 1), ("cn1", "thin", 1)]
    result = analyse(votes, blocs=blocs, k=3)
    assert "thin" not in {item["statement"] for item in result.cross_line}


def test_cross_line_consensus_needs_two_visible_blocs():
    votes = [(f"v{i}", "s0", 1) for i in range(6)]
    result = analyse(votes, blocs={"country": {f"v{i}": "JP" for i in range(6)}}, k=3)
    assert result.cross_line == []


def test_blocs_of_the_wrong_shape_are_refused():
    with pytest.raises(OpinionInputError, match=r"blocs\['country'\]\['a'\] is None"):
        analyse([("a", "s", 1)], blocs={"country": {"a": None}})
