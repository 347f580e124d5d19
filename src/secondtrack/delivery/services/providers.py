"""The storage providers a reader can connect, and disconnecting from them."""

from __future__ import annotations

from django.db import transaction

from secondtrack.delivery import selectors
from secondtrack.delivery.services import dropbox, gdrive

PROVIDERS = {dropbox.PROVIDER.value: dropbox, gdrive.PROVIDER.value: gdrive}


def disconnect(user, provider: str) -> bool:
    """Delete the reader's authorisation here, after asking the provider to revoke it."""
    connection = selectors.connection_for(user, provider)
    if connection is None:
        return False
    PROVIDERS[provider].revoke(connection)
    with transaction.atomic():
        connection.delete()
    return True
