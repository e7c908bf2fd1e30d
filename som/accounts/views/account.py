import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from som.accounts import services
from som.accounts.forms import ErasureRequestForm, ProfileForm
from som.accounts.models import ErasureRequest
from som.accounts.requests import person_of
from som.core import personal_data


@login_required
def home(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.update_profile(
            person=person,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your details were saved."))
        return redirect("accounts:home")
    pending = person.erasure_requests.filter(status=ErasureRequest.Status.PENDING).first()
    return render(request, "accounts/home.html", {"form": form, "pending_erasure": pending})


@require_GET
@login_required
@cache_control(private=True, no_store=True)  # personal data: no browser or proxy keeps it
def export_data(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    data = services.export_personal_data(person=person)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"som-leuven-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def request_erasure_view(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_erasure(person=person, reason=form.cleaned_data["reason"])
        except services.ErasureError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Your request was sent. The team will confirm it and mail you when it is done."),
            )
        return redirect("accounts:home")
    kept = personal_data.kept_after_erasure(person)
    return render(request, "accounts/erasure.html", {"form": form, "kept": kept})
