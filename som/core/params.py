"""Numbers typed, clicked or sent by people and programs: in a query string, a form field, a
file. One place that reads them, because `str.isdigit()` says yes to "²" and "٣" (which `int()`
refuses, or reads as another number) and `int()` takes any number of digits (which the database
refuses past 64 bits). What is not a number in range is `default`: the caller decides whether
that means "the first page", "not found" or a message."""

from collections.abc import Iterable
from typing import TypeVar, overload

# The largest value of a 64-bit signed integer column (BigAutoField, BigIntegerField).
MAX_BIGINT = 2**63 - 1

T = TypeVar("T")


def is_ascii_digits(text: str) -> bool:
    """Only the digits 0-9, at least one of them."""
    return text.isascii() and text.isdigit()


def ascii_digits(text: str) -> str:
    """The digits 0-9 in `text`, in order ("+++090/9337/55493+++" -> "090933755493")."""
    return "".join(c for c in text if "0" <= c <= "9")


def whole_number(
    value: object, default: T, *, minimum: int = 0, maximum: int = MAX_BIGINT
) -> int | T:
    """`value` (a str of ASCII digits, or an int) as an int from `minimum` to `maximum`, else
    `default`. No sign, spaces or other digits are accepted from text."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and is_ascii_digits(value) and len(value) <= 19:
        number = int(value)
    else:
        return default
    return number if minimum <= number <= maximum else default


@overload
def positive_int(value: object, *, maximum: int = MAX_BIGINT) -> int | None: ...


@overload
def positive_int(value: object, default: T, *, maximum: int = MAX_BIGINT) -> int | T: ...


def positive_int(value: object, default: object = None, *, maximum: int = MAX_BIGINT) -> object:
    """A count, a page, an id: from 1 to `maximum`, else `default` (None unless given)."""
    return whole_number(value, default, minimum=1, maximum=maximum)


def ids(values: Iterable[object]) -> list[int] | None:
    """Ids from a form's repeated field (`request.POST.getlist("choice")`), or None when one of
    them is not an id: a form that sent something else is refused as a whole, not read in part."""
    found = [positive_int(value) for value in values]
    if any(number is None for number in found):
        return None
    return [number for number in found if number is not None]
