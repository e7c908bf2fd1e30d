"""The back office for events: the team creates and edits events and their programme here,
through the services (create_event, update_event, delete_event: a larger capacity moves the
waiting list up). Registrations change only through the services (the pages, the door, the API),
so the admin lists them read-only."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from som.core.admin import ReadOnlyAdmin, ServiceAdmin, form_values
from som.core.changes import RowChanges
from som.events import services
from som.events.models import EntryRule, Event, ProgrammeItem, Registration


class ProgrammeItemInline(admin.TabularInline[ProgrammeItem, Event]):
    model = ProgrammeItem
    extra = 1
    fields = ["starts_at", "ends_at", "kind", "title", "room", "speakers", "description"]


@admin.register(Event)
class EventAdmin(ServiceAdmin):
    list_display = [
        "title",
        "kind",
        "starts_at",
        "audience",
        "capacity",
        "registered_count",
        "waiting_count",
        "is_published",
    ]
    list_filter = ["kind", "audience", "is_published", "speerpunten", "starts_at"]
    search_fields = ["title", "summary", "venue_name", "venue_address", "organiser__name"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["speerpunten"]
    autocomplete_fields = ["organiser"]
    list_select_related = ["organiser"]
    inlines = [ProgrammeItemInline]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "description", "speerpunten"]}),
        (
            _("When and where"),
            {
                "fields": [
                    "starts_at",
                    "ends_at",
                    "doors_open_minutes",
                    "venue_name",
                    "venue_address",
                    "online_url",
                ]
            },
        ),
        (
            _("Registration"),
            {
                "fields": [
                    "audience",
                    "capacity",
                    "extra_places",
                    "registration_opens_at",
                    "registration_closes_at",
                    "price",
                    "member_price",
                ]
            },
        ),
        (
            _("Reconfirmation and waiting-list offers"),
            {
                "fields": [
                    "reconfirmation",
                    "reconfirm_days_before",
                    "release_days_before",
                    "offer_hours",
                ],
                "description": _(
                    "Registrants are asked to reconfirm their place (one tap in the mail) so "
                    "many days before the start; places not reconfirmed are released to the "
                    "waiting list at the second number of days before. A place that frees up "
                    "is offered to the first on the waiting list and held so many hours (at "
                    "most half the time left; 0: given at once)."
                ),
            },
        ),
        (
            _("After the event"),
            {
                "fields": ["materials_url", "thank_you_text", "missed_you_text"],
                "description": _(
                    "The day after the event, those who came get the thank-you (with the "
                    "materials link and the event's page), those who had a place and did not "
                    "come the other mail (with the next events). Empty: the standard text in "
                    "each person's language."
                ),
            },
        ),
        (_("Partner's event"), {"fields": ["organiser", "external_url"]}),
        (_("Publication"), {"fields": ["is_published"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                registered=Count("registrations", filter=Q(registrations__status="registered")),
                waiting=Count("registrations", filter=Q(registrations__status="waiting")),
            )
        )

    def create(
        self, request: HttpRequest, form: Any, rows: dict[type[Any], RowChanges[Any]]
    ) -> Event:
        programme = rows.get(ProgrammeItem, RowChanges())
        return services.create_event(
            values=form_values(form),
            speerpunten=list(form.cleaned_data.get("speerpunten", [])),
            programme=programme.added,
            by=request.user,  # type: ignore[arg-type]
        )

    def update(
        self, request: HttpRequest, obj: Event, form: Any, rows: dict[type[Any], RowChanges[Any]]
    ) -> Event:
        return services.update_event(
            event=obj,
            values=form_values(form, changed_only=True),
            speerpunten=list(form.cleaned_data["speerpunten"])
            if "speerpunten" in form.changed_data
            else None,
            programme=rows.get(ProgrammeItem),
            by=request.user,  # type: ignore[arg-type]
        )

    def delete(self, request: HttpRequest, obj: Event) -> None:
        services.delete_event(event=obj, by=request.user)  # type: ignore[arg-type]

    @admin.display(description=_("registered"), ordering="registered")
    def registered_count(self, obj: Any) -> int:
        return int(obj.registered)

    @admin.display(description=_("waiting"), ordering="waiting")
    def waiting_count(self, obj: Any) -> int:
        return int(obj.waiting)


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = [
        "person",
        "event",
        "status",
        "basis",
        "organisation",
        "created_at",
        "checked_in_at",
    ]
    list_filter = ["status", "basis", "is_walk_in", "event"]
    search_fields = ["person__full_name", "person__email", "event__title", "ticket_code"]
    list_select_related = ["person", "event", "organisation"]
    readonly_fields = [field.name for field in Registration._meta.fields]


@admin.register(EntryRule)
class EntryRuleAdmin(ReadOnlyAdmin):
    """To look the rules up; the team adds one on its page (events:entry_rules), through
    `services.entry_rules.set_entry_rule`."""

    list_display = ["event_kind", "basis", "entry", "per_year", "valid_from", "decision"]
    list_filter = ["event_kind", "basis", "entry"]
    readonly_fields = [field.name for field in EntryRule._meta.fields]
