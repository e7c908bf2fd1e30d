"""Meetings and their agenda: the items (motions), an election's candidates, and the conflicts of
interest declared on an item."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date
from som.governance.models.bodies import Body, MotionKind
from som.governance.models.requests import AgendaProposal, MeetingRequest
from som.network.models import Organisation


class Meeting(TimeStampedModel):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("ordinary")
        EXTRAORDINARY = "extraordinary", _("extraordinary")

    class Status(models.TextChoices):
        DRAFT = "draft", _("in preparation")
        CONVENED = "convened", _("convened")
        IN_PROGRESS = "in_progress", _("in session")
        CLOSED = "closed", _("closed")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), validators=[sensible_date])
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    invite_observers = models.BooleanField(_("invite the lab members as observers"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    convened_at = models.DateTimeField(
        _("convened at"), null=True, blank=True, validators=[sensible_date]
    )
    started_at = models.DateTimeField(
        _("opened at"), null=True, blank=True, validators=[sensible_date]
    )
    closed_at = models.DateTimeField(
        _("closed at"), null=True, blank=True, validators=[sensible_date]
    )
    second_meeting_of = models.ForeignKey(
        "self",
        verbose_name=_("second meeting of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="second_meetings",
    )
    request = models.ForeignKey(
        MeetingRequest,
        verbose_name=_("requested by the members"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""),
                name="governance_meeting_has_a_place_or_a_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_second_meeting(self) -> bool:
        return self.second_meeting_of_id is not None

    # The meeting's states, named once for services, views and templates alike.

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_convened(self) -> bool:
        return self.status == self.Status.CONVENED

    @property
    def is_in_session(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_before_session(self) -> bool:
        """In preparation or convened: it can still be moved, and its agenda still takes items
        and the members' proposals."""
        return self.status in (self.Status.DRAFT, self.Status.CONVENED)

    @property
    def takes_proxies(self) -> bool:
        """Convened or in session: the members answer whether they attend and give proxies."""
        return self.status in (self.Status.CONVENED, self.Status.IN_PROGRESS)

    @property
    def has_opened(self) -> bool:
        """In session or closed: the projector has something to show."""
        return self.status in (self.Status.IN_PROGRESS, self.Status.CLOSED)


class AgendaItem(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("not decided yet")
        ADOPTED = "adopted", _("adopted")
        REJECTED = "rejected", _("rejected")
        NO_QUORUM = "no_quorum", _("no quorum")
        TIED = "tied", _("tie at the last seat")
        INFORMATION = "information", _("for information")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("explanation"), blank=True)
    motion_kind = models.ForeignKey(
        MotionKind,
        verbose_name=_("kind of motion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Empty for an item without a vote."),
    )
    motion = models.TextField(_("proposed decision"), blank=True)
    subject_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("member concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The member an exclusion is about: named on the agenda."),
    )
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)
    heard_at = models.DateTimeField(
        _("member heard at"), null=True, blank=True, validators=[sensible_date]
    )
    hearing_note = models.TextField(_("hearing"), blank=True)
    poll = models.OneToOneField(
        "voting.Poll",
        verbose_name=_("vote"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_item",
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    decision = models.JSONField(_("decision"), default=dict, blank=True)
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, validators=[sensible_date]
    )
    proposal = models.OneToOneField(
        AgendaProposal,
        verbose_name=_("proposed by the members"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="item",
    )
    carried_over_from = models.OneToOneField(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_over_to",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="governance_item_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def has_vote(self) -> bool:
        return self.motion_kind_id is not None

    # The item's outcomes, named once for services, views and templates alike.

    @property
    def is_pending(self) -> bool:
        return self.outcome == self.Outcome.PENDING

    @property
    def is_adopted(self) -> bool:
        return self.outcome == self.Outcome.ADOPTED

    @property
    def is_rejected(self) -> bool:
        return self.outcome == self.Outcome.REJECTED

    @property
    def is_no_quorum(self) -> bool:
        return self.outcome == self.Outcome.NO_QUORUM

    @property
    def is_tied(self) -> bool:
        return self.outcome == self.Outcome.TIED


class Candidate(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("candidate"), on_delete=models.PROTECT
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="governance_candidate_once")
        ]

    def __str__(self) -> str:
        return str(self.person)


class ConflictOfInterest(models.Model):
    """Declared before the decision, written in the minutes; the person does not vote."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="conflicts_of_interest"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT
    )
    declaration = models.TextField(_("declaration"))
    recorded_at = models.DateTimeField(_("recorded at"), validators=[sensible_date])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="governance_conflict_once")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.item}"
