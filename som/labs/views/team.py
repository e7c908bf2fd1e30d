"""The team's lab pages: every lab, confirmed proposals still without a lab, a lab entered by
hand, expenses to approve, yearly report entries to approve."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.core.errors import DomainError
from som.core.roles import require_team_page
from som.finance.services import budgets
from som.labs import permissions, selectors
from som.labs.forms import labs as forms
from som.labs.services import labs as lab_services
from som.labs.services import work


@login_required
def labs(request: HttpRequest) -> HttpResponse:
    require_team_page(person_of(request))
    context = {
        "labs": selectors.labs_with_leads(),
        "waiting_expenses": selectors.waiting_lab_expenses(),
        "waiting_entries": selectors.draft_year_entries(),
        "confirmed_without_lab": selectors.confirmed_without_lab(),
    }
    return render(request, "labs/team/labs.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    require_team_page(person)
    form = forms.NewLabForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lab = lab_services.create_lab(
                data=form.data_for_service(),
                granted=form.cleaned_data["granted"],
                status=form.cleaned_data["status"],
                by=person,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The lab is created. Invite its leads on the group page."))
            return redirect("labs:group", slug=lab.slug)
    return render(request, "labs/team/create.html", {"form": form})


@require_POST
@login_required
def from_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    proposal = permissions.get_proposal_for_team(person, pk)
    try:
        lab = lab_services.create_lab_from_proposal(proposal=proposal, by=person)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("labs:team_labs")
    messages.success(request, _("The lab %(lab)s is created.") % {"lab": lab})
    return redirect("labs:group", slug=lab.slug)


@login_required
def lab(request: HttpRequest, slug: str) -> HttpResponse:
    """The team's view of one lab: its budget (change the granted amount) and expenses."""
    person = person_of(request)
    the_lab = permissions.get_lab_for_team(person, slug)
    form = forms.BudgetForm(request.POST or None, initial={"granted": the_lab.budget.granted})
    if request.method == "POST" and form.is_valid():
        try:
            lab_services.change_budget(lab=the_lab, granted=form.cleaned_data["granted"], by=person)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The granted budget is changed."))
            return redirect("labs:budget", slug=slug)
    context = {"lab": the_lab, "form": form, "summary": budgets.summary_of(the_lab.budget)}
    return render(request, "labs/team/lab.html", context)


@require_POST
@login_required
def expense(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = person_of(request)
    the_lab, the_expense = permissions.get_expense_for_team(person, slug, pk)
    try:
        if request.POST.get("decision") == "approve":
            work.approve_lab_expense(lab=the_lab, expense=the_expense, by=person)
            messages.success(request, _("The expense is approved."))
        else:
            form = forms.RejectForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            work.reject_lab_expense(lab=the_lab, expense=the_expense, reason=reason, by=person)
            messages.success(request, _("The expense is rejected; the leads get the reason."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("labs:budget", slug=slug)


@require_POST
@login_required
def year_entry(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = person_of(request)
    the_lab = permissions.get_lab_for_team(person, slug)
    entry = the_lab.year_entries.filter(pk=pk).first()
    if entry is None:
        return redirect("labs:team_labs")
    decision = request.POST.get("decision")
    if decision not in ("approve", "reopen"):
        messages.error(request, _("Choose whether to approve or to reopen the entry."))
        return redirect("labs:year_entries", slug=slug)
    try:
        if decision == "reopen":
            work.reopen_year_entry(entry=entry, by=person)
            messages.success(request, _("The entry is open for the leads again."))
        else:
            work.approve_year_entry(entry=entry, by=person)
            messages.success(request, _("The entry is approved for the annual report."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("labs:year_entries", slug=slug)
