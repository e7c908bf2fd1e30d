"""Polls, their options and electorates, who voted, the ballots and the frozen result.

Who voted and what was voted live in different tables. `VoteRecord` says who voted (one per
voter and poll) and `Representation` which members the vote speaks for (one per member and poll:
an organisation is counted once, whoever casts its vote and however its proxies moved).

A secret poll's ballot is written, while the poll is open, as a `SealedBallot`: encrypted with a
key derived from the server's secret, padded to one length, with a random key and no time. A
database administrator, a backup or the back office sees that somebody voted, never what. When
the poll closes, `services.close_poll` opens the seals and writes the plain `Ballot` rows in one
transaction, in a random order, with new random keys, and deletes the seals: every plain ballot
then carries the same transaction id and a random physical position. docs/decisions.md has the
threat model.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date


class Poll(TimeStampedModel):
    class Method(models.TextChoices):
        APPROVAL = "approval", _("approval (at most k choices)")
        YES_NO_ABSTAIN = "yes_no_abstain", _("yes / no / abstain")
        SINGLE = "single", _("single choice")
        ELECTION = "election", _("election (n seats)")

    class Secrecy(models.TextChoices):
        NAMED = "named", _("named")
        SECRET = "secret", _("secret")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")
        PUBLISHED = "published", _("result published")

    title = models.CharField(_("title"), max_length=200)
    question = models.CharField(_("question"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    max_choices = models.PositiveSmallIntegerField(
        _("at most (choices or seats)"),
        null=True,
        blank=True,
        help_text=_("k for an approval vote, the number of seats for an election."),
    )
    secrecy = models.CharField(
        _("secrecy"), max_length=10, choices=Secrecy.choices, default=Secrecy.SECRET
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False
    )
    electorate_kind = models.CharField(
        _("electorate"),
        max_length=50,
        default="listed",
        help_text=_("Who may vote: `listed` (the voter list below), or a kind another app offers."),
    )
    electorate_reference = models.CharField(
        _("electorate reference"),
        max_length=100,
        blank=True,
        help_text=_("What the electorate refers to, e.g. `event:12`."),
    )
    opens_at = models.DateTimeField(
        _("opens at"), null=True, blank=True, validators=[sensible_date]
    )
    closes_at = models.DateTimeField(
        _("closes at"), null=True, blank=True, validators=[sensible_date]
    )
    publish_on_close = models.BooleanField(
        _("publish the result when it closes"),
        default=False,
        help_text=_(
            "When the poll closes by itself at its closing time, publish the result at once."
        ),
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(method__in=["approval", "election"])
                | Q(max_choices__isnull=False, max_choices__gte=1),
                name="voting_poll_max_choices_for_approval_and_election",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="voting_poll_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_secret(self) -> bool:
        return self.secrecy == self.Secrecy.SECRET


class PollOption(models.Model):
    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="options"
    )
    label = models.CharField(_("label"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("Links the option to another object, e.g. `proposal:12`."),
    )

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "reference"],
                condition=~Q(reference=""),
                name="voting_option_reference_unique_per_poll",
            )
        ]

    def __str__(self) -> str:
        return self.label


class VoterListEntry(models.Model):
    """The electorate of a poll of the built-in kind `listed`."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="voter_list"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    weight = models.PositiveIntegerField(_("weight"), default=1)

    class Meta:
        verbose_name = _("voter list entry")
        verbose_name_plural = _("voter list")
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="voting_listed_once"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="voting_listed_weight_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.weight})"


class VoteRecord(models.Model):
    """Who voted in which poll, with which weight. The unique constraint is the one-vote rule."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.PROTECT, related_name="vote_records"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    weight = models.PositiveIntegerField(_("weight"))
    voted_at = models.DateTimeField(_("voted at"), validators=[sensible_date])

    class Meta:
        verbose_name = _("vote record")
        verbose_name_plural = _("vote records")
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="voting_one_vote_per_voter"),
        ]

    def __str__(self) -> str:
        return f"{self.voter} → {self.poll}"


class Representation(models.Model):
    """A member a vote speaks for: the voter's own organisation and those whose proxies they
    carried (general assembly). Unique per poll, so an organisation is counted once whatever the
    order of proxies, sign-ins and changes of representative. Written in the same transaction as
    the vote record; polls whose electorate names no members rely on VoteRecord's rule alone."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.PROTECT, related_name="representations"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    constituent = models.CharField(
        _("counted for"), max_length=50, help_text=_("e.g. `organisation:12`.")
    )

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "constituent"], name="voting_one_vote_per_constituent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.constituent} → {self.poll}"


class SealedBallot(models.Model):
    """A secret ballot while its poll is open: the choices and receipt hashes, encrypted (see
    `som.voting.sealing`). No voter, no time, a random key, one length for every ballot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.PROTECT, related_name="sealed_ballots"
    )
    sealed = models.BinaryField(_("sealed ballot"))

    class Meta:
        verbose_name = _("sealed ballot")
        verbose_name_plural = _("sealed ballots")

    def __str__(self) -> str:
        return str(self.pk)


class Ballot(models.Model):
    """What was voted. Named: with the voter, written when cast. Secret: written when the poll
    closes, with no voter, no time, and a receipt hash (SHA-256 of a code only the voter saw) to
    find it on the published bulletin board. A secret ballot always has weight 1: a voter with
    weight w gets w rows, so a rare weight cannot single out their ballot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.PROTECT, related_name="ballots"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter (named polls)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    choices = models.JSONField(_("choices (option ids)"))
    weight = models.PositiveIntegerField(_("weight"), default=1)
    receipt_hash = models.CharField(
        _("receipt hash (secret polls)"), max_length=64, null=True, blank=True, unique=True
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="voting_one_named_ballot"),
            models.CheckConstraint(
                condition=Q(voter__isnull=True, receipt_hash__isnull=False, weight=1)
                | Q(voter__isnull=False, receipt_hash__isnull=True),
                name="voting_ballot_named_or_secret",
            ),
        ]

    def __str__(self) -> str:
        return str(self.pk)


class PollResult(models.Model):
    """Computed once, when the poll closes, and never changed."""

    poll = models.OneToOneField(
        Poll,
        verbose_name=_("poll"),
        primary_key=True,
        on_delete=models.PROTECT,
        related_name="result",
    )
    data = models.JSONField(_("result"))
    computed_at = models.DateTimeField(_("computed at"), validators=[sensible_date])

    class Meta:
        verbose_name = _("poll result")
        verbose_name_plural = _("poll results")

    def __str__(self) -> str:
        return str(self.poll)
