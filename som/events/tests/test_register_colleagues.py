"""A contact person registers several colleagues at once (tick boxes); each colleague's mail says
who registered them. One colleague who cannot come keeps nobody else out; bad input registers
nobody."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from som.events import services
from som.events.models import Registration
from som.events.tests.factories import make_event
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_person

pytestmark = pytest.mark.django_db


def _url(name: str, slug: str) -> str:
    with translation.override("en"):
        return reverse(f"events:{name}", kwargs={"slug": slug})


@pytest.fixture
def colleague(school):
    person = make_person(email="collega@delinde.be", full_name="Cas Collega", language="en")
    affiliate(person, school, Affiliation.Role.STAFF)
    return person


def test_the_event_page_offers_a_tick_box_per_colleague(
    client_of, school_contact, teacher, colleague
):
    page = client_of(school_contact).get(_url("detail", make_event().slug)).content.decode()
    assert "Register colleagues" in page
    assert page.count('type="checkbox" name="colleague"') == 2
    assert "Lotte Leraar" in page and "Cas Collega" in page


def test_a_contact_registers_two_colleagues_and_each_mail_names_the_contact(
    client_of, school_contact, teacher, colleague, django_capture_on_commit_callbacks
):
    event = make_event(title="Netwerkdag najaar")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(school_contact).post(
            _url("register_colleague", event.slug),
            {"colleague": [teacher.pk, colleague.pk]},
            follow=True,
        )
    page = response.content.decode()
    assert "Lotte Leraar is registered for Netwerkdag najaar" in page
    assert "Cas Collega is registered for Netwerkdag najaar" in page
    registrations = Registration.objects.filter(event=event)
    assert {r.person for r in registrations} == {teacher, colleague}
    assert {r.registered_by for r in registrations} == {school_contact}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([teacher.email, colleague.email])
    by_reader = {m.to[0]: m.body for m in mail.outbox}
    assert (
        "Carla Contact (contact@delinde.be) registered you for this event."
        in (
            by_reader[colleague.email]  # reads English
        )
    )
    assert "Carla Contact (contact@delinde.be) heeft je ingeschreven" in by_reader[teacher.email]


def test_one_colleague_already_registered_keeps_nobody_else_out(school_contact, teacher, colleague):
    event = make_event()
    services.register(event=event, person=teacher)
    with translation.override("en"):
        first, second = services.register_colleagues(
            event=event, people=[teacher, colleague], by=school_contact
        )
    # Reported as already there, with their own registration: not an error (issue 20).
    assert first.already and first.refusal == "" and first.registration is not None
    assert first.registration.registered_by == teacher
    assert not second.already
    assert second.registration is not None and second.registration.registered_by == school_contact
    assert Registration.objects.get(event=event, person=teacher).registered_by == teacher


def test_a_stale_form_with_someone_no_longer_listed_registers_nobody(
    client_of, school_contact, teacher, colleague
):
    event = make_event()
    services.register(event=event, person=teacher)  # since the page was opened
    response = client_of(school_contact).post(
        _url("register_colleague", event.slug), {"colleague": [teacher.pk, colleague.pk]}
    )
    assert response.status_code == 302
    assert not Registration.objects.filter(event=event, person=colleague).exists()


def test_a_colleague_who_may_not_come_is_named_with_the_reason(
    client_of, school_contact, teacher, colleague
):
    event = make_event(capacity=1)
    with translation.override("en"):
        outcomes = services.register_colleagues(
            event=event, people=[teacher, colleague], by=school_contact
        )
    assert [o.registration.status for o in outcomes if o.registration] == ["registered", "waiting"]
    stranger = make_person(full_name="Stijn Vreemd")
    with translation.override("en"):
        [refused] = services.register_colleagues(event=event, people=[stranger], by=school_contact)
    assert refused.registration is None and "own organisation" in refused.refusal
    assert not Registration.objects.filter(person=stranger).exists()


@pytest.mark.parametrize("ticked", [[], ["abc"], ["999999"]])
def test_nothing_ticked_or_a_stranger_registers_nobody(client_of, school_contact, teacher, ticked):
    event = make_event()
    response = client_of(school_contact).post(
        _url("register_colleague", event.slug), {"colleague": ticked}, follow=True
    )
    assert "Tick one or more colleagues from the list." in response.content.decode()
    assert not Registration.objects.filter(event=event).exists()


def test_an_outsider_cannot_tick_another_schools_staff(client_of, outsider, teacher, colleague):
    event = make_event()
    response = client_of(outsider).post(
        _url("register_colleague", event.slug), {"colleague": [teacher.pk, colleague.pk]}
    )
    assert response.status_code == 302
    assert not Registration.objects.filter(event=event).exists()


def test_registering_oneself_says_nothing_about_who_registered(
    teacher, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event=make_event(), person=teacher)
    [message] = mail.outbox
    assert "registered you" not in message.body and "heeft je ingeschreven" not in message.body
