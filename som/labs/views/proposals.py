"""Calls, the proposal editor (with its live eligibility panel), invitations, and the team's
screening and pitch slots. Each view is a gate, a form and one service call."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.models import Person
from som.accounts.requests import person_of
from som.core.errors import DomainError
from som.core.params import positive_int
from som.core.roles import require_team_page
from som.labs import eligibility, permissions, selectors, services
from som.labs.forms import (
    BudgetLineFormSet,
    InviteForm,
    PitchForm,
    ProposalForm,
    ScreeningForm,
    StartProposalForm,
    budget_lines_of,
)
from som.labs.models import Proposal


def _wants_json(request: HttpRequest) -> bool:
    """The autosave script posts the same form with `Accept: application/json`."""
    return "application/json" in request.headers.get("Accept", "")


# --- Calls ------------------------------------------------------------------------------------------


def calls(request: HttpRequest) -> HttpResponse:
    context = {
        "calls": list(selectors.open_calls()),
        "form": StartProposalForm(),
        "limits": eligibility.Thresholds.from_settings(),
    }
    return render(request, "labs/calls.html", context)


@require_POST
@login_required
def start(request: HttpRequest, pk: int) -> HttpResponse:
    call = permissions.get_open_call(pk)
    form = StartProposalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give your proposal a working title."))
        return redirect("labs:calls")
    try:
        proposal = services.start_proposal(
            call=call, by=person_of(request), title=form.cleaned_data["title"]
        )
    except services.ProposalError as error:
        messages.error(request, error.message)
        return redirect("labs:calls")
    messages.success(request, _("Your proposal is started. Invite your co-authors below."))
    return redirect("labs:proposal", pk=proposal.pk)


# --- The editor -------------------------------------------------------------------------------------


def _can_edit(proposal: Proposal, person: Person) -> bool:
    return proposal.is_draft and services.is_author(proposal, person)


def _panel(request: HttpRequest, proposal: Proposal) -> str:
    day = proposal.submitted_at.date() if proposal.submitted_at else timezone.localdate()
    rules = selectors.eligibility_of(proposal, day)
    return render_to_string(
        "labs/_eligibility.html",
        {
            "rules": rules,
            "all_met": not eligibility.unmet(rules),
            "unmet_count": len(eligibility.unmet(rules)),
            "day": day,
            "proposal": proposal,
        },
        request=request,
    )


def _editor_context(
    request: HttpRequest, proposal: Proposal, form: ProposalForm | None, formset: Any
) -> dict[str, Any]:
    person = person_of(request)
    return {
        "proposal": proposal,
        "form": form,
        "formset": formset,
        "can_edit": _can_edit(proposal, person),
        "can_invite": services.is_author(proposal, person),
        "panel": _panel(request, proposal),
        "coauthors": list(proposal.coauthors.select_related("person", "invited_by")),
        "budget_lines": list(proposal.budget_lines.all()),
        "invite_form": InviteForm(),
        "last_revision": selectors.revisions_of(proposal).first(),
    }


@login_required
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    """Authors edit a draft here; the team and authors of a submitted proposal read it."""
    person = person_of(request)
    proposal = permissions.get_proposal_for_author(person, pk)
    if not _can_edit(proposal, person):
        return render(request, "labs/proposal.html", _editor_context(request, proposal, None, None))
    if request.method != "POST":
        form = ProposalForm(initial=ProposalForm.initial_for(proposal))
        formset = BudgetLineFormSet(
            prefix="budget",
            initial=[
                {"description": line.description, "amount": line.amount}
                for line in proposal.budget_lines.all()
            ],
        )
        return render(
            request, "labs/proposal.html", _editor_context(request, proposal, form, formset)
        )
    return _save(request, proposal)


def _save(request: HttpRequest, proposal: Proposal) -> HttpResponse:
    form = ProposalForm(request.POST)
    formset = BudgetLineFormSet(request.POST, prefix="budget")
    error = ""
    if form.is_valid() and formset.is_valid():
        try:
            proposal = services.update_proposal(
                proposal=proposal,
                by=person_of(request),
                data=form.data_with(budget_lines_of(formset)),
            )
        except services.ProposalError as refusal:
            error = refusal.message
        else:
            if _wants_json(request):
                saved = date_format(timezone.localtime(), "H:i:s")
                return JsonResponse(
                    {
                        "ok": True,
                        "message": _("Saved at %(time)s.") % {"time": saved},
                        "panel": _panel(request, proposal),
                    }
                )
            messages.success(request, _("Your changes are saved."))
            return redirect("labs:proposal", pk=proposal.pk)
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": False,
                "message": error or _("Not saved: check the fields marked in red and save."),
                "panel": _panel(request, proposal),
            },
            status=400,
        )
    if error:
        form.add_error(None, error)
    context = _editor_context(request, proposal, form, formset)
    return render(request, "labs/proposal.html", context, status=400)


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = permissions.get_proposal_for_author(person_of(request), pk)
    revisions = list(selectors.revisions_of(proposal))
    chosen = None
    changes: list[Any] = []
    wanted = positive_int(request.GET.get("revision"))
    if wanted is not None:
        chosen = next((r for r in revisions if r.pk == wanted), None)
    if chosen is not None:
        changes = selectors.field_diff(chosen.snapshot, selectors.snapshot(proposal))
    context = {"proposal": proposal, "revisions": revisions, "chosen": chosen, "changes": changes}
    return render(request, "labs/history.html", context)


@require_POST
@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    proposal = permissions.get_proposal_for_author(person, pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid email address to invite."))
        return redirect("labs:proposal", pk=proposal.pk)
    try:
        services.invite_coauthor(proposal=proposal, by=person, **form.cleaned_data)
    except DomainError as error:  # a refusal, or too many invitations
        messages.error(request, error.message)
    else:
        # The same answer whether the address has an account or not.
        messages.success(
            request,
            _("We sent an invitation to %(email)s. They become a co-author once they accept it.")
            % {"email": form.cleaned_data["email"].strip().lower()},
        )
    return redirect("labs:proposal", pk=proposal.pk)


@require_POST
@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    proposal = permissions.get_proposal_for_author(person, pk)
    try:
        services.submit_proposal(proposal=proposal, by=person)
    except services.ProposalError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your proposal is submitted. The SOM team screens it after the deadline.")
        )
    return redirect("labs:proposal", pk=proposal.pk)


# --- The person's own proposals and invitations -------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    context = {
        "labs": list(selectors.labs_of(person)),
        "lab_invitations": list(selectors.lab_invitations_of(person)),
        "proposals": list(selectors.proposals_of(person)),
        "invitations": list(selectors.invitations_of(person)),
    }
    return render(request, "labs/mine.html", context)


@require_POST
@login_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    invitation = permissions.get_invitation_for_invitee(person, pk)
    try:
        services.accept_invitation(coauthor=invitation, person=person)
    except services.ProposalError as error:
        messages.error(request, error.message)
        return redirect("labs:mine")
    messages.success(request, _("Welcome aboard: you are now a co-author of this proposal."))
    return redirect("labs:proposal", pk=invitation.proposal_id)


@require_POST
@login_required
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    invitation = permissions.get_invitation_for_invitee(person, pk)
    try:
        services.decline_invitation(coauthor=invitation, person=person)
    except services.ProposalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You declined the invitation."))
    return redirect("labs:mine")


# --- The team ---------------------------------------------------------------------------------------


@login_required
def team_calls(request: HttpRequest) -> HttpResponse:
    require_team_page(person_of(request))
    return render(request, "labs/team_calls.html", {"calls": list(selectors.calls_for_team())})


@login_required
def team_call(request: HttpRequest, pk: int) -> HttpResponse:
    call = permissions.get_call_for_team(person_of(request), pk)
    context = {
        "call": call,
        "proposals": list(selectors.proposals_for_team(call)),
        "deadline_passed": timezone.now() > call.deadline,
    }
    return render(request, "labs/team_call.html", context)


@login_required
def team_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    """Screening: eligible, or not with a reason for the authors; then a pitch slot."""
    person = person_of(request)
    proposal = permissions.get_proposal_for_team(person, pk)
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.screen_proposal(proposal=proposal, by=person, **form.cleaned_data)
        except services.ProposalError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The screening is saved."))
            return redirect("labs:team_call", pk=proposal.call_id)
    slots = selectors.pitch_slots_for(proposal.call)
    initial = {"slot": proposal.pitch_slot_id, "order": proposal.pitch_order or 1}
    context = {
        "proposal": proposal,
        "form": form,
        "pitch_form": PitchForm(slots=slots, initial=initial),
        "has_slots": slots.exists(),
        "panel": _panel(request, proposal),
        "coauthors": list(proposal.coauthors.select_related("person")),
        "budget_lines": list(proposal.budget_lines.all()),
    }
    return render(request, "labs/team_proposal.html", context)


@require_POST
@login_required
def pitch(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    proposal = permissions.get_proposal_for_team(person, pk)
    form = PitchForm(request.POST, slots=selectors.pitch_slots_for(proposal.call))
    if not form.is_valid():
        messages.error(request, _("Choose a pitch slot and an order."))
        return redirect("labs:team_proposal", pk=proposal.pk)
    try:
        services.schedule_pitch(proposal=proposal, by=person, **form.cleaned_data)
    except services.ProposalError as error:
        messages.error(request, error.message)
        return redirect("labs:team_proposal", pk=proposal.pk)
    messages.success(request, _("The pitch is on the programme."))
    return redirect("labs:team_call", pk=proposal.call_id)
