from django.db import models
from django.utils.translation import gettext_lazy as _


class SentMail(models.Model):
    """A mail the demo sent, kept whole (som.demo.mailbox) so the mailbox page shows it as its
    recipient would read it. Only SOM_ENV=demo writes here; no other environment has rows."""

    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    from_email = models.CharField(_("from"), max_length=300)
    # Every recipient (to, cc, bcc), lower-cased, one per line: the mailbox filters on it.
    recipients = models.TextField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=500)
    message = models.BinaryField(_("the message as sent (RFC 5322)"))

    class Meta:
        verbose_name = _("sent mail (demo)")
        verbose_name_plural = _("sent mails (demo)")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    @property
    def recipient_list(self) -> list[str]:
        return self.recipients.splitlines()
