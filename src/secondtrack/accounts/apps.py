from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "secondtrack.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from secondtrack.accounts import reauth  # noqa: F401 - connects the sign-in receiver
