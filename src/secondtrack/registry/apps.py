from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "secondtrack.registry"
    verbose_name = "Registry"
