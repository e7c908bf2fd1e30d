"""Bodies and mandates, meetings with their agenda, convocation, attendance and proxies, the
motion kinds with their legal majorities (data the statutes can change), and the minutes.

The general assembly's members are not copied here: they are the voting member institutions of
the member register on the day, each acting through its representative (som.membership).
"""

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
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


class MeetingRequest(TimeStampedModel):
    """Members ask for a general assembly. Once members holding the statutes' share (1/5) have
    signed, the board must convene within 21 days and hold it by the 40th day."""

    reason = models.TextField(_("agenda asked for"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_on = models.DateField(
        _("received on"),
        null=True,
        blank=True,
        help_text=_("The day enough members had signed: the deadlines run from here."),
        validators=[sensible_date],
    )

    class Meta:
        verbose_name = _("request for a general assembly")
        verbose_name_plural = _("requests for a general assembly")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reason[:80]


class RequestSignature(models.Model):
    request = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="signatures")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("signed at"), validators=[sensible_date])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "organisation"], name="governance_request_signed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.request}"


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


class AgendaProposal(TimeStampedModel):
    """A proposal for the agenda, put on it once members holding 1/20 have signed."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    motion = models.TextField(_("proposed decision"))
    motion_kind = models.ForeignKey(
        MotionKind, verbose_name=_("kind of motion"), on_delete=models.PROTECT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title


class ProposalSignature(models.Model):
    proposal = models.ForeignKey(
        AgendaProposal, on_delete=models.CASCADE, related_name="signatures"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("signed at"), validators=[sensible_date])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"], name="governance_proposal_signed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.proposal}"


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


class Attendance(models.Model):
    """A member institution (or, in a board meeting, a board member) at a meeting: announced,
    then present when the secretary signs it in. `person` is who attends: for a member, its
    representative at that moment."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("will attend")
        DECLINED = "declined", _("will not attend")
        PRESENT = "present", _("present")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    confirmed_at = models.DateTimeField(null=True, blank=True, validators=[sensible_date])
    present_at = models.DateTimeField(null=True, blank=True, validators=[sensible_date])

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(organisation__isnull=False),
                name="governance_attendance_once_per_member",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(organisation__isnull=True),
                name="governance_attendance_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or self.person}: {self.get_status_display()}"


class Proxy(models.Model):
    """A written proxy (volmacht): one voting member lets another vote for it at a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proxies")
    giver = models.ForeignKey(
        Organisation, verbose_name=_("given by"), on_delete=models.PROTECT, related_name="+"
    )
    holder = models.ForeignKey(
        Organisation, verbose_name=_("given to"), on_delete=models.PROTECT, related_name="+"
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField(_("written proxy"))
    given_at = models.DateTimeField(_("given at"), validators=[sensible_date])
    revoked_at = models.DateTimeField(
        _("withdrawn at"), null=True, blank=True, validators=[sensible_date]
    )

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "giver"],
                condition=Q(revoked_at__isnull=True),
                name="governance_one_proxy_per_giver",
            ),
            models.CheckConstraint(
                condition=~Q(giver=F("holder")), name="governance_proxy_not_to_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.giver} → {self.holder}"


class ConvocationRecipient(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("member's representative")
        BOARD = "board", _("board member")
        OBSERVER = "observer", _("observer")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("as"), max_length=20, choices=Role.choices)
    email = models.EmailField(_("sent to"))
    sent_at = models.DateTimeField(_("sent at"), validators=[sensible_date])

    class Meta:
        verbose_name = _("convocation recipient")
        verbose_name_plural = _("convocation recipients")
        ordering = ["role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="governance_convoked_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class MeetingDocument(models.Model):
    """A document for the meeting, under MEDIA_ROOT: members download it through a
    permission-checked view, never from a public media URL."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    file = models.FileField(upload_to="private/governance/%Y/", max_length=300)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(validators=[sensible_date])

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.title


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    generated_at = models.DateTimeField(validators=[sensible_date])
    approved_at = models.DateTimeField(null=True, blank=True, validators=[sensible_date])
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True, validators=[sensible_date])

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED
