"""Delivery services. The reports app calls `deliver`; everything else is for our own pages."""

from secondtrack.delivery.services.delivering import deliver, deliver_rendered, retry_delivery
from secondtrack.delivery.services.errors import DeliveryError

__all__ = ["DeliveryError", "deliver", "deliver_rendered", "retry_delivery"]
