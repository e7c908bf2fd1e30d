"""The members ask: a meeting request (a general assembly) and an agenda proposal, each with one
signature per member."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date
from som.governance.models.bodies import MotionKind
from som.network.models import Organisation


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


class AgendaProposal(TimeStampedModel):
    """A proposal for the agenda, put on it once members holding 1/20 have signed."""

    meeting = models.ForeignKey(
        "Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="proposals"
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
