from django.urls import path

from secondtrack.notifications import views

app_name = "notifications"

urlpatterns = [
    path("me/notifications/", views.preferences, name="preferences"),
]
