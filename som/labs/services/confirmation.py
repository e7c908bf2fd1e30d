"""The board's confirmation of a lab selection: who may confirm, the recorded decision, the mails
to the authors, and the decision's line in the register of decisions.

Separation of duties: the SOM team runs the vote (som.labs.services.selection); only a person who holds a
board mandate on the day of confirmation confirms its outcome. Being on the team (staff) is not
enough: a team member confirms only if they also sit on the board. Who sits on the board is
governance's business, asked through som.accounts.roles (labs may not import governance).

One board member confirms and is named: the board decides together, but the platform can only
vouch for who clicked. The note says where and how the board took the decision.
"""

from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from som.accounts.models import Person
from som.core import audit
from som.core.decisions import Decision
from som.core.mail import send_mail_on_commit
from som.labs.models import Call, CoAuthor, Lab, Proposal, SelectionDecision
from som.labs.permissions import is_board
from som.labs.services import selection
from som.labs.services.labs import create_labs_for_decision, lab_url
from som.labs.services.selection import SelectionError
from som.voting.models import Poll


@transaction.atomic
def confirm_selection(*, call: Call, by: Person, note: str = "") -> SelectionDecision:
    """The board's recorded decision. The selected proposals become `confirmed` and, at once,
    labs; every author of a proposal on the ballot is told the outcome and why."""
    if not is_board(by):
        raise SelectionError(
            _("Only a member of the board confirms a selection; the SOM team runs the vote."),
            "not_board",
        )
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not call.awaits_confirmation:
        raise SelectionError(_("There is no selection to confirm."), "wrong_state")
    selected = list(call.proposals.filter(status=Proposal.Status.SELECTED))
    decision = SelectionDecision.objects.create(
        call=call, decided_by=by, explanation=call.outcome, note=note.strip()
    )
    decision.selected.set(selected)
    call.proposals.filter(pk__in=[p.pk for p in selected]).update(status=Proposal.Status.CONFIRMED)
    # The confirmed proposals become labs at once (lead: the starter; members: the co-authors).
    labs = create_labs_for_decision(decision=decision, by=by)
    call.status = Call.Status.CONFIRMED
    call.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=by,
        action="call.selection_confirmed",
        obj=call,
        changes={"selected": [p.pk for p in selected]},
    )
    _mail_authors(call, {lab.proposal_id: lab for lab in labs})
    return decision


# --- The mails to the authors ------------------------------------------------------------------


def authors_of(proposal: Proposal) -> list[Person]:
    """The starter and the co-authors who accepted, once each, still with an account. Expects
    `created_by` and the accepted `coauthors` with their person fetched (see `_mail_authors`)."""
    people = {proposal.created_by.pk: proposal.created_by}
    for coauthor in proposal.coauthors.all():
        if coauthor.person is not None:
            people.setdefault(coauthor.person.pk, coauthor.person)
    return [p for p in people.values() if p.is_active and p.email]


def _mail_authors(call: Call, labs: dict[int | None, Lab]) -> None:
    """One mail per author and proposal on the ballot, in the author's language: selected (with
    its lab) or not (kindly), and the rule's explanation."""
    on_ballot = [p["id"] for p in call.outcome.get("proposals", [])]
    accepted = CoAuthor.objects.filter(accepted_at__isnull=False, person__isnull=False)
    proposals = (
        call.proposals.filter(pk__in=on_ballot)
        .select_related("created_by")
        .prefetch_related(Prefetch("coauthors", queryset=accepted.select_related("person")))
        .order_by("pk")
    )
    explanations: dict[str, list[str]] = {}
    published = call.poll is not None and call.poll.state == Poll.State.PUBLISHED
    for proposal in proposals:
        lab = labs.get(proposal.pk)
        for person in authors_of(proposal):
            language = person.language
            if language not in explanations:
                with translation.override(language):
                    explanations[language] = selection.explain(call.outcome)
            send_mail_on_commit(
                to=[person.email],
                template="labs/mail/selected" if lab else "labs/mail/not_selected",
                context={
                    "proposal": proposal.title,
                    "call": call.title,
                    "explanation": explanations[language],
                    "lab_url": lab_url("labs:group", slug=lab.slug) if lab else "",
                    "calls_url": lab_url("labs:calls"),
                    "result_url": lab_url("labs:selection_result", call_id=call.pk)
                    if published
                    else "",
                },
                language=language,
            )


# --- The register of decisions -----------------------------------------------------------------


def register_entries(search: str) -> list[Decision]:
    """The confirmed selections as decisions of the board (som.core.decisions): one query, and
    one more for the selected proposals when any is found."""
    found = SelectionDecision.objects.select_related("call__poll", "decided_by").prefetch_related(
        Prefetch("selected", queryset=Proposal.objects.order_by("title"))
    )
    term = search.strip()
    if term:
        found = found.filter(
            Q(call__title__icontains=term)
            | Q(note__icontains=term)
            | Q(selected__title__icontains=term)
        ).distinct()
    return [_as_decision(decision) for decision in found.order_by("-decided_at", "-pk")]


def _as_decision(decision: SelectionDecision) -> Decision:
    titles = [f"“{proposal.title}”" for proposal in decision.selected.all()]
    text = (
        ngettext(
            "Confirmed the selected proposal: %(titles)s.",
            "Confirmed the selected proposals: %(titles)s.",
            len(titles),
        )
        % {"titles": ", ".join(titles)}
        if titles
        else _("Confirmed that no proposal is selected.")
    )
    poll = decision.call.poll
    published = poll is not None and poll.state == Poll.State.PUBLISHED
    return Decision(
        decided_at=decision.decided_at,
        title=_("Selection of labs: %(call)s") % {"call": decision.call.title},
        text=text,
        kind=_("Selection of labs"),
        body=_("Board"),
        confirmed_by=(str(decision.decided_by),),
        note=decision.note,
        url=reverse("labs:selection_result", kwargs={"call_id": decision.call_id})
        if published
        else "",
    )
