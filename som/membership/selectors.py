from django.db.models import Prefetch, QuerySet

from som.membership.models import MembershipType, Tariff


def membership_types_with_tariffs() -> QuerySet[MembershipType]:
    """The membership types with their offered tariffs, dearest first (for the "join" page)."""
    return MembershipType.objects.prefetch_related(
        Prefetch(
            "tariffs",
            queryset=Tariff.objects.filter(is_active=True).order_by("-amount"),
            to_attr="offered_tariffs",
        )
    ).order_by("position")
