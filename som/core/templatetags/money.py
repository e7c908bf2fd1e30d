"""`{{ amount|euros }}`: som.core.money.euros for templates ("€ 100,00" in Dutch)."""

from decimal import Decimal

from django import template

from som.core import money

register = template.Library()


@register.filter
def euros(amount: Decimal | int | str | None) -> str:
    return money.euros(amount)
