import uuid

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def idempotency_field():
    """A fresh key each time the form is shown: sending the same form twice (a retry, a
    double click) stores one contribution or vote, and the second gets the first answer."""
    return format_html('<input type="hidden" name="idempotency_key" value="{}">', uuid.uuid4())
