"""Path converters for the API: ids the database can hold, so an absurd id is a plain 404."""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    """A positive integer id of at most 18 digits (below SQL BIGINT's upper bound)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
