from django.apps import AppConfig


class IdempotencyConfig(AppConfig):
    name = "secondtrack.idempotency"
    verbose_name = "Idempotency keys for retried posts"

    def ready(self) -> None:
        from secondtrack.idempotency.models import prune
        from secondtrack.taskqueue.runner import sweepers

        sweepers.append(prune)
