import datetime

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from som.core.validators import sensible_date


class PersonManager(BaseUserManager["Person"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "Person":
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(
        self, email: str, password: str | None = None, **fields: object
    ) -> "Person":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


# Wagtail is untyped, so the django-stubs plugin cannot resolve the reverse manager of a
# Wagtail model's relation to this one (SiteImage.uploaded_by_user).
class Person(AbstractBaseUser, PermissionsMixin):  # type: ignore[django-manager-missing]
    """Everybody who logs in: team, board, contact persons, teachers, lab members, experts.

    `is_staff` means "member of the SOM team": they use the back office and must use MFA.
    """

    class Language(models.TextChoices):
        DUTCH = "nl", _("Dutch")
        ENGLISH = "en", _("English")

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.DUTCH
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("SOM team"), default=False, help_text=_("Team members use the back office.")
    )
    date_joined = models.DateTimeField(
        _("joined"), default=timezone.now, validators=[sensible_date]
    )
    erased_at = models.DateTimeField(
        _("erased at"), null=True, blank=True, validators=[sensible_date]
    )

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


SCOPE_NAMES = {
    "read": pgettext_lazy("API scope", "read"),
    "register": pgettext_lazy("API scope", "register"),
    "vote": pgettext_lazy("API scope", "vote"),
    "checkin": pgettext_lazy("API scope", "check in"),
}


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash is kept; the token is shown once, at creation.

    It does what its scopes allow (and no more than its owner may), until it expires or is
    revoked; a revocation is final (som.accounts.services.revoke_api_token)."""

    class Scope(models.TextChoices):
        READ = "read", _("Read: events, polls, meetings, labs, your invoices")
        REGISTER = "register", _("Register for events and cancel your registrations")
        VOTE = "vote", _("Cast your ballots")
        CHECKIN = "checkin", _("Check tickets in at the door (the team)")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12)
    token_hash = models.CharField(_("hash"), max_length=64, unique=True)
    # Space-separated, as OAuth writes scopes: the token lookup reads them with plain SQL.
    scopes = models.CharField(_("scopes"), max_length=100)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), validators=[sensible_date])
    last_used_at = models.DateTimeField(
        _("last used at"), null=True, blank=True, validators=[sensible_date]
    )
    revoked_at = models.DateTimeField(
        _("revoked at"), null=True, blank=True, validators=[sensible_date]
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.person})"

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()

    @property
    def scope_labels(self) -> list[str]:
        return [str(self.Scope(scope).label) for scope in self.scope_list if scope in self.Scope]

    @property
    def scope_names(self) -> list[str]:
        """Short, for a list of keys: read, register, vote, check in."""
        return [str(SCOPE_NAMES.get(scope, scope)) for scope in self.scope_list]

    def is_usable(self, now: datetime.datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now

    @property
    def has_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class ErasureRequest(models.Model):
    """A person asks to be forgotten; a team member confirms (or declines) it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="erasure_requests"
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, validators=[sensible_date]
    )
    decided_by = models.ForeignKey(
        Person,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="pending"),
                name="one_pending_erasure_request_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"
