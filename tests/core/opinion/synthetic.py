"""Synthetic rooms with planted opinion groups, shared by the opinion tests."""

from __future__ import annotations

import numpy as np


def planted_votes(
    sizes: tuple[int, ...] = (20, 20),
    n_statements: int = 30,
    noise: float = 0.1,
    missing: float = 0.2,
    seed: int = 0,
) -> tuple[list[tuple[str, str, int]], dict[str, int]]:
    """Votes of groups with opposite leanings on random statements, and each voter's group."""
    rng = np.random.default_rng(seed)
    leanings = rng.choice([-1, 1], size=(len(sizes), n_statements))
    leanings[0] = -leanings[1] if len(sizes) > 1 else leanings[0]
    votes, truth = [], {}
    voter = 0
    for group, size in enumerate(sizes):
        for _ in range(size):
            name = f"v{voter}"
            truth[name] = group
            for statement in range(n_statements):
                if rng.random() < missing:
                    continue
                vote = int(leanings[group, statement])
                roll = rng.random()
                if roll < noise / 2:
                    vote = -vote
                elif roll < noise:
                    vote = 0
                votes.append((name, f"s{statement}", vote))
            voter += 1
    return votes, truth
