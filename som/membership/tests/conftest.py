import datetime

import pytest
from django.utils import timezone

from som.membership.models import MembershipType, MembershipYear, Tariff


@pytest.fixture
def this_year(db) -> MembershipYear:
    year = timezone.localdate().year
    membership_year, _ = MembershipYear.objects.get_or_create(
        year=year,
        defaults={
            "starts_on": datetime.date(year, 1, 1),
            "ends_on": datetime.date(year, 12, 31),
        },
    )
    return membership_year


@pytest.fixture
def next_year(this_year) -> MembershipYear:
    return MembershipYear.objects.create(
        year=this_year.year + 1,
        starts_on=datetime.date(this_year.year + 1, 1, 1),
        ends_on=datetime.date(this_year.year + 1, 12, 31),
    )


@pytest.fixture
def general(db) -> MembershipType:
    return MembershipType.objects.get(code="general")


@pytest.fixture
def lab(db) -> MembershipType:
    return MembershipType.objects.get(code="lab")


def tariff(membership_type: MembershipType, code: str = "standard") -> Tariff:
    return membership_type.tariffs.get(code=code)
