from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "secondtrack.accounts"
    verbose_name = "Accounts"
