"""Mijn SOM's API keys: make one (shown once), see one's keys, revoke one for good."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts import api_tokens, permissions
from som.accounts.forms import ApiKeyForm
from som.accounts.requests import person_of


@login_required
def api_keys(request: HttpRequest) -> HttpResponse:
    person = person_of(request)

    def empty() -> ApiKeyForm:
        return ApiKeyForm(
            scopes=api_tokens.scopes_for(person), max_days=settings.API_TOKEN_MAX_DAYS
        )

    form = empty()
    made = secret = None
    if request.method == "POST":
        form = ApiKeyForm(
            request.POST,
            scopes=api_tokens.scopes_for(person),
            max_days=settings.API_TOKEN_MAX_DAYS,
        )
        if form.is_valid():
            try:
                made, secret = api_tokens.create_api_token(
                    person=person,
                    name=form.cleaned_data["name"],
                    scopes=form.cleaned_data["scopes"],
                    days=form.cleaned_data["days"],
                )
            except api_tokens.ApiTokenError as error:
                form.add_error(None, str(error))
            else:
                form = empty()
    # The keys at work first, newest first; the revoked ones after them.
    tokens = person.api_keys.order_by(F("revoked_at").desc(nulls_first=True), "-created_at")
    response = render(
        request,
        "accounts/api_keys.html",
        {"form": form, "tokens": tokens, "made": made, "secret": secret},
    )
    # The key is in this page only: not in a cache, a redirect or the browser's history.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def revoke_api_key(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    token = permissions.get_api_token_for_owner(person, pk)
    try:
        api_tokens.revoke_api_token(token=token, by=person)
    except api_tokens.ApiTokenError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The key %(prefix)s… is revoked: it no longer works.") % {"prefix": token.prefix},
        )
    return redirect("accounts:api_keys")
