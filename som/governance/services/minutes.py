"""The minutes: a draft written from the meeting (attendance, proxies, quorum per item, each
motion with its votes and outcome), completed by the secretary, approved, then published to the
members as PDF."""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.core.pdf import render_pdf
from som.governance import selectors
from som.governance.models import AgendaItem, Meeting
from som.governance.models import Minutes as Minutes  # re-exported: read as minutes.Minutes
from som.governance.services._common import GovernanceError, _lock, require_secretary
from som.governance.services.convocation import mail_people


def draft_text(meeting: Meeting) -> str:
    """The minutes as plain text, in the language that is active."""
    the_roll = selectors.roll(meeting)
    items = selectors.agenda(meeting)
    when = formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    lines = [
        _("Minutes of %(meeting)s") % {"meeting": meeting.title},
        "",
        _("%(body)s, %(kind)s meeting of %(when)s.")
        % {"body": meeting.body.name, "kind": meeting.get_kind_display(), "when": when},
    ]
    if meeting.place:
        lines.append(_("Place: %(place)s") % {"place": meeting.place})
    if meeting.online_url:
        lines.append(_("Online: %(link)s") % {"link": meeting.online_url})
    if meeting.second_meeting_of is not None:
        lines.append(
            _("Second meeting after %(first)s, where the quorum did not apply.")
            % {"first": meeting.second_meeting_of.title}
        )
    lines += ["", _("Attendance"), ""]
    for attendance in the_roll.present:
        who = attendance.organisation or attendance.person
        lines.append(f"- {who} ({attendance.person})" if attendance.organisation else f"- {who}")
    lines.append(
        _("%(present)d of %(members)d members present or represented.")
        % {"present": the_roll.present_or_represented, "members": the_roll.members}
    )
    if the_roll.proxies:
        lines += ["", _("Proxies"), ""]
        lines += [
            _("- %(giver)s is represented by %(holder)s")
            % {"giver": proxy.giver, "holder": proxy.holder}
            for proxy in the_roll.proxies
        ]
    lines += ["", _("Agenda and decisions"), ""]
    for item in items:
        lines += _item_lines(item)
    lines += ["", _("(The secretary completes the discussion of each item.)")]
    return "\n".join(str(line) for line in lines)


def _item_lines(item: AgendaItem) -> list[str]:
    """One agenda item in the minutes: what was proposed, who stood aside or was heard, and the
    decision (quorum, rule, votes, outcome)."""
    lines = [f"{item.position}. {item.title}"]
    lines += _motion_lines(item)
    lines += _quorum_lines(item.decision or {})
    lines += _vote_lines(item.decision or {})
    if item.motion_kind is not None:
        lines.append(_("Outcome: %(outcome)s") % {"outcome": item.get_outcome_display()})
    lines.append("")
    return lines


def _motion_lines(item: AgendaItem) -> list[str]:
    """The motion and its kind, the conflicts of interest and the hearing of the member."""
    lines = []
    if item.motion:
        lines.append(_("Proposed decision: %(motion)s") % {"motion": item.motion})
    if item.motion_kind is not None:
        lines.append(_("Kind: %(kind)s") % {"kind": item.motion_kind.display_name})
    for conflict in item.conflicts_of_interest.all():
        lines.append(
            _("Conflict of interest declared by %(person)s, who did not vote: %(declaration)s")
            % {"person": conflict.person, "declaration": conflict.declaration}
        )
    if item.subject_organisation is not None and item.heard_at is not None:
        lines.append(
            _("%(member)s was heard: %(note)s")
            % {"member": item.subject_organisation, "note": item.hearing_note}
        )
    return lines


def _quorum_lines(decision: dict[str, Any]) -> list[str]:
    quorum = decision.get("quorum")
    if not quorum:
        return []
    if quorum.get("waived"):
        return [_("Quorum: does not apply (second meeting).")]
    if not quorum.get("applies"):
        return []
    return [
        _(
            "Quorum: %(present)s of %(members)s present or represented, %(needed)s needed: %(state)s."
        )
        % {
            "present": quorum["present"],
            "members": quorum["members"],
            "needed": quorum["required"],
            "state": _("met") if quorum["met"] else _("not met"),
        }
    ]


def _vote_lines(decision: dict[str, Any]) -> list[str]:
    """The rule, the votes, and an election's candidates with who was elected."""
    lines = []
    if decision.get("rule"):
        lines.append(_("Rule: %(rule)s") % {"rule": decision["rule"]})
    if "yes" in decision:
        lines.append(
            _("Votes: %(yes)s yes, %(no)s no, %(abstain)s abstentions.")
            % {"yes": decision["yes"], "no": decision["no"], "abstain": decision["abstain"]}
        )
    if decision.get("candidates"):
        lines += [f"  {c['name']}: {c['votes']}" for c in decision["candidates"]]
        if decision.get("elected"):
            lines.append(_("Elected: %(names)s") % {"names": ", ".join(decision["elected"])})
    return lines


@transaction.atomic
def generate_minutes(
    *, meeting: Meeting, by: Person, now: datetime.datetime | None = None
) -> Minutes:
    """Write (or write again, while still a draft) the draft minutes of a closed meeting."""
    require_secretary(by)
    meeting = _lock(meeting)
    if not meeting.is_closed:
        raise GovernanceError(_("The minutes follow once the meeting is closed."), "wrong_state")
    with translation.override(settings.LANGUAGE_CODE):
        text = draft_text(meeting)
    now = now or timezone.now()
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        minutes = Minutes.objects.create(meeting=meeting, text=text, generated_at=now)
    elif minutes.is_draft:
        minutes.text = text
        minutes.generated_at = now
        minutes.save(update_fields=["text", "generated_at"])
    else:
        raise GovernanceError(_("The minutes are approved: they no longer change."), "approved")
    audit.record(actor=by, action="minutes.generated", obj=meeting)
    return minutes


def _lock_minutes(minutes: Minutes) -> Minutes:
    return Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)


@transaction.atomic
def update_minutes(*, minutes: Minutes, text: str, by: Person) -> Minutes:
    require_secretary(by)
    minutes = _lock_minutes(minutes)
    if not minutes.is_draft:
        raise GovernanceError(_("The minutes are approved: they no longer change."), "approved")
    if not text.strip():
        raise GovernanceError(_("The minutes cannot be empty."), "invalid_item")
    minutes.text = text
    minutes.save(update_fields=["text"])
    audit.record(actor=by, action="minutes.edited", obj=minutes.meeting)
    return minutes


@transaction.atomic
def approve_minutes(
    *, minutes: Minutes, by: Person, now: datetime.datetime | None = None
) -> Minutes:
    require_secretary(by)
    minutes = _lock_minutes(minutes)
    if not minutes.is_draft:
        raise GovernanceError(_("The minutes are approved already."), "approved")
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = now or timezone.now()
    minutes.approved_by = by
    minutes.save(update_fields=["status", "approved_at", "approved_by"])
    audit.record(actor=by, action="minutes.approved", obj=minutes.meeting)
    return minutes


@transaction.atomic
def publish_minutes(
    *, minutes: Minutes, by: Person, now: datetime.datetime | None = None
) -> Minutes:
    """Approved minutes become visible to the members (page and PDF) and enter the register of
    decisions."""
    require_secretary(by)
    minutes = _lock_minutes(minutes)
    if not minutes.is_approved:
        raise GovernanceError(_("Approve the minutes first."), "not_approved")
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = now or timezone.now()
    minutes.save(update_fields=["status", "published_at"])
    audit.record(actor=by, action="minutes.published", obj=minutes.meeting)
    meeting = minutes.meeting
    readers = [r.person for r in meeting.recipients.select_related("person")]
    site = settings.SITE_URL.rstrip("/")
    for reader in readers:
        with translation.override(reader.language or "nl"):
            links = {
                "url": site + reverse("governance:minutes", kwargs={"pk": meeting.pk}),
                "pdf_url": site + reverse("governance:minutes_pdf", kwargs={"pk": meeting.pk}),
            }
        mail_people(meeting, [reader], "governance/mail/minutes_published", links)
    return minutes


def minutes_pdf(minutes: Minutes, language: str = "nl") -> bytes:
    return render_pdf(
        "governance/minutes_pdf.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "som_name": settings.SOM_LEGAL_NAME,
            "som_address": settings.SOM_ADDRESS,
        },
        language,
    )
