"""The only gate to event objects: return the object or answer 404, for "missing" and
"not yours" alike."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from som.accounts.models import Person
from som.core.roles import is_team
from som.core.roles import require_team_page as require_team_page
from som.events import selectors
from som.events.models import Certificate, Event, PartnerFeed, Registration
from som.network.models import Organisation
from som.network.selectors import organisations_contacted_by, organisations_of


def visible_events(person: Person) -> QuerySet[Event]:
    """Everybody sees published events; the team also sees drafts (to preview them)."""
    if is_team(person):
        return Event.objects.all()
    return selectors.public_events()


def get_event_for_page(person: Person, slug: str) -> Event:
    """The event with its places, for its public page: for the team from the database (drafts
    too), for everybody else the published event as the page cache keeps it."""
    if is_team(person):
        event = selectors.event_page(Event.objects.all(), slug)
    else:
        event = selectors.published_event_page(slug)
    if event is None:
        raise Http404
    return event


def get_event_for_registration(person: Person, slug: str) -> Event:
    return get_object_or_404(visible_events(person), slug=slug)


def get_colleague_registration(person: Person, pk: int) -> Registration:
    """A registration of a colleague of an organisation the person is the contact of (to
    cancel it for them); not their own (they cancel that as themselves)."""
    if not person.is_authenticated:
        raise Http404
    registration = get_object_or_404(Registration.objects.select_related("event", "person"), pk=pk)
    if registration.person_id == person.pk:
        raise Http404
    contacted = organisations_contacted_by(person).values("pk")
    if not organisations_of(registration.person).filter(pk__in=contacted).exists():
        raise Http404
    return registration


def get_registration_for_person(person: Person, pk: int) -> Registration:
    """One's own registration (to cancel it)."""
    return get_object_or_404(
        Registration.objects.select_related("event", "person"), pk=pk, person=person
    )


def get_registration_for_ticket(code: str) -> Registration:
    """The unguessable ticket code is the key: no login needed."""
    return get_object_or_404(
        Registration.objects.select_related("event", "person"), ticket_code=code
    )


def get_event_for_team(person: Person, pk: int) -> Event:
    """Any event, published or not, for the team's door and attendance pages."""
    require_team_page(person)
    return get_object_or_404(Event, pk=pk)


# --- Attendance certificates ----------------------------------------------------------------------


def get_attended_registration(person: Person, pk: int) -> Registration:
    """One's own registration, to get its certificate (whether one may: the service)."""
    return get_object_or_404(
        Registration.objects.select_related("event", "person"),
        pk=pk,
        person=person,
        person__is_active=True,
    )


def get_certificate_for_download(person: Person, pk: int) -> Certificate:
    """A certificate's PDF: for its holder, the team, and the contact person of the organisation
    the holder came for when the holder shared it (the registration terms)."""
    if not person.is_authenticated:
        raise Http404
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__person", "registration__organisation"),
        pk=pk,
    )
    registration = certificate.registration
    if is_team(person) or registration.person_id == person.pk:
        return certificate
    if (
        registration.certificate_shared
        and registration.organisation_id is not None
        and organisations_contacted_by(person).filter(pk=registration.organisation_id).exists()
    ):
        return certificate
    raise Http404


def get_organisation_for_certificates(person: Person, slug: str) -> Organisation:
    """The organisation whose staff's certificates a contact person (or the team) downloads."""
    if not person.is_authenticated:
        raise Http404
    organisations = (
        Organisation.objects.all() if is_team(person) else organisations_contacted_by(person)
    )
    return get_object_or_404(organisations, slug=slug)


def get_certificate_by_code(code: str) -> Certificate:
    """The public check: the code is the key, nothing else is needed or shown."""
    if not code:
        raise Http404
    return get_object_or_404(Certificate, code=code)


def get_partner_item_for_team(person: Person, pk: int) -> Event:
    """A partner's item (proposed or imported) for the team's review."""
    require_team_page(person)
    return get_object_or_404(
        Event.objects.select_related("organiser", "submitted_by", "source_feed"),
        pk=pk,
        kind=Event.Kind.EXTERNAL,
        review__in=[Event.Review.SUBMITTED, Event.Review.ACCEPTED, Event.Review.DECLINED],
    )


def get_feed_for_team(person: Person, pk: int) -> PartnerFeed:
    require_team_page(person)
    return get_object_or_404(PartnerFeed.objects.select_related("organisation"), pk=pk)


def get_event_for_image(person: Person, slug: str) -> Event:
    """An event's image: whoever sees the event, and the person who proposed it (to see their
    own proposal before the team accepted it)."""
    events = visible_events(person)
    if person.is_authenticated and not is_team(person):
        events = Event.objects.filter(Q(is_published=True) | Q(submitted_by=person))
    event = get_object_or_404(events, slug=slug)
    if not event.image:
        raise Http404
    return event
