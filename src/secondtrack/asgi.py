"""ASGI entry point: HTTP through Django, the live session channel through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secondtrack.settings")
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402 - needs Django set up first
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import path  # noqa: E402

from secondtrack.balloons.consumers import BalloonConsumer  # noqa: E402
from secondtrack.bounded import Bounded  # noqa: E402
from secondtrack.record.consumers import SessionConsumer  # noqa: E402
from secondtrack.taskqueue.runner import embedded  # noqa: E402

embedded.start()  # SECONDTRACK_TASKS=embedded: this server runs tasks (and a crash's leftovers)

application = ProtocolTypeRouter(
    {
        "http": Bounded(django_application, settings.SECONDTRACK_MAX_CONCURRENT_REQUESTS),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(
                URLRouter(
                    [
                        path("ws/sessions/<int:session_id>/", SessionConsumer.as_asgi()),
                        path("ws/balloons/<uuid:balloon_id>/", BalloonConsumer.as_asgi()),
                    ]
                )
            )
        ),
    }
)
