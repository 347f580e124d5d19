from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "secondtrack.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from secondtrack.accounts import checks, reauth  # noqa: F401 - the sign-in receiver, deploy checks
