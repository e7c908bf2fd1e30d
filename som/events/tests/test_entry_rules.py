"""The members' benefit exactly as the brochure says: free access to the network days for
the staff of members (and lab members, invited experts), the member price (or the price) for
the other events, shown to the reader with the reason, kept as rules the general assembly
changes from a day on."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from som.core.audit import AuditEntry
from som.core.errors import DomainError
from som.core.testing import in_threads, needs_postgres
from som.events import entry, services
from som.events.models import EntryRule, Event, Registration
from som.events.services.entry_rules import EntryRuleError, set_entry_rule
from som.events.tests.factories import make_event
from som.finance.models import Invoice
from som.membership import entitlements
from som.membership.tests.factories import paid_membership
from som.network.tests.factories import make_person

pytestmark = pytest.mark.django_db

PRICE, MEMBER_PRICE = Decimal("25.00"), Decimal("15.00")


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"events:{name}", kwargs=kwargs)


def at(day: str, hour: int = 13) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T{hour:02d}:00"))


def network_day(day: str, **overrides) -> Event:
    starts = at(day)
    fields = {"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=5), "price": PRICE}
    return make_event(**(fields | overrides))


def community(day: str, **overrides) -> Event:
    fields = {"kind": Event.Kind.COMMUNITY, "member_price": MEMBER_PRICE}
    return network_day(day, **(fields | overrides))


@pytest.fixture
def member_school(school, school_contact, team_member, this_year, next_year, general):
    for year in (this_year, next_year):
        paid_membership(
            applicant=school_contact,
            team=team_member,
            year=year,
            membership_type=general,
            organisation=school,
        )
    return school


@pytest.fixture
def lab_member(team_member, this_year, next_year, lab):
    person = make_person(email="labo@example.org", full_name="Lien Labo")
    for year in (this_year, next_year):
        paid_membership(applicant=person, team=team_member, year=year, membership_type=lab)
    return person


@pytest.fixture
def invited_expert(monkeypatch):
    person = make_person(email="gast@example.org", full_name="Geert Gast")
    source = lambda who, day, lab: "Taalrijk" if who.pk == person.pk else None  # noqa: E731
    monkeypatch.setattr(entitlements, "_expert_sources", [source])
    return person


def test_the_brochures_rules_are_in_the_database():
    rules = {
        (rule.event_kind, rule.basis): (rule.entry, rule.per_year)
        for rule in EntryRule.objects.all()
    }
    assert rules == {
        ("network_day", "member_staff"): ("free", None),
        ("network_day", "lab_member"): ("free", None),
        ("network_day", "invited_expert"): ("free", None),
        ("community", "member_staff"): ("member_price", None),
        ("community", "lab_member"): ("member_price", None),
        ("community", "invited_expert"): ("price", None),
    }


# --- The rule table: each basis at each kind of event ---------------------------------------------


@pytest.mark.today("2027-03-01")
@pytest.mark.parametrize(
    ("who", "kind", "basis", "amount", "code"),
    [
        ("teacher", "network_day", "member_staff", "0", entry.FREE),
        ("teacher", "community", "member_price", "15.00", entry.MEMBER_PRICE),
        ("lab_member", "network_day", "lab_member", "0", entry.FREE),
        ("lab_member", "community", "member_price", "15.00", entry.MEMBER_PRICE),
        ("invited_expert", "network_day", "invited_expert", "0", entry.FREE),
        ("invited_expert", "community", "paying", "25.00", entry.NOT_COVERED),
        ("outsider", "network_day", "paying", "25.00", entry.NOT_ENTITLED),
        ("outsider", "community", "paying", "25.00", entry.NOT_ENTITLED),
        ("team_member", "network_day", "team", "0", entry.TEAM),
        ("team_member", "community", "team", "0", entry.TEAM),
    ],
)
def test_each_basis_at_each_kind_of_event(request, member_school, who, kind, basis, amount, code):
    person = request.getfixturevalue(who)
    event = community("2027-04-20") if kind == "community" else network_day("2027-04-20")
    terms = entry.terms_for(event, person)
    assert (terms.basis, terms.amount, terms.code) == (basis, Decimal(amount), code)


@pytest.mark.today("2027-03-01")
def test_a_paid_community_event_is_no_longer_free_for_staff_of_a_member(teacher, member_school):
    """The defect of the issue: staff of a member entered every event free."""
    registration = services.register(event=community("2027-04-20"), person=teacher)
    assert registration.basis == Registration.Basis.MEMBER_PRICE
    invoice = Invoice.objects.get(pk=registration.invoice_id or 0)
    assert invoice.amount == MEMBER_PRICE


# --- A limit per calendar year, as a general assembly may decide ----------------------------------


@pytest.fixture
def two_free_network_days_a_year(db):
    """A general assembly's decision (the seeded brochure's rules have no limit): from
    1 June 2026 on, at most 2 free network days a calendar year, then the price."""
    for basis in EntryRule.Basis.values:
        EntryRule.objects.create(
            event_kind=Event.Kind.NETWORK_DAY,
            basis=basis,
            entry=EntryRule.Entry.FREE,
            per_year=2,
            valid_from=datetime.date(2026, 6, 1),
            decision="Algemene vergadering van 20 mei 2026",
        )


@pytest.mark.today("2027-03-01")
def test_the_brochures_network_days_are_free_without_a_count(teacher, member_school):
    for day in ("2027-04-20", "2027-06-10", "2027-10-05"):
        services.register(event=network_day(day), person=teacher)
    bases = Registration.objects.filter(person=teacher).values_list("basis", flat=True)
    assert set(bases) == {"member_staff"}
    assert not Registration.objects.filter(person=teacher, invoice_id__isnull=False).exists()


@pytest.mark.today("2027-03-01")
def test_the_third_network_day_of_a_year_costs_the_price(
    teacher, member_school, two_free_network_days_a_year
):
    days = [network_day(day) for day in ("2027-04-20", "2027-06-10", "2027-10-05")]
    with translation.override("en"):
        first = entry.terms_for(days[0], teacher)
        assert first.sentence() == (
            "Free: you work for Basisschool De Linde, a member of SOM Leuven; "
            "1 of your 2 free network days in 2027."
        )
        services.register(event=days[0], person=teacher)
        second = entry.terms_for(days[1], teacher)
        assert (second.amount, second.params["nth"]) == (0, 2)
        services.register(event=days[1], person=teacher)
        third = entry.terms_for(days[2], teacher)
        assert (third.basis, third.amount, third.code) == ("paying", PRICE, entry.LIMIT_USED)
        assert "already come free to 2 network days in 2027" in third.sentence()
    registration = services.register(event=days[2], person=teacher)
    assert registration.basis == Registration.Basis.PAYING
    assert Invoice.objects.get(pk=registration.invoice_id or 0).amount == PRICE
    # The free ones stay free: the terms of an event do not count the event itself.
    assert entry.terms_for(days[0], teacher).amount == 0


@pytest.mark.today("2027-03-01")
def test_a_cancelled_network_day_gives_the_free_day_back(
    teacher, member_school, two_free_network_days_a_year
):
    first, second, third = (network_day(d) for d in ("2027-04-20", "2027-06-10", "2027-10-05"))
    registration = services.register(event=first, person=teacher)
    services.register(event=second, person=teacher)
    assert entry.terms_for(third, teacher).amount == PRICE
    services.cancel(registration=registration, by=teacher)
    assert entry.terms_for(third, teacher).amount == 0


@pytest.mark.today("2027-03-01")
def test_a_network_day_free_for_everybody_uses_up_no_free_day(
    teacher, member_school, two_free_network_days_a_year
):
    services.register(event=network_day("2027-04-20", price=Decimal("0")), person=teacher)
    services.register(event=network_day("2027-05-20", price=Decimal("0")), person=teacher)
    terms = entry.terms_for(network_day("2027-06-10"), teacher)
    assert (terms.amount, terms.params["nth"]) == (0, 1)


@pytest.mark.today("2027-11-15")
def test_a_network_day_on_2_january_counts_in_the_new_year(
    teacher, member_school, two_free_network_days_a_year
):
    for day in ("2027-11-30", "2027-12-28"):
        services.register(event=network_day(day), person=teacher)
    assert entry.terms_for(network_day("2027-12-31"), teacher).amount == PRICE
    # 00:30 in Leuven on 2 January is still 1 January in UTC: the day in Leuven counts.
    starts = at("2028-01-02", 0) + datetime.timedelta(minutes=30)
    new_year = make_event(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=5), price=PRICE
    )
    terms = entry.terms_for(new_year, teacher)
    assert (terms.amount, terms.params["year"], terms.params["nth"]) == (0, 2028, 1)


# --- The member price -----------------------------------------------------------------------------


@pytest.mark.today("2027-03-01")
def test_without_a_member_price_staff_pay_the_price_and_a_zero_one_is_free(teacher, member_school):
    terms = entry.terms_for(community("2027-04-20", member_price=None), teacher)
    assert (terms.basis, terms.amount, terms.code) == ("paying", PRICE, entry.NO_MEMBER_PRICE)
    free = entry.terms_for(community("2027-04-21", member_price=Decimal("0")), teacher)
    assert (free.basis, free.amount) == ("member_staff", 0)
    free_for_all = entry.terms_for(community("2027-04-22", price=Decimal("0")), teacher)
    assert (free_for_all.basis, free_for_all.amount) == ("member_staff", 0)


@pytest.mark.today("2027-03-01")
def test_a_members_only_event_still_refuses_those_not_entitled(outsider):
    event = community("2027-04-20", audience=Event.Audience.MEMBERS)
    with pytest.raises(services.RegistrationError) as error:
        services.terms_for(event, outsider)
    assert error.value.code == "members_only"


# --- The general assembly changes a rule from a day on --------------------------------------------


@pytest.mark.today("2027-03-01")
def test_a_new_rule_applies_from_its_day_and_changes_no_registration(
    teacher, member_school, team_member
):
    before, after = network_day("2027-05-20"), network_day("2027-09-20")
    made = services.register(event=after, person=teacher)
    rule = set_entry_rule(
        values={
            "event_kind": "network_day",
            "basis": "member_staff",
            "entry": "member_price",
            "per_year": 2,
            "valid_from": datetime.date(2027, 7, 1),
            "decision": "Algemene vergadering van 10 juni 2027",
        },
        by=team_member,
    )
    assert rule.per_year is None  # a limit counts free places only
    assert entry.terms_for(before, teacher).amount == 0
    later = network_day("2027-09-21", member_price=Decimal("10.00"))
    assert entry.terms_for(later, teacher).amount == Decimal("10.00")
    made.refresh_from_db()
    assert made.basis == "member_staff" and made.invoice_id is None
    assert AuditEntry.objects.filter(action="entry_rule.added").count() == 1


@pytest.mark.today("2027-03-01")
def test_a_rule_is_added_by_the_team_only_from_today_on_with_its_decision(team_member, teacher):
    values = {
        "event_kind": "community",
        "basis": "lab_member",
        "entry": "free",
        "per_year": None,
        "valid_from": datetime.date(2027, 3, 1),
        "decision": "AV 1 maart 2027",
    }
    with pytest.raises(DomainError) as error:
        set_entry_rule(values=values, by=teacher)
    assert error.value.code == "not_team"
    changes: list[tuple[dict[str, object], str]] = [
        ({"valid_from": datetime.date(2027, 2, 28)}, "in_the_past"),
        ({"decision": "  "}, "no_decision"),
        ({"event_kind": "external"}, "external"),
    ]
    for change, code in changes:
        with pytest.raises(EntryRuleError) as error:
            set_entry_rule(values=values | change, by=team_member)
        assert error.value.code == code
    set_entry_rule(values=values, by=team_member)
    with pytest.raises(EntryRuleError) as error:
        set_entry_rule(values=values, by=team_member)
    assert error.value.code == "same_day"
    assert EntryRule.objects.filter(decision="AV 1 maart 2027").count() == 1


@pytest.mark.today("2027-03-01")
def test_the_team_page_lists_the_rules_and_adds_one(client_of, team_member, teacher):
    client = client_of(team_member)
    page = client.get(url("entry_rules")).content.decode()
    assert "Brochure &#x27;Van netwerk naar vzw&#x27; (2026)" in page
    response = client.post(
        url("entry_rules"),
        {
            "event_kind": "network_day",
            "basis": "invited_expert",
            "entry": "price",
            "per_year": "",
            "valid_from": "2027-09-01",
            "decision": "AV 12 maart 2027",
        },
        follow=True,
    )
    assert "AV 12 maart 2027" in response.content.decode()
    assert EntryRule.objects.filter(decision="AV 12 maart 2027", entry="price").exists()
    wrong = client.post(url("entry_rules"), {"event_kind": "network_day", "decision": "x"})
    assert wrong.status_code == 200 and EntryRule.objects.count() == 7
    assert client_of(teacher).get(url("entry_rules")).status_code == 404


# --- What the reader sees, and what the invoice says ----------------------------------------------


@pytest.mark.today("2027-03-01")
def test_the_page_says_the_price_and_why_to_a_member_an_outsider_and_the_team(
    client, client_of, teacher, outsider, team_member, member_school
):
    event = community("2027-04-20")
    box = client_of(teacher).get(url("detail", slug=event.slug)).content.decode()
    assert "Member price €\xa015.00 instead of €\xa025.00: you work for Basisschool De Linde" in box
    box = client_of(outsider).get(url("detail", slug=event.slug)).content.decode()
    assert "€\xa025.00: you are not a member of SOM Leuven." in box
    box = client_of(team_member).get(url("detail", slug=event.slug)).content.decode()
    assert "You are part of the SOM team." in box
    public = client.get(url("detail", slug=event.slug)).content.decode()
    assert "Staff of member institutions" in public and "member price €\xa015.00" in public
    assert "Member price €\xa015.00 instead" not in public  # nothing personal in the shared part
    day = network_day("2027-04-21")
    public = client.get(url("detail", slug=day.slug)).content.decode()
    assert "Staff of member institutions, lab members and invited experts: <strong>free" in public


@pytest.mark.today("2027-03-01")
def test_the_invoice_is_the_price_the_register_page_showed(
    client_of, teacher, member_school, django_capture_on_commit_callbacks
):
    event = community("2027-04-20")
    client = client_of(teacher)
    page = client.get(url("register", slug=event.slug)).content.decode()
    shown = entry.terms_for(event, teacher).amount
    assert shown == MEMBER_PRICE and "€\xa015.00" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("register", slug=event.slug))
    registration = Registration.objects.get(person=teacher)
    assert Invoice.objects.get(pk=registration.invoice_id or 0).amount == shown
    ticket_mail = next(m for m in mail.outbox if "ticket" in m.subject.lower())
    assert "Member price" in ticket_mail.body or "Ledenprijs" in ticket_mail.body


# --- Exactly one last free day --------------------------------------------------------------------


@pytest.mark.today("2027-03-01")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_registrations_at_once_take_the_last_free_day_once(
    teacher, member_school, two_free_network_days_a_year
):
    needs_postgres()
    days = [network_day(day) for day in ("2027-04-20", "2027-06-10", "2027-10-05")]
    services.register(event=days[0], person=teacher)
    assert in_threads(2, lambda i: services.register(event=days[1 + i], person=teacher)) == []
    bases = sorted(Registration.objects.filter(person=teacher).values_list("basis", flat=True))
    assert bases == ["member_staff", "member_staff", "paying"]
