"""The board's confirmation of a call's selection: a recorded decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from som.labs.models.calls import Call, Proposal


class SelectionDecision(models.Model):
    """The board confirms the selection of a call: a recorded decision."""

    call = models.OneToOneField(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="decision"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)
    selected = models.ManyToManyField(Proposal, verbose_name=_("selected proposals"))
    explanation = models.JSONField(_("how the rule chose"), default=dict)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")

    def __str__(self) -> str:
        return str(self.call)
