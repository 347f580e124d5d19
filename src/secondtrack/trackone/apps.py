from django.apps import AppConfig


class TrackOneConfig(AppConfig):
    name = "secondtrack.trackone"
    verbose_name = "Track One uptake"
