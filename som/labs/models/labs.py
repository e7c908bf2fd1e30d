"""The labs themselves: a lab, the history of its status and its group (members)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date
from som.finance.models import Budget
from som.labs.models.calls import Proposal
from som.network.models import Organisation, Speerpunt


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
    says who took part. Why they may take part (checked at invitation and acceptance) is a code
    with its parameters (`basis_code`, `basis_organisation`), said in the reader's language by
    `takes_part_as`."""

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
    # Legacy: the sentence of a row from before the codes that nobody recognised (code `legacy`,
    # migration 0010); new rows leave it empty.
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
    def is_lead(self) -> bool:
        return self.role == self.Role.LEAD

    @property
    def takes_part_as(self) -> str:
        """Why this person may take part, in the reader's language and said of them: the group's
        page shows it to the leads. Said from the code and the organisation, never from a stored
        sentence (but for a `legacy` row's). Select `basis_organisation`."""
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
