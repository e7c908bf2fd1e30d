"""The electorate of a motion's vote: registered in GovernanceConfig.ready as `governance_item`,
the poll's reference being `item:<id>`.

General assembly: the person who signed in for a present member institution, with weight
1 + the proxies that member holds. Board: a board member signed in as present, weight 1.
Whoever declared a conflict of interest on the item is refused, with the reason.
Two queries: the item with its meeting, then the person's attendance with the proxies it holds
and any conflict declared.
"""

from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.governance.models import AgendaItem, Attendance, ConflictOfInterest, Proxy
from som.voting.electorates import Eligibility, Refusal, Size

if TYPE_CHECKING:
    from som.voting.models import Poll

KIND = "governance_item"


def reference_of(item: AgendaItem) -> str:
    return f"item:{item.pk}"


def item_id_of(poll: "Poll") -> int | None:
    reference = poll.electorate_reference.removeprefix("item:")
    return int(reference) if reference.isdigit() else None


def member_voter(poll: "Poll", person: Person) -> Eligibility | Refusal:
    item_id = item_id_of(poll)
    item = (
        AgendaItem.objects.select_related("meeting__body").filter(pk=item_id).first()
        if item_id
        else None
    )
    if item is None:
        return Refusal(_("This vote is not linked to an agenda item."))
    conflict = ConflictOfInterest.objects.filter(item=item, person=OuterRef("person"))
    held = (
        Proxy.objects.filter(
            meeting=OuterRef("meeting"), holder=OuterRef("organisation"), revoked_at__isnull=True
        )
        .order_by()
        .values("holder")
        .annotate(count=Count("pk"))
        .values("count")
    )
    rows = list(
        Attendance.objects.filter(
            meeting=item.meeting_id, person=person, status=Attendance.Status.PRESENT
        )
        .annotate(conflict=Exists(conflict), held=Coalesce(Subquery(held), 0))
        .values_list("organisation_id", "conflict", "held")
    )
    if not rows:
        return Refusal(
            _(
                "You are not signed in as present for a member at this meeting. Ask the "
                "secretary at the entrance."
            )
        )
    if any(conflict for _organisation, conflict, _held in rows):
        declaration = (
            ConflictOfInterest.objects.filter(item=item, person=person)
            .values_list("declaration", flat=True)
            .first()
        )
        return Refusal(
            _("You declared a conflict of interest on this item and do not vote: %(reason)s")
            % {"reason": declaration}
        )
    if not item.meeting.body.is_general_assembly:
        return Eligibility(1, _("You are a board member present at this meeting."))
    weight = sum(1 + held for organisation, _conflict, held in rows if organisation)
    return Eligibility(
        weight,
        _("You vote for your institution with %(weight)d vote(s), proxies included.")
        % {"weight": weight},
    )


def present_size(poll: "Poll") -> Size:
    item_id = item_id_of(poll)
    if item_id is None:
        return Size(0, 0)
    item = AgendaItem.objects.filter(pk=item_id).values_list("meeting_id", flat=True).first()
    present = Attendance.objects.filter(meeting=item, status=Attendance.Status.PRESENT)
    people = present.count()
    proxies = Proxy.objects.filter(
        meeting=item,
        revoked_at__isnull=True,
        holder_id__in=present.exclude(organisation__isnull=True).values("organisation_id"),
    ).count()
    return Size(people, people + proxies)
