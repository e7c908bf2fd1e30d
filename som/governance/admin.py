"""The back office for governance: the team corrects the bodies, mandates, the motion kinds and
the statutes' numbers here (data the statutes can change), through the governance services
(create_body, update_body, appoint, correct_mandate, save_motion_kind, save_statutes: validated,
audited, and the rules of a convened meeting stay as they were). Meetings change only through the
services (the secretary's pages), so the admin shows them read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from som.accounts.models import Person
from som.core.admin import ReadOnlyAdmin, ServiceAdmin, form_values
from som.governance import services
from som.governance.models import Body, Mandate, Meeting, MotionKind, Statutes


def _person(request: HttpRequest) -> Person:
    assert isinstance(request.user, Person)
    return request.user


@admin.register(Body)
class BodyAdmin(ServiceAdmin):
    list_display = ["name", "kind", "meeting_frequency", "active_from", "active_until"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}

    def create(self, request: HttpRequest, form: Any, rows: Any) -> Body:
        return services.create_body(**form_values(form), by=_person(request))

    def update(self, request: HttpRequest, obj: Body, form: Any, rows: Any) -> Body:
        values = form_values(form, changed_only=True)
        return services.update_body(body=obj, values=values, by=_person(request))


@admin.register(Mandate)
class MandateAdmin(ServiceAdmin):
    list_display = ["person", "body", "role", "seat", "starts_on", "ends_on"]
    list_filter = ["body", "role"]
    search_fields = ["person__full_name", "person__email", "seat"]
    raw_id_fields = ["person", "organisation", "elected_by"]

    def create(self, request: HttpRequest, form: Any, rows: Any) -> Mandate:
        return services.appoint(**form_values(form), by=_person(request))

    def update(self, request: HttpRequest, obj: Mandate, form: Any, rows: Any) -> Mandate:
        values = form_values(form, changed_only=True)
        return services.correct_mandate(mandate=obj, values=values, by=_person(request))


@admin.register(MotionKind)
class MotionKindAdmin(ServiceAdmin):
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

    def create(self, request: HttpRequest, form: Any, rows: Any) -> MotionKind:
        return services.save_motion_kind(
            kind=MotionKind(), values=form_values(form), by=_person(request)
        )

    def update(self, request: HttpRequest, obj: MotionKind, form: Any, rows: Any) -> MotionKind:
        values = form_values(form, changed_only=True)
        return services.save_motion_kind(kind=obj, values=values, by=_person(request))


@admin.register(Statutes)
class StatutesAdmin(ServiceAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return not Statutes.objects.exists() and super().has_add_permission(request)

    def create(self, request: HttpRequest, form: Any, rows: Any) -> Statutes:
        return services.save_statutes(
            statutes=Statutes(), values=form_values(form), by=_person(request)
        )

    def update(self, request: HttpRequest, obj: Statutes, form: Any, rows: Any) -> Statutes:
        values = form_values(form, changed_only=True)
        return services.save_statutes(statutes=obj, values=values, by=_person(request))


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "body", "kind", "starts_at", "status"]
    list_filter = ["body", "kind", "status"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
