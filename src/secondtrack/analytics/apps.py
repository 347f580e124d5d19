from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "secondtrack.analytics"
    verbose_name = "Analytics"
