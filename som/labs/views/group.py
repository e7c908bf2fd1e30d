"""The lab group's own pages: the group (members, sessions, budget at a glance), sessions with
"I come / I don't come" and their record, the logbook, the budget, results and yearly report
entries. Each view: a gate, a form, one service call. Members read; leads act (the services
check it again)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.core.errors import DomainError
from som.core.roles import is_team
from som.finance.services import budgets
from som.labs import permissions, selectors
from som.labs.forms import labs as forms
from som.labs.models import Lab, LabSession
from som.labs.services import labs as lab_services
from som.labs.services import work


def _roles(lab: Lab, request: HttpRequest) -> dict[str, Any]:
    person = person_of(request)
    member = selectors.membership_of(lab, person)
    is_lead = member is not None and member.is_lead
    return {
        "lab": lab,
        "me": member,
        "is_lead": is_lead,
        "is_team": is_team(person),
        "can_manage": is_lead or is_team(person),
    }


@login_required
def home(request: HttpRequest, slug: str) -> HttpResponse:
    lab = permissions.get_lab_for_member(person_of(request), slug)
    now = timezone.now()
    sessions = selectors.recent_sessions(lab)
    context = _roles(lab, request) | {
        "members": list(selectors.current_members(lab)),
        "invited": list(selectors.invited_members(lab)),
        "former": list(selectors.former_members(lab)),
        "upcoming": [s for s in reversed(sessions) if s.starts_at >= now],
        "past_sessions": [s for s in sessions if s.starts_at < now],
        "budget": budgets.summary_of(lab.budget),
        "status_history": selectors.status_history(lab),
        "invite_form": forms.InviteMemberForm(),
    }
    return render(request, "labs/group/home.html", context)


@require_POST
@login_required
def invite_member(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_of(request)
    lab = permissions.get_lab_for_lead(person, slug)
    form = forms.InviteMemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid email address to invite."))
        return redirect("labs:group", slug=slug)
    try:
        lab_services.invite_member(lab=lab, by=person, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(email)s is invited by email.") % {"email": form.cleaned_data["email"]}
        )
    return redirect("labs:group", slug=slug)


@require_POST
@login_required
def end_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = person_of(request)
    member = permissions.get_member_for_lead(person, slug, pk)
    form = forms.EndMemberForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        lab_services.end_membership(member=member, by=person, reason=reason)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(name)s is no longer in the group.") % {"name": member.person}
        )
    return redirect("labs:group", slug=slug)


@login_required
def edit_lab(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_of(request)
    lab = permissions.get_lab_for_lead(person, slug)
    form = forms.LabForm(request.POST or None, initial=forms.LabForm.initial_for(lab))
    if request.method == "POST" and form.is_valid():
        try:
            lab_services.update_lab(lab=lab, data=form.data_for_service(), by=person)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The lab is saved."))
            return redirect("labs:group", slug=lab.slug)
    context = _roles(lab, request) | {
        "form": form,
        "status_form": forms.StatusForm(
            initial={"changed_on": timezone.localdate(), "to_status": lab.status}
        ),
    }
    return render(request, "labs/group/edit.html", context)


@require_POST
@login_required
def status(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_of(request)
    lab = permissions.get_lab_for_lead(person, slug)
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status, a date and explain the change."))
        return redirect("labs:edit", slug=slug)
    try:
        lab_services.change_status(lab=lab, by=person, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("labs:edit", slug=slug)
    messages.success(request, _("The status is changed."))
    return redirect("labs:group", slug=slug)


# --- Sessions ------------------------------------------------------------------------------------------


@login_required
def plan_session(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_of(request)
    lab = permissions.get_lab_for_lead(person, slug)
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = work.plan_session(lab=lab, data=form.data_for_service(), by=person)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session is planned; the members are told by mail."))
            return redirect("labs:session", slug=slug, pk=session.pk)
    return render(request, "labs/group/session_form.html", _roles(lab, request) | {"form": form})


@login_required
def session(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = person_of(request)
    the_session = permissions.get_session_for_member(person, slug, pk)
    lab = the_session.lab
    if request.method == "POST":
        permissions.get_lab_for_lead(person, slug)
        return _update_session(request, the_session)
    answers = {a.person_id: a for a in selectors.answers_to(the_session)}
    members = list(selectors.current_members(lab))
    rows = [{"member": m, "answer": answers.get(m.person_id)} for m in members]
    context = _roles(lab, request) | {
        "session": the_session,
        "rows": rows,
        "my_answer": answers.get(person.pk),
        "started": the_session.starts_at <= timezone.now(),
        "coming_count": sum(1 for a in answers.values() if a.coming),
        "reflection": getattr(the_session, "reflection", None),
    }
    if context["can_manage"] and not context["started"] and not the_session.is_cancelled:
        context["form"] = forms.SessionForm(initial=forms.SessionForm.initial_for(the_session))
        context["cancel_form"] = forms.CancelSessionForm()
    return render(request, "labs/group/session.html", context)


@require_POST
@login_required
def cancel_session(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = person_of(request)
    permissions.get_lab_for_lead(person, slug)
    the_session = permissions.get_session_for_member(person, slug, pk)
    form = forms.CancelSessionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        work.cancel_session(session=the_session, by=person, reason=reason)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The session is cancelled; the members who said they come are told by mail.")
        )
    return redirect("labs:session", slug=slug, pk=pk)


@require_POST
@login_required
def answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = person_of(request)
    the_session = permissions.get_session_for_member(person, slug, pk)
    answer = request.POST.get("coming")
    if answer not in ("yes", "no"):
        messages.error(request, _("Say whether you come or not."))
        return redirect("labs:session", slug=slug, pk=pk)
    coming = answer == "yes"
    try:
        work.answer_session(session=the_session, person=person, coming=coming)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Thank you: you come.") if coming else _("Thank you: you do not come.")
        )
    return redirect("labs:session", slug=slug, pk=pk)


def _update_session(request: HttpRequest, the_session: LabSession) -> HttpResponse:
    form = forms.SessionForm(request.POST)
    if form.is_valid():
        try:
            work.update_session(
                session=the_session, data=form.data_for_service(), by=person_of(request)
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The session is saved."))
    else:
        messages.error(request, _("Check the date, the time and the link."))
    return redirect("labs:session", slug=the_session.lab.slug, pk=the_session.pk)


@login_required
def record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """After the session: who came, the reflection, attachments."""
    person = person_of(request)
    the_session = permissions.get_session_for_member(person, slug, pk)
    lab = permissions.get_lab_for_lead(person, slug)
    members = list(selectors.current_members(lab))
    people = [(m.person_id, str(m.person)) for m in members]
    entry = getattr(the_session, "reflection", None)
    answers = selectors.answers_to(the_session)
    initial: dict[str, Any] = {
        "title": entry.title if entry else the_session.title,
        "attended": [
            str(a.person_id) for a in answers if a.attended or (a.attended is None and a.coming)
        ],
    }
    if entry is not None:
        initial |= {f: getattr(entry, f) for f in ("tried", "learnt", "next_steps", "is_public")}
    form = forms.RecordForm(
        request.POST or None, request.FILES or None, people=people, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            work.record_session(
                session=the_session,
                by=person,
                attended=[int(pk) for pk in form.cleaned_data["attended"]],
                reflection=form.reflection(),
                uploads=form.cleaned_data["attachments"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session is recorded in the logbook."))
            return redirect("labs:session", slug=slug, pk=pk)
    context = _roles(lab, request) | {"session": the_session, "form": form}
    return render(request, "labs/group/record.html", context)


# --- Logbook -------------------------------------------------------------------------------------------


@login_required
def logbook(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_of(request)
    lab = permissions.get_lab_for_member(person, slug)
    roles = _roles(lab, request)
    form = forms.ReflectionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        lab = permissions.get_lab_for_lead(person, slug)
        if form.is_valid():
            try:
                work.write_entry(
                    lab=lab,
                    data=form.reflection(),
                    by=person,
                    uploads=form.cleaned_data["attachments"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The entry is in the logbook."))
                return redirect("labs:logbook", slug=slug)
    context = roles | {"entries": list(selectors.logbook_for(lab)), "form": form}
    return render(request, "labs/group/logbook.html", context)


@login_required
def edit_entry(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Its author or a lead corrects an entry; the audit log keeps what it said before."""
    person = person_of(request)
    entry = permissions.get_entry_for_editor(person, slug, pk)
    form = forms.ReflectionForm(
        request.POST or None, request.FILES or None, initial=forms.ReflectionForm.initial_for(entry)
    )
    if request.method == "POST" and form.is_valid():
        try:
            work.update_entry(
                entry=entry,
                data=form.reflection(),
                by=person,
                uploads=form.cleaned_data["attachments"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The entry is changed."))
            return redirect(f"{reverse('labs:logbook', kwargs={'slug': slug})}#entry-{entry.pk}")
    context = _roles(entry.lab, request) | {"entry": entry, "form": form}
    return render(request, "labs/group/entry_edit.html", context)


# --- Budget ---------------------------------------------------------------------------------------------


@login_required
def budget(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_of(request)
    lab = permissions.get_lab_for_member(person, slug)
    roles = _roles(lab, request)
    form = forms.ExpenseForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        lab = permissions.get_lab_for_lead(person, slug)
        if form.is_valid():
            try:
                work.submit_lab_expense(lab=lab, by=person, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("The expense waits for the SOM team's approval."))
                return redirect("labs:budget", slug=slug)
        else:
            status = 400
    context = roles | {
        "summary": budgets.summary_of(lab.budget),
        "expenses": list(lab.budget.expenses.select_related("submitted_by", "decided_by")),
        "form": form,
        "reject_form": forms.RejectForm(),
    }
    return render(request, "labs/group/budget.html", context, status=status)


# --- Results ---------------------------------------------------------------------------------------------


@login_required
def results(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_of(request)
    lab = permissions.get_lab_for_member(person, slug)
    roles = _roles(lab, request)
    form = forms.ResultForm(request.POST or None)
    if request.method == "POST":
        lab = permissions.get_lab_for_lead(person, slug)
        if form.is_valid():
            try:
                new = work.save_result(lab=lab, data=form.data_for_service(), by=person)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The result is saved as a draft: add files, then publish it.")
                )
                return redirect("labs:edit_result", slug=slug, pk=new.pk)
    context = roles | {
        "results": list(lab.results.select_related("programme_item__event").order_by("-pk")),
        "form": form,
    }
    return render(request, "labs/group/results.html", context)


@login_required
def edit_result(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change the text, add a file or photo (consent asked), publish or take offline."""
    person = person_of(request)
    the_result = permissions.get_result_for_lead(person, slug, pk)
    lab = the_result.lab
    form = forms.ResultForm(initial=forms.ResultForm.initial_for(the_result))
    file_form = forms.ResultFileForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "save":
                form = forms.ResultForm(request.POST)
                if form.is_valid():
                    work.save_result(
                        lab=lab, data=form.data_for_service(), by=person, result=the_result
                    )
                    messages.success(request, _("The result is saved."))
                    return redirect("labs:edit_result", slug=slug, pk=pk)
            elif action == "file":
                file_form = forms.ResultFileForm(request.POST, request.FILES)
                if file_form.is_valid():
                    work.add_result_file(
                        result=the_result,
                        by=person,
                        upload=file_form.cleaned_data.pop("file"),
                        **file_form.cleaned_data,
                    )
                    messages.success(request, _("The file is added."))
                    return redirect("labs:edit_result", slug=slug, pk=pk)
            elif action == "publish":
                work.publish_result(result=the_result, by=person)
                messages.success(request, _("The result is published on the lab's page."))
                return redirect("labs:edit_result", slug=slug, pk=pk)
            elif action == "unpublish":
                work.unpublish_result(result=the_result, by=person)
                messages.success(request, _("The result is no longer public."))
                return redirect("labs:edit_result", slug=slug, pk=pk)
        except DomainError as error:
            target = file_form if action == "file" else form
            target.add_error(None, error.message)
    context = _roles(lab, request) | {
        "result": the_result,
        "files": list(the_result.files.all()),
        "form": form,
        "file_form": file_form,
    }
    return render(request, "labs/group/result_edit.html", context)


# --- Yearly report entries ---------------------------------------------------------------------------------


@login_required
def year_entries(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_of(request)
    lab = permissions.get_lab_for_member(person, slug)
    roles = _roles(lab, request)
    form = forms.NewYearEntryForm(
        request.POST or None,
        initial={"school_year": selectors.school_year_of(timezone.localdate())},
    )
    if request.method == "POST":
        lab = permissions.get_lab_for_lead(person, slug)
        if form.is_valid():
            try:
                entry = work.draft_year_entry(
                    lab=lab, school_year=form.cleaned_data["school_year"].strip(), by=person
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return redirect("labs:year_entry", slug=slug, pk=entry.pk)
    context = roles | {"entries": list(lab.year_entries.order_by("-school_year")), "form": form}
    return render(request, "labs/group/year_entries.html", context)


@login_required
def year_entry(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = person_of(request)
    entry = permissions.get_year_entry_for_lead(person, slug, pk)
    initial = {
        f: getattr(entry, f) for f in ("situation", "partners", "achievements", "challenges")
    }
    form = forms.YearEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            work.update_year_entry(entry=entry, data=form.data_for_service(), by=person)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The entry is saved. The SOM team approves it."))
            return redirect("labs:year_entries", slug=slug)
    context = _roles(entry.lab, request) | {"entry": entry, "form": form}
    return render(request, "labs/group/year_entry.html", context)


# --- Invitations ---------------------------------------------------------------------------------------------


@require_POST
@login_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    invitation = permissions.get_lab_invitation_for_invitee(person, pk)
    try:
        lab_services.accept_lab_invitation(member=invitation, person=person)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("labs:mine")
    messages.success(request, _("Welcome to the group of %(lab)s.") % {"lab": invitation.lab})
    return redirect("labs:group", slug=invitation.lab.slug)


@require_POST
@login_required
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    invitation = permissions.get_lab_invitation_for_invitee(person, pk)
    try:
        lab_services.decline_lab_invitation(member=invitation, person=person)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You declined the invitation."))
    return redirect("labs:mine")
