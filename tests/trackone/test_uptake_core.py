from datetime import date

from secondtrack.core.uptake import Chain, Reply, Sending, Version, funnel, lineage

V1 = Version(1, "Hotline", date(2025, 3, 11), date(2025, 3, 12), "parked")
V2 = Version(2, "Hotline, tested quarterly", date(2025, 9, 16), date(2025, 9, 17), "consensus")
ADOPTED = Reply("Forum", "adopted", "adopted", date(2026, 5, 1), "Annexed.", "https://x.example")


def test_funnel_counts_chains_at_each_stage():
    chains = [
        Chain((V1,)),
        Chain((V1, V2)),
        Chain(
            (V1, V2), (("Memo", date(2025, 10, 1)),), (Sending("Memo", "Forum", date(2025, 10, 2)),)
        ),
        Chain((V2,), (), (Sending("Memo", "Forum", date(2025, 10, 2), (ADOPTED,)),)),
    ]
    result = funnel(chains)
    assert (result.floated, result.consensus, result.transmitted, result.taken_up) == (4, 3, 2, 1)


def test_noted_or_declined_is_not_taken_up():
    noted = Reply("Forum", "noted", "noted", date(2026, 1, 1), "", "")
    chain = Chain((V2,), (), (Sending("Memo", "Forum", date(2025, 10, 2), (noted,)),))
    assert not chain.taken_up


def test_lineage_is_in_date_order_with_every_step():
    chain = Chain(
        (V1, V2),
        (("Memo", date(2025, 10, 1)),),
        (Sending("Memo", "Forum", date(2025, 10, 2), (ADOPTED,)),),
        arrangement="Regional glossary",
    )
    stages = [e.stage for e in lineage(chain)]
    assert stages == [
        "floated",
        "parked",
        "amended",
        "consensus",
        "in memorandum",
        "transmitted",
        "response",
        "arrangement",
    ]
    assert lineage(chain)[-2].link == "https://x.example"
