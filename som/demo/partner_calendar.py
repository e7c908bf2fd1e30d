"""The demo's partners in the calendar ("kalender voor het Leuvense onderwijs"): items UCLL, CVO
Volt and LUCA proposed that the team accepted (one with its poster), one UCLL proposal waiting
for the team, one the team declined with its reason, and the city's education department's iCal
feed. The feed is a file in the repository (som/demo/data/partner-feed.ics), read through the
same parsing and import as a partner's site (the demo cannot fetch its own address while it is
being built); its items repeat, so it brings coming items on whatever day the demo is loaded.
The first two wait for nobody (the team accepted them), the others wait for the team."""

import datetime
import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from som.accounts.models import Person
from som.events.models import Event
from som.events.services import partner_feeds, partner_items
from som.network.models import Organisation, Speerpunt

LAB_LEAD = "trekker@ucll.demo"  # Lien Wouters, staff of UCLL
FEED_FILE = Path(__file__).resolve().parent / "data" / "partner-feed.ics"
FEED_URL = "https://onderwijs.leuven.demo/kalender.ics"
CITY = "Stad Leuven – Dienst Onderwijs"
ACCEPTED_FROM_THE_FEED = 2


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def _poster() -> SimpleUploadedFile:
    """A simple poster: the network's colours in blocks (no text: the alt text says what it is)."""
    picture = Image.new("RGB", (1200, 630), (242, 236, 226))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 1200, 120), fill=(27, 94, 120))
    draw.ellipse((780, 180, 1140, 540), fill=(232, 141, 52))
    for row in range(4):
        draw.rectangle((80, 200 + row * 90, 620 - row * 90, 250 + row * 90), fill=(27, 94, 120))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return SimpleUploadedFile("affiche-taalgericht-vakonderwijs.png", out.getvalue())


def _item(
    title: str,
    days: int,
    hours: tuple[int, int],
    place: str,
    address: str,
    url: str,
    summary: str,
    audience: str,
) -> dict[str, object]:
    return {
        "title": title,
        "starts_at": _at(days, hours[0]),
        "ends_at": _at(days, hours[1]),
        "venue_name": place,
        "venue_address": address,
        "external_url": url,
        "summary": summary,
        "description": "",
        "target_audience": audience,
        "image_alt": "",
    }


def load(team: Person) -> None:
    lien = Person.objects.get(email=LAB_LEAD)
    ucll = Organisation.objects.get(name="UCLL")
    speerpunten = list(Speerpunt.objects.order_by("position"))

    values = _item(
        "Studienamiddag: taalgericht vakonderwijs",
        12,
        (13, 17),
        "UCLL campus Hertogstraat",
        "Hertogstraat 178, 3001 Heverlee",
        "https://www.ucll.be/nl/studienamiddag-taalgericht-vakonderwijs",
        "Hoe je in elk vak aan taal werkt: voorbeelden uit de praktijk en tijd om samen te werken.",
        "Leraren secundair onderwijs en lerarenopleiders",
    )
    values["image_alt"] = "Affiche van de studienamiddag in blauw en oranje"
    poster = partner_items.submit_item(
        values=values,
        organisation=ucll,
        by=lien,
        speerpunten=speerpunten[:1],
        image=_poster(),
    )
    partner_items.accept_item(event=poster, by=team)

    for name, values in (
        (
            "CVO Volt",
            _item(
                "Infosessie: Nederlands leren naast school",
                26,
                (19, 21),
                "CVO Volt",
                "Leuven",
                "https://www.cvovolt.be/infosessie-nederlands",
                "Wat CVO Volt ouders en nieuwkomers aanbiedt, en hoe scholen ernaar doorverwijzen.",
                "Zorgcoördinatoren, directies en brugfiguren",
            ),
        ),
        (
            "LUCA - School of Arts - Campus Lemmens",
            _item(
                "Open atelier: kunst in de klas",
                40,
                (14, 17),
                "LUCA Campus Lemmens",
                "Herestraat 53, 3000 Leuven",
                "https://www.luca-arts.be/open-atelier-kunst-in-de-klas",
                "Een namiddag in de ateliers: kunstzinnige werkvormen voor elke leeftijd.",
                "Leraren basisonderwijs",
            ),
        ),
    ):
        item = partner_items.submit_item(
            values=values,
            organisation=Organisation.objects.get(name=name),
            by=team,
            speerpunten=speerpunten[1:2],
        )
        partner_items.accept_item(event=item, by=team)

    partner_items.submit_item(
        values=_item(
            "Workshop: AI in de lerarenopleiding",
            33,
            (15, 17),
            "UCLL campus Proximus",
            "Geldenaaksebaan 335, 3001 Heverlee",
            "https://www.ucll.be/nl/workshop-ai-lerarenopleiding",
            "Wat studenten en lerarenopleiders met AI doen, en wat (nog) niet.",
            "Lerarenopleiders en mentoren",
        ),
        organisation=ucll,
        by=lien,
        speerpunten=speerpunten[:1],
    )
    declined = partner_items.submit_item(
        values=_item(
            "Webinar: je lesmateriaal online verkopen",
            18,
            (20, 21),
            "Online",
            "",
            "https://www.ucll.be/nl/webinar-lesmateriaal",
            "Een webinar van een uitgeverij, via UCLL gedeeld.",
            "Leraren",
        ),
        organisation=ucll,
        by=lien,
    )
    partner_items.decline_item(
        event=declined,
        reason=(
            "Dit is een commercieel aanbod van een uitgeverij; de kalender toont wat de "
            "Leuvense onderwijspartners zelf organiseren."
        ),
        by=team,
    )

    feed = partner_feeds.add_feed(
        organisation=Organisation.objects.get(name=CITY), url=FEED_URL, trusted=False, by=team
    )
    result = partner_feeds.import_items(feed, FEED_FILE.read_bytes())
    assert result.ok, result.error
    first = Event.objects.filter(source_feed=feed).order_by("starts_at")[:ACCEPTED_FROM_THE_FEED]
    for event in first:
        partner_items.accept_item(event=event, by=team)
