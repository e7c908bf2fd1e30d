"""Calls for lab proposals (selection rounds), proposals written together, their screening,
pitches and the selection decision; then the labs themselves: their group, sessions and logbook,
results and yearly report entries (their budget and expenses live in som.finance)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date
from som.events.models import Event, ProgrammeItem
from som.finance.models import Budget
from som.network.models import Organisation, Speerpunt
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


class SelectionDecision(models.Model):
    """The board confirms the selection of a call: a recorded decision."""

    call = models.OneToOneField(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="decision"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)
    selected = models.ManyToManyField(Proposal, verbose_name=_("selected proposals"))
    explanation = models.JSONField(_("how the rule chose"), default=dict)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")

    def __str__(self) -> str:
        return str(self.call)


# --- Labs at work --------------------------------------------------------------------------------


class Lab(TimeStampedModel):
    """A lab: from a confirmed proposal, or entered by the team for one that existed before."""

    class Status(models.TextChoices):
        STARTUP = "startup", _("start-up")
        EXPLORATION = "exploration", _("exploration")
        RUNNING = "running", _("running")
        SUSTAINED = "sustained", _("sustained")
        FINISHED = "finished", _("finished")
        STOPPED = "stopped", _("stopped")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("one-line summary"), max_length=300, blank=True)
    challenge = models.TextField(_("the challenge"), blank=True)
    speerpunten = models.ManyToManyField(Speerpunt, verbose_name=_("speerpunten"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.STARTUP
    )
    starts_on = models.DateField(_("start date"), validators=[sensible_date])
    planned_end_on = models.DateField(_("planned end"), validators=[sensible_date])
    early_end_reason = models.TextField(_("why it ends within a year"), blank=True)
    partners = models.TextField(
        _("partner organisations"), blank=True, help_text=_("One per line.")
    )
    proposal = models.OneToOneField(
        Proposal,
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lab",
    )
    budget = models.OneToOneField(
        Budget, verbose_name=_("budget"), on_delete=models.PROTECT, related_name="lab"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lab")
        verbose_name_plural = _("labs")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end_on__gte=models.F("starts_on")),
                name="lab_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


class LabStatusChange(models.Model):
    """The history of a lab's status: each change dated and explained. A lead's or the team's
    explanation is their own words; the platform's own (a lab born from a selection, one the
    team entered) is a `reason` with its `facts`, put into words for each reader (`text`)."""

    class Reason(models.TextChoices):
        WRITTEN = "", _("in the words of who changed it")
        SELECTED = "selected", _("selected and confirmed by the board")
        ENTERED = "entered", _("entered by the SOM team")

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Lab.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Lab.Status.choices)
    changed_on = models.DateField(_("date"), validators=[sensible_date])
    explanation = models.TextField(_("explanation"), blank=True)
    reason = models.CharField(
        _("reason"), max_length=20, choices=Reason.choices, default=Reason.WRITTEN, blank=True
    )
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.lab}: {self.from_status} → {self.to_status}"

    @property
    def text(self) -> str:
        """The explanation in the active language: "Selected in “Call 2027” and confirmed by the
        board on 7 December 2026." (the date as the board's day in Brussels, stored as such)."""
        if self.reason == self.Reason.SELECTED:
            decided_on = datetime.date.fromisoformat(self.facts["decided_on"])
            return gettext("Selected in “%(call)s” and confirmed by the board on %(date)s.") % {
                "call": self.facts["call"],
                "date": date_format(decided_on, "DATE_FORMAT"),
            }
        if self.reason == self.Reason.ENTERED and not self.explanation:
            return gettext("Entered by the SOM team.")
        return self.explanation


class LabMember(models.Model):
    """A person in a lab's group. Ending a membership keeps the row (`ended_on`): the history
    says who took part. `basis` is why they may take part, checked at invitation and acceptance."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        MEMBER = "member", _("member")

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.PROTECT, related_name="members"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="lab_memberships",
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    is_expert = models.BooleanField(_("invited expert"), default=False)
    basis = models.CharField(_("takes part as"), max_length=300, blank=True)
    basis_code = models.CharField(_("basis code"), max_length=30, blank=True)
    # The member institution the person worked for when the basis was checked (`member_staff`).
    basis_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("works for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    accepted_at = models.DateTimeField(
        _("accepted at"), null=True, blank=True, validators=[sensible_date]
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True, validators=[sensible_date])
    end_reason = models.CharField(_("why it ended"), max_length=300, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when the leads and the team were told that the basis lapsed; cleared when it counts
    # again, so a next lapse is told again (check_lab_entitlements).
    lapse_notified_on = models.DateField(
        _("lapse reported on"), null=True, blank=True, validators=[sensible_date]
    )

    class Meta:
        verbose_name = _("lab member")
        verbose_name_plural = _("lab members")
        ordering = ["role", "invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["lab", "person"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_membership_per_lab",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.lab})"

    @property
    def is_current(self) -> bool:
        return self.accepted_at is not None and self.ended_on is None

    @property
    def takes_part_as(self) -> str:
        """Why this person may take part, in the reader's language and said of them: the group's
        page shows it to the leads. `basis` keeps the sentence the entitlement check wrote to the
        person ("You work for ..."), in the language of that day. Select `basis_organisation`."""
        code = self.basis_code
        if code == "member_staff" and self.basis_organisation_id is not None:
            return gettext("Staff of %(organisation)s, a member of %(network)s") % {
                "organisation": self.basis_organisation,
                "network": settings.SOM_NETWORK_NAME,
            }
        network = {"network": settings.SOM_NETWORK_NAME}
        labels = {
            "member_staff": _("Staff of a member institution of %(network)s") % network,
            "lab_member": _("Lab membership of %(network)s") % network,
            "invited_expert": _("Invited expert of this lab (no membership needed)"),
            "": _("To be checked when they accept"),
        }
        return str(labels.get(code, self.basis))


class LabSession(TimeStampedModel):
    """A meeting of the group: planned by a lead, answered by the members, recorded afterwards."""

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), validators=[sensible_date])
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, validators=[sensible_date])
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    is_public = models.BooleanField(
        _("show on the public page"),
        default=False,
        help_text=_("The date and title appear in the lab's public timeline."),
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(
        _("attendance recorded at"), null=True, blank=True, validators=[sensible_date]
    )
    # A cancelled session stays in the group's history, marked as such.
    cancelled_at = models.DateTimeField(
        _("cancelled at"), null=True, blank=True, validators=[sensible_date]
    )
    cancel_reason = models.CharField(_("why it is cancelled"), max_length=300, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lab session")
        verbose_name_plural = _("lab sessions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(cancelled_at__isnull=True) | models.Q(recorded_at__isnull=True),
                name="cancelled_session_not_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localdate(self.starts_at):%Y-%m-%d})"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Attendance(models.Model):
    """A member's answer before a session (coming or not) and, afterwards, whether they came."""

    session = models.ForeignKey(
        LabSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="lab_attendance",
    )
    coming = models.BooleanField(_("coming"), null=True, blank=True)
    answered_at = models.DateTimeField(
        _("answered at"), null=True, blank=True, validators=[sensible_date]
    )
    attended = models.BooleanField(_("came"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_answer_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}"


class LogbookEntry(TimeStampedModel):
    """A reflection (after a session, or on its own): private to the group and the team unless
    marked public."""

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="logbook"
    )
    session = models.OneToOneField(
        LabSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reflection",
    )
    title = models.CharField(_("title"), max_length=200)
    tried = models.TextField(_("what we tried"), blank=True)
    learnt = models.TextField(_("what we learnt"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_on = models.DateField(_("date"), validators=[sensible_date])

    class Meta:
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return self.title


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Never served from MEDIA_URL: the download view checks who may read the entry.
    return f"private/labs/{instance.entry.lab_id}/logbook/{filename}"


class Attachment(models.Model):
    entry = models.ForeignKey(
        LogbookEntry,
        verbose_name=_("logbook entry"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Result(TimeStampedModel):
    """What a lab shares: interim or final; public once a lead publishes it."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("interim result")
        FINAL = "final", _("final result")

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INTERIM)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text (Markdown)"), blank=True)
    # The body as sanitised HTML, made by the service whenever the body changes.
    body_html = models.TextField(_("text (HTML)"), blank=True, editable=False)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    programme_item = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("presented at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lab_results",
    )
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True, validators=[sensible_date]
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lab result")
        verbose_name_plural = _("lab results")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def public_files(self) -> list["ResultFile"]:
        """The files and photos the public may see: a photo of people only while their consent
        in the register allows the website (ResultFile.may_be_shown)."""
        return [f for f in self.files.all() if f.may_be_shown]


def result_file_path(instance: "ResultFile", filename: str) -> str:
    return f"private/labs/{instance.result.lab_id}/results/{filename}"


class ResultFile(models.Model):
    """A file or photo of a result. A photo on which people are recognisable needs their consent in
    the register (network.Consent; for minors, given by a parent): the database refuses it
    otherwise, and the public sees it only while that consent allows the website."""

    class Recognisable(models.TextChoices):
        NOBODY = "nobody", _("nobody is recognisable")
        ADULTS = "adults", _("adults are recognisable")
        MINORS = "minors", _("minors are recognisable")

    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=result_file_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    is_photo = models.BooleanField(_("photo"), default=False)
    recognisable = models.CharField(
        _("recognisable people"),
        max_length=10,
        choices=Recognisable.choices,
        default=Recognisable.NOBODY,
    )
    # The consent in the register (som.network.consents) of the people shown: null when nobody
    # is recognisable. Revoking it there takes the photo off the public pages.
    consent = models.ForeignKey(
        "network.Consent",
        verbose_name=_("consent of the people shown"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="result_files",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("result file")
        verbose_name_plural = _("result files")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recognisable="nobody") | models.Q(consent__isnull=False),
                name="recognisable_people_in_the_register",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def may_be_shown(self) -> bool:
        """Whether the public may see this file: always when nobody is recognisable on it, else
        only while the consent in the register allows the website."""
        if self.recognisable == self.Recognisable.NOBODY:
            return True
        return self.consent is not None and self.consent.allows("website")

    @property
    def format_name(self) -> str:
        """What the file is, as people name it: "PDF", "PNG", "JPEG" (from its checked type)."""
        return self.content_type.rpartition("/")[2].upper()


class YearEntry(TimeStampedModel):
    """A lab's part of the annual report for a school year: Situering / Partners / Realisaties /
    Uitdagingen. The leads write the draft, the team approves it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="year_entries"
    )
    school_year = models.CharField(_("school year"), max_length=9, help_text="2022-2023")
    situation = models.TextField(_("situation"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(
        _("approved at"), null=True, blank=True, validators=[sensible_date]
    )

    class Meta:
        verbose_name = _("yearly report entry")
        verbose_name_plural = _("yearly report entries")
        ordering = ["-school_year", "lab__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["lab", "school_year"], name="one_entry_per_school_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lab} {self.school_year}"
