"""The team's "to post" list: for each story, portrait, event and lab result a prepared post text
for LinkedIn (the seed's rhythm is three to four posts a week), marked when it is posted and by
whom. Nothing here talks to a social network: the team copies the text and posts it themselves."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel


class SocialPost(TimeStampedModel):
    class Channel(models.TextChoices):
        LINKEDIN = "linkedin", "LinkedIn"
        FACEBOOK = "facebook", "Facebook"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("about"), max_length=255)
    url = models.CharField(_("address"), max_length=500)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.LINKEDIN
    )
    text = models.TextField(_("post text"))
    posted_at = models.DateTimeField(_("posted on"), null=True, blank=True, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("post to share")
        verbose_name_plural = _("posts to share")
        ordering = ["posted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "channel"],
                name="one_post_per_item_and_channel",
            )
        ]

    def __str__(self) -> str:
        return self.title
