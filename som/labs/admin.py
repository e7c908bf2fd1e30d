"""The back office for labs: the team opens a call here. Proposals change only through the
services (the editor, screening, pitch slots), so the admin lists them read-only."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from som.core.admin import AuditedAdmin
from som.labs.models import BudgetLine, Call, CoAuthor, Proposal


@admin.register(Call)
class CallAdmin(AuditedAdmin):
    list_display = ["title", "deadline", "network_day", "status", "rule", "proposal_count"]
    list_filter = ["status", "rule"]
    search_fields = ["title", "description"]
    date_hierarchy = "deadline"
    list_select_related = ["network_day"]
    fieldsets = [
        (None, {"fields": ["title", "description", "network_day", "deadline", "status"]}),
        (
            _("Selection"),
            {"fields": ["total_budget", "max_budget_per_proposal", "min_labs", "max_labs", "rule"]},
        ),
    ]

    # Past screening a call moves only through its services: the team's vote
    # (som.labs.selection) and the board's confirmation (som.labs.confirmation), which checks
    # for a board mandate. Here the team opens a call and moves it to screening, no further.
    HAND_SET = (Call.Status.OPEN, Call.Status.SCREENING)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.status not in self.HAND_SET:
            return [*super().get_readonly_fields(request, obj), "status"]
        return super().get_readonly_fields(request, obj)

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "status":
            kwargs["choices"] = [(status.value, status.label) for status in self.HAND_SET]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Call]:
        return super().get_queryset(request).annotate(number_of_proposals=Count("proposals"))

    @admin.display(description=_("proposals"), ordering="number_of_proposals")
    def proposal_count(self, call: Any) -> int:
        return int(call.number_of_proposals)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "network_day":
            from som.events.models import Event

            kwargs["queryset"] = Event.objects.filter(kind=Event.Kind.NETWORK_DAY)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = ["description", "amount"]


class CoAuthorInline(ReadOnlyInline):
    model = CoAuthor
    fields = ["email", "person", "is_expert", "invited_at", "accepted_at"]


@admin.register(Proposal)
class ProposalAdmin(AuditedAdmin):
    list_display = ["title", "call", "status", "created_by", "submitted_at", "pitch_slot"]
    list_filter = ["status", "call", "speerpunten"]
    search_fields = ["title", "summary", "challenge", "created_by__full_name"]
    list_select_related = ["call", "created_by", "pitch_slot"]
    inlines = [CoAuthorInline, BudgetLineInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
