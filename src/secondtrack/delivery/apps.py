from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "secondtrack.delivery"
    verbose_name = "Delivery to Kindle, Dropbox and Google Drive"

    def ready(self) -> None:
        from secondtrack.delivery.services import runner
        from secondtrack.taskqueue.runner import sweepers

        sweepers.append(runner.recover)  # deliveries whose task was lost in a crash
