"""`{% picture image sizes="..." class="..." credit=True %}`: a site image in the sizes the image
view makes, or nothing at all when the image may not be shown (som.publishing.images.may_show:
people on it without a consent that allows the website).

    <img src="(800 wide)" srcset="(400w), (800w), (1200w)" sizes="..." width height
         alt="(the image's alt text)" loading="lazy" decoding="async">

With `credit=True` and a credit on the image, the image and a small caption with the credit are
wrapped in a <figure>. `{% picture_url image "fill-1200x630" %}` gives one address ("" when the
image may not be shown)."""

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from som.publishing.images import WIDTHS, image_url, may_show, public_image_url, scaled_size

register = template.Library()

DEFAULT_SIZES = "(max-width: 800px) 100vw, 800px"


@register.simple_tag
def picture(
    image: Any,
    sizes: str = DEFAULT_SIZES,
    css_class: str = "",
    credit: bool = False,
    alt: str | None = None,
    loading: str = "lazy",
    **kwargs: Any,
) -> SafeString:
    css_class = kwargs.pop("class", css_class)
    if not image or not may_show(image):
        return mark_safe("")
    # Wagtail never enlarges: past the original's width a size is the original itself, offered
    # once with its real width.
    candidates: list[tuple[int, int]] = []  # (the size asked, the width it has)
    for width in WIDTHS:
        real = scaled_size(image, width)[0]
        if candidates and real <= candidates[-1][1]:
            break
        candidates.append((width, real))
    srcset = format_html_join(
        ", ", "{} {}w", ((image_url(image, f"width-{asked}"), real) for asked, real in candidates)
    )
    middle = next((asked for asked, _real in candidates if asked == WIDTHS[1]), candidates[-1][0])
    width, height = scaled_size(image, middle)
    tag = format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} '
        'loading="{}" decoding="async">',
        image_url(image, f"width-{middle}"),
        srcset,
        sizes,
        width,
        height,
        image.description if alt is None else alt,
        format_html(' class="{}"', css_class) if css_class else "",
        "eager" if loading == "eager" else "lazy",
    )
    if credit and image.credit:
        return format_html(
            '<figure class="picture">{}<figcaption class="picture-credit muted">{}</figcaption>'
            "</figure>",
            tag,
            gettext("Photo: %(credit)s") % {"credit": image.credit},
        )
    return tag


@register.simple_tag
def picture_url(image: Any, spec: str = "width-800") -> str:
    """One address of `image` ("" when it may not be shown)."""
    return public_image_url(image, spec)


@register.filter
def shown(image: Any) -> bool:
    """`{% if image|shown %}`: whether the public may see the image."""
    return bool(image) and may_show(image)


@register.simple_tag
def shown_images(images: Any) -> list[Any]:
    """`{% shown_images value.images as images %}`: the images the public may see, in order."""
    return [image for image in images or [] if image and may_show(image)]


@register.simple_tag
def picture_credit(image: Any) -> str:
    """ "Foto: <credit>" ("" without a credit)."""
    if not image or not image.credit:
        return ""
    return gettext("Photo: %(credit)s") % {"credit": image.credit}
