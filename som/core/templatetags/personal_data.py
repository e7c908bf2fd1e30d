from django import template

from som.core.personal_data import describe_kept

register = template.Library()


@register.filter
def kept_record(record: dict[str, str]) -> str:
    """What an erasure keeps and why, in the language the page or mail is rendered in."""
    return describe_kept(record)
