"""On real Polis conversations: the groups do not depend on the order of the export's rows.

(Agreement with Polis's own groups is measured in bench/opinion.py, not asserted here: a
threshold tuned on these five conversations says nothing about others.)
"""

import os
import random
from pathlib import Path

import pytest

from secondtrack.core.opinion import (
    analyse,
    latest_votes,
    moderated_out,
    polis_clusterable,
    read_polis_comments,
    read_polis_vote_events,
)

# ../shared/data/polis beside the repository (CI lays shared/ there)
DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "polis"

pytestmark = pytest.mark.skipif(
    not DATA.exists() and not os.environ.get("CI"), reason=f"{DATA} is not there"
)


@pytest.mark.parametrize("conversation", ["15-per-hour-seattle", "brexit-consensus"])
def test_ten_shuffles_of_an_export_give_the_same_groups(conversation):
    events = read_polis_vote_events(DATA / conversation / "votes.csv")
    excluded = moderated_out(read_polis_comments(DATA / conversation / "comments.csv"))
    keep = polis_clusterable(events)
    first = analyse(latest_votes(events), exclude=excluded, keep=keep, resamples=0)
    assert first.n_groups >= 2
    for draw in range(10):
        shuffled = events[:]
        random.Random(draw).shuffle(shuffled)  # rows in another order, same timestamps
        again = analyse(latest_votes(shuffled), exclude=excluded, keep=keep, resamples=0)
        assert again.groups == first.groups
        assert [c["statement"] for c in again.consensus] == [
            c["statement"] for c in first.consensus
        ]
