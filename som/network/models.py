from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date


class Speerpunt(models.Model):
    """One of SOM's three focus points; labs, stories and events are tagged with them."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description = models.TextField(_("description (Dutch)"))
    description_en = models.TextField(_("description (English)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("speerpunt")
        verbose_name_plural = _("speerpunten")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" else self.name

    @property
    def display_description(self) -> str:
        return self.description_en if get_language() == "en" else self.description


class EducationLevel(models.Model):
    class Code(models.TextChoices):
        KLEUTER = "kleuter", _("nursery (kleuter)")
        LAGER = "lager", _("primary (lager)")
        SECUNDAIR = "secundair", _("secondary (secundair)")
        BUITENGEWOON_BASIS = "buitengewoon_basis", _("special needs primary")
        BUITENGEWOON_SECUNDAIR = "buitengewoon_secundair", _("special needs secondary")
        HOGER = "hoger", _("higher education")
        VOLWASSENEN = "volwassenen", _("adult education")
        DKO = "dko", _("part-time arts education (DKO)")

    code = models.CharField(_("code"), max_length=30, choices=Code.choices, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("education level")
        verbose_name_plural = _("education levels")
        ordering = ["position"]

    def __str__(self) -> str:
        return str(self.get_code_display())


# Wagtail is untyped, so the django-stubs plugin cannot resolve the reverse manager of a
# Wagtail model's relation to this one (PortraitPage.organisation).
class Organisation(TimeStampedModel):  # type: ignore[django-manager-missing]
    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        HIGHER_EDUCATION = "higher_education", _("higher education institution")
        CLB = "clb", _("pupil guidance centre (CLB)")
        ADULT_EDUCATION = "adult_education", _("adult education centre")
        CITY = "city", _("city department")
        NON_PROFIT = "non_profit", _("non-profit organisation")
        COMPANY = "company", _("company")
        OTHER = "other", _("other")

    class Network(models.TextChoices):
        GO = "go", _("GO! (community education)")
        OVSG_POV = "ovsg_pov", _("official subsidised education (OVSG/POV)")
        KOV = "kov", _("free subsidised education (KOV)")
        OKO = "oko", _("small education providers (OKO)")
        NONE = "none", _("not applicable")
        OTHER = "other", _("other")

    class Sector(models.TextChoices):
        EDUCATION = "education", _("education")
        WELFARE = "welfare", _("welfare")
        WORK = "work", _("work")
        CULTURE = "culture", _("culture")
        GOVERNMENT = "government", _("government")
        RESEARCH = "research", _("research")
        BUSINESS = "business", _("business")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.SCHOOL)
    instellingsnummer = models.CharField(
        _("institution number"),
        max_length=6,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The Flemish education institution number: 5 or 6 digits."),
    )
    enterprise_number = models.CharField(
        _("enterprise number"),
        max_length=10,
        blank=True,
        help_text=_("The KBO/BCE number, like 0123.456.789."),
    )
    levels = models.ManyToManyField(EducationLevel, verbose_name=_("education levels"), blank=True)
    network = models.CharField(
        _("education network"), max_length=20, choices=Network.choices, default=Network.NONE
    )
    sector = models.CharField(
        _("sector"), max_length=20, choices=Sector.choices, default=Sector.EDUCATION
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, default="Leuven")
    website = models.URLField(_("website"), blank=True)
    speerpunten = models.ManyToManyField(Speerpunt, verbose_name=_("speerpunten"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise_number"],
                condition=~models.Q(enterprise_number=""),
                name="unique_enterprise_number_when_given",
            )
        ]

    def __str__(self) -> str:
        return self.name


class EmailDomain(models.Model):
    """A domain (like "kuleuven.be") whose addresses belong to the organisation's staff."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="email_domains",
    )
    domain = models.CharField(_("email domain"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain


class Affiliation(TimeStampedModel):
    """A person works for (or represents) an organisation in a role, from `since` to `until`."""

    class Role(models.TextChoices):
        CONTACT = "contact", _("contact person")
        DIRECTOR = "director", _("director")
        STAFF = "staff", _("staff member")
        STUDENT = "student", _("student or intern")
        OTHER = "other", _("other")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    since = models.DateField(_("since"), validators=[sensible_date])
    until = models.DateField(_("until"), null=True, blank=True, validators=[sensible_date])

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["organisation__name", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"],
                condition=models.Q(until__isnull=True),
                name="one_open_affiliation_per_person_organisation_role",
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="affiliation_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} - {self.organisation} ({self.get_role_display()})"


class Claim(TimeStampedModel):
    """A person asks to act for an organisation as its contact person. Granted at once on proof
    (a verified address on one of its email domains), otherwise by the team or by a current
    contact person handing over; nobody becomes a contact person without one of these."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waits for a decision")
        GRANTED = "granted", _("granted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Basis(models.TextChoices):
        EMAIL_DOMAIN = "email_domain", _("verified address on the organisation's domain")
        TEAM = "team", _("decided by the SOM team")
        HANDOVER = "handover", _("handed over by the contact person")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    reason = models.TextField(_("why"), blank=True)
    added_organisation = models.BooleanField(
        _("added the organisation"),
        default=False,
        help_text=_("The person added this organisation to the platform with this request."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    basis = models.CharField(_("granted on"), max_length=20, choices=Basis.choices, blank=True)
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

    class Meta:
        verbose_name = _("request to act for an organisation")
        verbose_name_plural = _("requests to act for an organisation")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(status="pending"),
                name="one_pending_claim_per_person_and_organisation",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="granted") | ~models.Q(basis=""),
                name="granted_claim_has_a_basis",
            ),
        ]

    @property
    def awaits_decision(self) -> bool:
        """Pending: it may still be granted, declined or withdrawn; the services and the pages
        ask this."""
        return self.status == self.Status.PENDING

    @property
    def is_granted(self) -> bool:
        return self.status == self.Status.GRANTED

    def __str__(self) -> str:
        return f"{self.person} → {self.organisation}"


class StaffInvitation(TimeStampedModel):
    """A contact person (or the team) asks somebody by email to join the organisation's staff
    list. Nothing changes for the invitee until they accept, logged in with this address; until
    then the organisation sees only the address. The link's secret is kept as a hash."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="staff_invitations",
    )
    email = models.EmailField(_("email"))
    role = models.CharField(
        _("role"), max_length=20, choices=Affiliation.Role.choices, default=Affiliation.Role.STAFF
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    token_hash = models.CharField(_("link secret (hashed)"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), validators=[sensible_date])
    expires_at = models.DateTimeField(_("valid until"), validators=[sensible_date])
    accepted_at = models.DateTimeField(
        _("accepted at"), null=True, blank=True, validators=[sensible_date]
    )
    declined_at = models.DateTimeField(
        _("declined at"), null=True, blank=True, validators=[sensible_date]
    )
    withdrawn_at = models.DateTimeField(
        _("withdrawn at"), null=True, blank=True, validators=[sensible_date]
    )
    # Who accepted (the account is only known then).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_invitations",
    )

    class Meta:
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(
                    accepted_at__isnull=True, declined_at__isnull=True, withdrawn_at__isnull=True
                ),
                name="one_open_staff_invitation_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.declined_at is None and self.withdrawn_at is None


# Wagtail is untyped, so the django-stubs plugin cannot resolve the reverse manager of a
# Wagtail model's relation to this one (PortraitPage.consent).
class Consent(TimeStampedModel):  # type: ignore[django-manager-missing]
    """The consent register: one person's permission to show their face or their words, for the
    uses it names, until a date or until it is revoked. Every public photo and quote points here
    (a lab result's photo, a story's image or quote, a portrait), so one revocation reaches them
    all. A child under 13 (the Belgian age of digital consent) cannot give it: a parent does."""

    class Use(models.TextChoices):
        WEBSITE = "website", _("website")
        NEWSLETTER = "newsletter", _("newsletter")
        SOCIAL_MEDIA = "social_media", _("social media")
        ANNUAL_REPORT = "annual_report", _("annual report")

    subject_name = models.CharField(_("who is shown or quoted"), max_length=200)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("their account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents",
    )
    is_minor = models.BooleanField(_("younger than 13"), default=False)
    given_by_name = models.CharField(
        _("given by"),
        max_length=200,
        blank=True,
        help_text=_("For a child under 13: the parent or guardian who gave the consent."),
    )
    website = models.BooleanField(_("website"), default=False)
    newsletter = models.BooleanField(_("newsletter"), default=False)
    social_media = models.BooleanField(_("social media"), default=False)
    annual_report = models.BooleanField(_("annual report"), default=False)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, validators=[sensible_date]
    )
    note = models.CharField(_("what it is for"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True, editable=False)
    revoked_by_name = models.CharField(_("revoked by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["subject_name", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_minor=False) | ~models.Q(given_by_name=""),
                name="consent_of_a_minor_given_by_a_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.subject_name

    def allows(self, use: str, on: date | None = None) -> bool:
        """Whether this consent covers `use` (a Use value) on the given day (today)."""
        day = on or timezone.localdate()
        if self.revoked_at is not None:
            return False
        if self.valid_until is not None and self.valid_until < day:
            return False
        return bool(getattr(self, use))
