"""The site's images for the public, at /images/<signature>/<id>/<size>/[<file name>].

Every request checks, in this order: the signature (an address the site made, so nobody makes the
server render sizes it never asked for), the size (one of the few the pages use,
som.publishing.images.ALLOWED_SPECS), and whether the image may be shown at all
(`images.may_show`: the people on it consent to the website). Only then is the size made (once,
Wagtail keeps it) and sent the way private files are (som.core.downloads: nginx sends the file
when SOM_X_ACCEL_REDIRECT is on). Browsers and proxies keep it five minutes: a revoked consent is
gone from every cache soon after the revocation took it off the pages."""

import mimetypes

from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.utils import verify_signature

from som.core import downloads
from som.publishing.images import ALLOWED_SPECS, may_show
from som.publishing.models import SiteImage

CACHE_CONTROL = "public, max-age=300"


@require_safe
def serve_image(
    request: HttpRequest, signature: str, image_id: int, filter_spec: str, filename: str = ""
) -> HttpResponseBase:
    if filter_spec not in ALLOWED_SPECS:
        raise Http404
    if not verify_signature(signature.encode(), image_id, filter_spec):
        raise Http404
    image = get_object_or_404(SiteImage.objects.prefetch_related("consents"), pk=image_id)
    if not may_show(image):
        raise Http404
    try:
        rendition = image.get_rendition(filter_spec)
    except (InvalidFilterSpecError, OSError) as error:  # a file gone or unreadable
        raise Http404 from error
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    name = rendition.file.name.rsplit("/", 1)[-1]
    response = downloads.private_file(rendition.file, filename=name, content_type=content_type)
    response["Cache-Control"] = CACHE_CONTROL
    return response
