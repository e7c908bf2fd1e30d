"""What the consent register (som.network.consents) needs from the public site, registered when
Django starts (som/publishing/signals.py imports this module):

- where a consent is used (`used_in`): the images it covers and the pages that show them (Wagtail's
  reference index), the portraits that name it, the stories that quote the person, the lab
  result photos it covers. The consent's page lists them, and so does the team's mail after a
  revocation.
- what a revocation does at once (`take_images_down`): the sizes made of its images are deleted,
  files included (Wagtail deletes a rendition's file when its row goes, after the commit). The
  image view refuses the image from then on (images.may_show), the `{% picture %}` tag renders
  nothing, portraits and quotes check their consent when they are shown, and the service starts a
  new page-cache version, so no cached page keeps the photo or the quote.

The network app may not import publishing (the apps' layers), hence the callbacks rather than a
call from the network service to here.

Also here: the safety net for uploads that do not pass through our form (Wagtail's multiple
upload keeps a file it could not save as an image yet and makes the image later; a story's image
made by som.publishing.stories): after any save, an original that still carries EXIF or XMP data
is rewritten without it (images.strip_metadata).
"""

import io
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.models import Page, ReferenceIndex

from som.labs.models import ResultFile
from som.network.consents import Usage, register_revocation_effect, register_usage_finder
from som.network.models import Consent
from som.publishing.images import has_metadata, strip_metadata
from som.publishing.models import PortraitPage, SiteImage, StoryPage


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path.startswith("/") else path


def pages_using(image: SiteImage) -> list[Page]:
    """The pages whose fields or blocks use the image (Wagtail's reference index)."""
    pages: dict[int, Page] = {}
    for reference in ReferenceIndex.get_references_to(image).select_related("content_type"):
        model = reference.content_type.model_class()
        if model is None or not issubclass(model, Page):
            continue
        page = Page.objects.filter(pk=reference.object_id).first()
        if page is not None:
            pages[page.pk] = page.specific
    return sorted(pages.values(), key=lambda page: page.title)


def _page_usage(kind: str, page: Page) -> Usage:
    url = (page.full_url or "") if page.live else ""
    state = "" if page.live else f" ({_('not published')})"
    return Usage(kind=kind, title=f"{page.title}{state}", url=_absolute(url) if url else "")


def stories_quoting(consent: Consent) -> list[StoryPage]:
    """The stories with a quote block that names this consent."""
    found = []
    for story in StoryPage.objects.order_by("title"):
        if any(
            block.block_type == "quote" and block.value.get("consent") == consent.pk
            for block in story.body
        ):
            found.append(story)
    return found


def used_in(consent: Consent) -> list[Usage]:
    usages: list[Usage] = []
    seen_pages: set[int] = set()
    for image in SiteImage.objects.filter(consents=consent).order_by("title"):
        usages.append(
            Usage(
                kind=_("image"),
                title=image.title,
                url=_absolute(reverse("wagtailimages:edit", args=[image.pk])),
            )
        )
        for page in pages_using(image):
            if page.pk not in seen_pages:
                seen_pages.add(page.pk)
                usages.append(_page_usage(_("page with the image"), page))
    for portrait in PortraitPage.objects.filter(consent=consent).order_by("title"):
        usages.append(_page_usage(_("portrait"), portrait))
    for story in stories_quoting(consent):
        usages.append(_page_usage(_("story with a quote"), story))
    for result_file in ResultFile.objects.filter(consent=consent).select_related("result__lab"):
        result = result_file.result
        url = (
            _absolute(reverse("labs:result", kwargs={"slug": result.lab.slug, "pk": result.pk}))
            if result.published_at
            else ""
        )
        usages.append(
            Usage(
                kind=_("lab result photo"),
                title=f"{result_file.name}: {result.title} ({result.lab.title})",
                url=url,
            )
        )
    return usages


def take_images_down(consent: Consent) -> None:
    """Delete the sizes made of the consent's images (rows now, files after the commit)."""
    for image in SiteImage.objects.filter(consents=consent):
        image.renditions.all().delete()


register_usage_finder(used_in)
register_revocation_effect(take_images_down)


@receiver(post_save, sender=SiteImage)
def _strip_stored_original(sender: type, instance: SiteImage, raw: bool = False, **kw: Any) -> None:
    if raw or not instance.file:
        return
    storage = instance.file.storage
    name = instance.file.name
    try:
        with storage.open(name, "rb") as stored:
            if not has_metadata(stored):
                return
            stored.seek(0)
            cleaned = strip_metadata(stored)
            if cleaned is stored:
                return
            content = cleaned.read()
    except OSError:
        return
    storage.delete(name)
    saved_name = storage.save(name, ContentFile(content))
    instance.file.name = saved_name
    instance.renditions.all().delete()
    instance._set_image_file_metadata()
    width, height = _size_of(content)
    SiteImage.objects.filter(pk=instance.pk).update(
        file=saved_name,
        file_size=instance.file_size,
        file_hash=instance.file_hash,
        width=width or instance.width,
        height=height or instance.height,
    )


def _size_of(content: bytes) -> tuple[int, int]:
    with PILImage.open(io.BytesIO(content)) as opened:
        return opened.size
