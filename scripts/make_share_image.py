"""Draw the default image for links shared on LinkedIn, Facebook or in a chat (Open Graph):
static/img/share-default.png, 1200 x 630, in the network's colours and with its name. Pages
without an image of their own show it (som/publishing/templatetags/publishing_share.py).

    .venv/bin/python scripts/make_share_image.py [--name "SOM Leuven"] [--long-name "..."]

The PNG is committed; run this again only when the name or the colours change."""

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
# static/css/som.css: --c-bg, --c-ink, --c-muted, --c-accent, --c-deep, and the logo's orange.
BACKGROUND = "#fbf7f2"
INK = "#1f2a33"
MUTED = "#5a6570"
ACCENT = "#a8431b"
ORANGE = "#e08a4f"
DEEP = "#2b3f4a"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "share-default.png"


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def circle(
    layer: Image.Image, centre: tuple[int, int], radius: int, colour: str, alpha: int
) -> None:
    draw = ImageDraw.Draw(layer)
    x, y = centre
    rgb = Image.new("RGB", (1, 1), colour).getpixel((0, 0))
    assert isinstance(rgb, tuple)  # an RGB image's pixel is its (red, green, blue)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*rgb, alpha))


def draw(name: str, long_name: str, tagline: str) -> Image.Image:
    image = Image.new("RGBA", (WIDTH, HEIGHT), BACKGROUND)
    # The logo's three circles (static/img/som-logo.svg), large, each on its own layer so the
    # overlaps blend as in the SVG.
    for centre, colour, alpha in (
        ((250, 250), ACCENT, 255),
        ((370, 250), ORANGE, 217),
        ((310, 350), DEEP, 217),
    ):
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        circle(layer, centre, 105, colour, alpha)
        image = Image.alpha_composite(image, layer)
    pen = ImageDraw.Draw(image)
    first, _, rest = name.partition(" ")
    title = font("DejaVuSans-Bold.ttf", 92)
    pen.text((520, 200), first, font=title, fill=INK)
    if rest:
        left = 520 + pen.textlength(first + " ", font=title)
        pen.text((left, 200), rest, font=font("DejaVuSans.ttf", 92), fill=ACCENT)
    pen.text((524, 318), long_name.upper(), font=font("DejaVuSans-Bold.ttf", 34), fill=MUTED)
    pen.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=DEEP)
    pen.text((145, 505), tagline, font=font("DejaVuSans.ttf", 36), fill=INK)
    return image.convert("RGB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--name", default="SOM Leuven")
    parser.add_argument("--long-name", default="Samen Onderwijs Maken")
    parser.add_argument("--tagline", default="Het netwerk van en voor het Leuvense onderwijs")
    parser.add_argument("--out", type=Path, default=OUT)
    arguments = parser.parse_args()
    image = draw(arguments.name, arguments.long_name, arguments.tagline)
    image.save(arguments.out, optimize=True)
    print(f"{arguments.out} ({image.width} x {image.height})")


if __name__ == "__main__":
    main()
