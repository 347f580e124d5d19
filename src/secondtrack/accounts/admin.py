from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from secondtrack.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_analyst", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "display_name", "person"]}),
        ("Roles", {"fields": ["is_active", "is_staff", "is_superuser", "is_analyst"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "password1", "password2"]})]
    raw_id_fields = ["person"]
    filter_horizontal = []
    list_filter = ["is_staff", "is_active"]
