from django.contrib import admin

from secondtrack.dialogues.models import Meeting, Participation, Series, SeriesRole, Session


class SeriesRoleInline(admin.TabularInline):
    model = SeriesRole
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "convening_organisation"]
    inlines = [SeriesRoleInline]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    raw_id_fields = ["facilitator"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    """The rule is read-only once the session has started (design §5)."""

    list_display = ["title", "meeting", "rule", "status", "starts", "room"]
    list_filter = ["rule", "status"]
    raw_id_fields = ["meeting", "facilitator"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.rule_locked:
            fields.append("rule")
        return fields


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    raw_id_fields = ["person", "listed_affiliation"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "series", "starts", "place", "claimed_track"]
    list_filter = ["series"]
    inlines = [SessionInline, ParticipationInline]
