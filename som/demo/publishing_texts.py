"""The demo's stories, portraits, pictures and consents, as data (built by som/demo/publishing.py).

Written for the demo in the voice of SOM's own texts (the seeds: the annual report 2022-2023 lists
21 stories and 12 portraits that school year); the people are made up, the institutions are the
demo's. Figures are the report's (about 180 at SOM start, about 400 at Dissident, some 80 present
at the Open SOM-raad, 40 on the school trip) and nothing is claimed beyond them."""

import dataclasses
import datetime
from dataclasses import dataclass

D = datetime.date

# Speerpunten by position (som.network.Speerpunt): iedereen aan boord, welbevinden en
# betrokkenheid, diversiteit als kracht.
AAN_BOORD, WELBEVINDEN, DIVERSITEIT = 0, 1, 2


@dataclass(frozen=True)
class ConsentText:
    key: str
    name: str
    note: str
    email: str = ""  # the person's demo account, if they have one
    parent: str = ""  # a child under 13: who gave the consent for them
    newsletter: bool = True
    social_media: bool = True
    annual_report: bool = True


@dataclass(frozen=True)
class ImageText:
    key: str
    title: str
    alt: str
    credit: str
    people: int = 0  # silhouettes drawn: the recognisable people, each with a consent
    consents: tuple[str, ...] = ()
    minors: bool = False
    portrait: bool = False


@dataclass(frozen=True)
class Quote:
    text: str
    name: str
    role: str
    consent: str  # a ConsentText key


@dataclass(frozen=True)
class English:
    title: str
    slug: str
    lead: str
    paragraphs: tuple[str, ...]
    quote: str = ""


@dataclass(frozen=True)
class StoryText:
    slug: str
    title: str
    kind: str  # StoryPage.Kind
    lead: str
    paragraphs: tuple[str, ...]
    cover: str  # an ImageText key
    speerpunten: tuple[int, ...]
    on: datetime.date | None = None  # a story of 2022-2023
    days_ago: int | None = None  # a recent one: before today, or after the event it reports on
    labs: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    events: tuple[str, ...] = ()  # "som_start" (the last network day over), "raad"
    portraits: tuple[str, ...] = ()
    quote: Quote | None = None
    image: tuple[str, str] | None = None  # (ImageText key, caption)
    gallery: tuple[tuple[str, ...], str] | None = None
    video: tuple[str, str] | None = None  # (address, title)
    english: English | None = None


@dataclass(frozen=True)
class PortraitText:
    key: str  # also the page's slug
    name: str
    role: str
    organisation: str  # a demo organisation's name, or the name shown when it is not one
    answers: tuple[str, str, str]
    on: datetime.date | None = None
    days_ago: int | None = None
    email: str = ""  # the person's demo login, if they have one
    credit: str = "SOM Leuven"


def replace_quote(story: StoryText, text: str) -> StoryText:
    assert story.quote is not None
    return dataclasses.replace(story, quote=dataclasses.replace(story.quote, text=text))


# The three questions of every "Zij maken onderwijs" portrait.
QUESTIONS = (
    "Wat betekent Samen Onderwijs Maken voor jou?",
    "Wat kan er volgens jou anders in het onderwijs?",
    "Waarvoor mogen onderwijsmakers jou contacteren?",
)

CREDIT_SOM = "SOM Leuven"
CREDIT_JANA = "Jana Verbeke"
CREDIT_DRAWN = "SOM Leuven (illustratie)"

# The consent revoked after the story was published: the photo is no longer shown.
REVOKED_CONSENT = "dissident-tom"
REVOKED_SUBJECT = "Tom Hermans"
REVOKED_BY = "Tom Hermans"
REVOKED_NOTE = "Per mail aan het SOM-team: hij wil niet langer herkenbaar op de website staan."
REVOKED_IMAGE = "dissident-nagesprek"
REVOKED_STORY = "dissident-zet-het-leuvense-onderwijs-aan-het-denken"

CONSENTS = [
    ConsentText("somstart22-an", "An Vermeiren", "Groepsfoto netwerkdrink SOM start 2022"),
    ConsentText("somstart22-karim", "Karim Ouali", "Groepsfoto netwerkdrink SOM start 2022"),
    ConsentText("somstart22-veerle", "Veerle Bogaerts", "Groepsfoto netwerkdrink SOM start 2022"),
    ConsentText(
        "quote-bart",
        "Bart Peeters",
        "Citaat in de story 'Kijk over het muurtje'",
        email="bestuur@som-leuven.demo",
    ),
    ConsentText("schoolreis-joke", "Joke Segers", "Foto fietstocht schoolreis 2022"),
    ConsentText("schoolreis-wim", "Wim Van Dyck", "Foto fietstocht schoolreis 2022"),
    ConsentText(
        "zonnebloem-lina",
        "Lina (leerling De Zonnebloem, 9 jaar)",
        "Klasfoto in de story over zorg voor gevluchte kinderen",
        parent="Oksana Melnyk, mama van Lina",
        social_media=False,
        annual_report=False,
    ),
    ConsentText(
        "zonnebloem-evi",
        "Evi Jacobs",
        "Klasfoto in de story over zorg voor gevluchte kinderen",
    ),
    ConsentText("speakup-amira", "Amira El Idrissi", "Foto en citaat Speak Up!-workshop"),
    ConsentText("speakup-jonas", "Jonas Maes", "Foto Speak Up!-workshop"),
    ConsentText("speakup-noor", "Noor Claes", "Foto Speak Up!-workshop"),
    ConsentText(
        "dissident-tom",
        REVOKED_SUBJECT,
        "Foto nagesprek Dissident in de foyer",
    ),
    ConsentText("dissident-lotte", "Lotte Aerts", "Foto en citaat nagesprek Dissident"),
    ConsentText("raad23-greet", "Greet Willems", "Foto sofagesprek Open SOM-raad 2023"),
    ConsentText("raad23-arne", "Arne Goossens", "Foto sofagesprek Open SOM-raad 2023"),
    ConsentText("raad23-dounia", "Dounia Lambrecht", "Foto sofagesprek Open SOM-raad 2023"),
    ConsentText("somstart-femke", "Femke Cools", "Foto's van de laatste SOM-netwerkdag"),
    ConsentText("somstart-ilias", "Ilias Bensaid", "Foto's van de laatste SOM-netwerkdag"),
    ConsentText("somstart-saar", "Saar Mertens", "Foto's van de laatste SOM-netwerkdag"),
    ConsentText(
        "taalrijk-lien",
        "Lien Wouters",
        "Foto en citaat labo Taalrijke klas",
        email="trekker@ucll.demo",
    ),
    ConsentText(
        "taalrijk-youssef",
        "Youssef El Amrani",
        "Foto labo Taalrijke klas",
        email="leraar@dewijnpers.demo",
    ),
]

IMAGES = [
    ImageText(
        "netwerk-warm",
        "Illustratie netwerk (warm)",
        "Overlappende cirkels en vlakken in warme oranje en zandkleuren",
        CREDIT_DRAWN,
    ),
    ImageText(
        "netwerk-blauw",
        "Illustratie netwerk (blauw)",
        "Vlakken in diepblauw en lichtblauw die elkaar raken",
        CREDIT_DRAWN,
    ),
    ImageText(
        "netwerk-groen",
        "Illustratie netwerk (groen)",
        "Groene en zandkleurige vormen die samen een landschap vormen",
        CREDIT_DRAWN,
    ),
    ImageText(
        "netwerk-zand",
        "Illustratie netwerk (zand)",
        "Zachte zandkleurige vlakken met een paar oranje accenten",
        CREDIT_DRAWN,
    ),
    ImageText(
        "netwerk-oker",
        "Illustratie netwerk (oker)",
        "Okergele en bruine cirkels op een lichte achtergrond",
        CREDIT_DRAWN,
    ),
    ImageText(
        "netwerk-diep",
        "Illustratie netwerk (diep)",
        "Donkerblauwe en roestrode vormen die in elkaar grijpen",
        CREDIT_DRAWN,
    ),
    ImageText(
        "som-start-2022",
        "Netwerkdrink SOM start 2022",
        "Drie deelnemers in gesprek met een glas in de hand tijdens de netwerkdrink van SOM start",
        CREDIT_JANA,
        people=3,
        consents=("somstart22-an", "somstart22-karim", "somstart22-veerle"),
    ),
    ImageText(
        "schoolreis-fietstocht",
        "Fietstocht schoolreis",
        "Twee deelnemers van de schoolreis met hun fiets voor een Leuvense school",
        CREDIT_SOM,
        people=2,
        consents=("schoolreis-joke", "schoolreis-wim"),
    ),
    ImageText(
        "zonnebloem-klas",
        "Klas De Zonnebloem",
        "Een leerkracht en een leerling buigen zich samen over een prentenboek",
        CREDIT_SOM,
        people=2,
        consents=("zonnebloem-lina", "zonnebloem-evi"),
        minors=True,
    ),
    ImageText(
        "speak-up-workshop",
        "Workshop Speak Up!",
        "Drie jongerenambassadeurs van Speak Up! voor een zaal vol scholieren",
        CREDIT_JANA,
        people=3,
        consents=("speakup-amira", "speakup-jonas", "speakup-noor"),
    ),
    ImageText(
        REVOKED_IMAGE,
        "Nagesprek Dissident",
        "Twee toeschouwers in gesprek in de volle foyer van de Stadsschouwburg",
        CREDIT_JANA,
        people=2,
        consents=("dissident-tom", "dissident-lotte"),
    ),
    ImageText(
        "open-som-raad-2023",
        "Sofagesprek Open SOM-raad 2023",
        "Drie gasten op een sofa tijdens een sofagesprek van de Open SOM-raad",
        CREDIT_SOM,
        people=3,
        consents=("raad23-greet", "raad23-arne", "raad23-dounia"),
    ),
    ImageText(
        "laatste-netwerkdag",
        "De laatste SOM-netwerkdag",
        "Drie deelnemers van de netwerkdag aan een statafel na de pitches",
        CREDIT_SOM,
        people=3,
        consents=("somstart-femke", "somstart-ilias", "somstart-saar"),
    ),
    ImageText(
        "taalrijke-klas-sessie",
        "Labosessie Taalrijke klas",
        "Twee leden van het labo Taalrijke klas leggen observatiebladen naast elkaar",
        CREDIT_SOM,
        people=2,
        consents=("taalrijk-lien", "taalrijk-youssef"),
    ),
]

STORIES = [
    StoryText(
        slug="som-start-2022-een-schooljaar-vol-goesting",
        title="SOM start 2022: een schooljaar vol goesting",
        kind="photo_report",
        on=D(2022, 9, 22),
        lead="Een 180-tal onderwijsmakers trapte het schooljaar samen af in Museum M, met een "
        "keynote over leren in netwerken en een drink waar niemand snel naar huis wou.",
        paragraphs=(
            "Wie op een septemberavond de trappen van Museum M opliep, kwam terecht in een "
            "zaal vol bekende en nieuwe gezichten: leraren en directeurs, docenten van UCLL en "
            "KU Leuven, mensen uit welzijn en van de stad. SOM start is het moment waarop het "
            "netwerk elkaar na de zomer terugziet.",
            "De keynote ging over professionalisering: wat leren leraren van elkaar, en waarom "
            "groeit een school sterker als ze over haar eigen muren heen kijkt? Geen recept, wel "
            "veel herkenning in de zaal.",
            "Daarna was het woord aan de jongeren van Speak Up!. Ze vertelden zonder omwegen "
            "hoe racisme op school voelt en wat hun ambassadeurs in de scholen al in beweging "
            "zetten. Het werd muisstil, en daarna was er een lang applaus.",
            "Het SOM-team stelde kort het jaaractieplan voor: welke labo's lopen, wat de studio "
            "opvolgt en waar we de community samenbrengen. Op de netwerkdrink werden de eerste "
            "afspraken al gemaakt.",
        ),
        cover="som-start-2022",
        speerpunten=(AAN_BOORD, WELBEVINDEN, DIVERSITEIT),
        labs=("Speak Up!",),
        organisations=("UCLL", "Katholieke Universiteit Leuven"),
        gallery=(("som-start-2022", "netwerk-warm"), "Sfeerbeelden van SOM start 2022"),
    ),
    StoryText(
        slug="het-jaaractieplan-2022-2023",
        title="Het jaaractieplan 2022-2023: waar zetten we dit jaar op in?",
        kind="knowledge",
        on=D(2022, 10, 4),
        lead="Labo's, studio en community: het SOM-netwerk legde vast waar het dit schooljaar "
        "samen aan werkt. Een overzicht in vier blokken.",
        paragraphs=(
            "Het jaaractieplan is geen lijst van beloften van het SOM-team, maar een gedeelde "
            "agenda van de partners. De SOM-raad bepaalt de richting; het team zorgt dat het "
            "vliegwiel draait.",
            "**Labo's.** Het labo Vluchtelingen werkt aan verduurzaming, de Diverse leraarskamer "
            "zit in de opstartfase en Duurzame onderwijskansen verkent een Leuvens antwoord op "
            "de vraag van scholen naar ondersteuning tijdens het schooljaar. Met Leraar breekt "
            "uit zoeken we hoe leraren zelf met een idee naar het netwerk kunnen stappen.",
            "**Studio.** We volgen projecten als de Maakleerplek en Campus Corso mee op en "
            "helpen hen scholen te bereiken.",
            "**Community.** SOM start, een schoolreis langs Leuvense scholen, fora en de Open "
            "SOM-raad in het voorjaar: momenten om elkaar te leren kennen en expertise te delen.",
            "Telkens toetsen we aan de drie speerpunten: iedereen aan boord, welbevinden en "
            "betrokkenheid, en diversiteit als kracht.",
        ),
        cover="netwerk-blauw",
        speerpunten=(AAN_BOORD, WELBEVINDEN, DIVERSITEIT),
        labs=(
            "Vluchtelingen",
            "Diverse leraarskamer",
            "Duurzame onderwijskansen",
            "Leraar breekt uit",
            "Maakleerplek",
        ),
    ),
    StoryText(
        slug="kijk-over-het-muurtje",
        title="Kijk over het muurtje: leraren leren van elkaars school",
        kind="interview",
        on=D(2022, 10, 18),
        lead="Bart Peeters, directeur van Atheneum De Ring, stuurt zijn leraren graag op "
        "bezoek naar andere scholen. Waarom eigenlijk?",
        paragraphs=(
            "Na de keynote op SOM start bleef één vraag hangen: wanneer zag een leraar nog eens "
            "een les van een collega in een andere school? Bij Bart Peeters is het antwoord: "
            "vaker dan vroeger.",
            '"We organiseren elk trimester een namiddag waarop leraren een klas in een '
            "andere school bezoeken, liefst van een ander net of een ander niveau. Het kost "
            'vervanging en planning, maar wat ze meebrengen is goud waard."',
            'Wat nemen ze dan mee? "Soms iets heel concreets, zoals een manier om een '
            "groepswerk te starten. Maar vaker de vaststelling dat andere scholen met dezelfde "
            'vragen worstelen. Dat relativeert, en het opent de deur om samen iets te proberen."',
            'Peeters ziet daar de rol van SOM: "Het netwerk maakt die deuren open. Eén telefoon '
            'naar het SOM-team en je zit met de juiste mensen aan tafel."',
        ),
        cover="netwerk-zand",
        speerpunten=(WELBEVINDEN,),
        organisations=("Atheneum De Ring",),
        quote=Quote(
            "Een leraar die eens in een andere school les ziet geven, komt terug met meer "
            "vragen dan antwoorden. En dat is precies de bedoeling.",
            "Bart Peeters",
            "directeur Atheneum De Ring",
            "quote-bart",
        ),
    ),
    StoryText(
        slug="schoolreis-met-de-fiets-langs-leuvense-scholen",
        title="Schoolreis: met de fiets langs Leuvense scholen",
        kind="photo_report",
        on=D(2022, 10, 28),
        lead="Veertig onderwijsmakers en studenten fietsten een dag lang van school naar school. "
        "Elke halte was een kijkje in de keuken van een collega.",
        paragraphs=(
            "Samen met UCLL nodigde SOM leraren, directeurs en studenten uit voor een schoolreis "
            "zoals vroeger, maar dan voor volwassenen: op de fiets, met een picknick en een "
            "volgeladen programma.",
            "Onderweg hielden we halt bij onder meer De Wijnpers, De Zevensprong, het "
            "Paridaensinstituut, het Sint-Pieterscollege, Mater Dei en CVO Volt. Elke school "
            "toonde in een half uur waar ze trots op is.",
            "Wat opviel: hoe verschillend de antwoorden zijn op dezelfde vragen. De ene school "
            "zet in op leeftijdsgemengde klassen, de andere op een nieuw gebouw waar "
            "finaliteiten elkaar ontmoeten, een derde op tweedekansonderwijs.",
            "De komende maanden brengen we de scholen van de schoolreis uitgebreider in beeld "
            "in een reeks interviews. Zo delen we hun schoolvoorbeelden met het hele netwerk.",
        ),
        cover="schoolreis-fietstocht",
        speerpunten=(AAN_BOORD,),
        organisations=(
            "UCLL",
            "De Wijnpers",
            "De Zevensprong",
            "Paridaensinstituut secundair onderwijs",
            "Sint-Pieterscollege",
            "Mater Dei Kleuterschool",
            "CVO Volt",
        ),
        gallery=(
            ("schoolreis-fietstocht", "netwerk-groen", "netwerk-oker"),
            "Onderweg tijdens de schoolreis",
        ),
    ),
    StoryText(
        slug="nieuwkomers-tonen-wat-ze-kunnen",
        title="Nieuwkomers tonen wat ze kunnen, als je ze de ruimte geeft",
        kind="interview",
        on=D(2022, 11, 10),
        lead="In de onthaalklas voor anderstalige nieuwkomers van De Nova leren jongeren "
        "Nederlands, maar vooral: hun eigen talent opnieuw zien.",
        paragraphs=(
            'Wie in een onthaalklas binnenstapt, hoort veel talen door elkaar. "Dat is geen '
            'probleem, dat is ons vertrekpunt", zegt het team. "Leerlingen mogen hun '
            'thuistaal gebruiken om iets uit te leggen aan elkaar. Zo leren ze sneller."',
            "Het team merkt dat nieuwkomers vaak te laag worden ingeschat omdat ze de taal nog "
            "niet spreken. Daarom kijken ze breed: wat kon een leerling in het land van "
            "herkomst, welke vakken liggen hem of haar?",
            "De overstap naar een gewone klas bereiden ze samen met de ontvangende school "
            "voor. Een leerling gaat eerst een paar uur per week mee, met een vaste "
            "aanspreekpersoon.",
            '"Het mooiste moment is als een leerling na een jaar zelf komt vertellen welke '
            'richting hij wil volgen. Dan weet je dat hij zijn eigen potentieel weer ziet."',
        ),
        cover="netwerk-oker",
        speerpunten=(AAN_BOORD, DIVERSITEIT),
        organisations=("De Nova",),
    ),
    StoryText(
        slug="een-gebouw-waar-finaliteiten-elkaar-ontmoeten",
        title="Een gebouw waar finaliteiten elkaar ontmoeten",
        kind="interview",
        on=D(2022, 11, 24),
        lead="Het Paridaensinstituut verhuisde naar een nieuw gebouw, en koos bewust voor een "
        "plek waar leerlingen van alle richtingen elkaar tegenkomen.",
        paragraphs=(
            "Lokalen per richting, een speelplaats per graad: zo zag het oude gebouw eruit. In "
            "het nieuwe gebouw delen leerlingen van doorstroom, dubbele finaliteit en "
            "arbeidsmarktgerichte richtingen de ateliers, de bibliotheek en de refter.",
            '"Een leerling uit een technische richting die een leerling uit de '
            'wetenschappen helpt in het atelier: daar draait het om", vertelt de directie. '
            '"Respect voor elkaars talent leer je niet uit een boek."',
            "Leraren werken in vakoverschrijdende teams. Projecten worden zo opgezet dat "
            "leerlingen uit verschillende richtingen elkaar nodig hebben.",
            "Niet alles loopt vanzelf, geeft de school toe. Roosters passen niet altijd in "
            "elkaar, en samen lesgeven vraagt tijd om voor te bereiden. Maar de sfeer op school "
            "is er merkbaar op vooruitgegaan.",
        ),
        cover="netwerk-diep",
        speerpunten=(AAN_BOORD, WELBEVINDEN),
        organisations=("Paridaensinstituut secundair onderwijs",),
    ),
    StoryText(
        slug="kleuters-van-alle-leeftijden-samen",
        title="Waarom kleuters van alle leeftijden samen spelen en leren",
        kind="interview",
        on=D(2022, 12, 6),
        lead="In de kleuterschool van Mater Dei zitten jongste en oudste kleuters in dezelfde "
        "klas. Het team legt uit waarom.",
        paragraphs=(
            "Een kleuter van drie en een van vijf aan dezelfde puzzeltafel: in Mater Dei is "
            'het de gewoonste zaak. "Kinderen ontwikkelen niet op hetzelfde ritme", zegt het '
            'team. "Waarom zouden we ze dan per geboortejaar indelen?"',
            "De oudste kleuters helpen de jongsten, en leren zelf door uit te leggen. De "
            "jongsten kijken af en durven sneller iets nieuws te proberen. Juffen en meesters "
            "volgen elk kind op in zijn eigen tempo.",
            "Het vroeg een andere inrichting van de klassen, met hoeken voor verschillende "
            "niveaus, en veel overleg in het team. Ouders waren eerst wat afwachtend, maar "
            "zien nu vooral hoe zelfstandig hun kind wordt.",
            "Tip voor scholen die het willen proberen: begin met één klas, en nodig collega's "
            "uit om te komen kijken.",
        ),
        cover="netwerk-warm",
        speerpunten=(AAN_BOORD, WELBEVINDEN),
        organisations=("Mater Dei Kleuterschool",),
    ),
    StoryText(
        slug="zorg-voor-gevluchte-kinderen-in-de-zonnebloem",
        title="Zorg voor gevluchte kinderen: een casus in De Zonnebloem",
        kind="account",
        on=D(2022, 12, 15),
        lead="Toen er halverwege het schooljaar kinderen uit Oekraïne in de klas kwamen, vroeg "
        "De Zonnebloem het Steunteam Vluchtelingen om mee te denken. Wat hebben we geleerd?",
        paragraphs=(
            "Het Steunteam Vluchtelingen groeide uit het labo Vluchtelingen. Het brengt een "
            "school samen met mensen van het CLB, taalexperten en de stad rond één concrete "
            "vraag: hoe zorgen we goed voor dit kind, in deze klas?",
            "In De Zonnebloem ging het om een meisje dat na een lange reis stil en teruggetrokken "
            "in de klas zat. Het team zocht eerst rust en voorspelbaarheid: een vaste plek, "
            "een maatje in de klas en prenten om de dag op te bouwen.",
            "Het CLB hielp het gesprek met de mama te voeren, met een tolk. Zo kwam de school "
            "te weten wat het meisje graag deed, en kon de klasleerkracht daarop inspelen.",
            "Na enkele weken begon ze te lachen op de speelplaats. Het steunteam bundelde wat "
            "werkte in een korte werkwijze die andere scholen kunnen gebruiken.",
        ),
        cover="netwerk-groen",
        speerpunten=(AAN_BOORD, DIVERSITEIT),
        labs=("Vluchtelingen",),
        organisations=("De Zonnebloem", "VCLB"),
        image=("zonnebloem-klas", "Samen lezen in De Zonnebloem."),
    ),
    StoryText(
        slug="campus-corso-leren-in-een-echte-winkelstraat",
        title="Campus Corso: leren waar ondernemers werken",
        kind="knowledge",
        on=D(2023, 1, 12),
        lead="In Campus Corso komen leerlingen, studenten en ondernemers samen onder één dak. "
        "Wat kunnen scholen er doen?",
        paragraphs=(
            "Campus Corso is een gebouw in volle ontwikkeling, met winkels, werkplekken en "
            "lokalen waar onderwijs en bedrijfsleven elkaar ontmoeten. Een vzw trekt het "
            "project, samen met scholen, hogescholen, de stad en bedrijven.",
            "Voor scholen biedt het een levensechte omgeving: leerlingen kunnen er een "
            "pop-upwinkel runnen, klanten ontvangen of met ondernemers aan een opdracht werken.",
            "SOM volgt het project op vanuit de studiowerking en helpt leraren de weg te vinden. "
            "Nieuwsgierig? Kom eerst eens kijken: rondleidingen voor directies en leraren zijn "
            "mogelijk op aanvraag.",
            "We werken dit verhaal bij naarmate het gebouw verder vorm krijgt.",
        ),
        cover="netwerk-oker",
        speerpunten=(AAN_BOORD,),
        organisations=("UCLL",),
    ),
    StoryText(
        slug="speak-up-op-bezoek-bij-de-scholierenkoepel",
        title="Speak Up! geeft workshops voor de Vlaamse Scholierenkoepel",
        kind="photo_report",
        on=D(2023, 1, 26),
        lead="De jongerenambassadeurs van Speak Up! trokken in januari naar de "
        "Scholierenkoepel om te vertellen hoe je racisme op school bespreekbaar maakt.",
        paragraphs=(
            "Ze zijn zestien, zeventien, achttien, en ze staan zonder zenuwen voor een zaal "
            "scholieren uit heel Vlaanderen. De ambassadeurs van Speak Up! vertelden over hun "
            "werking in Leuvense scholen.",
            "In de workshop oefenden de deelnemers met situaties uit het dagelijkse schoolleven: "
            "een opmerking in de klas, een grap op de speelplaats. Wat doe je, wat zeg je, en "
            "bij wie kan je terecht?",
            "In het Sint-Pieterscollege en De Met is intussen een Speak Up!-hub opgestart. "
            "Andere scholen maakten kennis met de werking of vroegen een workshop aan.",
            "Een uitdaging blijft de opvolging: de eerste trekkers studeren af. Het labo "
            "zoekt daarom een plek waar de jongeren ook later goed ondersteund worden.",
        ),
        cover="speak-up-workshop",
        speerpunten=(WELBEVINDEN, DIVERSITEIT),
        labs=("Speak Up!",),
        organisations=("Sint-Pieterscollege", "De Met", "Heilige-Drievuldigheidscollege"),
        quote=Quote(
            "We willen niet dat een leerling zich moet afvragen of hij hier wel thuishoort.",
            "Amira El Idrissi",
            "ambassadeur Speak Up!",
            "speakup-amira",
        ),
        gallery=(("speak-up-workshop", "netwerk-diep"), "De workshop van Speak Up!"),
    ),
    StoryText(
        slug=REVOKED_STORY,
        title="Dissident zet het Leuvense onderwijs aan het denken",
        kind="photo_report",
        on=D(2023, 2, 9),
        lead="Vijf jongeren vertellen op het podium hoe ze uit de boot vielen op school. Zo'n "
        "400 toeschouwers in de Stadsschouwburg luisterden, en praatten nadien nog lang na.",
        paragraphs=(
            "SOM haalde de voorstelling Dissident naar Leuven, samen met UCLL en 30CC. De "
            "aanleiding: een labo over schooluitval, en de vraag hoe je het perspectief van "
            "jongeren zelf centraal zet.",
            "Op het podium geen acteurs die een rol spelen, maar jongeren die hun eigen verhaal "
            "brengen: over spijbelen, over een leraar die wel of net niet luisterde, over de "
            "dag dat ze niet meer gingen.",
            "In de zaal zaten niet alleen leraren en directeurs, maar ook veel leerlingen. Het "
            "nagesprek in de foyer werd geleid door de voorzitter van de Vlaamse "
            "Scholierenkoepel en liep ruim uit.",
            "Wat bleef hangen? Dat een kleine geste van een volwassene een groot verschil kan "
            "maken. En dat scholen die vraag beter samen dan alleen beantwoorden.",
        ),
        cover="netwerk-diep",
        speerpunten=(AAN_BOORD, WELBEVINDEN),
        organisations=("UCLL",),
        quote=Quote(
            "Ik ben leraar geworden om leerlingen te zien. Vanavond besefte ik hoeveel ik er "
            "nog mis.",
            "Lotte Aerts",
            "leraar secundair onderwijs",
            "dissident-lotte",
        ),
        image=(REVOKED_IMAGE, "Het nagesprek in de foyer van de Stadsschouwburg."),
    ),
    StoryText(
        slug="tweedekansonderwijs-als-keerpunt",
        title="Tweedekansonderwijs als keerpunt in een leven",
        kind="interview",
        on=D(2023, 2, 23),
        lead="Bij CVO Volt halen volwassenen alsnog hun diploma secundair onderwijs. Dat vraagt "
        "een school die meebuigt met hun leven.",
        paragraphs=(
            "De cursisten van het tweedekansonderwijs combineren les met een job, een gezin of "
            'allebei. "Wie hier binnenstapt, heeft vaak een moeilijke schoolloopbaan achter de '
            'rug", zegt het team. "Ze verdienen een school die hen niet opnieuw laat vallen."',
            "Daarom kan je er instappen op verschillende momenten van het jaar, modules "
            "combineren en een deel van je lessen afstandsleren volgen.",
            "Even belangrijk is de begeleiding: een trajectbegeleider helpt bij het kiezen van "
            "modules en bij de vragen die niets met les te maken hebben, maar wel alles met "
            "slagen.",
            '"Als iemand na jaren zijn diploma komt halen met de kinderen erbij, dan weet je '
            'waarom je dit doet."',
        ),
        cover="netwerk-blauw",
        speerpunten=(AAN_BOORD,),
        organisations=("CVO Volt",),
    ),
    StoryText(
        slug="kunst-als-duwtje-in-de-rug",
        title="Kunst als duwtje in de rug voor het zelfvertrouwen",
        kind="interview",
        on=D(2023, 3, 9),
        lead="In De Zevensprong krijgen kinderen elke week tijd om te tekenen, te dansen en te "
        "musiceren. Niet als extraatje, maar als deel van het leren.",
        paragraphs=(
            "Een kind dat in de rekenles weinig zegt, kan in het atelier stralen. Dat zag het "
            "team van De Zevensprong zo vaak gebeuren dat het de kunstlessen een vaste plaats "
            "gaf in de week.",
            "De ateliers worden begeleid door leerkrachten samen met kunstenaars uit de buurt. "
            "Kinderen kiezen zelf met welk materiaal ze werken en tonen aan het einde van een "
            "periode hun werk aan elkaar.",
            '"Je ziet kinderen groeien in durven", vertelt het team. "Wie ervaart dat zijn '
            'idee telt, steekt ook in de klas sneller zijn vinger op."',
            "De school deelt graag haar aanpak met andere scholen die kunst een grotere plek "
            "willen geven.",
        ),
        cover="netwerk-warm",
        speerpunten=(WELBEVINDEN, DIVERSITEIT),
        organisations=("De Zevensprong",),
    ),
    StoryText(
        slug="in-een-netwerk-kies-je-uit-een-gereedschapskist",
        title="In een netwerk kies je uit een hele gereedschapskist",
        kind="knowledge",
        on=D(2023, 3, 23),
        lead="Een masterclass in de Abdij van Park over organisatienetwerken: waarom een netwerk "
        "anders werkt dan een organisatie, en wat dat vraagt van wie erin stapt.",
        paragraphs=(
            "SOM organiseerde de avond samen met Leuven Mindgate en Leuven 2030. Het publiek "
            "was divers: onderwijs, zorg, bedrijven, stad.",
            "De kern van het verhaal: een organisatie heeft een vaste structuur om vaste "
            "problemen op te lossen. Een netwerk brengt verschillende organisaties samen rond "
            "een vraag die geen van hen alleen kan beantwoorden.",
            "Dat werkt alleen als partners hun eigen belang even opzij durven te zetten, en als "
            "er iemand is die het netwerk draaiende houdt zonder de baas te spelen.",
            "Voor SOM was het een herkenbaar verhaal: labo's zijn precies zo'n tijdelijke "
            "samenwerking rond een complexe vraag.",
        ),
        cover="netwerk-zand",
        speerpunten=(WELBEVINDEN,),
    ),
    StoryText(
        slug="erfgoed-in-de-klas",
        title="Erfgoed in de klas: scholen en erfgoedsector wisselen uit",
        kind="account",
        on=D(2023, 4, 6),
        lead="Leraren die vorig schooljaar een project rond de Erfgoeddag opzetten, deelden hun "
        "ervaringen met collega's en de erfgoedsector in Heilig Hart Heverlee.",
        paragraphs=(
            "Een oude foto van de straat waar de school staat, een voorwerp van grootmoeder, "
            "een bezoek aan een archief: erfgoed ligt voor het oprapen, ook in de klas.",
            "Op de bijeenkomst stelden leraren hun projecten voor. Een klas interviewde "
            "buurtbewoners over hoe de wijk vroeger was, een andere maakte een tentoonstelling "
            "met voorwerpen van thuis.",
            "De Erfgoedcel van de stad en het erfgoedcentrum in Heverlee gaven praktische tips: "
            "waar vind je bronnen, wie kan je uitnodigen in de klas?",
            "Het was een kleine, maar warme bijeenkomst. Wie volgend jaar mee wil doen, kan "
            "terecht bij het SOM-team.",
        ),
        cover="netwerk-oker",
        speerpunten=(DIVERSITEIT,),
        organisations=("Heilig Hartinstituut Heverlee secundair onderwijs",),
    ),
    StoryText(
        slug="filmforum-de-school-als-kansenschepper",
        title="Filmforum: de school als kansenschepper",
        kind="video_report",
        on=D(2023, 4, 20),
        lead="Een film en een gesprek over kansarmoede en onderwijs in Cinema ZED. Bekijk de "
        "korte terugblik.",
        paragraphs=(
            "SOM steunde het filmforum van Oproep voor een Democratische School. Na de film "
            "gingen leraren, onderzoekers en studenten met elkaar in gesprek.",
            "Een rode draad: leraren vormen mee de samenleving van morgen. Wat een school doet "
            "met verschillen tussen leerlingen, nemen die leerlingen mee in hun verdere leven.",
            "De opkomst was kleiner dan we hoopten, maar wie er was, ging naar huis met stof "
            "tot nadenken. In de video hieronder hoor je enkele deelnemers.",
        ),
        cover="netwerk-blauw",
        speerpunten=(AAN_BOORD, DIVERSITEIT),
        organisations=("UCLL", "Katholieke Universiteit Leuven"),
        # The demo has no film of its own: a visibly made-up address (YouTube answers that the
        # video is unavailable), to show the video block, which loads nothing until clicked.
        video=(
            "https://www.youtube.com/watch?v=som-demo-filmforum",
            "Terugblik filmforum De school als kansenschepper",
        ),
    ),
    StoryText(
        slug="hoge-verwachtingen-van-wiskunde-tot-muziek",
        title="Hoge verwachtingen, van wiskunde tot muziek",
        kind="interview",
        on=D(2023, 5, 4),
        lead="Het Lemmensinstituut combineert een sterke artistieke vorming met gewone vakken. "
        "Hun motto: mik hoog, voor elke leerling.",
        paragraphs=(
            "Leerlingen die uren per dag muziek maken, en ook nog wiskunde, talen en "
            'wetenschappen volgen: het vraagt een stevige planning. "Maar wie discipline leert '
            'in de muziek, neemt die mee naar de andere vakken", zegt het team.',
            "Hoge verwachtingen betekent hier niet: iedereen dezelfde lat. Leraren zoeken per "
            "leerling wat een haalbare uitdaging is, en geven feedback die vooruit helpt.",
            "De school werkt graag samen met andere scholen, bijvoorbeeld voor een concert of "
            "een gedeeld project wiskunde en kunst.",
        ),
        cover="netwerk-zand",
        speerpunten=(WELBEVINDEN,),
        organisations=("Lemmensinstituut",),
    ),
    StoryText(
        slug="op-weg-naar-een-leuvens-toekomstatelier",
        title="Op weg naar een Leuvens toekomstatelier",
        kind="account",
        on=D(2023, 5, 17),
        lead="Het labo Duurzame onderwijskansen ging kijken hoe TADA in Brussel kinderen na "
        "schooltijd laat proeven van beroepen. Kan dat ook in Leuven?",
        paragraphs=(
            "Na de zomerschool vroegen scholen: kunnen we dezelfde leerlingen ook tijdens het "
            "schooljaar iets extra bieden? KU Leuven Engage nam het initiatief voor een labo.",
            "In Schaarbeek zagen we hoe vrijwilligers uit allerlei beroepen op zaterdag les "
            "geven aan kinderen uit de buurt. Kinderen leren er wat een journalist, een "
            "ingenieur of een advocaat doet.",
            "Half mei brainstormden scholen uit de Leuvense binnenring over een eigen concept. "
            "Er ligt intussen een voorstel om in 2024 met een Leuvens toekomstatelier te starten.",
            "De grote vraag is nog hoe het gefinancierd wordt. Het labo zoekt verder.",
        ),
        cover="netwerk-groen",
        speerpunten=(AAN_BOORD,),
        labs=("Duurzame onderwijskansen",),
        organisations=("Katholieke Universiteit Leuven",),
    ),
    StoryText(
        slug="open-som-raad-2023-sofagesprekken-en-jazz",
        title="Open SOM-raad 2023: sofagesprekken en jazz",
        kind="photo_report",
        on=D(2023, 5, 31),
        lead="Een 80-tal onderwijsmakers dacht mee over het jaaractieplan van volgend "
        "schooljaar, op de sofa en aan de bar.",
        paragraphs=(
            "De Open SOM-raad is het moment waarop iedereen die met onderwijs in Leuven bezig "
            "is, mee richting kan geven aan het netwerk. Dit jaar gebeurde dat in sofagesprekken.",
            "Telkens namen enkele gasten plaats op de sofa: een directeur, een leraar, iemand "
            "uit een labo. Het publiek stelde vragen en bracht ideeën aan voor volgend jaar.",
            "Daarna zorgden studenten jazz van LUCA voor de muziek bij de receptie.",
            "Alle input nemen we mee naar het jaaractieplan 2023-2024. Een les voor de "
            "organisatie: heel wat ingeschrevenen kwamen uiteindelijk niet. We bekijken of "
            "één groot netwerkmoment per jaar beter werkt dan twee.",
        ),
        cover="open-som-raad-2023",
        speerpunten=(AAN_BOORD, WELBEVINDEN, DIVERSITEIT),
        organisations=("LUCA - School of Arts - Campus Lemmens",),
        gallery=(
            ("open-som-raad-2023", "netwerk-warm", "netwerk-diep"),
            "Sfeerbeelden van de Open SOM-raad",
        ),
    ),
    StoryText(
        slug="maakleerplek-fase-2-voorgesteld",
        title="Maakleerplek fase 2 voorgesteld aan de stad",
        kind="account",
        on=D(2023, 6, 8),
        lead="Een plek waar jongeren leren door te maken: de ploeg van de Maakleerplek stelde "
        "haar plan voor aan de stad.",
        paragraphs=(
            "SOM was een van de bezielers van de Maakleerplek en bleef betrokken bij de tweede "
            "fase. Onder begeleiding van Timelab werkte een nieuwe ploeg het project uit.",
            "Op 8 juni lag er een helder voorstel op tafel: hoe de plek werkt, voor wie, en "
            "hoe scholen er met hun klassen terechtkunnen.",
            "Een aandachtspunt blijft de betrokkenheid van scholen. Daarom zoekt de ploeg "
            "leraren die het concept in hun lessen willen uittesten.",
        ),
        cover="netwerk-oker",
        speerpunten=(AAN_BOORD, WELBEVINDEN),
        labs=("Maakleerplek",),
        organisations=("Stad Leuven – Dienst Onderwijs",),
    ),
    StoryText(
        slug="diverse-leraarskamer-van-startnota-naar-experiment",
        title="Diverse leraarskamer: van startnota naar experiment",
        kind="knowledge",
        on=D(2023, 6, 22),
        lead="Na vijf labosessies kiest het labo Diverse leraarskamer een richting: meer "
        "leraren met diverse achtergronden, van opleiding tot lerarenkamer.",
        paragraphs=(
            "Het labo ontstond uit verschillende hoeken: jongeren van Speak Up! die zich niet "
            "herkennen in hun lerarenteam, een lerarenopleiding die diverse studenten ziet "
            "afhaken, en directeurs die zich zorgen maken over de schoolloopbaan van hun "
            "leerlingen.",
            "In een startnota legden de partners een gedeeld kader vast: de 'leaky pipeline'. "
            "Op elke stap, van secundair onderwijs tot de eerste jaren als leraar, verliezen we "
            "talent.",
            "Volgend schooljaar start een experiment met zij-instromers met een "
            "vluchtverleden. Scholen die willen meedoen, kunnen zich melden.",
        ),
        cover="netwerk-blauw",
        speerpunten=(DIVERSITEIT,),
        labs=("Diverse leraarskamer", "Speak Up!"),
        organisations=("UCLL", "De Zevensprong", "De Ark"),
    ),
    # --- Recent: counted back from the day the demo is built --------------------------------
    StoryText(
        slug="terugblik-op-de-laatste-netwerkdag",
        title="Terugblik: pitches, stemmen en samen klinken op de netwerkdag",
        kind="photo_report",
        days_ago=2,  # after the network day it reports on
        lead="Op de laatste SOM-netwerkdag pitchten labogroepen hun voorstel en besliste de "
        "zaal mee welke labo's starten. Een terugblik in beeld.",
        paragraphs=(
            "De zaal liep al vroeg vol. Na de koffie en een keynote over onderwijs in een "
            "superdiverse stad was het de beurt aan de labogroepen: elk kreeg enkele minuten "
            "om de zaal te overtuigen.",
            "Daarna stemden de aanwezigen, op hun telefoon. De resultaten verschenen meteen op "
            "het grote scherm; het bestuur bevestigde de keuze kort nadien.",
            "Taalrijke klas is een van de labo's die nu van start gaan. De groep zit intussen "
            "al samen: lees er meer over in het verhaal over de eerste maanden van het labo.",
            "Op de receptie werd er nog lang nagepraat. Tot op de volgende netwerkdag!",
        ),
        cover="laatste-netwerkdag",
        speerpunten=(AAN_BOORD, WELBEVINDEN, DIVERSITEIT),
        labs=("Taalrijke klas", "Overstap zonder struikelen"),
        events=("som_start",),
        gallery=(("laatste-netwerkdag", "netwerk-warm"), "Beelden van de netwerkdag"),
        english=English(
            title="Looking back: pitches, votes and a toast at the network day",
            slug="looking-back-at-the-last-network-day",
            lead="At the last SOM network day, lab groups pitched their proposals and the room "
            "helped decide which labs start. A look back in pictures.",
            paragraphs=(
                "The room filled up early. After coffee and a keynote on education in a "
                "super-diverse city, it was the lab groups' turn: each had a few minutes to "
                "win the room over.",
                "Then everybody present voted, on their phones. The results appeared on the "
                "big screen straight away; the board confirmed the choice shortly after.",
                "Taalrijke klas (a language-rich classroom) is one of the labs that start now. "
                "The group has already met: read more in the story about the lab's first months.",
                "At the reception people kept talking for a long time. See you at the next "
                "network day!",
            ),
        ),
    ),
    StoryText(
        slug="open-som-raad-wat-we-meenemen",
        title="Open SOM-raad: wat we meenemen naar volgend jaar",
        kind="account",
        days_ago=3,  # after the Open SOM-raad
        lead="Directeurs, leraren en partners dachten mee over de koers van SOM Leuven als vzw. "
        "Drie dingen die we onthouden.",
        paragraphs=(
            "Eén: labo's moeten zichtbaar blijven, ook na de netwerkdag. Deelnemers vroegen om "
            "tussentijdse resultaten vaker te delen op de website en in de nieuwsbrief.",
            "Twee: leraren bereiken blijft moeilijk. Veel ideeën gingen over korte, "
            "laagdrempelige momenten dicht bij de school, in plaats van nog een avond extra.",
            "Drie: het lidmaatschap met kansentarief wordt gewaardeerd. Enkele kleinere scholen "
            "lieten weten dat ze daardoor voor het eerst meedoen.",
            "Het bestuur neemt deze punten mee in zijn planning. Bedankt aan iedereen die er was!",
        ),
        cover="netwerk-zand",
        speerpunten=(AAN_BOORD, WELBEVINDEN),
        events=("raad",),
        english=English(
            title="Open SOM-raad: what we take along to next year",
            slug="open-som-raad-what-we-take-along",
            lead="Heads of school, teachers and partners helped set the course of SOM Leuven as "
            "a non-profit. Three things we remember.",
            paragraphs=(
                "One: labs must stay visible after the network day too. Participants asked for "
                "interim results to be shared more often on the website and in the newsletter.",
                "Two: reaching teachers remains hard. Many ideas were about short, easy "
                "moments close to the school, instead of yet another evening.",
                "Three: the membership at the reduced rate is appreciated. Some smaller schools "
                "told us it is why they take part for the first time.",
                "The board takes these points into its planning. Thanks to everybody who came!",
            ),
        ),
    ),
    StoryText(
        slug="taalrijke-klas-de-eerste-maanden",
        title="Taalrijke klas: de eerste maanden van een nieuw labo",
        kind="interview",
        days_ago=6,
        lead="Vier scholen en de lerarenopleiding van UCLL kijken samen naar taal in elke les. "
        "Trekker Lien Wouters vertelt hoe het labo op gang kwam.",
        paragraphs=(
            '"We zijn begonnen met kijken, niet met oplossingen", zegt Lien Wouters, lector '
            'aan de lerarenopleiding van UCLL. "In de eerste sessies legden we observaties uit '
            'vier klassen naast elkaar."',
            "Wat opviel: leerlingen praten meer als een opdracht open is en de leraar minder "
            "zegt. Dat klinkt eenvoudig, maar het vraagt durf van de leraar.",
            "Intussen schreef de groep een startnota en werkt ze aan een kijkwijzer van één "
            "pagina die leraren zelf gebruiken bij een klasbezoek. Die werd voorgesteld op de "
            "netwerkdag.",
            "De komende maanden proberen de scholen open opdrachten uit in één vak, en komen "
            "ze op klasbezoek bij elkaar.",
        ),
        cover="taalrijke-klas-sessie",
        speerpunten=(AAN_BOORD, WELBEVINDEN),
        labs=("Taalrijke klas",),
        organisations=("UCLL", "De Wijnpers"),
        portraits=("lien-wouters",),
        quote=Quote(
            "Taal is niet alleen de taak van de taalleraar. In elke les leren leerlingen "
            "spreken, lezen en schrijven, of net niet.",
            "Lien Wouters",
            "trekker labo Taalrijke klas, UCLL",
            "taalrijk-lien",
        ),
        english=English(
            title="Taalrijke klas: the first months of a new lab",
            slug="taalrijke-klas-the-first-months",
            lead="Four schools and UCLL's teacher training look together at language in every "
            "lesson. Lab lead Lien Wouters tells how the lab got going.",
            paragraphs=(
                '"We started by looking, not with solutions," says Lien Wouters, lecturer at '
                "UCLL's teacher training. \"In the first sessions we laid observations from "
                'four classrooms side by side."',
                "What stood out: pupils talk more when a task is open and the teacher says "
                "less. That sounds simple, but it takes courage from the teacher.",
                "Meanwhile the group wrote a starting note and is working on a one-page "
                "observation guide that teachers use themselves on a class visit. It was "
                "presented at the network day.",
                "In the coming months the schools try open tasks in one subject, and visit each "
                "other's classes.",
            ),
            quote="Language is not only the language teacher's job. In every lesson pupils "
            "learn to speak, read and write, or they don't.",
        ),
    ),
    StoryText(
        slug="diverse-leraarskamer-zij-instromers-in-drie-scholen",
        title="Diverse leraarskamer: zij-instromers aan de slag in drie scholen",
        kind="account",
        days_ago=40,
        lead="Het experiment van het labo Diverse leraarskamer loopt: leraren met een "
        "vluchtverleden staan in drie Leuvense scholen voor de klas, met een mentor naast zich.",
        paragraphs=(
            "Elke zij-instromer heeft een mentor in de school en volgt een aangepast traject aan "
            "de lerarenopleiding. Zo kunnen ze lesgeven terwijl ze hun diploma halen.",
            "De scholen merken dat leerlingen de nieuwe collega's snel opzoeken, ook met vragen "
            "die niets met het vak te maken hebben.",
            "Het labo volgt op wat werkt en wat niet, en deelt de resultaten op een volgende "
            "netwerkdag.",
        ),
        cover="netwerk-groen",
        speerpunten=(DIVERSITEIT,),
        labs=("Diverse leraarskamer",),
        organisations=("UCLL", "De Zevensprong"),
    ),
]

# Twelve portraits over 2022-2023 (about one a month) and one recent.
PORTRAITS = [
    PortraitText(
        key="hanne-mertens",
        name="Hanne Mertens",
        role="Directeur",
        organisation="De Zonnebloem",
        on=D(2022, 9, 29),
        answers=(
            "Een plek waar ik niet alleen sta met de vragen van mijn school. Toen we kinderen "
            "uit Oekraïne opvingen, kon ik binnen de week aan tafel zitten met het CLB, "
            "taalexperten en de stad. Dat is SOM voor mij: snel de juiste mensen vinden.",
            "We mogen minder in hokjes denken. Zorg, taal en welbevinden horen bij elkaar, en "
            "bij elk kind. Ik droom van een school waar de zorg in de klas zit, niet ernaast.",
            "Voor alles rond het onthaal van kinderen met een vluchtverleden. We hebben veel "
            "geleerd, ook van wat niet lukte, en ik deel dat graag.",
        ),
    ),
    PortraitText(
        key="youssef-el-amrani",
        name="Youssef El Amrani",
        role="Leraar",
        organisation="De Wijnpers",
        email="leraar@dewijnpers.demo",
        on=D(2022, 10, 20),
        answers=(
            "Buiten mijn klas kijken. Als leraar zit je snel op je eiland. Via SOM leerde ik "
            "collega's van andere scholen en netten kennen, en die contacten gebruik ik nu elke "
            "week.",
            "Ik wil meer tijd om samen les voor te bereiden en bij elkaar binnen te lopen. Het "
            "beste idee dat ik ooit gebruikte, kwam van een collega twee lokalen verder.",
            "Voor vragen over taal in de les, en over hoe je leerlingen laat praten in plaats "
            "van zelf te praten. Ik ben daar nog lang niet mee klaar, dus laten we samen zoeken.",
        ),
    ),
    PortraitText(
        key="elif-aydin",
        name="Elif Aydin",
        role="Studente lerarenopleiding en ambassadrice Speak Up!",
        organisation="UCLL",
        on=D(2022, 11, 17),
        answers=(
            "De kans om als jongere gehoord te worden door mensen die echt iets kunnen "
            "veranderen. In SOM zat ik aan tafel met directeurs, en ze luisterden.",
            "Ik zou graag meer leraren zien die op de leerlingen lijken die ze lesgeven. Niet "
            "omdat het moet, maar omdat leerlingen dan zien wat mogelijk is.",
            "Voor een workshop over racisme op school, of gewoon om te horen hoe jongeren "
            "het zelf beleven. Ik breng graag een paar ambassadeurs mee.",
        ),
    ),
    PortraitText(
        key="pieter-jacobs",
        name="Pieter Jacobs",
        role="Zorgleerkracht",
        organisation="Mater Dei Lagere school",
        on=D(2022, 12, 8),
        answers=(
            "Samen nadenken over kinderen die net iets meer nodig hebben. Het netwerk geeft me "
            "ideeën die ik in mijn eigen school niet zou vinden.",
            "Ik vind dat we ouders vaker als partner mogen zien. Ze kennen hun kind het best, "
            "ook als hun verhaal niet in ons formulier past.",
            "Voor alles wat met co-teaching te maken heeft: twee leerkrachten in één klas, hoe "
            "je dat plant en hoe je het volhoudt.",
        ),
    ),
    PortraitText(
        key="nadia-bensaid",
        name="Nadia Bensaid",
        role="Leraar Nederlands voor anderstaligen",
        organisation="Centrum voor Levende Talen",
        on=D(2023, 1, 19),
        answers=(
            "Dat volwassenenonderwijs er ook bij hoort. Mijn cursisten zijn vaak ouders van "
            "kinderen in Leuvense scholen. Als zij de taal leren, wint de hele familie.",
            "Meer samenwerking tussen de school van het kind en de taalles van de ouder. Een "
            "oudercontact kan een prachtige taalopdracht zijn.",
            "Voor vragen over hoe je anderstalige ouders betrekt, en over lesgeven aan een "
            "groep waarin niemand dezelfde moedertaal heeft.",
        ),
    ),
    PortraitText(
        key="koen-aerts",
        name="Koen Aerts",
        role="CLB-medewerker",
        organisation="VCLB",
        on=D(2023, 2, 16),
        answers=(
            "Een tafel waar scholen, welzijn en de stad elkaar vinden. Ik zie in mijn werk hoe "
            "vaak een leerling tussen twee stoelen valt. In een netwerk kan je die stoelen "
            "dichter bij elkaar schuiven.",
            "Minder wachtlijsten, zeker. Maar ook: sneller durven vragen. Scholen wachten soms "
            "te lang om hulp in te roepen.",
            "Voor het zorgbeleid in een school, en voor het gesprek met ouders als het moeilijk "
            "loopt.",
        ),
    ),
    PortraitText(
        key="sofie-claes",
        name="Sofie Claes",
        role="Coördinator leerlingenbegeleiding",
        organisation="De Wijnpers",
        email="contact@dewijnpers.demo",
        on=D(2023, 3, 16),
        answers=(
            "Inspiratie en een duwtje. Op een netwerkdag hoor ik wat andere scholen proberen, "
            "en dan durf ik het bij ons ook.",
            "Welbevinden van leraren mag hoger op de agenda. Een leraar die zich goed voelt, "
            "heeft meer ruimte voor de leerlingen.",
            "Voor de overgang van basis naar secundair onderwijs, en voor het opzetten van een "
            "leerlingenraad die echt iets te zeggen heeft.",
        ),
    ),
    PortraitText(
        key="marie-lambrecht",
        name="Marie Lambrecht",
        role="Onderzoeker onderwijs en taal",
        organisation="Katholieke Universiteit Leuven",
        on=D(2023, 4, 13),
        answers=(
            "Een brug tussen onderzoek en praktijk. In een labo toets ik wat we weten aan wat "
            "leraren zien, en omgekeerd. Dat maakt mijn onderzoek beter.",
            "Onderzoek mag sneller in de klas terechtkomen, in een vorm waar leraren iets mee "
            "kunnen. Een rapport van honderd pagina's leest niemand op een woensdagnamiddag.",
            "Voor vragen over meertaligheid en over hoe je een experiment in je school opzet en "
            "opvolgt.",
        ),
    ),
    PortraitText(
        key="jonas-willems",
        name="Jonas Willems",
        role="Leraar wiskunde",
        organisation="Sint-Pieterscollege",
        on=D(2023, 5, 11),
        answers=(
            "Collega's van andere scholen die ook met wiskunde bezig zijn. Via SOM werkten we "
            "samen aan een lessenreeks rond straatkunst en meetkunde.",
            "Ik zou graag minder toetsen en meer tijd voor echte problemen zien. Leerlingen "
            "willen weten waarom iets klopt, niet alleen dat het klopt.",
            "Voor vakoverschrijdende projecten met wiskunde, en voor wie eens wil komen kijken "
            "hoe wij met onderzoeksopdrachten werken.",
        ),
    ),
    PortraitText(
        key="ilias-haddou",
        name="Ilias Haddou",
        role="Stagiair bij het SOM-team",
        organisation="SOM Leuven",
        on=D(2023, 5, 25),
        answers=(
            "Mijn stage bij SOM liet me zien hoeveel mensen in Leuven wakker liggen van goed "
            "onderwijs. Ze hebben elkaar alleen nodig om er iets mee te doen.",
            "Ik denk dat leerlingen zelf vaker mogen meepraten over hoe hun school werkt. Ze "
            "zien dingen die volwassenen over het hoofd zien.",
            "Ik onderzocht hoe SOM leerlingen en studenten kan laten participeren. Wie rond "
            "participatie werkt, mag me altijd aanspreken.",
        ),
    ),
    PortraitText(
        key="saar-goossens",
        name="Saar Goossens",
        role="Beleidsmedewerker onderwijs",
        organisation="Stad Leuven – Dienst Onderwijs",
        on=D(2023, 6, 15),
        answers=(
            "Een partner die scholen kent van binnenuit. Als stad kunnen we veel mogelijk maken, "
            "maar SOM weet wat scholen echt nodig hebben.",
            "Ik hoop dat meer leraren zelf met een idee naar ons komen. Het subsidiereglement "
            "voor innovatief onderwijs staat daarvoor open.",
            "Voor vragen over stedelijke subsidies voor onderwijsprojecten, en om partners te "
            "vinden buiten het onderwijs.",
        ),
    ),
    PortraitText(
        key="brecht-cools",
        name="Brecht Cools",
        role="Leraar tweedekansonderwijs",
        organisation="CVO Volt",
        on=D(2023, 6, 29),
        answers=(
            "Dat het volwassenenonderwijs mee aan tafel zit. Onze cursisten zijn de leerlingen "
            "die het systeem ooit verloor; we kunnen veel leren van wat er toen misliep.",
            "Scholen mogen flexibeler zijn. Niet iedereen leert op hetzelfde moment en in "
            "hetzelfde tempo, en dat is geen probleem.",
            "Voor afstandsleren dat werkt, en voor het begeleiden van volwassenen die terug naar "
            "school komen.",
        ),
    ),
    PortraitText(
        key="lien-wouters",
        name="Lien Wouters",
        role="Lector lerarenopleiding en trekker labo Taalrijke klas",
        organisation="UCLL",
        email="trekker@ucll.demo",
        days_ago=12,
        answers=(
            "Een kans om met leraren van kleuter tot secundair aan dezelfde vraag te werken. In "
            "ons labo zit een kleuterjuf naast een leraar van het derde middelbaar, en ze "
            "herkennen elkaars klassen.",
            "Taal mag in elke les een plek krijgen. Niet als extra vak, maar als manier van "
            "lesgeven.",
            "Voor de kijkwijzer van ons labo, en voor scholen die willen meedoen met een "
            "klasbezoek.",
        ),
    ),
]
