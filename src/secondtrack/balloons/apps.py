from django.apps import AppConfig


class BalloonsConfig(AppConfig):
    name = "secondtrack.balloons"
    verbose_name = "Trial balloons"
