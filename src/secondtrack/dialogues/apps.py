from django.apps import AppConfig


class DialoguesConfig(AppConfig):
    name = "secondtrack.dialogues"
    verbose_name = "Dialogues"
