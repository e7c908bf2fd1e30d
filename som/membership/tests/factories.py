"""Members made the way users make them: apply, approve, pay."""

from som.accounts.models import Person
from som.finance import services as finance
from som.finance.models import Invoice
from som.membership import services
from som.membership.models import Membership, MembershipType, MembershipYear
from som.network.models import Organisation


def invoice_of(membership: Membership) -> Invoice:
    return Invoice.objects.get(purpose=Invoice.Purpose.MEMBERSHIP, subject_id=membership.pk)


def approved_membership(
    *,
    applicant: Person,
    team: Person,
    year: MembershipYear,
    membership_type: MembershipType,
    organisation: Organisation | None = None,
    tariff_code: str = "standard",
) -> Membership:
    application = services.apply(
        applicant=applicant,
        membership_type=membership_type,
        tariff=membership_type.tariffs.get(code=tariff_code),
        year=year,
        organisation=organisation,
        justification="Veel leerlingen met een schooltoelage" if tariff_code == "reduced" else "",
    )
    return services.approve(application=application, by=team)


def paid_membership(*, team: Person, **kwargs: object) -> Membership:
    membership = approved_membership(team=team, **kwargs)  # type: ignore[arg-type]
    invoice = invoice_of(membership)
    finance.register_payment(
        invoice=invoice, amount=invoice.amount, booked_on=invoice.issued_on, by=team
    )
    membership.refresh_from_db()
    return membership
