"""The team opens, edits and closes calls for lab proposals here (som.labs.services.calls); the
back office only shows them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.core.roles import require_team_page
from som.labs import permissions
from som.labs.forms import CallForm
from som.labs.services import calls as services


@login_required
def new_call(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    require_team_page(person)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.open_call(data=form.call_data(), by=person)
        except services.CallError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The call is open for proposals."))
            return redirect("labs:team_call", pk=call.pk)
    status = 400 if form.errors else 200
    return render(request, "labs/call_form.html", {"form": form, "call": None}, status=status)


@login_required
def edit_call(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    call = permissions.get_call_for_team(person, pk)
    if not call.is_editable:
        messages.error(
            request, _("The vote of this call has started: the call can no longer be changed.")
        )
        return redirect("labs:team_call", pk=call.pk)
    form = CallForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_call(call=call, data=form.call_data(), by=person)
        except services.CallError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The call is saved."))
            return redirect("labs:team_call", pk=call.pk)
    status = 400 if form.errors else 200
    return render(request, "labs/call_form.html", {"form": form, "call": call}, status=status)


@require_POST
@login_required
def close_call(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    call = permissions.get_call_for_team(person, pk)
    try:
        services.close_call(call=call, by=person)
    except services.CallError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The call is closed: screen its proposals."))
    return redirect("labs:team_call", pk=call.pk)
