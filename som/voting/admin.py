"""The back office for polls: the team writes a poll with a voter list, its options and voters
here while it is a draft (services.create_poll, revise_draft, delete_draft), and opens, closes and
publishes it with the actions (the services); an open poll is only read here. Vote records, ballots and
results are read-only, and nobody deletes them. While a poll is open the back office shows no
ballot (interim results) and, for a secret poll, not who voted either: the turnout page says how
many. Sealed ballots are not in the back office at all."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from som.core.admin import ReadOnlyAdmin, ServiceAdmin, form_values
from som.core.changes import RowChanges
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


class VoterListEntryInline(_DraftOnlyInline):
    model = VoterListEntry
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "weight"]


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
class PollAdmin(ServiceAdmin):
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
    readonly_fields = [
        *["electorate_kind", "electorate_reference"],  # a voter list; other kinds: their app
        *["state", "opened_at", "closed_at", "published_at", "created_by"],
    ]
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

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_listed_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_listed_draft(obj) and super().has_delete_permission(request, obj)

    def create(
        self, request: HttpRequest, form: Any, rows: dict[type[Any], RowChanges[Any]]
    ) -> Poll:
        options = rows.get(PollOption, RowChanges()).added
        poll = services.create_poll(
            **form_values(form),
            options=[
                services.OptionData(o.label, description=o.description, reference=o.reference)
                for o in sorted(options, key=lambda option: option.position)
            ],
            by=request.user,  # type: ignore[arg-type]
        )
        voters = rows.get(VoterListEntry, RowChanges()).added
        if voters:
            services.revise_draft(
                poll=poll,
                values={},
                voters=RowChanges(added=voters),
                by=request.user,  # type: ignore[arg-type]
            )
        return poll

    def update(
        self, request: HttpRequest, obj: Poll, form: Any, rows: dict[type[Any], RowChanges[Any]]
    ) -> Poll:
        return services.revise_draft(
            poll=obj,
            values=form_values(form, changed_only=True),
            options=rows.get(PollOption),
            voters=rows.get(VoterListEntry),
            by=request.user,  # type: ignore[arg-type]
        )

    def delete(self, request: HttpRequest, obj: Poll) -> None:
        services.delete_draft(poll=obj, by=request.user)  # type: ignore[arg-type]


def _is_listed_draft(poll: Any) -> bool:
    return poll is None or (poll.state == Poll.State.DRAFT and poll.electorate_kind == "listed")


_COUNTED = (Poll.State.CLOSED, Poll.State.PUBLISHED)


@admin.register(VoteRecord)
class VoteRecordAdmin(ReadOnlyAdmin):
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
class RepresentationAdmin(ReadOnlyAdmin):
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
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["id", "poll", "voter", "choices", "weight", "receipt_hash"]
    list_filter = ["poll"]
    search_fields = ["receipt_hash"]
    list_select_related = ["poll", "voter"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Ballot]:
        return super().get_queryset(request).filter(poll__state__in=_COUNTED)


@admin.register(PollResult)
class PollResultAdmin(ReadOnlyAdmin):
    list_display = ["poll", "computed_at"]
    list_select_related = ["poll"]
