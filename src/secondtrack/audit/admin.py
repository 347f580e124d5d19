from django.contrib import admin

from secondtrack.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: platform admins see every entry, including those of no series (a registry
    merge or export)."""

    list_display = ("at", "actor", "action", "series", "target_type", "target_id", "detail")
    list_filter = ("action",)
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
