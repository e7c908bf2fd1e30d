"""What a newcomer can try in the demo, per persona, with links to the pages of today's story
(som/demo/selection.py, events.py, governance.py): the open call and its draft, the vote of
today's network day and its door, tonight's general assembly. Read from the database, so the
links follow what the visitor did (a vote closed by the team becomes its result)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from som.demo import attendance_history, loader
from som.demo import certificates as demo_certificates
from som.demo import reconfirmation as demo_reconfirmation
from som.demo.selection import FOLLOWED_LAB, LAB_LEAD, TEACHER
from som.events.models import Event
from som.governance.models import Meeting
from som.labs.models import Call, Lab, Proposal


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Step:
    text: str
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class Persona:
    key: str
    role: str
    name: str
    email: str
    steps: list[Step]
    needs_code: bool = False  # the team logs in with a two-factor code too

    @property
    def mailbox_url(self) -> str:
        return mailbox_url(self.email)


@dataclass(frozen=True)
class Story:
    """The objects of today's story, each None when the demo has none (any more)."""

    network_day: Event | None
    voting_call: Call | None
    open_call: Call | None
    draft: Proposal | None
    next_day: Event | None
    assembly: Meeting | None
    lab: Lab | None


def mailbox_url(email: str = "") -> str:
    url = reverse("demo:mailbox")
    return f"{url}?{urlencode({'to': email})}" if email else url


def story() -> Story:
    now = timezone.now()
    days = Event.objects.filter(kind=Event.Kind.NETWORK_DAY, is_published=True)
    network_day = days.filter(ends_at__gte=now).order_by("starts_at").first()
    voting_call = (
        Call.objects.filter(network_day=network_day).order_by("-deadline").first()
        if network_day
        else None
    )
    open_call = (
        Call.objects.filter(status=Call.Status.OPEN, deadline__gt=now)
        .select_related("network_day")
        .order_by("deadline")
        .first()
    )
    draft = (
        Proposal.objects.filter(
            call=open_call, status=Proposal.Status.DRAFT, created_by__email=LAB_LEAD
        )
        .order_by("pk")
        .first()
        if open_call
        else None
    )
    meetings = Meeting.objects.order_by("starts_at")
    assembly = (
        meetings.filter(status=Meeting.Status.IN_PROGRESS).first()
        or meetings.filter(status=Meeting.Status.CONVENED, starts_at__gte=now).first()
    )
    return Story(
        network_day=network_day,
        voting_call=voting_call,
        open_call=open_call,
        draft=draft,
        next_day=open_call.network_day if open_call else None,
        assembly=assembly,
        lab=Lab.objects.filter(title=FOLLOWED_LAB).first(),
    )


def _name(email: str) -> str:
    return next(login.full_name for login in loader.LOGINS if login.email == email)


def personas(current: Story) -> list[Persona]:
    """The demo's logins (som.demo.loader.LOGINS) and what each can try today."""
    people = {login.email: login for login in loader.LOGINS}
    steps = {
        "team": _team(current),
        "board": _board(current),
        "contact": _contact(current),
        "teacher": _teacher(current),
        "lab_lead": _lab_lead(current),
        "outsider": _outsider(current),
    }
    roles = {
        "team": (_("SOM team"), "team@som-leuven.demo"),
        "board": (_("Board member (secretary)"), "bestuur@som-leuven.demo"),
        "contact": (_("Contact person of a member school"), "contact@dewijnpers.demo"),
        "teacher": (_("Teacher at a member school"), TEACHER),
        "lab_lead": (_("Lab lead"), LAB_LEAD),
        "outsider": (_("Somebody from outside the network"), "buitenstaander@example.org"),
    }
    found = []
    for key, (role, email) in roles.items():
        login = people[email]
        where = f" ({login.organisation})" if login.organisation else ""
        found.append(
            Persona(
                key=key,
                role=role,
                name=login.full_name + where,
                email=email,
                steps=steps[key],
                needs_code=login.is_staff,
            )
        )
    return found


def _team(current: Story) -> list[Step]:
    steps = []
    teacher = _name(TEACHER)
    if current.network_day is not None:
        steps.append(
            Step(
                _(
                    "Check %(teacher)s in at the door of today's network day: the ticket (its QR "
                    "code and the code under it) is in the mail of the registration."
                )
                % {"teacher": teacher},
                [
                    Link(_("The door"), reverse("events:door", args=[current.network_day.pk])),
                    Link(_("The teacher's mails"), mailbox_url(TEACHER)),
                ],
            )
        )
    call = current.voting_call
    if call is not None and call.status == Call.Status.VOTING:
        steps.append(
            Step(
                _(
                    "Follow the vote on today's lab proposals, show it on a projector, then close "
                    "it and publish the result."
                ),
                [
                    Link(_("The vote's control page"), reverse("labs:selection", args=[call.pk])),
                    Link(_("The projector screen"), reverse("labs:screen", args=[call.pk])),
                ],
            )
        )
    workshop = Event.objects.filter(
        title=attendance_history.WORKSHOP_TITLE, ends_at__gte=timezone.now()
    ).first()
    if workshop is not None:
        steps.append(
            Step(
                _(
                    "Overbooking learned from the past: the workshop is full with a waiting list. "
                    "Its attendance page proposes extra places from the show-up of past community "
                    "events, with the risk; accept the proposal and the waiting list moves up. "
                    "The attendance overview shows the show-up per kind and school year."
                ),
                [
                    Link(
                        _("The workshop's attendance"),
                        reverse("events:attendance_event", args=[workshop.pk]),
                    ),
                    Link(_("Attendance over the years"), reverse("events:attendance")),
                ],
            )
        )
    steps += _reconfirmation_step(
        _(
            "The no-show loop: the full study day's registrants were asked to reconfirm; its "
            "attendance page counts who confirmed, who has not answered yet and who released "
            "their place, and shows the place offered from the waiting list, held until its "
            "time runs out (then it goes to the next in line)."
        ),
        team=True,
    )
    steps.append(
        Step(
            _(
                "The members' benefit is data: the entry rules page shows the rules in force "
                "(from the brochure: the network days free, the member price at other "
                "events) and adds the rule a general assembly decides, from a day on."
            ),
            [Link(_("Entry rules"), reverse("events:entry_rules"))],
        )
    )
    steps.append(
        Step(
            _(
                "Review the partners' items for the calendar: a UCLL workshop waits for you, "
                "and the city's iCal feed brought in items; accept one (edit it first if you "
                "like) or decline it with a reason, then see it in the calendar."
            ),
            [
                Link(_("Partners' items"), reverse("events:partner_items")),
                Link(_("Partners' iCal feeds"), reverse("events:partner_feeds")),
            ],
        )
    )
    steps.append(
        Step(
            _("See what waits for the team: applications, invoices, payments to match."),
            [Link(_("Team home"), reverse("reports:team_home"))],
        )
    )
    return steps


def _board(current: Story) -> list[Step]:
    steps = []
    if current.assembly is not None:
        pk = current.assembly.pk
        steps.append(
            Step(
                _(
                    "Chair tonight's general assembly as its secretary: record who is present, "
                    "open and close the votes, and show the screen for the room."
                ),
                [
                    Link(_("Chair the meeting"), reverse("governance:chair", args=[pk])),
                    Link(_("The projector screen"), reverse("governance:projector", args=[pk])),
                ],
            )
        )
    call = current.voting_call
    if call is not None:
        steps.append(
            Step(
                _(
                    "Once the team has published the result of today's vote, confirm it for "
                    "the board: the selected proposals become labs."
                ),
                [Link(_("The vote"), reverse("labs:selection", args=[call.pk]))],
            )
        )
    return steps


def _contact(current: Story) -> list[Step]:
    steps = []
    if current.assembly is not None:
        steps.append(
            Step(
                _(
                    "Vote for De Wijnpers at tonight's general assembly, on a phone; another "
                    "member gave De Wijnpers its proxy."
                ),
                [Link(_("Vote"), reverse("governance:vote", args=[current.assembly.pk]))],
            )
        )
    steps.append(
        Step(
            _("See the school's membership and invoices, and register colleagues for an event."),
            [
                Link(_("Membership"), reverse("membership:mine")),
                Link(_("Calendar"), reverse("events:calendar")),
            ],
        )
    )
    steps.append(
        Step(
            _(
                "Invite a colleague to the staff list: they join once they accept. A new "
                "colleague's invitation is still open; send it again or withdraw it."
            ),
            [Link(_("Staff list"), reverse("network:staff", args=["de-wijnpers"]))],
        )
    )
    steps.append(
        Step(
            _(
                "Download the attendance certificates of the colleagues who came to the study "
                "afternoon and shared them with you when they registered: one PDF for the "
                "school year."
            ),
            [
                Link(
                    _("Staff's certificates"),
                    reverse("events:staff_certificates", args=["de-wijnpers"]),
                )
            ],
        )
    )
    return steps


def _teacher(current: Story) -> list[Step]:
    steps = []
    call = current.voting_call
    if current.network_day is not None and call is not None:
        steps.append(
            Step(
                _(
                    "You are registered for today's network day but not in yet: show your "
                    "ticket at the door (the team checks you in), then vote on the lab "
                    "proposals."
                ),
                [
                    Link(_("My registrations"), reverse("events:mine")),
                    Link(_("The ballot"), reverse("labs:ballot", args=[call.pk])),
                ],
            )
        )
    # Today's network day comes first: it is happening now.
    certificate = demo_certificates.teachers_certificate()
    if certificate is not None:
        check = reverse("certificate_check", args=[certificate.code])
        steps.append(
            Step(
                _(
                    "You came to earlier events: download your attendance certificate "
                    "(nascholingsattest) of each from My SOM. Anybody can check the one already "
                    "issued at the address it states, %(address)s."
                )
                % {"address": check},
                [
                    Link(_("My attendance certificates"), reverse("events:my_certificates")),
                    Link(_("Check the certificate"), check),
                ],
            )
        )
    steps += _reconfirmation_step(
        _(
            "You registered for the full study day: please reconfirm your place (or release "
            "it for the waiting list) with one tap, in My registrations or from the mail's "
            "link; it works without logging in, on a phone too."
        ),
    )
    steps += _what_you_pay(
        current,
        _(
            "What you pay depends on the event, and its page says why: the workshop asks the "
            "member price (your school is a member), the next network day is free, as every "
            "network day for the staff of a member school."
        ),
    )
    if current.draft is not None:
        steps.append(
            Step(
                _(
                    "%(lead)s invited you to co-author a lab proposal: accept, and the proposal "
                    "meets the rules."
                )
                % {"lead": _name(LAB_LEAD)},
                [Link(_("My proposals"), reverse("labs:mine"))],
            )
        )
    return steps


def _lab_lead(current: Story) -> list[Step]:
    steps = []
    if current.draft is not None:
        steps.append(
            Step(
                _(
                    "Finish your draft proposal for the open call; it can be submitted once "
                    "every rule is met (the invited teacher still has to accept)."
                ),
                [
                    Link(_("The draft"), reverse("labs:proposal", args=[current.draft.pk])),
                    Link(_("Open calls"), reverse("labs:calls")),
                ],
            )
        )
    if current.lab is not None:
        steps.append(
            Step(
                _("Run the lab %(lab)s: its sessions, logbook, budget and results.")
                % {"lab": current.lab.title},
                [Link(_("The lab's group page"), reverse("labs:group", args=[current.lab.slug]))],
            )
        )
    steps.append(
        Step(
            _(
                "Propose an item of UCLL for the calendar of Leuven education, on a phone: "
                "see the state of your proposals, and the team's reason for the one it declined."
            ),
            [Link(_("Propose an item"), reverse("events:propose"))],
        )
    )
    return steps


def _outsider(current: Story) -> list[Step]:
    steps = []
    if current.next_day is not None:
        steps.append(
            Step(
                _(
                    "Register for the next network day: without a membership you pay, and the "
                    "invoice comes by mail."
                ),
                [
                    Link(
                        current.next_day.title,
                        reverse("events:detail", args=[current.next_day.slug]),
                    )
                ],
            )
        )
    steps += _reconfirmation_step(
        _(
            "You were first on the full study day's waiting list and a place became free: it "
            "is held for you for two days. Take it in My registrations or from the mail."
        ),
    )
    steps += _what_you_pay(
        current,
        _("The workshop's page says the full price: the member price is for staff of members."),
        network_day=False,
    )
    steps.append(
        Step(
            _(
                "Or take a lab membership of your own, as a person: apply, and the invoice "
                "comes by mail once the team approves."
            ),
            [Link(_("Apply for a membership"), reverse("membership:apply"))],
        )
    )
    return steps


def _reconfirmation_step(text: str, *, team: bool = False) -> list[Step]:
    """A step to the demo's study day in its reconfirmation window (som/demo/reconfirmation.py):
    for the team its attendance page, for the others their registrations (the persona's card
    links their mails already)."""
    event = Event.objects.filter(
        title=demo_reconfirmation.TITLE, starts_at__gte=timezone.now()
    ).first()
    if event is None:
        return []
    if team:
        links = [
            Link(
                _("The study day's attendance"), reverse("events:attendance_event", args=[event.pk])
            )
        ]
    else:
        links = [Link(_("My registrations"), reverse("events:mine"))]
    return [Step(text, links)]


def _what_you_pay(current: Story, text: str, *, network_day: bool = True) -> list[Step]:
    """A step to the pages that say what the reader pays (som.events.entry): the demo's workshop
    with a member price, and the next network day."""
    workshop = Event.objects.filter(
        title=attendance_history.WORKSHOP_TITLE, ends_at__gte=timezone.now()
    ).first()
    links = []
    if workshop is not None:
        links.append(Link(workshop.title, reverse("events:detail", args=[workshop.slug])))
    if network_day and current.next_day is not None:
        links.append(
            Link(current.next_day.title, reverse("events:detail", args=[current.next_day.slug]))
        )
    return [Step(text, links)] if links else []
