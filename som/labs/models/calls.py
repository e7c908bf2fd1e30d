"""Calls for lab proposals (selection rounds), proposals written together (their budget lines,
co-authors and revisions)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date
from som.events.models import Event, ProgrammeItem
from som.network.models import Speerpunt
from som.voting.models import Poll


class Call(TimeStampedModel):
    """A selection round: proposals until the deadline, pitched and chosen at a network day."""

    class Rule(models.TextChoices):
        GREEDY = "greedy", _("most approvals first (greedy)")
        EQUAL_SHARES = "equal_shares", _("Method of Equal Shares (proportional)")

    class Status(models.TextChoices):
        OPEN = "open", _("open for proposals")
        SCREENING = "screening", _("screening")
        VOTING = "voting", _("voting")
        DECIDED = "decided", _("selection made")
        CONFIRMED = "confirmed", _("confirmed by the board")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    network_day = models.ForeignKey(
        Event,
        verbose_name=_("network day"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calls",
    )
    deadline = models.DateTimeField(_("deadline for proposals"), validators=[sensible_date])
    total_budget = models.DecimalField(_("total budget (EUR)"), max_digits=10, decimal_places=2)
    max_budget_per_proposal = models.DecimalField(
        _("maximum per proposal (EUR)"), max_digits=10, decimal_places=2
    )
    min_labs = models.PositiveSmallIntegerField(_("at least this many labs"), default=3)
    max_labs = models.PositiveSmallIntegerField(_("at most this many labs"), default=5)
    rule = models.CharField(_("selection rule"), max_length=20, choices=Rule.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    poll = models.OneToOneField(
        Poll,
        verbose_name=_("selection vote"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="call",
    )
    # Written once when the vote closes (som/labs/services/selection.py): the votes, what the rule chose
    # and its steps, so the screen and the result page explain it without recomputing.
    outcome = models.JSONField(_("outcome of the selection rule"), default=dict, blank=True)

    class Meta:
        verbose_name = _("call for lab proposals")
        verbose_name_plural = _("calls for lab proposals")
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_labs__gte=models.F("min_labs")),
                name="call_max_labs_at_least_min",
            ),
            models.CheckConstraint(
                condition=models.Q(total_budget__gte=0, max_budget_per_proposal__gte=0),
                name="call_budgets_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # --- The call's state, for services, views and templates alike --------------------------

    @property
    def is_open(self) -> bool:
        """Takes proposals (until its deadline)."""
        return self.status == self.Status.OPEN

    @property
    def is_editable(self) -> bool:
        """The team may still change it: its vote has not started."""
        return self.status in (self.Status.OPEN, self.Status.SCREENING)

    @property
    def awaits_confirmation(self) -> bool:
        """The selection is made; the board has not confirmed it yet."""
        return self.status == self.Status.DECIDED

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def vote_is_open(self) -> bool:
        """Its selection vote takes ballots (select `poll`)."""
        return self.poll is not None and self.poll.state == Poll.State.OPEN

    @property
    def vote_is_closed(self) -> bool:
        """Its selection vote is closed, its result not yet published (select `poll`)."""
        return self.poll is not None and self.poll.state == Poll.State.CLOSED

    @property
    def vote_is_published(self) -> bool:
        """Its selection vote's result is public (select `poll`)."""
        return self.poll is not None and self.poll.state == Poll.State.PUBLISHED


class Proposal(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        ELIGIBLE = "eligible", _("eligible")
        NOT_ELIGIBLE = "not_eligible", _("not eligible")
        SELECTED = "selected", _("selected")
        NOT_SELECTED = "not_selected", _("not selected")
        CONFIRMED = "confirmed", _("confirmed: becomes a lab")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("one-line summary"), max_length=200, blank=True, help_text=_("Shown on the ballot.")
    )
    challenge = models.TextField(_("the complex challenge"), blank=True)
    beyond_one_school = models.TextField(_("why it exceeds one school"), blank=True)
    approach = models.TextField(_("the approach, for at least a year"), blank=True)
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), default=12)
    expertise_needed = models.TextField(_("expertise the group needs"), blank=True)
    room_needed = models.TextField(_("room the group needs"), blank=True)
    speerpunten = models.ManyToManyField(Speerpunt, verbose_name=_("speerpunten"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(
        _("submitted at"), null=True, blank=True, validators=[sensible_date]
    )
    screened_at = models.DateTimeField(
        _("screened at"), null=True, blank=True, validators=[sensible_date]
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("screened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    screening_reason = models.TextField(_("reason (when not eligible)"), blank=True)
    pitch_slot = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("pitch slot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pitched_proposals",
    )
    pitch_order = models.PositiveSmallIntegerField(_("order in the pitch slot"), default=0)

    class Meta:
        verbose_name = _("lab proposal")
        verbose_name_plural = _("lab proposals")
        ordering = ["call", "pitch_order", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def status_tone(self) -> str:
        """How its status badge looks: going on (success), waiting (warning), stopped (danger)."""
        tones: dict[str, str] = {
            self.Status.ELIGIBLE: "success",
            self.Status.SELECTED: "success",
            self.Status.CONFIRMED: "success",
            self.Status.DRAFT: "warning",
            self.Status.SUBMITTED: "warning",
            self.Status.NOT_ELIGIBLE: "danger",
            self.Status.NOT_SELECTED: "danger",
        }
        return tones.get(self.status, "")

    @property
    def is_eligible(self) -> bool:
        """Screened eligible: it may be pitched and goes on the ballot."""
        return self.status == self.Status.ELIGIBLE

    @property
    def is_not_eligible(self) -> bool:
        return self.status == self.Status.NOT_ELIGIBLE

    @property
    def requested_budget(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines.all()), Decimal(0))


class BudgetLine(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    description = models.CharField(_("what for"), max_length=200)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_line_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.description}: € {self.amount}"


class CoAuthor(models.Model):
    """Somebody invited by email to write the proposal. They count once they accepted, logged in
    with that address (`person` is known from then on); an invited expert may join but does not
    count for the diversity rules."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="coauthors"
    )
    email = models.EmailField(_("email"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coauthorships",
    )
    is_expert = models.BooleanField(_("invited expert"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    # Until then the invitation can be accepted (an answered one has none to keep).
    expires_at = models.DateTimeField(
        _("valid until"), null=True, blank=True, validators=[sensible_date]
    )
    accepted_at = models.DateTimeField(
        _("accepted at"), null=True, blank=True, validators=[sensible_date]
    )

    class Meta:
        verbose_name = _("co-author")
        verbose_name_plural = _("co-authors")
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "email"], name="one_invitation_per_email"),
        ]

    def __str__(self) -> str:
        return str(self.person or self.email)


class ProposalRevision(models.Model):
    """The history of a proposal: a snapshot at every save, by whom."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="revisions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    snapshot = models.JSONField(_("content"))

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.proposal} @ {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"
