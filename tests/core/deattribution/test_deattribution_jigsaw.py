"""Jigsaw descriptions (issue 14, item 2) counted against the registry: compound and
ranked roles, "(ret.)", nationality nouns, "the only woman from the defence side", and
the same in Chinese and Korean."""

import pytest

from secondtrack.core.deattribution import Registry, Scanner


def person(pid, country, gender="m", role=None, org=None, honorific=None, end=None):
    affiliations = [{"organisation": org, "role": role, "end": end}] if org else []
    return {
        "id": pid,
        "name": f"Person {pid.title()}",
        "countries": [country],
        "gender": gender,
        "honorific": honorific,
        "affiliations": affiliations,
    }


@pytest.fixture(scope="module")
def scanner():
    organisations = [
        {"id": "nzdf", "name": "New Zealand Defence Force", "kind": "armed_forces"},
        {"id": "vcg", "name": "Vietnam Coast Guard", "kind": "armed_forces"},
        {"id": "jmsdf", "name": "Japan Maritime Self-Defense Force", "kind": "armed_forces"},
        {"id": "ship", "name": "Pacific Shipping Lines", "kind": "industry"},
        {"id": "mod", "name": "Ministry of Defence", "kind": "ministry"},
        {"id": "uni", "name": "Keiyo University", "kind": "university"},
        {"id": "csis", "name": "Centre for Strategic Studies", "kind": "think_tank"},
        {"id": "kips", "name": "Korea Institute for Peace Studies", "kind": "think_tank"},
    ]
    people = [
        person("mn", "MN"),
        person("us1", "US"),
        person("us2", "US"),
        person("nz", "NZ", role="Brigadier", org="nzdf"),
        person("vn", "VN", role="Officer", org="vcg"),
        person("vadm", "JP", role="Vice Admiral", org="jmsdf", end="2020-01-01"),
        person("radm1", "JP", role="Rear Admiral", org="jmsdf"),
        person("radm2", "JP", role="Rear Admiral", org="jmsdf"),
        person("exec", "SG", role="Executive", org="ship"),
        person("defw", "AU", "f", role="Adviser", org="mod"),
        person("ret", "AU", honorific="VADM (ret.)"),
        *[person(f"jp{i}", "JP", role="Professor", org="uni") for i in range(5)],
        *[person(f"w{i}", "JP", "f", role="Professor", org="uni") for i in range(3)],
        person("id", "ID", role="Senior Fellow", org="csis"),
        person("kr", "KR", role="Senior Fellow", org="kips"),
        *[person(f"kru{i}", "KR", role="Professor", org="uni") for i in range(3)],
    ]
    return Scanner(Registry.from_dict({"organisations": organisations, "people": people}))


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("The Mongolian said so.", "The Mongolian"),
        ("One of the two Americans disagreed.", "One of the two Americans"),
        ("It was the only Mongolian in the room.", "the only Mongolian"),
        ("The New Zealand brigadier spoke.", "The New Zealand brigadier"),
        ("The Vietnamese coast guard officer spoke.", "The Vietnamese coast guard officer"),
        ("A retired vice admiral spoke.", "A retired vice admiral"),
        ("The shipping executive spoke.", "The shipping executive"),
        ("The only woman from the defence side spoke.", "The only woman from the defence side"),
        ("越南海警官员发言。", "越南海警官员"),
        ("몽골 참석자가 말했다.", "몽골 참석자"),
    ],
)
def test_a_description_fewer_than_k_fit_is_a_quasi_identifier(scanner, text, phrase):
    found = [text[f.start : f.end] for f in scanner.scan(text) if f.category == "quasi_identifier"]
    assert found == [phrase]


@pytest.mark.parametrize(
    "text, phrase",
    [
        (
            "A senior fellow who now heads a Jakarta think tank disagreed.",
            "A senior fellow who now heads a Jakarta think tank",
        ),
        (
            "A senior fellow at a Korean think tank proposed it.",
            "A senior fellow at a Korean think tank",
        ),
        ("An officer who is Vietnamese agreed.", "An officer who is Vietnamese"),
        (
            "An officer, who serves with the coast guard, agreed.",
            "An officer, who serves with the coast guard",
        ),
    ],
)
def test_where_the_person_works_narrows_the_description(scanner, text, phrase):
    """A workplace after the role, or in a relative clause, is one more constraint; the
    redaction takes the whole phrase, so no clue is left around the replacement."""
    found = [text[f.start : f.end] for f in scanner.scan(text) if f.category == "quasi_identifier"]
    assert found == [phrase]
    assert scanner.redact(text).startswith("A participant")


@pytest.mark.parametrize(
    "text",
    [
        "A professor who works at a university spoke.",  # eleven fit
        "An officer who is well known agreed.",  # no constraint in the clause
        "A senior fellow who heads a Tokyo think tank spoke.",  # nobody: points at no one
    ],
)
def test_a_workplace_that_many_or_nobody_fit_is_not_flagged(scanner, text):
    assert [f for f in scanner.scan(text) if f.category == "quasi_identifier"] == []


def test_rank_detail_counts(scanner):
    # Two serving rear admirals and one retired vice admiral: "a rear admiral" fits 2,
    # "a retired rear admiral" fits nobody, so it points at no one.
    [finding] = scanner.scan("A rear admiral spoke.")
    assert "fits 2 participants" in finding.explanation
    assert scanner.scan("A retired rear admiral spoke.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The Mongolian delegation arrived.",  # an adjective, not a person
        "A Japanese professor spoke.",  # eight fit
        "The Philippines agreed.",  # a country, not a national
    ],
)
def test_descriptions_many_fit_or_no_person_are_not_flagged(scanner, text):
    assert [f for f in scanner.scan(text) if f.category == "quasi_identifier"] == []
