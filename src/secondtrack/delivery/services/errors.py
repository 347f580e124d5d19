"""What can go wrong with a delivery, each carrying a sentence for the reader."""


class DeliveryError(Exception):
    """The request cannot be accepted at all (unknown channel, not configured, bad file)."""


class DeliveryFailed(Exception):
    """This attempt failed; the file is kept and the reader may retry."""


class NeedsReconnect(Exception):
    """The reader must act first (connect, reconnect, agree, enter an address), then retry."""
