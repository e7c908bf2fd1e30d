"""Network days, community events and partners' listings, their programme and registrations."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date
from som.network.models import Organisation, Speerpunt


@dataclass(frozen=True)
class RegistrationWindow:
    """When an event takes registrations here: the one definition the registration service and
    the event's page share (the page keeps it with its cached parts, without the event)."""

    NONE = "none"  # not here: a partner's event, people register at the organiser's
    NOT_YET = "not_yet"
    OPEN = "open"
    CLOSED = "closed"  # also a draft (the team's preview) whose window has opened
    STATES = (NONE, NOT_YET, OPEN, CLOSED)

    takes_registrations: bool
    is_published: bool
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime

    def state_at(self, now: datetime.datetime) -> str:
        if not self.takes_registrations:
            return self.NONE
        if self.opens_at and now < self.opens_at:
            return self.NOT_YET
        return self.OPEN if self.is_published and now < self.closes_at else self.CLOSED


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        NETWORK_DAY = "network_day", _("network day")
        COMMUNITY = "community", _("community event")
        EXTERNAL = "external", _("partner's event")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("members only")
        EVERYBODY = "everybody", _("everybody")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    speerpunten = models.ManyToManyField(Speerpunt, verbose_name=_("speerpunten"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), validators=[sensible_date])
    ends_at = models.DateTimeField(_("ends at"), validators=[sensible_date])
    doors_open_minutes = models.PositiveSmallIntegerField(
        _("doors open (minutes before the start)"),
        default=60,
        help_text=_(
            "Check-in at the door is possible from this many minutes before the start until "
            "the end of the event."
        ),
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    external_url = models.URLField(
        _("link to the organiser's page"),
        blank=True,
        help_text=_("For a partner's event: people register there, not here."),
    )
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Empty when the network itself organises it."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, validators=[sensible_date]
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, validators=[sensible_date]
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYBODY
    )
    price = models.DecimalField(
        _("price for those not entitled (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("Staff of members, lab members and invited experts come free."),
    )
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="event_price_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["is_published", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def takes_registrations(self) -> bool:
        return self.kind != self.Kind.EXTERNAL

    @property
    def registration_window(self) -> RegistrationWindow:
        """Open from `registration_opens_at` (or from publication) until
        `registration_closes_at` (or the start), for a published event that takes registrations
        here."""
        return RegistrationWindow(
            takes_registrations=self.takes_registrations,
            is_published=self.is_published,
            opens_at=self.registration_opens_at,
            closes_at=self.registration_closes_at or self.starts_at,
        )

    @property
    def doors_open_at(self) -> datetime.datetime:
        """From when people can be checked in at the door (until `ends_at`)."""
        return self.starts_at - datetime.timedelta(minutes=self.doors_open_minutes)

    def doors_are_open(self, now: datetime.datetime) -> bool:
        return self.doors_open_at <= now <= self.ends_at


class ProgrammeItem(models.Model):
    """One slot of an event's programme. The labs app links pitch slots to proposals and result
    slots to labs from its side (a foreign key to this model), so events need not know labs."""

    class Kind(models.TextChoices):
        WELCOME = "welcome", _("welcome")
        KEYNOTE = "keynote", _("keynote")
        PITCH = "pitch", _("lab proposal pitches")
        LAB_RESULTS = "lab_results", _("lab results")
        WORKSHOP = "workshop", _("workshop")
        VOTE = "vote", _("vote")
        NETWORKING = "networking", _("networking")
        BREAK = "break", _("break")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="programme"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), validators=[sensible_date])
    ends_at = models.DateTimeField(_("ends at"), validators=[sensible_date])
    room = models.CharField(_("room"), max_length=100, blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="programme_item_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%H:%M} {self.title}"


class Registration(TimeStampedModel):
    """A person's place at an event: one per person and event, whatever happens to it."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    class Basis(models.TextChoices):
        MEMBER_STAFF = "member_staff", _("staff of a member")
        LAB_MEMBER = "lab_member", _("lab member")
        INVITED_EXPERT = "invited_expert", _("invited expert")
        FREE_EVENT = "free_event", _("free event")
        PAYING = "paying", _("pays the price")
        TEAM = "team", _("SOM team")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    basis = models.CharField(_("comes as"), max_length=20, choices=Basis.choices)
    basis_reason = models.CharField(_("why"), max_length=300, blank=True)
    # The organisation the person came for, kept for the attendance figures per institution.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    ticket_code = models.CharField(_("ticket code"), max_length=40, unique=True)
    invoice_id = models.PositiveBigIntegerField(_("invoice"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_walk_in = models.BooleanField(_("registered at the door"), default=False)
    promoted_at = models.DateTimeField(
        _("moved up from the waiting list"), null=True, blank=True, validators=[sensible_date]
    )
    cancelled_at = models.DateTimeField(
        _("cancelled at"), null=True, blank=True, validators=[sensible_date]
    )
    reminded_at = models.DateTimeField(
        _("reminded at"), null=True, blank=True, validators=[sensible_date]
    )
    checked_in_at = models.DateTimeField(
        _("checked in at"), null=True, blank=True, validators=[sensible_date]
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], name="one_registration_per_person_and_event"
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event}"
