"""Bodies and their mandates, and what the statutes set: their numbers (proxies, deadlines,
shares) and the motion kinds with their legal majorities (data the statutes can change)."""

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from som.core.validators import sensible_date
from som.network.models import Organisation


class Body(models.Model):
    class Kind(models.TextChoices):
        GENERAL_ASSEMBLY = "general_assembly", _("general assembly")
        BOARD = "board", _("board")
        TEAM = "team", _("team")
        OTHER = "other", _("other body")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    powers = models.TextField(_("powers"), blank=True)
    composition = models.TextField(_("composition"), blank=True)
    meeting_frequency = models.CharField(_("meeting frequency"), max_length=200, blank=True)
    active_from = models.DateField(
        _("active from"), null=True, blank=True, validators=[sensible_date]
    )
    active_until = models.DateField(
        _("active until"),
        null=True,
        blank=True,
        help_text=_("Empty while the body exists."),
        validators=[sensible_date],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind__in=["general_assembly", "board"]),
                name="governance_one_general_assembly_and_one_board",
            ),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gt=F("active_from")),
                name="governance_body_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_general_assembly(self) -> bool:
        return self.kind == self.Kind.GENERAL_ASSEMBLY


class Mandate(models.Model):
    """A seat of a person in a body, from `starts_on` up to, not including, `ends_on`."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice-chair")
        SECRETARY = "secretary", _("secretary")
        TREASURER = "treasurer", _("treasurer")
        MEMBER = "member", _("member")
        COORDINATOR = "coordinator", _("coordinator")
        ADVISOR = "advisor", _("advisor")
        OBSERVER = "observer", _("observer (no vote)")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="mandates"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="mandates",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    seat = models.CharField(
        _("seat"), max_length=200, blank=True, help_text=_("e.g. “representative of KU Leuven”.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("starts on"), validators=[sensible_date])
    ends_on = models.DateField(_("ends on"), null=True, blank=True, validators=[sensible_date])
    elected_by = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("elected by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mandates",
    )

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["body__position", "role", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="governance_mandate_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.body})"


class Statutes(models.Model):
    """The numbers of the statutes that are not per motion kind. One row (pk 1)."""

    max_proxies_per_holder = models.PositiveSmallIntegerField(
        _("proxies one member may hold"), default=1
    )
    second_meeting_min_days = models.PositiveSmallIntegerField(
        _("days at least between a meeting without quorum and the second meeting"), default=15
    )
    request_share_numerator = models.PositiveSmallIntegerField(default=1)
    request_share_denominator = models.PositiveSmallIntegerField(
        _("share of the members that can request a meeting (1 / …)"), default=5
    )
    request_convene_days = models.PositiveSmallIntegerField(
        _("days within which the board convenes a requested meeting"), default=21
    )
    request_hold_days = models.PositiveSmallIntegerField(
        _("day after the request by which the meeting is held"), default=40
    )
    proposal_share_numerator = models.PositiveSmallIntegerField(default=1)
    proposal_share_denominator = models.PositiveSmallIntegerField(
        _("share of the members whose signatures put a proposal on the agenda (1 / …)"),
        default=20,
    )

    class Meta:
        verbose_name = _("statutes settings")
        verbose_name_plural = _("statutes settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(request_share_denominator__gte=1, proposal_share_denominator__gte=1),
                name="governance_statutes_denominators_positive",
            )
        ]

    def __str__(self) -> str:
        return str(_("Statutes settings"))

    @property
    def request_share(self) -> Fraction:
        return Fraction(self.request_share_numerator, self.request_share_denominator)

    @property
    def proposal_share(self) -> Fraction:
        return Fraction(self.proposal_share_numerator, self.proposal_share_denominator)


class MotionKind(models.Model):
    """A kind of motion with its rule: data the statutes can change, never code.

    quorum: the share of the members that must be present or represented (0 = none).
    majority: the share of the counted votes a motion needs; `majority_strict` means "more than"
    (a simple majority: a tie is not a majority), otherwise "at least" (2/3, 4/5).
    """

    class Abstentions(models.TextChoices):
        EXCLUDED = "excluded", _("counted neither for nor against")
        AGAINST = "against", _("counted as votes against")

    class Effect(models.TextChoices):
        NONE = "none", _("none")
        EXCLUDE_MEMBER = "exclude_member", _("excludes the member named on the agenda")
        ELECT_BOARD = "elect_board", _("elects board members")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Dutch)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"), default=0)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"), default=1)
    majority_numerator = models.PositiveSmallIntegerField(_("majority: numerator"), default=1)
    majority_denominator = models.PositiveSmallIntegerField(_("majority: denominator"), default=2)
    majority_strict = models.BooleanField(
        _("more than (not: at least) that share"),
        default=True,
        help_text=_("Simple majority: more than half, so a tie is rejected."),
    )
    abstentions = models.CharField(
        _("abstentions"), max_length=10, choices=Abstentions.choices, default=Abstentions.EXCLUDED
    )
    min_notice_days = models.PositiveSmallIntegerField(_("minimum notice (days)"), default=15)
    secret = models.BooleanField(_("secret ballot"), default=False)
    is_election = models.BooleanField(_("election of persons"), default=False)
    second_meeting_without_quorum = models.BooleanField(
        _("a second meeting decides whatever the attendance"), default=False
    )
    effect = models.CharField(_("effect"), max_length=20, choices=Effect.choices, default="none")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("motion kind")
        verbose_name_plural = _("motion kinds")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_denominator__gte=1, majority_denominator__gte=1)
                & Q(quorum_numerator__lte=F("quorum_denominator"))
                & Q(majority_numerator__lte=F("majority_denominator")),
                name="governance_motion_kind_fractions",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" else self.name

    @property
    def quorum(self) -> Fraction:
        return Fraction(self.quorum_numerator, self.quorum_denominator)

    @property
    def majority(self) -> Fraction:
        return Fraction(self.majority_numerator, self.majority_denominator)
