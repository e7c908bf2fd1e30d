"""The back office for memberships. Types, tariffs and years are data the team edits here;
applications, memberships and the register change only through the services (the team pages
and the commands), so here they are read-only lists."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from som.core.admin import AuditedAdmin, PublicPagesAdmin
from som.membership.models import (
    Application,
    Membership,
    MembershipType,
    MembershipYear,
    RegisterEntry,
    Tariff,
)


class TariffInline(admin.TabularInline[Tariff, MembershipType]):
    model = Tariff
    extra = 0


@admin.register(MembershipType)
class MembershipTypeAdmin(PublicPagesAdmin):
    list_display = ["name", "code", "gives_vote", "requires_instellingsnummer"]
    inlines = [TariffInline]


@admin.register(MembershipYear)
class MembershipYearAdmin(admin.ModelAdmin[MembershipYear]):
    list_display = [
        "year",
        "starts_on",
        "ends_on",
        "first_reminder_after_days",
        "second_reminder_after_days",
        "grace_days",
    ]


class ReadOnlyAdmin(AuditedAdmin):
    """A list to look things up in; every change goes through a service."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "membership_type", "year", "tariff", "status", "created_at"]
    list_filter = ["status", "membership_type", "year", "tariff__code"]
    search_fields = ["organisation__name", "applicant__full_name", "applicant__email"]
    list_select_related = ["membership_type", "year", "tariff", "organisation", "applicant"]
    date_hierarchy = "created_at"


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["holder_name", "membership_type", "year", "tariff", "status", "counts_from"]
    list_filter = ["status", "membership_type", "year", "tariff__code"]
    search_fields = ["organisation__name", "person__full_name", "person__email"]
    list_select_related = ["membership_type", "year", "tariff", "organisation", "person"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    """Append-only by law: no add, change or delete here, not even for a superuser."""

    list_display = ["number", "kind", "organisation", "decision_date", "registered_at", "corrects"]
    list_filter = ["kind", "decision_date"]
    search_fields = ["organisation__name", "note"]
    list_select_related = ["organisation", "corrects"]
