"""Wagtail's admin and the consent register (registered when Django starts: signals.py imports it).

- Publishing a page whose cover, photo, share image or blocks use an image that may not be shown
  (images.may_show: recognisable people without a consent that allows the website) is refused,
  with a message that names the image and why; the editor's changes stay, as a draft. This is the
  early warning: the public site never shows such an image anyway (the {% picture %} tag renders
  nothing, the image view answers 404).
- The admin's menu links to the consent register (publishing:consents).
- The admin's thumbnails and previews (SiteRendition.url) come from a view behind the admin's
  login, since nothing under MEDIA_ROOT is public.
"""

import mimetypes
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.fields import StreamField

from som.core import downloads
from som.publishing.images import why_not_shown
from som.publishing.models import SiteImage, SiteRendition


def images_of(page: Any) -> list[SiteImage]:
    """The site images a page uses: its image fields and the images in its blocks."""
    ids: set[int] = set()
    for field in page._meta.get_fields():
        if isinstance(field, models.ForeignKey) and field.related_model is SiteImage:
            value = getattr(page, field.attname)
            if value:
                ids.add(int(value))
        elif isinstance(field, StreamField):
            for model, pk, *_rest in field.extract_references(getattr(page, field.name)):
                if model is SiteImage and str(pk).isdigit():
                    ids.add(int(pk))
    return list(SiteImage.objects.filter(pk__in=ids).prefetch_related("consents").order_by("pk"))


def unshowable_images(page: Any) -> list[tuple[SiteImage, str]]:
    """(image, why) for each image of the page the public may not see."""
    found = []
    for image in images_of(page):
        reason = why_not_shown(image)
        if reason is not None:
            found.append((image, reason))
    return found


def refusal_message(page: Any) -> str | None:
    problems = unshowable_images(page)
    if not problems:
        return None
    return " ".join(
        _(
            "“%(page)s” is not published: the image “%(image)s” may not be shown on the "
            "website (%(reason)s). Record the consent in the register and add it to the image, "
            "or choose another image. Your changes are saved as a draft."
        )
        % {"page": page.title, "image": image.title, "reason": reason}
        for image, reason in problems
    )


@hooks.register("before_publish_page")
def images_need_consent(request: HttpRequest, page: Any) -> HttpResponse | None:
    message = refusal_message(page.specific if hasattr(page, "specific") else page)
    if message is None:
        return None
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def images_need_consent_in_bulk(
    request: HttpRequest, action_type: str, objects: list[Any], action: Any
) -> HttpResponse | None:
    if action_type != "publish":
        return None
    for page in objects:
        latest = page.specific.get_latest_revision_as_object()
        message = refusal_message(latest)
        if message is not None:
            messages.error(request, message)
            return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("register_admin_menu_item")
def consent_register_menu_item() -> MenuItem:
    return MenuItem(
        gettext_lazy("Consent register"),
        reverse("publishing:consents"),
        icon_name="user",
        order=450,
    )


@require_safe
def rendition_preview(request: HttpRequest, rendition_id: int) -> HttpResponseBase:
    """A size of an image for the admin (thumbnails, choosers, the focal point), whatever its
    consents: Wagtail's admin URLs are only for people with access to the admin."""
    rendition = get_object_or_404(SiteRendition, pk=rendition_id)
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    response = downloads.private_file(
        rendition.file,
        filename=rendition.file.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
    return response  # Wagtail's admin marks it never to be cached


@hooks.register("register_admin_urls")
def image_preview_urls() -> list[Any]:
    return [
        path(
            "image-preview/<int:rendition_id>/",
            rendition_preview,
            name="wagtailadmin_image_preview",
        )
    ]
