"""The admin is not a second write path (issue 17, point 7). Every ModelAdmin either only reads
(for the team) or is a ServiceAdmin that declares the services it saves through, and leaves
Django's write hooks to ServiceAdmin, which hands every save and delete to those services."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from som.core.admin import ServiceAdmin
from som.events.tests.factories import make_event
from som.labs.models import Call

# Admins whose write path is proven elsewhere. Each entry says where.
DECIDED_ELSEWHERE = {
    "accounts.person": "saves through accounts.team_changes.update_person "
    "(som/accounts/tests/test_back_office_escalation.py)",
}

WRITE_HOOKS = ["save_model", "save_related", "save_formset", "delete_model", "delete_queryset"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _team_request(team_member):
    request = RequestFactory().get("/")
    request.user = team_member
    return request


def _only_reads(model_admin, request) -> bool:
    if model_admin.has_add_permission(request) or model_admin.has_delete_permission(request):
        return False
    if not model_admin.has_change_permission(request):
        return True
    # A change page whose every field is read-only saves nothing.
    form = model_admin.get_form(request, None, change=True)
    return not form.base_fields


def test_every_admin_only_reads_or_declares_the_services_it_saves_through(team_member):
    request = _team_request(team_member)
    undecided = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        if label in DECIDED_ELSEWHERE:
            continue
        if isinstance(model_admin, ServiceAdmin):
            declared = [op for op in ("create", "update", "delete") if model_admin.offers(op)]
            overridden = [
                hook
                for hook in WRITE_HOOKS
                if getattr(type(model_admin), hook) is not getattr(ServiceAdmin, hook)
            ]
            if not declared or overridden:
                undecided.append(f"{label}: services {declared}, overrides {overridden}")
        elif not _only_reads(model_admin, request):
            undecided.append(f"{label}: {type(model_admin).__name__} writes by itself")
    assert not undecided, "\n".join(undecided)


def test_a_service_admin_offers_only_what_it_declares(team_member):
    request = _team_request(team_member)
    for model_admin in admin.site._registry.values():
        if isinstance(model_admin, ServiceAdmin):
            if not model_admin.offers("create"):
                assert not model_admin.has_add_permission(request), model_admin
            if not model_admin.offers("delete"):
                assert not model_admin.has_delete_permission(request), model_admin
            assert "delete_selected" not in model_admin.get_actions(request)


def test_a_call_cannot_be_set_to_confirmed_by_the_board_in_the_back_office(client_of, team_member):
    event = make_event()
    call = Call.objects.create(
        title="Labo-oproep",
        network_day=event,
        deadline=timezone.now() + datetime.timedelta(days=14),
        total_budget=Decimal("20000"),
        max_budget_per_proposal=Decimal("5000"),
        rule=Call.Rule.GREEDY,
    )
    client = client_of(team_member)
    url = reverse("admin:labs_call_change", args=[call.pk])
    assert client.get(url).status_code == 200  # to read

    response = client.post(
        url,
        {
            "title": call.title,
            "network_day": event.pk,
            "deadline_0": "01/01/2030",
            "deadline_1": "12:00",
            "status": Call.Status.CONFIRMED,
            "total_budget": "20000",
            "max_budget_per_proposal": "5000",
            "min_labs": "3",
            "max_labs": "5",
            "rule": call.rule,
        },
    )

    assert response.status_code == 403
    call.refresh_from_db()
    assert call.status != Call.Status.CONFIRMED
    assert client.get(reverse("admin:labs_call_add")).status_code == 403
