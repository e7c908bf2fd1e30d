"""One of each object, built through the services, and the eight personas of the route matrix.

The objects belong to people who are *not* personas wherever "someone else's" is the point
(De Linde's contact holds its membership, invoice, proxy and requests; a colleague wrote the
proposal), so every persona but the owner of an object must be refused. The personas:

- anonymous: no account;
- outsider: an account, no organisation, no membership;
- teacher: staff of De Linde, a paying general member (the objects' school);
- contact: the contact person of De Ring, another paying general member;
- member: a member of the second lab only;
- lead: the lead of the first lab (the fixture's lab);
- board: a board member (an ordinary mandate, not the secretary);
- team: staff with an authenticator (the two-factor middleware lets them through).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from som.accounts.models import Person
from som.accounts.services import activate_totp, request_erasure
from som.events import services as event_services
from som.events.models import Event, ProgrammeItem
from som.events.tests.factories import make_event
from som.finance.models import Payment
from som.governance import services as governance
from som.governance.models import Mandate, MotionKind
from som.governance.selectors import board, general_assembly
from som.governance.services import minutes as governance_minutes
from som.governance.services import votes
from som.labs import services as proposal_services
from som.labs.models import Call
from som.labs.services import labs as lab_services
from som.labs.services import work
from som.membership import services as membership_services
from som.membership.models import MembershipType, MembershipYear, RegisterEntry
from som.membership.tests.factories import invoice_of, paid_membership
from som.network.models import Affiliation, Organisation
from som.network.services import claims
from som.network.tests.factories import affiliate, make_organisation, make_person
from som.publishing.tests.portrait_world import approval_of, published_portrait

PERSONAS = ("anonymous", "outsider", "teacher", "contact", "member", "lead", "board", "team")
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    people: dict[str, Person] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)
    # Text that only some personas may read anywhere: {text: personas who may}.
    secrets: dict[str, set[str]] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _year() -> MembershipYear:
    year = timezone.localdate().year
    found, _created = MembershipYear.objects.get_or_create(
        year=year,
        defaults={"starts_on": datetime.date(year, 1, 1), "ends_on": datetime.date(year, 12, 31)},
    )
    return found


def _person(
    email: str, name: str, organisation: Organisation | None = None, role: str = ""
) -> Person:
    person = make_person(email=email, full_name=name)
    if organisation is not None:
        affiliate(person, organisation, role or Affiliation.Role.STAFF)
    return person


def build() -> World:
    world = World()
    p, o = world.people, world.objects
    team = make_person(email="team@som.example", full_name="Tine Team", is_staff=True)
    activate_totp(person=team, secret=TOTP_SECRET)
    p["team"] = team
    year = _year()
    general = MembershipType.objects.get(code="general")
    lab_type = MembershipType.objects.get(code="lab")

    school = make_organisation(name="Basisschool De Linde", email_domains=["delinde.be"])
    other = make_organisation(name="Atheneum De Ring", levels=["secundair"])
    third = make_organisation(name="Sint-Jozef Kessel-Lo", levels=["secundair"])
    welfare = make_organisation(
        name="CAW Oost-Brabant",
        kind=Organisation.Kind.NON_PROFIT,
        instellingsnummer="",
        network=Organisation.Network.NONE,
        sector=Organisation.Sector.WELFARE,
        levels=[],
    )
    o.update(school=school, other_school=other, third_school=third)
    owner = _person("contact@delinde.be", "Carla Contact", school, Affiliation.Role.CONTACT)
    p["contact"] = _person("contact@dering.be", "Dirk Contact", other, Affiliation.Role.CONTACT)
    p["teacher"] = _person("leraar@delinde.be", "Lotte Leraar", school)
    p["lead"] = _person("trekker@dering.be", "Lars Labo", other)
    p["member"] = _person("lid@dering.be", "Mira Lid", other)
    p["board"] = _person("bestuur@dering.be", "Bert Bestuur", other, Affiliation.Role.DIRECTOR)
    p["outsider"] = make_person(email="buiten@example.org", full_name="Olaf Outsider")
    colleague = _person("collega@delinde.be", "Cas Collega", school)
    secretary = _person("secretaris@dering.be", "Sara Secretaris", other)
    social_worker = _person("wout@caw.example", "Wout Welzijn", welfare)
    lead2 = _person("trekker2@delinde.be", "Tom Trekker", school)
    o.update(owner=owner, colleague=colleague, secretary=secretary)

    # Memberships: De Linde and De Ring pay (general), the social worker has a lab membership.
    membership = paid_membership(
        team=team, applicant=owner, year=year, membership_type=general, organisation=school
    )
    o["other_membership"] = paid_membership(
        team=team, applicant=p["contact"], year=year, membership_type=general, organisation=other
    )
    paid_membership(team=team, applicant=social_worker, year=year, membership_type=lab_type)
    invoice = invoice_of(membership)
    o.update(membership=membership, invoice=invoice)
    o["payment"] = Payment.objects.filter(invoice=invoice).first()
    o["register_entry"] = RegisterEntry.objects.filter(organisation=school).first()
    applicant = _person("nieuw@kessello.be", "Nele Nieuw", third, Affiliation.Role.CONTACT)
    o["application"] = membership_services.apply(
        applicant=applicant,
        membership_type=general,
        tariff=general.tariffs.get(code="standard"),
        year=year,
        organisation=third,
    )
    claimant = make_person(email="claim@example.org", full_name="Cleo Claim")
    o["claim"] = claims.claim_organisation(person=claimant, organisation=third, reason="Directie")
    o["teacher_affiliation"] = Affiliation.objects.get(person=p["teacher"], organisation=school)

    # Governance: the board, a general assembly in session with an open vote, a closed one.
    body = board()
    assembly = general_assembly()
    assert body is not None and assembly is not None
    a_year_ago = timezone.localdate() - datetime.timedelta(days=365)
    governance.appoint(body=body, person=p["board"], role="member", starts_on=a_year_ago, by=None)
    governance.appoint(
        body=body, person=secretary, role=Mandate.Role.SECRETARY, starts_on=a_year_ago, by=None
    )
    _governance(world, assembly, secretary, school)

    # Events: a network day with the teacher's registration.
    event = make_event(title="SOM-netwerkdag voorjaar", slug="netwerkdag-voorjaar")
    slot = ProgrammeItem.objects.create(
        event=event,
        kind=ProgrammeItem.Kind.LAB_RESULTS,
        title="Resultaten van de labo's",
        starts_at=event.starts_at + datetime.timedelta(hours=1),
        ends_at=event.starts_at + datetime.timedelta(hours=2),
    )
    registration = event_services.register(event=event, person=p["teacher"])
    o["draft_event"] = make_event(
        title="Netwerkdag najaar", slug="netwerkdag-najaar", is_published=False
    )
    o.update(event=event, registration=registration, slot=slot)

    _labs(world, event, social_worker, lead2)

    o["erasure"] = request_erasure(person=claimant, reason="")
    _selection_vote(world)
    _staff_invitation(world, school)
    _api_key(world)
    _secrets(world)
    _portrait(world)
    return world


PORTRAIT_TOKEN = "matrix-portrait-approval-link"


def _portrait(world: World) -> None:
    """A published portrait, and a request for its approval whose mailed link is known. The
    person's address is for the team's eyes only: readers write to them through the site."""
    portrait = published_portrait(slug="matrix-portret", email="portret@example.org")
    approval_of(portrait, status="asked", token=PORTRAIT_TOKEN)
    world.objects["portrait"] = portrait
    world.secrets[portrait.person_email] = {"team"}


def _secrets(world: World) -> None:
    """What must not show on any page but to whom it belongs (with the team, which sees all):
    drafts, private notes, other people's requests, addresses and money."""
    o = world.objects
    team = {"team"}
    group = {"lead", "team"}  # the first lab's group among the personas
    world.secrets = {
        o["proposal"].title: team,  # a colleague's draft proposal
        o["draft_result"].title: group,
        o["entry"].tried: group,  # a private reflection
        o["session"].title: group,  # a session that is not public
        o["second_session"].title: {"member", "team"},
        o["second_result"].title: {"member", "team"},
        o["expense"].description: group,
        o["draft_meeting"].title: team,  # the secretary's draft
        o["draft_event"].title: team,
        o["claim"].person.email: team,
        o["application"].applicant.full_name: team,
        o["staff_invitation"].email: team,
        o["erasure"].person.full_name: team,
        o["invoice"].number: team,
        o["registration"].ticket_code: {"teacher", "team"},
        world.people["teacher"].email: {"teacher", "team"},
        world.people["teacher"].full_name: {"teacher", "team"},
        world.people["member"].full_name: {"member", "contact", "team"},  # De Ring, second lab
        o["colleague"].full_name: {"teacher", "lead", "team"},  # a colleague, in the first lab
        "Wout Welzijn": group,  # invited to the first lab and to the colleague's proposal
    }
    if "api_key" in o:
        world.secrets[o["api_key"].prefix] = team


def _selection_vote(world: World) -> None:
    """A call whose selection vote is open at its network day, where the teacher is checked in."""
    from som.labs.services import selection
    from som.labs.tests.test_selection import PROPOSALS, attend, make_call

    day = make_event(title="Netwerkdag selectie", slug="netwerkdag-selectie")
    call = make_call(day, world.objects["colleague"], PROPOSALS)
    attend(day, [world.people["teacher"]])
    selection.start_selection_vote(call=call, by=world.people["team"])
    call.refresh_from_db()
    world.objects.update(selection_call=call, selection_poll=call.poll)


def _api_key(world: World) -> None:
    """A colleague's API key (Mijn SOM's API keys page), when the platform has that page."""
    try:
        from som.accounts import api_tokens
    except ImportError:  # pragma: no cover (before the API keys page)
        return
    world.objects["api_key"], _secret = api_tokens.create_api_token(
        person=world.objects["colleague"], name="Rooster"
    )


def _staff_invitation(world: World, school: Organisation) -> None:
    """De Linde's contact invites a newcomer (not a persona) to the staff list; the token is
    normally only mailed, so a known one replaces it."""
    from som.core import invitations as tokens
    from som.network.models import StaffInvitation
    from som.network.services import invitations

    invitation = invitations.invite_staff_member(
        organisation=school, email="nieuwkomer@example.org", by=world.objects["owner"]
    )
    token, token_hash = tokens.new_token()
    StaffInvitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash)
    world.objects.update(staff_invitation=invitation, staff_invitation_token=token)


def _governance(world: World, assembly: Any, secretary: Person, school: Organisation) -> None:
    o = world.objects
    starts = timezone.now() + datetime.timedelta(days=20)
    meeting = governance.schedule_meeting(
        body=assembly,
        title="Algemene vergadering",
        starts_at=starts,
        place="Stadhuis",
        by=secretary,
    )
    for title, code in [("Jaarrekening", "accounts"), ("Begroting", "budget")]:
        governance.add_agenda_item(
            meeting=meeting,
            title=title,
            motion=f"De algemene vergadering keurt goed: {title}.",
            motion_kind=MotionKind.objects.get(code=code),
            by=secretary,
        )
    governance.send_convocation(meeting=meeting, by=secretary)
    o["document"] = governance.add_document(
        meeting=meeting,
        title="Jaarrekening",
        filename="jaarrekening.pdf",
        content_type="application/pdf",
        content=PDF,
        by=secretary,
    )
    o["proxy"] = governance.give_proxy(
        meeting=meeting, giver=school, holder=o["other_school"], by=o["owner"]
    )
    o["agenda_proposal"] = governance.propose_agenda_item(
        meeting=meeting,
        title="Werkgroep",
        motion="Een werkgroep rond taal.",
        motion_kind=MotionKind.objects.get(code="budget"),
        organisation=school,
        by=o["owner"],
    )
    o["meeting_request"] = governance.request_meeting(
        reason="Een extra vergadering", organisation=school, by=o["owner"]
    )
    governance.register_presence(meeting=meeting, organisation=o["other_school"], by=secretary)
    votes.start_meeting(meeting=meeting, by=secretary)
    item = meeting.items.get(motion_kind__code="accounts")
    o["poll"] = votes.open_vote(item=item, by=secretary)
    o["poll_item_kind"] = MotionKind.objects.get(code="budget")
    o["meeting"] = meeting

    closed = governance.schedule_meeting(
        body=assembly,
        title="Algemene vergadering voorjaar",
        starts_at=timezone.now() + datetime.timedelta(days=21),
        place="Stadhuis",
        by=secretary,
    )
    governance.add_agenda_item(
        meeting=closed, title="Verslag", motion="", motion_kind=None, by=secretary
    )
    governance.send_convocation(meeting=closed, by=secretary)
    votes.start_meeting(meeting=closed, by=secretary)
    votes.close_meeting(meeting=closed, by=secretary)
    governance_minutes.generate_minutes(meeting=closed, by=secretary)
    o["closed_meeting"] = closed

    draft = governance.schedule_meeting(
        body=assembly,
        title="Algemene vergadering najaar",
        starts_at=timezone.now() + datetime.timedelta(days=90),
        place="Stadhuis",
        by=secretary,
    )
    o["draft_meeting"] = draft
    o["draft_document"] = governance.add_document(
        meeting=draft,
        title="Ontwerpbegroting",
        filename="begroting.pdf",
        content_type="application/pdf",
        content=PDF,
        by=secretary,
    )


def _labs(world: World, event: Event, social_worker: Person, lead2: Person) -> None:
    p, o = world.people, world.objects
    team = p["team"]
    call = Call.objects.create(
        title="Labo-oproep voorjaar",
        network_day=event,
        deadline=timezone.now() + datetime.timedelta(days=14),
        total_budget=Decimal("20000"),
        max_budget_per_proposal=Decimal("5000"),
        rule=Call.Rule.GREEDY,
    )
    proposal = proposal_services.start_proposal(
        call=call, by=o["colleague"], title="Zachte overgang"
    )
    o["coauthor_invitation"] = proposal_services.invite_coauthor(
        proposal=proposal, email=social_worker.email, by=o["colleague"]
    )
    o.update(call=call, proposal=proposal)

    today = timezone.localdate()
    data = lab_services.LabData(
        title="Diverse leraarskamer",
        summary="Meer kleur voor de klas",
        challenge="Leerkrachten met diverse achtergronden vinden moeilijk hun weg.",
        starts_on=today - datetime.timedelta(days=60),
        planned_end_on=today + datetime.timedelta(days=400),
        partners="UCLL",
    )
    lab = lab_services.create_lab(data=data, granted=Decimal("5000"), by=team)
    lab_services.accept_lab_invitation(
        member=lab_services.invite_member(lab=lab, email=p["lead"].email, by=team, as_lead=True),
        person=p["lead"],
    )
    for person in (o["colleague"],):
        lab_services.accept_lab_invitation(
            member=lab_services.invite_member(lab=lab, email=person.email, by=p["lead"]),
            person=person,
        )
    o["lab_invitation"] = lab_services.invite_member(
        lab=lab, email=social_worker.email, by=p["lead"]
    )
    o["lab_member"] = lab.members.get(person=o["colleague"])
    second = lab_services.create_lab(
        data=lab_services.LabData(
            title="Taalrijke klas",
            summary="Taal in elke les",
            challenge="Taal.",
            starts_on=data.starts_on,
            planned_end_on=data.planned_end_on,
        ),
        granted=Decimal("3000"),
        by=team,
    )
    for person, as_lead in ((lead2, True), (p["member"], False)):
        lab_services.accept_lab_invitation(
            member=lab_services.invite_member(
                lab=second, email=person.email, by=team, as_lead=as_lead
            ),
            person=person,
        )
    o.update(lab=lab, second_lab=second)
    o["second_session"] = work.plan_session(
        lab=second,
        data=work.SessionData(
            title="Taalsessie", starts_at=timezone.now() + datetime.timedelta(days=8), place="UCLL"
        ),
        by=lead2,
    )
    o["second_result"] = work.save_result(
        lab=second, data=work.ResultData(title="Taalkaart", summary="Een kaart"), by=lead2
    )
    o["second_member"] = second.members.get(person=p["member"])

    session = work.plan_session(
        lab=lab,
        data=work.SessionData(
            title="Eerste labosessie",
            starts_at=timezone.now() + datetime.timedelta(days=7),
            place="Romaanse Poort",
        ),
        by=p["lead"],
    )
    entry = work.write_entry(
        lab=lab,
        data=work.ReflectionData(title="Kennismaking", tried="Een kader."),
        by=p["lead"],
        uploads=[_pdf("verslag.pdf")],
    )
    result = work.save_result(
        lab=lab,
        data=work.ResultData(
            title="Startnota", summary="Een gedeeld kader", programme_item=o["slot"]
        ),
        by=p["lead"],
    )
    o["result_file"] = work.add_result_file(result=result, upload=_pdf("nota.pdf"), by=p["lead"])
    work.publish_result(result=result, by=p["lead"])
    o["expense"] = work.submit_lab_expense(
        lab=lab,
        spent_on=today,
        amount=Decimal("120"),
        description="Broodjes",
        by=p["lead"],
        receipt=_pdf("bonnetje.pdf"),
    )
    school_year = today.year if today.month >= 9 else today.year - 1
    o["year_entry"] = work.draft_year_entry(
        lab=lab, school_year=f"{school_year}-{school_year + 1}", by=p["lead"]
    )
    o.update(session=session, entry=entry, result=result, attachment=entry.attachments.first())

    # What the public must not see yet: a draft result with its file; and what it may see: a
    # public reflection's attachment.
    draft = work.save_result(
        lab=lab, data=work.ResultData(title="Tussentijds", summary="Nog niet af"), by=p["lead"]
    )
    o["draft_result"] = draft
    o["draft_result_file"] = work.add_result_file(result=draft, upload=_pdf("d.pdf"), by=p["lead"])
    public_entry = work.write_entry(
        lab=lab,
        data=work.ReflectionData(title="Open verslag", tried="Een open les.", is_public=True),
        by=p["lead"],
        uploads=[_pdf("open.pdf")],
    )
    o["public_attachment"] = public_entry.attachments.first()
