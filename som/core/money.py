"""Amounts of money as people read them: one way for every page, mail and PDF.

`euros(Decimal("1234.5"))` is "€ 1.234,50" in Dutch and "€ 1,234.50" in English: the euro sign, a
no-break space (the sign never ends a line on its own), the active language's separators, always two
decimals ("€ 100,00", not "€ 100" on one page and "EUR 100.00" on the next).
Templates use the same function as the filter `{{ amount|euros }}` (`{% load money %}`).
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.formats import number_format

CENT = Decimal("0.01")
NO_BREAK_SPACE = "\u00a0"


def as_decimal(amount: Decimal | Fraction | int | float | str) -> Decimal:
    """The amount rounded to the cent (half up, as a bank does)."""
    if isinstance(amount, Fraction):
        value = Decimal(amount.numerator) / Decimal(amount.denominator)
    elif isinstance(amount, float):
        value = Decimal(str(amount))
    else:
        value = Decimal(amount)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def euros(amount: Decimal | Fraction | int | float | str | None) -> str:
    """The amount in the active language ("€ 1.234,50" in Dutch); "" for no amount."""
    if amount is None or amount == "":
        return ""
    number = number_format(as_decimal(amount), 2, use_l10n=True, force_grouping=True)
    return f"€{NO_BREAK_SPACE}{number}"
