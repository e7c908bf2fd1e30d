from som.membership.models import MembershipType, Tariff


def tariff(membership_type: MembershipType, code: str = "standard") -> Tariff:
    return membership_type.tariffs.get(code=code)
