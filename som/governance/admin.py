"""The back office for governance: the team edits the bodies, mandates, the motion kinds and
the statutes' numbers here (data the statutes can change). Meetings change only through the
services (the secretary's pages), so the admin shows them read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from som.core import audit
from som.core.admin import AuditedAdmin
from som.governance.models import Body, Mandate, Meeting, MotionKind, Statutes


class _Audited(AuditedAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        action = f"{obj._meta.model_name}.{'changed' if change else 'created'}"
        audit.record(
            actor=request.user, action=action, obj=obj, changes={"fields": form.changed_data}
        )


@admin.register(Body)
class BodyAdmin(_Audited):
    list_display = ["name", "kind", "meeting_frequency", "active_from", "active_until"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Mandate)
class MandateAdmin(_Audited):
    list_display = ["person", "body", "role", "seat", "starts_on", "ends_on"]
    list_filter = ["body", "role"]
    search_fields = ["person__full_name", "person__email", "seat"]
    raw_id_fields = ["person", "organisation", "elected_by"]


@admin.register(MotionKind)
class MotionKindAdmin(_Audited):
    list_display = [
        "name",
        "code",
        "quorum_numerator",
        "quorum_denominator",
        "majority_numerator",
        "majority_denominator",
        "majority_strict",
        "abstentions",
        "min_notice_days",
        "secret",
    ]


@admin.register(Statutes)
class StatutesAdmin(_Audited):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return not Statutes.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ["title", "body", "kind", "starts_at", "status"]
    list_filter = ["body", "kind", "status"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
