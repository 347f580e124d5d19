"""Opinion map for trial balloons: groups, consensus and cross-line consensus (no Django)."""

from .errors import OpinionError, OpinionInputError
from .model import OpinionModel, OpinionResult, Work
from .polis_io import (
    PolisComment,
    VoteEvent,
    latest_votes,
    moderated_out,
    polis_clusterable,
    read_polis_comments,
    read_polis_vote_events,
    read_polis_votes,
)
from .report import cli_report
from .stable import analyse, canonical_votes

__all__ = [
    "OpinionError",
    "OpinionInputError",
    "OpinionModel",
    "OpinionResult",
    "PolisComment",
    "VoteEvent",
    "Work",
    "analyse",
    "canonical_votes",
    "cli_report",
    "latest_votes",
    "moderated_out",
    "polis_clusterable",
    "read_polis_comments",
    "read_polis_vote_events",
    "read_polis_votes",
]
