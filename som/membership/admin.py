"""The back office for memberships. Types, tariffs and years are data the team corrects here,
through the membership services (update_membership_type, update_membership_year: validated and
audited); applications, memberships and the register change only through the services (the team
pages and the commands), so here they are read-only lists."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from som.core.admin import ReadOnlyAdmin, ServiceAdmin, form_values
from som.core.changes import RowChanges
from som.membership import services
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
    can_delete = False  # applications and invoices point at it: untick "offered" instead


@admin.register(MembershipType)
class MembershipTypeAdmin(ServiceAdmin):
    list_display = ["name", "code", "gives_vote", "requires_instellingsnummer"]
    readonly_fields = ["code"]
    inlines = [TariffInline]

    def update(
        self,
        request: HttpRequest,
        obj: MembershipType,
        form: Any,
        rows: dict[type[Any], RowChanges[Any]],
    ) -> MembershipType:
        return services.update_membership_type(
            membership_type=obj,
            values=form_values(form, changed_only=True),
            tariffs=rows.get(Tariff),
            by=request.user,  # type: ignore[arg-type]
        )


@admin.register(MembershipYear)
class MembershipYearAdmin(ServiceAdmin):
    list_display = [
        "year",
        "starts_on",
        "ends_on",
        "first_reminder_after_days",
        "second_reminder_after_days",
        "grace_days",
    ]

    readonly_fields = ["year"]

    def update(
        self,
        request: HttpRequest,
        obj: MembershipYear,
        form: Any,
        rows: dict[type[Any], RowChanges[Any]],
    ) -> MembershipYear:
        return services.update_membership_year(
            year=obj,
            values=form_values(form, changed_only=True),
            by=request.user,  # type: ignore[arg-type]
        )


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
