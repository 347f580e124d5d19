from django.contrib import admin

from secondtrack.registry.models import Affiliation, Organisation, Person


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "honorific", "email"]
    search_fields = ["name", "email"]
    inlines = [AffiliationInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "country", "kind", "mandate", "government_funding"]
    list_filter = ["kind", "mandate"]
    search_fields = ["name", "acronym"]
