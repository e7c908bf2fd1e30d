"""The gate to a person's own objects in accounts."""

from django.http import Http404

from som.accounts.models import ApiToken, Person


def get_api_token_for_owner(person: Person, pk: int) -> ApiToken:
    """One's own API key; somebody else's answers 404, as one that does not exist."""
    token = ApiToken.objects.filter(pk=pk, person=person).first()
    if token is None:
        raise Http404
    return token
