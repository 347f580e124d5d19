"""Timetable and calendar pages (see timetable_views.py)."""

from django.urls import path

from secondtrack.dialogues import timetable_views as views

urlpatterns = [
    path("meetings/<int:meeting_id>/timetable/add/", views.add, name="timetable_add"),
    path("meetings/<int:meeting_id>/agenda.ics", views.meeting_agenda, name="meeting_agenda"),
    path("sessions/<int:session_id>/timetable/", views.edit, name="timetable_edit"),
    path("sessions/<int:session_id>/timetable/remove/", views.remove, name="timetable_remove"),
    path("sessions/<int:session_id>/timetable/open/", views.open_now, name="timetable_open"),
    path("calendar/reset/", views.reset_calendar_link, name="calendar_reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
