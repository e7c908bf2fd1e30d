import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date
from som.network.models import Organisation


class MembershipType(models.Model):
    """General membership (institutions, with a vote) or lab membership (no vote)."""

    class Code(models.TextChoices):
        GENERAL = "general", _("general membership")
        LAB = "lab", _("lab membership")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices, unique=True)
    name = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    gives_vote = models.BooleanField(_("vote in the general assembly"), default=False)
    requires_instellingsnummer = models.BooleanField(_("requires an institution number"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("membership type")
        verbose_name_plural = _("membership types")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" else self.name


class Tariff(models.Model):
    """What a membership costs per year. Data the team can change; invoices copy the amount."""

    class Code(models.TextChoices):
        STANDARD = "standard", _("standard tariff")
        REDUCED = "reduced", _("reduced tariff (kansentarief)")

    membership_type = models.ForeignKey(
        MembershipType,
        verbose_name=_("membership type"),
        on_delete=models.PROTECT,
        related_name="tariffs",
    )
    code = models.CharField(_("tariff"), max_length=20, choices=Code.choices)
    amount = models.DecimalField(_("amount per year (EUR)"), max_digits=8, decimal_places=2)
    is_active = models.BooleanField(_("offered"), default=True)
    asks_justification = models.BooleanField(
        _("asks a justification"),
        default=False,
        help_text=_("The applicant explains why they ask this tariff (the kansentarief)."),
    )
    conditions = models.TextField(_("conditions (Dutch)"), blank=True)
    conditions_en = models.TextField(_("conditions (English)"), blank=True)

    class Meta:
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        ordering = ["membership_type__position", "-amount"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership_type", "code"], name="one_tariff_per_type_and_code"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="tariff_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.membership_type} - {self.get_code_display()}: € {self.amount}"

    @property
    def display_conditions(self) -> str:
        return self.conditions_en if get_language() == "en" else self.conditions


class MembershipYear(models.Model):
    """A membership year with its payment rhythm: data the team sets, not code."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    starts_on = models.DateField(_("starts on"), validators=[sensible_date])
    ends_on = models.DateField(_("ends on"), validators=[sensible_date])
    first_reminder_after_days = models.PositiveSmallIntegerField(
        _("first reminder, days after the due date"), default=14
    )
    second_reminder_after_days = models.PositiveSmallIntegerField(
        _("second reminder, days after the due date"), default=30
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace period, days after the due date"),
        default=60,
        help_text=_("Unpaid after this, the membership lapses."),
    )

    class Meta:
        verbose_name = _("membership year")
        verbose_name_plural = _("membership years")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="membership_year_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return str(self.year)


def _valid_day(month: int, day: int) -> bool:
    """A day that exists every year: 29 February does not."""
    try:
        datetime.date(2025, month, day)
    except ValueError:
        return False
    return True


class YearSettings(models.Model):
    """How membership years roll over: a setting of the organisation, one row (pk 1), that the
    team changes on its "Membership years" page."""

    class LateApplication(models.TextChoices):
        NEXT_YEAR = "next_year", _("the next year: the membership starts on its first day")
        REST_AND_NEXT = (
            "rest_and_next",
            _("the rest of this year and the next year: the membership counts from the payment"),
        )

    next_year_month = models.PositiveSmallIntegerField(
        _("next year offered from (month)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    next_year_day = models.PositiveSmallIntegerField(
        _("next year offered from (day)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    late_application = models.CharField(
        _("an application from that day on is for"),
        max_length=20,
        choices=LateApplication.choices,
        default=LateApplication.NEXT_YEAR,
    )
    renewal_month = models.PositiveSmallIntegerField(
        _("renewal invoices for the next year go out on (month)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    renewal_day = models.PositiveSmallIntegerField(
        _("renewal invoices for the next year go out on (day)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )

    class Meta:
        verbose_name = _("membership year settings")
        verbose_name_plural = _("membership year settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    next_year_month__gte=1,
                    next_year_month__lte=12,
                    next_year_day__gte=1,
                    next_year_day__lte=31,
                    renewal_month__gte=1,
                    renewal_month__lte=12,
                    renewal_day__gte=1,
                    renewal_day__lte=31,
                ),
                name="membership_year_settings_days_in_range",
            )
        ]

    def __str__(self) -> str:
        return str(_("Membership year settings"))

    def clean(self) -> None:
        errors = {}
        if not _valid_day(self.next_year_month, self.next_year_day):
            errors["next_year_day"] = _("This day does not exist in every year.")
        if not _valid_day(self.renewal_month, self.renewal_day):
            errors["renewal_day"] = _("This day does not exist in every year.")
        if errors:
            raise ValidationError(errors)

    def next_year_offered_from(self, year: int) -> datetime.date:
        """The day of `year` from which applications for `year + 1` are open and its default."""
        return datetime.date(year, self.next_year_month, self.next_year_day)

    def renewals_go_out_on(self, year: int) -> datetime.date:
        """The day of `year` from which `year + 1`'s renewal invoices go out."""
        return datetime.date(year, self.renewal_month, self.renewal_day)


class Application(TimeStampedModel):
    """Somebody asks to become a member, for an organisation or for themselves."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the team")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    membership_type = models.ForeignKey(
        MembershipType, verbose_name=_("membership type"), on_delete=models.PROTECT
    )
    tariff = models.ForeignKey(Tariff, verbose_name=_("tariff"), on_delete=models.PROTECT)
    year = models.ForeignKey(MembershipYear, verbose_name=_("year"), on_delete=models.PROTECT)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="membership_applications",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="membership_applications",
        help_text=_("Empty when a person applies for themselves."),
    )
    justification = models.TextField(_("justification for the reduced tariff"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, validators=[sensible_date]
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    counts_from_payment = models.BooleanField(
        _("counts from the payment"),
        default=False,
        help_text=_(
            "A late application for the next year that includes the rest of the current one: "
            "the membership counts from its payment, before its year starts."
        ),
    )

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(status__in=["pending", "approved"], organisation__isnull=False),
                name="one_open_application_per_organisation_and_year",
            ),
            models.UniqueConstraint(
                fields=["applicant", "year"],
                condition=models.Q(status__in=["pending", "approved"], organisation__isnull=True),
                name="one_open_personal_application_per_year",
            ),
        ]

    def __str__(self) -> str:
        holder = self.organisation or self.applicant
        return f"{self.membership_type} {self.year}: {holder}"

    @property
    def is_pending(self) -> bool:
        """Waiting for the team's decision (and the applicant can still withdraw it)."""
        return self.status == self.Status.PENDING


class Membership(TimeStampedModel):
    """A holder's membership for one year. Entitlements are derived from it (entitlements.py).

    It counts from `counts_from` up to, not including, `ended_on`, within its year. A first
    membership counts from the day its invoice is paid; a renewal from the first day of its year,
    also while its invoice is still within the grace period, so a member stays a member."""

    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("awaiting payment")
        ACTIVE = "active", _("active")
        LAPSED = "lapsed", _("lapsed (not paid)")
        ENDED = "ended", _("ended (resigned)")
        EXCLUDED = "excluded", _("excluded")

    membership_type = models.ForeignKey(
        MembershipType, verbose_name=_("membership type"), on_delete=models.PROTECT
    )
    tariff = models.ForeignKey(Tariff, verbose_name=_("tariff"), on_delete=models.PROTECT)
    year = models.ForeignKey(
        MembershipYear, verbose_name=_("year"), on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    renewal_of = models.OneToOneField(
        "self",
        verbose_name=_("renewal of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewal",
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representative in the general assembly"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="represented_memberships",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_PAYMENT
    )
    counts_from = models.DateField(
        _("counts from"), null=True, blank=True, validators=[sensible_date]
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True, validators=[sensible_date])

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-year__year", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, person__isnull=True)
                    | models.Q(organisation__isnull=True, person__isnull=False)
                ),
                name="membership_has_one_holder",
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(organisation__isnull=False),
                name="one_membership_per_organisation_and_year",
            ),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=models.Q(person__isnull=False),
                name="one_membership_per_person_and_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_name} - {self.membership_type} {self.year}"

    @property
    def holder_name(self) -> str:
        return str(self.organisation or self.person)

    @property
    def is_active(self) -> bool:
        """Paid and running: the holder has the membership's rights."""
        return self.status == self.Status.ACTIVE


class RegisterEntry(models.Model):
    """One line of the member register (ledenregister, art. 9:3 WVV): append-only.

    Only voting members (general membership) are in it. A mistake is corrected by a new entry
    that points at the wrong one, never by changing or deleting it."""

    class Kind(models.TextChoices):
        ADMISSION = "admission", _("admission")
        RESIGNATION = "resignation", _("resignation")
        LAPSE = "lapse", _("deemed resignation (not paid)")
        EXCLUSION = "exclusion", _("exclusion")
        REPRESENTATIVE = "representative", _("change of representative")
        ADDRESS = "address", _("change of address")
        CORRECTION = "correction", _("correction")

    number = models.PositiveIntegerField(_("number"), unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="register_entries",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    decision_date = models.DateField(_("date of the decision"), validators=[sensible_date])
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The member as the register must show it: name, legal form, seat, enterprise number and
    # representative at the time of the entry.
    details = models.JSONField(_("details"), default=dict)
    note = models.TextField(_("note"), blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )

    class Meta:
        verbose_name = _("member register entry")
        verbose_name_plural = _("member register")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.get_kind_display()}: {self.organisation}"
