"""Exceptions raised by the opinion library; the edges translate them to HTTP/CLI errors."""

from __future__ import annotations


class OpinionError(Exception):
    """Base class for every error of the opinion library."""


class OpinionInputError(OpinionError, ValueError):
    """Votes, blocs or a Polis export that cannot be used as given.

    The message names the place (file and line, or the offending value) and what to fix.
    """
