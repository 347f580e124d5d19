from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "secondtrack.delivery"
    verbose_name = "Delivery to Kindle, Dropbox and Google Drive"
