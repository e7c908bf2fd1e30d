"""The back office for polls: the team writes a poll and its options here while it is a draft,
and opens, closes and publishes it with the actions (the services). Vote records, ballots and
results are read-only, and nobody deletes them. While a poll is open the back office shows no
ballot (interim results) and, for a secret poll, not who voted either: the turnout page says how
many. Sealed ballots are not in the back office at all."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from som.core.admin import AuditedAdmin
from som.core.errors import DomainError
from som.voting import services
from som.voting.models import (
    Ballot,
    Poll,
    PollOption,
    PollResult,
    Representation,
    VoteRecord,
    VoterListEntry,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # dev-only package: types only


class _DraftOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    def _is_draft(self, obj: Any) -> bool:
        return obj is None or obj.state == Poll.State.DRAFT

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_draft(obj) and super().has_delete_permission(request, obj)


class PollOptionInline(_DraftOnlyInline):
    model = PollOption
    extra = 2
    fields = ["position", "label", "description", "reference"]


class VoterListEntryInline(admin.TabularInline):  # type: ignore[type-arg]
    model = VoterListEntry
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "weight"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return (obj is None or obj.state == Poll.State.DRAFT) and super().has_delete_permission(
            request, obj
        )


def _transition(name: str, label: "StrOrPromise") -> Any:
    def action(modeladmin: "PollAdmin", request: HttpRequest, queryset: QuerySet[Poll]) -> None:
        for poll in queryset:
            if poll.electorate_kind != "listed":
                # A lab selection or a motion closes with its own rule, on its own page.
                modeladmin.message_user(
                    request,
                    _("%(poll)s belongs to a lab selection or a meeting: run it from that page.")
                    % {"poll": poll},
                    messages.ERROR,
                )
                continue
            try:
                getattr(services, name)(poll=poll, by=request.user)
            except DomainError as error:
                modeladmin.message_user(request, f"{poll}: {error}", messages.ERROR)
            else:
                modeladmin.message_user(request, f"{poll}: {label}", messages.SUCCESS)

    action.__name__ = name
    return admin.action(description=label)(action)


@admin.register(Poll)
class PollAdmin(AuditedAdmin):
    list_display = [
        "title",
        "method",
        "secrecy",
        "state",
        "electorate_kind",
        "opens_at",
        "closes_at",
    ]
    list_filter = ["state", "method", "secrecy", "electorate_kind"]
    search_fields = ["title", "question", "electorate_reference"]
    readonly_fields = ["state", "opened_at", "closed_at", "published_at", "created_by"]
    inlines = [PollOptionInline, VoterListEntryInline]
    actions = [
        _transition("open_poll", _("Open")),
        _transition("close_poll", _("Close and count")),
        _transition("publish_result", _("Publish the result")),
    ]
    fieldsets = [
        (None, {"fields": ["title", "question", "description"]}),
        (_("How"), {"fields": ["method", "max_choices", "secrecy"]}),
        (_("Who"), {"fields": ["electorate_kind", "electorate_reference"]}),
        (
            _("When"),
            {
                "fields": [
                    "opens_at",
                    "closes_at",
                    "publish_on_close",
                    "state",
                    "opened_at",
                    "closed_at",
                    "published_at",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.state != Poll.State.DRAFT:
            # The question, method and electorate are what voters agreed to vote on.
            fields += ["title", "question", "method", "max_choices", "secrecy"]
            fields += ["electorate_kind", "electorate_reference", "opens_at"]
        return fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return (obj is None or obj.state == Poll.State.DRAFT) and super().has_delete_permission(
            request, obj
        )


class _ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


_COUNTED = (Poll.State.CLOSED, Poll.State.PUBLISHED)


@admin.register(VoteRecord)
class VoteRecordAdmin(_ReadOnlyAdmin):
    list_display = ["poll", "voter", "weight", "voted_at"]
    list_filter = ["poll"]
    search_fields = ["voter__full_name", "voter__email", "poll__title"]
    list_select_related = ["poll", "voter"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[VoteRecord]:
        return (
            super()
            .get_queryset(request)
            .exclude(poll__secrecy=Poll.Secrecy.SECRET, poll__state=Poll.State.OPEN)
        )


@admin.register(Representation)
class RepresentationAdmin(_ReadOnlyAdmin):
    list_display = ["poll", "constituent", "voter"]
    list_filter = ["poll"]
    search_fields = ["constituent", "voter__full_name", "poll__title"]
    list_select_related = ["poll", "voter"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Representation]:
        return (
            super()
            .get_queryset(request)
            .exclude(poll__secrecy=Poll.Secrecy.SECRET, poll__state=Poll.State.OPEN)
        )


@admin.register(Ballot)
class BallotAdmin(_ReadOnlyAdmin):
    list_display = ["id", "poll", "voter", "choices", "weight", "receipt_hash"]
    list_filter = ["poll"]
    search_fields = ["receipt_hash"]
    list_select_related = ["poll", "voter"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Ballot]:
        return super().get_queryset(request).filter(poll__state__in=_COUNTED)


@admin.register(PollResult)
class PollResultAdmin(_ReadOnlyAdmin):
    list_display = ["poll", "computed_at"]
    list_select_related = ["poll"]
