from django.http import HttpRequest

from som.accounts.models import Person


def person_of(request: HttpRequest) -> Person:
    """The logged-in person of a request (for views behind @login_required)."""
    assert isinstance(request.user, Person)
    return request.user
