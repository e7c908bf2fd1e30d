"""The electorate of a motion's vote: registered in GovernanceConfig.ready as `governance_item`,
the poll's reference being `item:<id>`.

General assembly: the person who signed in for a present member institution votes for it and
for the members whose proxies it holds, each organisation once per poll: a member whose vote was
already cast (by its earlier representative, or by the holder of a proxy it has since withdrawn)
is not counted again, and the voter is told why. The database holds the rule too
(`voting.Representation`, unique per poll and organisation). Board: a board member signed in as
present, weight 1. Whoever declared a conflict of interest on the item is refused, with the
reason.

Three queries: the item with its meeting; the person's attendance with any conflict declared;
the organisations it speaks for (its own and its proxies' givers) with whether each has been
counted in this poll.
"""

from typing import TYPE_CHECKING

from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from som.accounts.models import Person
from som.core.params import positive_int
from som.governance.models import AgendaItem, Attendance, ConflictOfInterest, Proxy
from som.network.models import Organisation
from som.voting.electorates import Eligibility, Refusal, Size
from som.voting.models import Representation

if TYPE_CHECKING:
    from som.voting.models import Poll

KIND = "governance_item"


def reference_of(item: AgendaItem) -> str:
    return f"item:{item.pk}"


def item_id_of(poll: "Poll") -> int | None:
    reference = poll.electorate_reference.removeprefix("item:")
    return positive_int(reference)


def organisation_key(organisation_id: int) -> str:
    return f"organisation:{organisation_id}"


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
    rows = list(
        Attendance.objects.filter(
            meeting=item.meeting_id, person=person, status=Attendance.Status.PRESENT
        )
        .annotate(conflict=Exists(conflict))
        .values_list("organisation_id", "conflict")
    )
    if not rows:
        return Refusal(
            _(
                "You are not signed in as present for a member at this meeting. Ask the "
                "secretary at the entrance."
            )
        )
    if any(conflict for _organisation, conflict in rows):
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
    own = [organisation for organisation, _conflict in rows if organisation]
    return _members_voter(poll, item.meeting_id, own)


def _members_voter(poll: "Poll", meeting_id: int, own: list[int]) -> Eligibility | Refusal:
    """The vote of the members `own` and of those whose proxies they hold, less those already
    counted in this poll."""
    counted = Representation.objects.filter(
        poll_id=poll.pk,
        constituent=Concat(Value("organisation:"), Cast(OuterRef("pk"), CharField())),
    )
    givers = Proxy.objects.filter(
        meeting=meeting_id, holder__in=own, revoked_at__isnull=True
    ).values("giver")
    speaks_for = list(
        Organisation.objects.filter(Q(pk__in=own) | Q(pk__in=givers))
        .annotate(counted=Exists(counted))
        .order_by("name")
        .values_list("pk", "name", "counted")
    )
    open_ = [(pk, name) for pk, name, was_counted in speaks_for if not was_counted]
    done = [name for _pk, name, was_counted in speaks_for if was_counted]
    if not open_:
        return Refusal(
            ngettext(
                "The vote of %(members)s has already been cast in this poll (by its "
                "representative at that moment, or by the holder of its proxy). A member votes "
                "once per poll.",
                "The votes of %(members)s have already been cast in this poll (by their "
                "representatives at that moment, or by the holders of their proxies). A member "
                "votes once per poll.",
                len(done),
            )
            % {"members": ", ".join(done)}
        )
    weight = len(open_)
    reason = ngettext(
        "You vote for %(members)s: %(weight)d vote.",
        "You vote for %(members)s: %(weight)d votes, proxies included.",
        weight,
    ) % {"members": ", ".join(name for _pk, name in open_), "weight": weight}
    if done:
        reason += " " + ngettext(
            "%(members)s was already counted in this poll and is not counted again.",
            "%(members)s were already counted in this poll and are not counted again.",
            len(done),
        ) % {"members": ", ".join(done)}
    return Eligibility(
        weight, reason, constituents=tuple(organisation_key(pk) for pk, _name in open_)
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
