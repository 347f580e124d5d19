"""No displayed count describes fewer than k people, directly or by subtraction."""

from secondtrack.core import suppression
from secondtrack.core.composition import Attendee, compose


def test_small_counts_are_suppressed_and_zero_and_large_ones_shown():
    assert suppression.count(2, 3).label == "fewer than 3"
    assert suppression.count(2, 3).value is None
    assert suppression.count(0, 3).value == 0
    assert suppression.count(3, 3).value == 3


def test_a_lone_suppressed_cell_takes_the_next_smallest_with_it():
    cells = suppression.dimension([("JP", 6), ("KR", 4), ("VN", 1)], 3)
    hidden = [name for name, shown in cells if shown.suppressed]
    assert hidden == ["KR", "VN"]  # 11 - 6 - 4 would otherwise give VN's 1 back


def test_no_suppressed_cell_can_be_recovered_from_the_total_and_the_others():
    for counts in ([5, 1], [7, 2, 2], [4, 3, 1, 1], [9, 1, 1, 1], [3, 3, 2]):
        cells = suppression.dimension([(str(i), n) for i, n in enumerate(counts)], 3)
        hidden = [n for n, (_, s) in zip(counts, cells, strict=True) if s.suppressed]
        assert len(hidden) != 1, counts


def test_near_unanimity_is_coarsened_so_nobody_is_known_to_have_voted_one_way():
    assert suppression.share(3, 3, 3).label == "all or all but one of 3"
    assert suppression.share(4, 5, 3).value is None
    assert suppression.share(1, 5, 3).label == "none or one of 5"
    assert suppression.share(3, 6, 3).value == 3
    assert suppression.share(2, 2, 3).label == "fewer than 3"


def attendee(country: str) -> Attendee:
    return Attendee(country=country, sector="university", band="low", gender="", first_time=True)


def test_a_room_smaller_than_k_is_not_described_at_all():
    room = compose([attendee("JP"), attendee("JP")]).suppressed(3)
    assert not room.described
    assert all(not dim.bars for dim in room.rows())
    assert room.total_shown.label == "fewer than 3"


def test_exact_composition_is_unchanged_without_k():
    room = compose([attendee("JP")] * 4 + [attendee("KR")])
    bars = {b.value: b.count for b in room.rows()[0].bars}
    assert bars == {"JP": 4, "KR": 1}
