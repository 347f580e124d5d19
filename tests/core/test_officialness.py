from datetime import date

import pytest

from secondtrack.core.officialness import (
    AffiliationFact,
    OfficialnessError,
    OrganisationLinkage,
    officialness,
)

UNI = OrganisationLinkage("Keiyo University", "university", "independent", 0.05)
MOD = OrganisationLinkage("Ministry of Defence", "ministry", "government_body", 1.0)
NAVY = OrganisationLinkage("Maritime Self-Defense Force", "armed_forces", "government_body", 1.0)
FUNDED = OrganisationLinkage("Ocean Policy Institute", "think_tank", "independent", 0.7)
ARM = OrganisationLinkage(
    "Institute of Foreign Affairs", "think_tank", "ministry_research_arm", 0.9
)
PAPER = OrganisationLinkage("Harbour Daily", "media", "independent", 0.0)
DAY = date(2025, 3, 1)


def tie(org, kind="employment", start=date(2010, 1, 1), end=None):
    return AffiliationFact(org, kind, "role", start, end)


def test_serving_official_scores_one_and_is_flagged():
    result = officialness([tie(MOD)], DAY)
    assert result.score == 1.0
    assert result.serving_official
    assert result.band == "official"


def test_professor_advising_defence_ministry_is_close_but_not_official():
    result = officialness([tie(UNI), tie(MOD, "advisory")], DAY)
    assert result.score == pytest.approx(1 - (1 - 0.05) * (1 - 0.6))
    assert not result.serving_official
    assert result.band == "close to government"


def test_nominally_independent_institute_funded_by_ministry_counts_its_funding():
    result = officialness([tie(FUNDED)], DAY)
    assert result.score == pytest.approx(0.7)
    assert "70 % government funded" in result.steps[0].linkage_reason


def test_research_arm_of_a_foreign_ministry_takes_the_larger_of_mandate_and_funding():
    assert officialness([tie(ARM)], DAY).score == pytest.approx(0.9)


def test_retired_admiral_no_longer_counts_the_navy():
    result = officialness([tie(NAVY, end=date(2020, 6, 30)), tie(PAPER, "board")], DAY)
    assert result.score == 0.0
    assert not result.serving_official
    assert len(result.inactive) == 1


def test_same_person_was_official_before_retirement():
    result = officialness([tie(NAVY, end=date(2020, 6, 30))], date(2019, 1, 1))
    assert result.serving_official


def test_ties_combine_without_exceeding_one():
    result = officialness([tie(MOD), tie(FUNDED, "board"), tie(ARM, "advisory")], DAY)
    assert result.score == 1.0


def test_derivation_shows_each_contribution():
    result = officialness([tie(UNI), tie(MOD, "advisory")], DAY)
    assert result.explanation() == "1 - (1 - 0.05) x (1 - 0.60) = 0.62"


def test_journalist_is_independent():
    result = officialness([tie(PAPER)], DAY)
    assert (result.score, result.band) == (0.0, "independent")


def test_unknown_affiliation_kind_is_refused():
    with pytest.raises(OfficialnessError, match="unknown affiliation kind"):
        officialness([tie(UNI, "friendship")], DAY)
