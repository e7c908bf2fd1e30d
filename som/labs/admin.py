"""The back office for labs: to look things up and to repair, not for daily work. Calls are
opened, edited and closed on the team's pages (som.labs.services.calls), their vote runs through
som.labs.services.selection and the board confirms through som.labs.services.confirmation; proposals change only
through their services (the editor, screening, pitch slots). So the admin lists both read-only."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from som.core.admin import ReadOnlyAdmin, ReadOnlyInline
from som.labs.models import BudgetLine, Call, CoAuthor, Proposal


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
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

    def get_queryset(self, request: HttpRequest) -> QuerySet[Call]:
        return super().get_queryset(request).annotate(number_of_proposals=Count("proposals"))

    @admin.display(description=_("proposals"), ordering="number_of_proposals")
    def proposal_count(self, call: Any) -> int:
        return int(call.number_of_proposals)


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = ["description", "amount"]


class CoAuthorInline(ReadOnlyInline):
    model = CoAuthor
    fields = ["email", "person", "is_expert", "invited_at", "accepted_at"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "call", "status", "created_by", "submitted_at", "pitch_slot"]
    list_filter = ["status", "call", "speerpunten"]
    search_fields = ["title", "summary", "challenge", "created_by__full_name"]
    list_select_related = ["call", "created_by", "pitch_slot"]
    inlines = [CoAuthorInline, BudgetLineInline]
