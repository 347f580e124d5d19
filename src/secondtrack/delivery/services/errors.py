"""What can go wrong with a delivery, each carrying a sentence for the reader."""


class DeliveryError(Exception):
    """The request cannot be accepted at all (unknown channel, not configured, bad file)."""


class DeliveryFailed(Exception):
    """This attempt failed; the file is kept and the reader may retry."""


class Unreachable(DeliveryFailed):
    """The service could not be reached or was overloaded (no answer, a 5xx, a 429, an SMTP
    4xx): the runner tries again by itself a few times before leaving it to the reader."""

    def __init__(self, message: str, service: str) -> None:
        super().__init__(message)
        self.service = service


class NeedsReconnect(Exception):
    """The reader must act first (connect, reconnect, agree, enter an address), then retry."""
