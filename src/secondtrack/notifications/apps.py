from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "secondtrack.notifications"
    verbose_name = "Notifications by e-mail"
