"""What the start pages say when a new install makes them (som/publishing/site_pages.py): the texts
the hard-coded pages had before the team could edit them, as blocks, in the language that is
active when `fields_for` is called. The Dutch comes from the catalogue (locale/nl), so the texts
are English msgids here, as everywhere else in the code.

Only a page that site_pages.py makes gets these fields: a page that exists keeps what the team
made of it. The facts come from the source documents (the 2026 brochure "Van netwerk naar vzw",
the charter, the annual report) and from what the platform itself keeps and for how long
(docs/decisions.md, docs/deploy.md); the statutes page names no legal fact beyond those and sends
the reader to the statutes as published in the Belgian Official Gazette's annexes."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# A block as a StreamField takes it: (block type, value).
Block = tuple[str, Any]


def _names() -> dict[str, str]:
    return {
        "network_name": str(settings.SOM_NETWORK_NAME),
        "long_name": str(settings.SOM_NETWORK_LONG_NAME),
        "legal_name": str(settings.SOM_LEGAL_NAME),
        "email": str(settings.SOM_TEAM_EMAIL),
        "phone": str(settings.SOM_TEAM_PHONE),
    }


def _text(*parts: Any) -> Block:
    """A Markdown block from paragraphs (and headings: "## ..."), each translated on its own."""
    names = _names()
    return (
        "text",
        "\n\n".join(str(part) % names if "%(" in str(part) else str(part) for part in parts),
    )


def _heading(text: Any, level: int = 2) -> str:
    names = _names()
    return "#" * level + " " + (str(text) % names if "%(" in str(text) else str(text))


def _steps(steps: list[tuple[Any, ...]]) -> str:
    """A numbered list whose items start with their name in bold: the page shows it as steps."""
    names = _names()
    lines = []
    for number, (name, *sentences) in enumerate(steps, start=1):
        text = " ".join(str(sentence) % names for sentence in sentences)
        lines.append(f"{number}. **{name}** {text}")
    return "\n".join(lines)


def _bullets(items: list[Any]) -> str:
    names = _names()
    return "\n".join(f"- {str(item) % names}" for item in items)


def _link(text: Any, page: Any) -> str:
    """A Markdown link to another start page, at its address when the content is made."""
    return f"[{text}]({page.url})"


def _call(title: Any, text: Any, link_text: Any, *, page: Any = None, url: str = "") -> Block:
    names = _names()
    return (
        "call_to_action",
        {
            "title": str(title) % names,
            "text": str(text) % names,
            "link_text": str(link_text),
            "page": page,
            "url": url,
        },
    )


def home(pages: dict[str, Any]) -> dict[str, Any]:
    """The home page: the banner, why SOM, the speerpunten, what is coming up, how a lab works,
    the labs, the latest stories and portrait, and the call to join.

    A newsletter sign-up (a later issue) becomes one more block type in PAGE_BLOCKS with its
    template under publishing/blocks/; its place is right before the closing call to action."""
    names = _names()
    return {
        "hero_title": str(_("The future of education is something we make together")),
        "hero_lead": str(
            _(
                "%(network_name)s is the network of and for Leuven education. Professionals from "
                "nursery school to higher education, from every education network and from "
                "sectors such as welfare, work and culture join forces on challenges that are "
                "too complex for one school alone."
            )
            % names
        ),
        "body": [
            _text(
                _heading(_("Why %(network_name)s?")),
                _(
                    "Every day schools and their teams work to strengthen their education. They "
                    "start new initiatives, take training and call in support, and that way many "
                    "challenges are tackled well."
                ),
                _(
                    "Yet some challenges are so complex (equal opportunities, pupils' wellbeing, "
                    "motivation, inclusion) that they go beyond what a single school can carry. "
                    "That is why %(long_name)s brings together professionals from education and "
                    "from other sectors: by researching, experimenting and learning from each "
                    "other, they combine their strengths and find creative solutions."
                ),
            ),
            ("speerpunten", {"title": str(_("Our three focus points"))}),
            ("upcoming_events", {"title": str(_("Coming up")), "count": 3}),
            _text(
                _heading(_("SOM labs: room to experiment")),
                _(
                    "A SOM lab is a temporary, intensive workplace where professionals from "
                    "different education levels, networks and sectors work together on an urgent "
                    "and complex education challenge."
                ),
                _steps(
                    [
                        (
                            _("Propose together"),
                            _(
                                "A group from different levels, networks and sectors submits a proposal."
                            ),
                        ),
                        (_("Pitch"), _("The group presents its idea at a SOM network day.")),
                        (
                            _("Get support"),
                            _("Selected labs get means, expertise and room to experiment."),
                        ),
                        (
                            _("Share"),
                            _(
                                "For at least a year the lab tries out new practices and shares "
                                "what it learns."
                            ),
                        ),
                    ]
                ),
                _link(_("Read how the lab cycle works, step by step"), pages["lab_cycle"]),
            ),
            ("labs", {"title": str(_("SOM labs at work")), "count": 4}),
            ("latest_stories", {"title": str(_("Stories from the network")), "count": 3}),
            ("latest_portrait", {"title": str(_("They make education"))}),
            # The newsletter sign-up goes here (a later issue), before the call to join.
            _call(
                _("Become a member of %(network_name)s and make a difference"),
                _(
                    "%(network_name)s needs your expertise and that of your colleagues to get "
                    "Leuven education moving. Do you believe that together we can make education "
                    "stronger? Then let your institution join %(network_name)s, or take a lab "
                    "membership yourself."
                ),
                _("See the memberships"),
                page=pages["join"],
            ),
        ],
    }


def about(pages: dict[str, Any]) -> dict[str, Any]:
    return {
        "intro": str(
            _(
                "That is what SOM believes. In this Leuven education network everyone, from "
                "nursery school to higher education, does their part, because only together do we "
                "reach lasting solutions for concrete challenges from the classroom and beyond."
            )
        ),
        "body": [
            _text(
                _heading(_("The future of education is together")),
                _heading(_("Mission"), 3),
                _(
                    "With SOM we want to strengthen Leuven education through innovation, together. "
                    "We join forces in a unique Leuven collaboration of education makers, "
                    "education supporters and education users, from nursery school to higher and "
                    "adult education."
                ),
                _(
                    "The ultimate goal: to give every learner every chance to become the best "
                    "version of themselves, and to take a full place in society."
                ),
                _heading(_("Vision"), 3),
                _(
                    "SOM builds on the strength of its partners: through cooperation they create "
                    "added value for all of education. We respect the diversity of the partners "
                    "and of the fields they work in, and we do together the things we do better "
                    "together."
                ),
                _(
                    "Our strength is the appreciative, equal relationship between the partners: "
                    "valuing each other, giving each other energy, tuning in to each other and "
                    "offering support, together with partners from welfare, culture and business."
                ),
            ),
            ("speerpunten", {"title": str(_("Three focus points"))}),
            _text(
                _heading(_("How a SOM lab works")),
                _(
                    "From 2026 %(network_name)s focuses solely on making SOM labs possible. SOM "
                    "labs are temporary, intensive workplaces where professionals from different "
                    "education levels (from nursery to higher education), umbrella organisations, "
                    "networks and sectors such as welfare, work and culture work together on an "
                    "urgent and complex education challenge."
                ),
                _(
                    "Labs are places where you can think and speak freely, talk and try things "
                    "out; where you get support for your brave attempts to do things differently, "
                    "and applause every time an attempt fails."
                ),
                _link(_("Read how the lab cycle works, step by step"), pages["lab_cycle"]),
            ),
            _text(
                _heading(_("%(legal_name)s from 2026")),
                _(
                    "From 2026 SOM becomes a full non-profit association (vzw) of and for Leuven "
                    "education: Samen Onderwijs Maken Leuven."
                ),
                _bullets(
                    [
                        "**"
                        + str(_("General assembly"))
                        + "**: "
                        + str(
                            _(
                                "Representatives of the Leuven education institutions that are "
                                "general members. Each member institution has a vote."
                            )
                        ),
                        "**"
                        + str(_("Board"))
                        + "**: "
                        + str(_("An elected board manages the organisation.")),
                        "**"
                        + str(_("SOM team"))
                        + "**: "
                        + str(
                            _(
                                "A professional SOM team runs the daily work: the network days, "
                                "the support of the labs and the communication."
                            )
                        ),
                    ]
                ),
                _link(_("Read the statutes in plain words"), pages["statutes"]),
            ),
            _text(
                _heading(_("Ten years of SOM")),
                _(
                    "In 2015 Leuven's education partners signed a charter that turned the former "
                    "Leuven Education Council into a network: Samen Onderwijs Maken. For ten years "
                    "SOM worked as an organic network of education makers, education supporters "
                    "and the city of Leuven, with a SOM council of some 25 directors and heads of "
                    "department, a SOM plus in which every Leuven education institution was "
                    "represented, and a small SOM team."
                ),
                _(
                    "In that time labs, community events and projects saw the light: a support "
                    "team that helps schools welcome refugee children, work on a more diverse "
                    "staff room, summer schools, and gatherings that brought hundreds of education "
                    "professionals together. The network grew, and with it the wish for a "
                    "structure of its own. That is the vzw %(network_name)s."
                ),
                "> "
                + str(
                    _(
                        "SOM stands for connecting people. Connecting to dream together, to share "
                        "experiences and to make bold ambitions in education come true."
                    )
                )
                + "\n>\n> — "
                + str(_("Mohamed Ridouani, mayor of Leuven")),
            ),
            _call(
                _("Build with us on education on the move"),
                _(
                    "Make your voice heard. Share your ideas. Become a member of %(network_name)s "
                    "today."
                ),
                _("Become a member"),
                page=pages["join"],
            ),
        ],
    }


def join(pages: dict[str, Any]) -> dict[str, Any]:
    return {
        "intro": str(
            _(
                "%(network_name)s needs your expertise and that of your colleagues to get Leuven "
                "education moving. Leuven education institutions with an institution number "
                "(instellingsnummer) can take a general membership. Individuals and organisations "
                "without an institution number can take a lab membership."
            )
            % _names()
        ),
        "body": [
            ("membership_tariffs", {"title": str(_("Memberships and tariffs"))}),
            _text(
                _heading(_("What happens at a network day?")),
                _("Twice a year the whole network meets. At a SOM network day you can:"),
                _bullets(
                    [
                        _("pitch lab proposals"),
                        _("help decide on new labs"),
                        _("attend keynotes"),
                        _("share results of running labs"),
                        _("celebrate the successes together"),
                    ]
                ),
            ),
            _text(
                _heading(_("How do you apply?")),
                _(
                    "You apply for a membership with your account on the %(network_name)s "
                    "website: the contact person of a school applies for the school, anybody else "
                    "for themselves or their non-profit. Does SOM Leuven not know your school yet? "
                    "You add it while applying. The team looks at your application, you receive "
                    "the invoice by mail and the membership starts when it is paid. Questions, or "
                    "would you rather apply by mail? The SOM team will gladly help you."
                ),
            ),
            _call(
                _("Questions? Get in touch"),
                _(
                    "Want to know more about SOM labs, a membership or the network days? The SOM team will gladly answer you."
                ),
                _("Contact the SOM team"),
                page=pages["contact"],
            ),
        ],
    }


def lab_cycle(pages: dict[str, Any]) -> dict[str, Any]:
    return {
        "intro": str(
            _(
                "How a SOM lab comes about and what it does, from the first idea to the results "
                "the whole network can use."
            )
        ),
        "body": [
            _text(
                _(
                    "A SOM lab is a temporary, intensive workplace where professionals from "
                    "different education levels, networks and sectors work together on an urgent "
                    "and complex education challenge."
                ),
                _heading(_("Five steps")),
                _steps(
                    [
                        (
                            _("A group submits a proposal together"),
                            _(
                                "Professionals from different umbrella organisations, levels and "
                                "sectors who face the same complex challenge write a lab proposal "
                                "together."
                            ),
                            _("They submit it in answer to a call for lab proposals on this site."),
                        ),
                        (
                            _("They pitch it at a network day"),
                            _(
                                "The group presents its proposal at one of the two SOM network "
                                "days of the year."
                            ),
                        ),
                        (
                            _("The network helps choose"),
                            _(
                                "The people at the network day help decide which new labs start. "
                                "Every year %(network_name)s supports 3 to 5 labs."
                            ),
                            _(
                                "A selected lab group gets means, expertise and room to "
                                "experiment from %(network_name)s."
                            ),
                        ),
                        (
                            _("At least a year of work"),
                            _(
                                "A SOM lab runs for at least one year. The lab group meets "
                                "regularly to reflect, to research and to try out new practices."
                            ),
                        ),
                        (
                            _("Sharing results"),
                            _(
                                "The lab shares its (interim) results on the SOM website and at "
                                "the SOM network days, twice a year."
                            ),
                        ),
                    ]
                ),
                _heading(_("Why SOM labs?")),
                _(
                    "Why? Because SOM labs create a professional, free space where different kinds "
                    "of expertise and perspectives meet. Working together on shared complex "
                    "questions, professionals grow in their own practice, learn from each other and "
                    "contribute to creative and lasting solutions for the education of tomorrow."
                ),
            ),
            ("labs", {"title": str(_("SOM labs at work")), "count": 6}),
            _call(
                _("Do you have an idea for a lab?"),
                _(
                    "Staff of member institutions and lab members can propose a lab while a call "
                    "for lab proposals is open. Find a few colleagues from other schools or "
                    "sectors who face the same challenge, and write it down together."
                ),
                _("See the calls for lab proposals"),
                url=reverse("labs:calls"),
            ),
        ],
    }


def privacy(pages: dict[str, Any]) -> dict[str, Any]:
    names = _names()
    return {
        "intro": str(
            _("What %(legal_name)s keeps about you, why, for how long, and what you can ask of us.")
            % names
        ),
        "body": [
            _text(
                _heading(_("Who keeps your data")),
                _(
                    "%(legal_name)s (%(long_name)s) is responsible for the personal data on this "
                    "website. Questions about your data go to %(email)s."
                ),
                _heading(_("What we keep, and why")),
                _bullets(
                    [
                        _(
                            "**Your account**: your name, your e-mail address, your language and "
                            "the organisations you work for. We need them to log you in, to "
                            "register you for events and to let you take part in labs and votes."
                        ),
                        _(
                            "**Registrations for events**: to organise the event, to let you in at "
                            "the door and to count the participants for our annual report."
                        ),
                        _(
                            "**Memberships, invoices and payments**: to run the association (the "
                            "member register) and to keep its accounts."
                        ),
                        _(
                            "**Lab proposals, lab groups and their results**: to select and "
                            "support the labs and to share what they learn."
                        ),
                        _(
                            "**A message through the contact form**: only your name, your e-mail "
                            "address and your message, to answer you."
                        ),
                    ]
                ),
                _(
                    "We do not sell your data and we share it with nobody for their own use. The "
                    "website sets no advertising or tracking cookies: only the cookies it needs "
                    "to keep you logged in and to protect its forms. A video on a page loads "
                    "nothing from YouTube or Vimeo until you click it."
                ),
                _heading(_("How long we keep it")),
                _bullets(
                    [
                        _(
                            "Your account and what belongs to it: until you erase your account "
                            "(under My account). Your registrations and votes then stay as "
                            "numbers without your name."
                        ),
                        _(
                            "Invoices and payments: seven years, as Belgian accounting law "
                            "requires."
                        ),
                        _(
                            "The member register and the minutes of the general assembly and the "
                            "board: as the law on associations requires."
                        ),
                        _(
                            "Backups: a backup of each of the last 14 days and of each of the "
                            "last 12 months; after that, what was erased is gone from the "
                            "backups too."
                        ),
                    ]
                ),
                _heading(_("Photos, videos and quotes: the consent register")),
                _(
                    "We show a person's face or words only with their consent. The SOM team "
                    "records each consent in a register: who gave it, for which uses (the website, "
                    "the newsletter, social media, the annual report) and until when. For a child "
                    "under 13 a parent or guardian gives it."
                ),
                _(
                    "A consent can be withdrawn at any time, by a mail to %(email)s. Once it is "
                    "withdrawn, the photos and quotes it covered disappear from the website at "
                    "once, and we no longer use them anywhere else."
                ),
                _heading(_("Your rights")),
                _bullets(
                    [
                        _(
                            "See what we keep: under My account you download all your data in one "
                            "file."
                        ),
                        _("Correct it: you change your details under My account, or ask us."),
                        _(
                            "Erase it: under My account you erase your account; we tell you what "
                            "the law makes us keep, and for how long."
                        ),
                        _("Object to a use, or withdraw a consent: a mail to %(email)s is enough."),
                    ]
                ),
                _(
                    "Not happy with our answer? You can file a complaint with the Belgian Data "
                    "Protection Authority (Gegevensbeschermingsautoriteit)."
                ),
            ),
            _call(
                _("Questions about your data?"),
                _("Write to us or call us: %(email)s, %(phone)s."),
                _("Contact the SOM team"),
                page=pages["contact"],
            ),
        ],
    }


def statutes(pages: dict[str, Any]) -> dict[str, Any]:
    return {
        "intro": str(
            _(
                "%(legal_name)s is a non-profit association (vzw). This page says in plain words "
                "what it is for and how it is organised."
            )
            % _names()
        ),
        "body": [
            _text(
                _heading(_("What the association is for")),
                _(
                    "To strengthen Leuven education together, from nursery school to higher and "
                    "adult education. From 2026 the association focuses on making SOM labs "
                    "possible: temporary, intensive workplaces where professionals from different "
                    "levels, networks and sectors work on an urgent and complex education "
                    "challenge, around three focus points: everyone on board, engagement and "
                    "wellbeing, diversity as a strength."
                ),
                _heading(_("Members")),
                _bullets(
                    [
                        _(
                            "**General members**: Leuven education institutions with an "
                            "institution number (instellingsnummer). Each has a vote in the "
                            "general assembly."
                        ),
                        _(
                            "**Lab members**: individuals and non-profit organisations without an "
                            "institution number. They take part in the network days and the labs, "
                            "without a vote."
                        ),
                        _(
                            "Experts who join a running lab at the invitation of a lab group do "
                            "not need a membership."
                        ),
                    ]
                ),
                _heading(_("General assembly")),
                _(
                    "Representatives of the Leuven education institutions that are general "
                    "members. Each member institution has a vote."
                ),
                _("The general assembly sets the course of the association and elects the board."),
                _heading(_("Board")),
                _("An elected board manages the organisation."),
                _heading(_("SOM team")),
                _(
                    "A professional SOM team runs the daily work: the network days, the support of "
                    "the labs and the communication."
                ),
                _heading(_("The signed statutes")),
                _(
                    "The statutes as signed are published in the annexes to the Belgian Official "
                    "Gazette (Belgisch Staatsblad). Where this page and the published statutes "
                    "differ, the published statutes apply. Would you like a copy? Ask the SOM team "
                    "at %(email)s."
                ),
            ),
            _call(
                _("Become a member"),
                _(
                    "Make your voice heard. Share your ideas. Become a member of %(network_name)s today."
                ),
                _("See the memberships"),
                page=pages["join"],
            ),
        ],
    }


def contact(pages: dict[str, Any]) -> dict[str, Any]:
    return {
        "intro": str(
            _(
                "Want to know more about SOM labs, a membership or the network days? The SOM team "
                "will gladly answer you."
            )
        )
    }


# What each start page gets, by its name in site_pages.py.
CONTENT: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "home": home,
    "about": about,
    "join": join,
    "lab_cycle": lab_cycle,
    "privacy": privacy,
    "statutes": statutes,
    "contact": contact,
}
