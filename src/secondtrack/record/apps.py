from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "secondtrack.record"
    verbose_name = "Record"
