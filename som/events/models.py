"""Network days, community events and partners' listings, their programme and registrations."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date
from som.events import reasons
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


class PartnerFeed(TimeStampedModel):
    """A partner's public iCalendar feed: its future events are imported periodically
    (`import_partner_feeds`) as partner's events, which the team accepts unless the partner is
    trusted."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="partner_feeds",
    )
    url = models.URLField(_("address of the iCal feed"), max_length=500)
    is_trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_("Items of a trusted partner are published without the team's acceptance."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_checked_at = models.DateTimeField(
        _("last checked"), null=True, blank=True, validators=[sensible_date]
    )
    last_success_at = models.DateTimeField(
        _("last read without error"), null=True, blank=True, validators=[sensible_date]
    )
    last_error = models.TextField(_("last error"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("partner's calendar feed")
        verbose_name_plural = _("partners' calendar feeds")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "url"], name="one_feed_per_address")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.url}"


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        NETWORK_DAY = "network_day", _("network day")
        COMMUNITY = "community", _("community event")
        EXTERNAL = "external", _("partner's event")

    class Reconfirmation(models.TextChoices):
        AUTOMATIC = "auto", _("automatic: network days and events with a waiting list")
        ON = "on", _("ask registrants to reconfirm")
        OFF = "off", _("do not ask")

    class Review(models.TextChoices):
        NONE = "", _("made by the team")
        SUBMITTED = "submitted", _("submitted, to be reviewed")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

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
    member_price = models.DecimalField(
        _("member price (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "What staff of members pay where the entry rules ask a member price; empty means "
            "the full price."
        ),
    )
    is_published = models.BooleanField(_("published"), default=False)

    # The no-show loop: reconfirmation, overbooking, waiting-list offers, the mails afterwards.
    reconfirmation = models.CharField(
        _("reconfirmation"),
        max_length=10,
        choices=Reconfirmation.choices,
        default=Reconfirmation.AUTOMATIC,
    )
    reconfirm_days_before = models.PositiveSmallIntegerField(
        _("ask to reconfirm (days before)"), default=7
    )
    release_days_before = models.PositiveSmallIntegerField(
        _("release unconfirmed places (days before)"),
        default=3,
        help_text=_("Places not reconfirmed by then go to the waiting list."),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hold an offered place (hours)"),
        default=48,
        help_text=_(
            "How long a place offered from the waiting list is held for its confirmation; "
            "shorter close to the event."
        ),
    )
    extra_places = models.PositiveIntegerField(
        _("extra places (overbooking)"),
        default=0,
        help_text=_("Places given beyond the capacity, because some registrants do not come."),
    )
    materials_url = models.URLField(_("link to the materials"), blank=True)
    thank_you_text = models.TextField(
        _("thank-you mail to those who came"),
        blank=True,
        help_text=_("Empty: the standard text."),
    )
    missed_you_text = models.TextField(
        _("mail to those who did not come"),
        blank=True,
        help_text=_("Empty: the standard text."),
    )
    followed_up_at = models.DateTimeField(
        _("mails after the event sent"), null=True, blank=True, validators=[sensible_date]
    )

    # A partner's item in the calendar: submitted through the form, or imported from a feed.
    target_audience = models.CharField(
        _("for whom"),
        max_length=200,
        blank=True,
        help_text=_("For example: teachers of secondary schools, school leaders."),
    )
    image = models.ImageField(_("image"), upload_to="events/%Y/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    review = models.CharField(
        _("review"), max_length=20, choices=Review.choices, default=Review.NONE, blank=True
    )
    review_note = models.CharField(_("reason given to the partner"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_events",
    )
    source_feed = models.ForeignKey(
        PartnerFeed,
        verbose_name=_("imported from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    source_uid = models.CharField(_("identifier in the feed"), max_length=500, blank=True)

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
            models.CheckConstraint(
                condition=models.Q(member_price__isnull=True) | models.Q(member_price__gte=0),
                name="event_member_price_not_negative",
            ),
            models.UniqueConstraint(
                fields=["source_feed", "source_uid"],
                condition=models.Q(source_feed__isnull=False),
                name="one_event_per_feed_item",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """A title is one line: it heads the page, the mails' subjects and calendar entries."""
        super().clean()
        if "\n" in self.title or "\r" in self.title:
            raise ValidationError(
                {"title": _("A title fits on one line: remove the line break.")}, code="newline"
            )

    @property
    def is_external(self) -> bool:
        """A partner's event in the calendar."""
        return self.kind == self.Kind.EXTERNAL

    @property
    def is_members_only(self) -> bool:
        return self.audience == self.Audience.MEMBERS

    @property
    def is_accepted(self) -> bool:
        """A partner's item the team accepted."""
        return self.review == self.Review.ACCEPTED

    @property
    def is_declined(self) -> bool:
        return self.review == self.Review.DECLINED

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

    @property
    def asks_reconfirmation(self) -> bool:
        """Network days and events with a limited capacity ask by default."""
        if self.reconfirmation == self.Reconfirmation.AUTOMATIC:
            return self.takes_registrations and (
                self.kind == self.Kind.NETWORK_DAY or self.capacity is not None
            )
        return self.reconfirmation == self.Reconfirmation.ON

    @property
    def places(self) -> int | None:
        """How many registrations get a place: the capacity plus the accepted overbooking."""
        return None if self.capacity is None else self.capacity + self.extra_places


class EntryRule(TimeStampedModel):
    """What a person entitled through a membership pays for an event of a kind, from a day on:
    the members' benefit as data, so the general assembly can change it (a new row from the day
    of its decision; the rows of the past stay, for the registrations made under them). The
    latest rule valid on the event's day applies; without one, the entitled person pays the
    event's price like anybody else."""

    class Entry(models.TextChoices):
        FREE = "free", _("free")
        MEMBER_PRICE = "member_price", _("the member price (the full price without one)")
        PRICE = "price", _("the full price")

    class Basis(models.TextChoices):
        MEMBER_STAFF = "member_staff", _("staff of a member")
        LAB_MEMBER = "lab_member", _("lab member")
        INVITED_EXPERT = "invited_expert", _("invited expert")

    event_kind = models.CharField(_("kind of event"), max_length=20, choices=Event.Kind.choices)
    basis = models.CharField(_("entitled as"), max_length=20, choices=Basis.choices)
    entry = models.CharField(_("pays"), max_length=20, choices=Entry.choices)
    per_year = models.PositiveSmallIntegerField(
        _("at most per calendar year"),
        null=True,
        blank=True,
        help_text=_(
            "How many events of this kind a person gets on these terms in a calendar year; "
            "beyond that they pay the full price. Empty: no limit."
        ),
    )
    valid_from = models.DateField(_("valid from"), validators=[sensible_date])
    decision = models.CharField(
        _("decision"),
        max_length=300,
        blank=True,
        help_text=_("Who decided it and when, e.g. the general assembly of 12 March 2026."),
    )

    class Meta:
        verbose_name = _("entry rule")
        verbose_name_plural = _("entry rules")
        ordering = ["event_kind", "basis", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_kind", "basis", "valid_from"], name="one_entry_rule_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_event_kind_display()} / {self.get_basis_display()}: {self.get_entry_display()}"


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
        MEMBER_PRICE = "member_price", _("pays the member price")
        TEAM = "team", _("SOM team")

    class CancelReason(models.TextChoices):
        PERSON = "person", _("cancelled by the person")
        CONTACT = "contact", _("cancelled by their contact person")
        TEAM = "team", _("cancelled by the team")
        NOT_RECONFIRMED = "not_reconfirmed", _("released: not reconfirmed in time")
        OFFER_EXPIRED = "offer_expired", _("released: the offered place was not confirmed")

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
    # Why the person comes free or pays: a code and its parameters (`som.events.reasons`),
    # rendered in the reader's language by `basis_reason`.
    basis_code = models.CharField(_("why"), max_length=30, blank=True)
    basis_params = models.JSONField(_("why (parameters)"), default=dict, blank=True)
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
    cancel_reason = models.CharField(
        _("why cancelled"), max_length=20, choices=CancelReason.choices, blank=True
    )
    # Reconfirmation: asked, warned once before the deadline, confirmed (or released at it).
    reconfirm_asked_at = models.DateTimeField(
        _("asked to reconfirm"), null=True, blank=True, validators=[sensible_date]
    )
    reconfirm_warned_at = models.DateTimeField(
        _("last reminder to reconfirm"), null=True, blank=True, validators=[sensible_date]
    )
    reconfirmed_at = models.DateTimeField(
        _("reconfirmed"), null=True, blank=True, validators=[sensible_date]
    )
    # A place offered from the waiting list, held until then for the person's confirmation.
    offer_expires_at = models.DateTimeField(
        _("offered place held until"), null=True, blank=True, validators=[sensible_date]
    )
    followed_up_at = models.DateTimeField(
        _("mailed after the event"), null=True, blank=True, validators=[sensible_date]
    )
    certificate_shared = models.BooleanField(
        _("certificate shared with the organisation"),
        default=False,
        help_text=_(
            "Accepted with the registration terms: the organisation's contact person may "
            "download the attendance certificate."
        ),
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

    @property
    def has_place(self) -> bool:
        """Registered: the place is theirs (or offered to them until `offer_expires_at`)."""
        return self.status == self.Status.REGISTERED

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def basis_reason(self) -> str:
        """Why the person comes free or pays, in the active language."""
        return reasons.sentence(self.basis_code, self.basis_params)


class Certificate(TimeStampedModel):
    """Proof of attendance (nascholingsattest) for a checked-in registration. What it states is
    kept as issued, so the public verification page (`/attest/<code>/`) confirms exactly what
    the PDF says, whatever changes later."""

    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    person_name = models.CharField(_("name"), max_length=200)
    event_title = models.CharField(_("event"), max_length=200)
    event_date = models.DateField(_("date"), validators=[sensible_date])
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    organiser = models.CharField(_("organiser"), max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance certificate")
        verbose_name_plural = _("attendance certificates")
        ordering = ["-event_date", "person_name"]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.event_title} ({self.code})"
