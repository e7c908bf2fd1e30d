"""The only gate to meetings, their items, documents and minutes: the object or 404, for
"missing" and "not yours" alike.

Members' pages: the team, the board, the people of voting member institutions, and whoever was
convened to that meeting (observers). Drafts and the running of a meeting: the secretary or
chair of the board, or the team. The poll of a motion is seen by whoever sees its meeting."""

from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.http import Http404
from django.shortcuts import get_object_or_404

from som.accounts.models import Person
from som.governance import selectors
from som.governance.models import (
    AgendaItem,
    AgendaProposal,
    ConvocationRecipient,
    Meeting,
    MeetingDocument,
    MeetingRequest,
    Minutes,
    Proxy,
)
from som.network.models import Organisation


def _authenticated(person: Person | None) -> Person:
    if person is None or not person.is_authenticated or not person.is_active:
        raise Http404
    return person


def require_member(person: Person | None) -> Person:
    person = _authenticated(person)
    if not selectors.is_member_person(person):
        raise Http404
    return person


def require_member_access(person: Person | None) -> selectors.Access:
    """The members' pages (the register of decisions): what the person may do there, or 404."""
    access = selectors.access_of(person)
    if not access.member:
        raise Http404
    return access


def require_secretary(person: Person | None) -> Person:
    person = _authenticated(person)
    if not selectors.is_secretary(person):
        raise Http404
    return person


def can_see(person: Person, meeting: Meeting, access: selectors.Access | None = None) -> bool:
    access = access or selectors.access_of(person)
    if access.secretary:
        return True
    if meeting.status == Meeting.Status.DRAFT:
        return False
    return access.member or meeting.recipients.filter(person=person).exists()


def visible_meetings(
    person: Person | None, access: selectors.Access | None = None
) -> QuerySet[Meeting]:
    """`can_see` for many meetings at once, as one query (after `access_of`)."""
    if person is None or not person.is_authenticated or not person.is_active:
        return Meeting.objects.none()
    access = access or selectors.access_of(person)
    if access.secretary:
        return Meeting.objects.all()
    seen = Meeting.objects.exclude(status=Meeting.Status.DRAFT)
    if access.member:
        return seen
    return seen.filter(pk__in=ConvocationRecipient.objects.filter(person=person).values("meeting"))


def poll_readers(person: Person) -> Q:
    """Who may see a motion's poll (its electorate `governance_item`, reference `item:<id>`):
    whoever sees the item's meeting. Registered in GovernanceConfig.ready."""
    items = AgendaItem.objects.filter(meeting__in=visible_meetings(person)).annotate(
        reference=Concat(Value("item:"), Cast("pk", CharField()))
    )
    return Q(electorate_reference__in=items.values("reference"))


def get_meeting_for_member(
    person: Person | None, pk: int, access: selectors.Access | None = None
) -> Meeting:
    person = _authenticated(person)
    meeting = get_object_or_404(Meeting.objects.select_related("body", "second_meeting_of"), pk=pk)
    if not can_see(person, meeting, access):
        raise Http404
    return meeting


def get_meeting_for_secretary(person: Person | None, pk: int) -> Meeting:
    require_secretary(person)
    return get_object_or_404(Meeting.objects.select_related("body", "second_meeting_of"), pk=pk)


def get_item_for_secretary(person: Person | None, meeting: Meeting, pk: int) -> AgendaItem:
    require_secretary(person)
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__body", "motion_kind", "poll"),
        meeting=meeting,
        pk=pk,
    )


def get_document_for_member(person: Person | None, pk: int) -> MeetingDocument:
    document = get_object_or_404(MeetingDocument.objects.select_related("meeting"), pk=pk)
    if not can_see(_authenticated(person), document.meeting):
        raise Http404
    return document


def get_minutes_for_reader(person: Person | None, meeting_pk: int) -> Minutes:
    """Published minutes for whoever sees the meeting; drafts for the secretary."""
    meeting = get_meeting_for_member(person, meeting_pk)
    minutes = get_object_or_404(Minutes.objects.select_related("meeting__body"), meeting=meeting)
    assert person is not None
    if minutes.status != Minutes.Status.PUBLISHED and not selectors.is_secretary(person):
        raise Http404
    return minutes


def get_proxy_for_giver(person: Person | None, pk: int) -> Proxy:
    """A proxy its giver's representative (or the secretary) may withdraw."""
    person = _authenticated(person)
    proxy = get_object_or_404(Proxy.objects.select_related("meeting", "giver", "holder"), pk=pk)
    if selectors.is_secretary(person):
        return proxy
    on = selectors.meeting_date(proxy.meeting)
    if proxy.giver not in selectors.represented_organisations(person, on):
        raise Http404
    return proxy


def get_proposal_for_member(person: Person | None, pk: int) -> AgendaProposal:
    """A member's agenda proposal, for whoever sees its meeting (to sign it)."""
    proposal = get_object_or_404(AgendaProposal.objects.select_related("meeting"), pk=pk)
    get_meeting_for_member(person, proposal.meeting_id)
    return proposal


def get_request_for_member(person: Person | None, pk: int) -> MeetingRequest:
    """The members' request for a general assembly, for the members (to sign it)."""
    require_member(person)
    return get_object_or_404(MeetingRequest, pk=pk)


def get_organisation(pk: str | int | None) -> Organisation:
    """The member institution a form names (404 when there is none); the service then checks
    that the person acts for it."""
    return get_object_or_404(Organisation, pk=pk or 0)


def get_person(pk: str | int | None) -> Person:
    """The person a secretary's form names (404 when there is none)."""
    return get_object_or_404(Person, pk=pk or 0)
