from django.urls import path

from secondtrack.accounts import locale_views as views

app_name = "locale"

urlpatterns = [
    path("me/language/", views.set_language, name="set_language"),
    path("me/settings/", views.locale_settings, name="settings"),
]
