from django.urls import path

from secondtrack.delivery import views

app_name = "delivery"

urlpatterns = [
    path("me/delivery/", views.settings_page, name="settings"),
    path("me/delivery/kindle/", views.kindle_address, name="kindle"),
    path("me/delivery/kindle/remove/", views.kindle_forget, name="kindle_forget"),
    path("me/delivery/<str:provider>/connect/", views.connect, name="connect"),
    path("me/delivery/<str:provider>/callback/", views.callback, name="callback"),
    path("me/delivery/<str:provider>/disconnect/", views.disconnect, name="disconnect"),
    path("deliveries/<uuid:delivery_id>/", views.delivery_page, name="delivery"),
    path("deliveries/<uuid:delivery_id>/status/", views.delivery_status, name="status"),
    path("deliveries/<uuid:delivery_id>/retry/", views.retry, name="retry"),
]
