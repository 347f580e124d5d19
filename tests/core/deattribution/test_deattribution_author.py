"""Author-aware scanning (issue 14, item 1): what narrows down the person writing."""

import pytest

from secondtrack.core.deattribution import Registry, Scanner


def person(pid, name, country, role=None, org=None, **extra):
    affiliations = [{"organisation": org, "role": role}] if org else []
    return {"id": pid, "name": name, "countries": [country], "affiliations": affiliations, **extra}


@pytest.fixture(scope="module")
def scanner():
    data = {
        "organisations": [
            {
                "id": "dfat",
                "name": "Department of Foreign Affairs and Trade",
                "acronym": "DFAT",
                "country": "AU",
                "kind": "ministry",
            },
            {
                "id": "mfa_kh",
                "name": "Ministry of Foreign Affairs of Cambodia",
                "country": "KH",
                "kind": "ministry",
                "other_names": ["ក្រសួងការបរទេស"],
            },
            {
                "id": "ran",
                "name": "Royal Australian Navy",
                "acronym": "RAN",
                "country": "AU",
                "kind": "armed_forces",
            },
        ],
        "people": [
            person("au1", "Olivia Grant", "AU", "First Assistant Secretary", "dfat"),
            person("au2", "Liam Hartley", "AU", "Rear Admiral", "ran", honorific="RADM"),
            person("kh1", "Sok Chenda", "KH", "Secretary of State", "mfa_kh"),
            *[person(f"jp{i}", f"Taro Yamada{i}", "JP") for i in range(7)],
        ],
    }
    return Scanner(Registry.from_dict(data))


def found(scanner, text, author):
    return [(f.category, text[f.start : f.end]) for f in scanner.scan(text, author=author)]


def test_the_authors_own_country_is_an_author_finding_with_the_crowd_it_leaves(scanner):
    text = "Australia is home to a farming sector that wants open markets."
    findings = scanner.scan(text, author="au1")
    assert [(f.category, text[f.start : f.end]) for f in findings] == [("author", "Australia")]
    assert "you are one of 2 participants from Australia" in findings[0].explanation
    assert scanner.redact(text, author="au1").startswith("One country is home to")


def test_a_country_is_only_a_topic_for_an_author_from_elsewhere(scanner):
    text = "Australia is home to a farming sector that wants open markets."
    assert scanner.scan(text, author="kh1") == []
    assert scanner.scan(text) == []


def test_the_official_form_of_the_country_is_swallowed_whole(scanner):
    text = "As the new Prime Minister of the Kingdom of Cambodia has said, we want calm."
    findings = [f for f in scanner.scan(text, author="kh1") if f.category == "author"]
    assert [text[f.start : f.end] for f in findings] == ["the Kingdom of Cambodia"]
    assert "you are the only participant from Cambodia" in findings[0].explanation
    assert findings[0].severity == "high"


def test_demonym_capital_and_possessive(scanner):
    text = "Australian farmers expect Canberra to listen, and Australia's exporters agree."
    spans = {t: c for c, t in found(scanner, text, "au1")}
    assert spans == {"Australian": "author", "Canberra": "author", "Australia's": "author"}
    assert scanner.redact(text, author="au1") == (
        "One country's farmers expect one capital to listen, and one country's exporters agree."
    )


def test_a_country_many_participants_share_is_not_narrowing(scanner):
    assert scanner.scan("Japan has a long coastline.", author="jp1") == []


def test_own_organisation_becomes_an_author_finding(scanner):
    text = "The view at DFAT is that tariffs should fall."
    findings = scanner.scan(text, author="au1")
    assert [(f.category, text[f.start : f.end]) for f in findings] == [("author", "DFAT")]
    assert findings[0].replacement == "a ministry"


def test_own_rank_and_career_facts(scanner):
    text = "Having served two tours in the Gulf, a rear admiral like me sees risk."
    spans = found(scanner, text, "au2")
    assert ("author", "Having served two tours in the Gulf") in spans
    assert any(c == "author" and "rear admiral" in t for c, t in spans)


def test_the_author_is_given_by_registry_id_or_person_id():
    registry = Registry.from_dict(
        {"people": [person("p12", "Olivia Grant", "AU"), person("p13", "Sok Chenda", "KH")]}
    )
    scanner = Scanner(registry)
    assert scanner.scan("Australia agrees.", author=12)[0].category == "author"
    assert scanner.scan("Australia agrees.", author="p12")[0].category == "author"
    with pytest.raises(KeyError, match="not in the registry"):
        scanner.scan("Australia agrees.", author="nobody")


def test_chinese_script_country_of_the_author(scanner):
    text = "澳大利亚的农民希望开放市场。"
    findings = scanner.scan(text, author="au1")
    assert [(f.category, text[f.start : f.end], f.replacement) for f in findings] == [
        ("author", "澳大利亚", "某国")
    ]
