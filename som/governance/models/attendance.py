"""Who is convened, who attends, and the written proxies between voting members."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from som.core.validators import sensible_date
from som.governance.models.meetings import Meeting
from som.network.models import Organisation


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
    """A written proxy (volmacht): one voting member lets another vote for it at a meeting.

    Its text is the standard wording, stored as a code with its values (who gives, to whom, the
    meeting and its day as they were when it was given) and written in the reader's language
    (`statement`), or the member's own text (`own_text`)."""

    class Wording(models.TextChoices):
        STANDARD = "standard", _("the standard text")
        OWN = "own", _("the member's own text")

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
    wording = models.CharField(
        _("kind"), max_length=20, choices=Wording.choices, default=Wording.STANDARD
    )
    wording_values = models.JSONField(_("details"), default=dict, blank=True)
    own_text = models.TextField(_("written proxy"), blank=True)
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

    @property
    def statement(self) -> str:
        """The written proxy as the reader reads it: in the active language, or as the member
        wrote it."""
        if self.wording == self.Wording.OWN:
            return self.own_text
        values = self.wording_values
        return gettext(
            "%(giver)s gives %(holder)s proxy to represent it and vote for it at %(meeting)s "
            "of %(date)s."
        ) % {
            "giver": values["giver"],
            "holder": values["holder"],
            "meeting": values["meeting"],
            "date": formats.date_format(datetime.date.fromisoformat(values["date"]), "DATE_FORMAT"),
        }


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
