from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "secondtrack.reports"
    verbose_name = "Reports"
