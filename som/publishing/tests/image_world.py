"""Images for the tests: a photo the way a phone makes one (with its location in the EXIF data),
stored as a site image with its people and their consents."""

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from som.network import consents
from som.publishing.models import SiteImage

GPS = {1: "N", 2: (50.0, 52.0, 44.0), 3: "E", 4: (4.0, 42.0, 0.0)}


def phone_jpeg(size: tuple[int, int] = (1600, 1200), orientation: int = 1) -> bytes:
    """A JPEG with the location, the camera and an orientation in its EXIF data."""
    picture = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Telefoonmerk"
    exif[0x8825] = GPS
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def jpeg_upload(name: str = "netwerkdag.jpg", **kwargs: Any) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, phone_jpeg(**kwargs), content_type="image/jpeg")


def site_image(
    title: str = "Netwerkdag",
    *,
    recognisable: str = SiteImage.Recognisable.NOBODY,
    consent_list: tuple = (),
    size: tuple[int, int] = (1600, 1200),
    credit: str = "",
) -> SiteImage:
    image = SiteImage(
        title=title,
        description=f"{title}: leraren rond een tafel",
        recognisable=recognisable,
        credit=credit,
        file=jpeg_upload(f"{title.lower().replace(' ', '-')}.jpg", size=size),
    )
    image._set_image_file_metadata()
    image.save()
    if consent_list:
        image.consents.set(consent_list)
    return SiteImage.objects.get(pk=image.pk)


def website_consent(team: Any, name: str = "Anna Peeters", **changes: Any) -> Any:
    fields: dict[str, Any] = {"subject_name": name, "uses": ["website"]}
    fields.update(changes)
    return consents.record_consent(by=team, **fields)


def exif_of(image: SiteImage) -> Any:
    with image.file.storage.open(image.file.name, "rb") as stored, Image.open(stored) as opened:
        return opened.getexif(), opened.size
