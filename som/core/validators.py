"""Validators shared by the apps' models (and so by their forms and the back office)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# SOM Leuven's history starts in the 2010s; nothing it plans runs past 2100. A date outside is a
# typo (year 1, 20266) that would break every page listing it: Python cannot show a time of
# year 1 in Brussels' time zone.
MIN_YEAR = 2000
MAX_YEAR = 2100


def sensible_date(value: datetime.date | datetime.datetime | None) -> None:
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(
            _("Choose a date between the years %(first)d and %(last)d."),
            code="date_out_of_range",
            params={"first": MIN_YEAR, "last": MAX_YEAR},
        )
