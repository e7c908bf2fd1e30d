"""Every write of a lab at work: sessions, the logbook, expenses, results, yearly report entries.

plan_session / update_session     lead   the members are mailed
cancel_session                    lead   before it starts; those who said they come are mailed
answer_session                    member "I come" / "I don't come", until the session starts
record_session                    lead   who came, the reflection, attachments
write_entry                       lead   a logbook entry of its own
update_entry                      its author or a lead   the audit log keeps what changed
submit_lab_expense                lead   against the lab's budget (som.finance.services.budgets)
approve_lab_expense / reject_lab_expense   team
save_result / add_result_file / publish_result / unpublish_result   lead
draft_year_entry / update_year_entry      lead or team   pre-filled from the school year
approve_year_entry / reopen_year_entry    team
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, files
from som.core.mail import send_mail_on_commit
from som.core.money import euros
from som.core.params import is_ascii_digits
from som.core.roles import require_team
from som.events.models import ProgrammeItem
from som.finance.models import Expense
from som.finance.services import budgets
from som.labs import selectors
from som.labs.models import (
    Attachment,
    Attendance,
    Lab,
    LabSession,
    LogbookEntry,
    Result,
    ResultFile,
    YearEntry,
)
from som.labs.services import public_cache
from som.labs.services.labs import LabError, lab_url, lock, require_lead
from som.labs.text import render_markdown
from som.network import consents

# --- Sessions ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionData:
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None = None
    place: str = ""
    online_url: str = ""
    agenda: str = ""
    is_public: bool = False


@dataclass(frozen=True)
class ReflectionData:
    title: str
    tried: str = ""
    learnt: str = ""
    next_steps: str = ""
    is_public: bool = False


def _apply_session(session: LabSession, data: SessionData) -> None:
    if not data.title.strip():
        raise LabError(_("Give the session a title."), "title_required")
    if data.ends_at is not None and data.ends_at < data.starts_at:
        raise LabError(_("The session cannot end before it starts."), "dates")
    if not data.place.strip() and not data.online_url.strip():
        raise LabError(_("Say where the session takes place, or give the online link."), "where")
    session.title = data.title.strip()
    session.starts_at = data.starts_at
    session.ends_at = data.ends_at
    session.place = data.place.strip()
    session.online_url = data.online_url.strip()
    session.agenda = data.agenda.strip()
    session.is_public = data.is_public


def _mail_members(session: LabSession, template: str) -> None:
    emails = [m.person.email for m in selectors.current_members(session.lab)]
    if emails:
        send_mail_on_commit(
            to=emails,
            template=template,
            context={
                "lab": session.lab.title,
                "session": session.title,
                "when": date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT"),
                "place": session.place,
                "online_url": session.online_url,
                "agenda": session.agenda,
                "url": lab_url("labs:session", slug=session.lab.slug, pk=session.pk),
            },
        )


@transaction.atomic
def plan_session(*, lab: Lab, data: SessionData, by: Person) -> LabSession:
    lab = lock(lab)
    require_lead(lab, by)
    session = LabSession(lab=lab, planned_by=by)
    _apply_session(session, data)
    session.full_clean()
    session.save()
    audit.record(actor=by, action="lab.session_planned", obj=session)
    _mail_members(session, "labs/mail/session_planned")
    if session.is_public:
        public_cache.invalidate()
    return session


@transaction.atomic
def update_session(*, session: LabSession, data: SessionData, by: Person) -> LabSession:
    lock(session.lab)
    require_lead(session.lab, by)
    session = LabSession.objects.select_for_update().select_related("lab").get(pk=session.pk)
    _refuse_cancelled(session)
    _apply_session(session, data)
    session.full_clean()
    session.save()
    audit.record(actor=by, action="lab.session_updated", obj=session)
    public_cache.invalidate()
    return session


def _refuse_cancelled(session: LabSession) -> None:
    if session.cancelled_at is not None:
        raise LabError(_("This session is cancelled."), "cancelled")


@transaction.atomic
def cancel_session(*, session: LabSession, by: Person, reason: str = "") -> LabSession:
    """A lead calls off a session that has not started. It stays in the group's history, marked
    cancelled; the members who said they come are mailed (the others did not plan to be there)."""
    lock(session.lab)
    require_lead(session.lab, by)
    session = LabSession.objects.select_for_update().select_related("lab").get(pk=session.pk)
    _refuse_cancelled(session)
    if session.starts_at <= timezone.now():
        raise LabError(
            _("This session has already started: it can no longer be cancelled."), "started"
        )
    session.cancelled_at = timezone.now()
    session.cancel_reason = reason.strip()[:300]
    session.cancelled_by = by
    session.save(update_fields=["cancelled_at", "cancel_reason", "cancelled_by", "updated_at"])
    audit.record(
        actor=by,
        action="lab.session_cancelled",
        obj=session,
        changes={"reason": session.cancel_reason},
    )
    coming = (
        Attendance.objects.filter(session=session, coming=True)
        .select_related("person")
        .order_by("pk")
    )
    for answer in coming:
        send_mail_on_commit(
            to=[answer.person.email],
            template="labs/mail/session_cancelled",
            context={
                "lab": session.lab.title,
                "session": session.title,
                "when": date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT"),
                "reason": session.cancel_reason,
                "url": lab_url("labs:group", slug=session.lab.slug),
            },
            language=answer.person.language,
        )
    if session.is_public:
        public_cache.invalidate()
    return session


@transaction.atomic
def answer_session(*, session: LabSession, person: Person, coming: bool) -> Attendance:
    """A current member says whether they come; they may change their mind until it starts."""
    session = LabSession.objects.select_for_update().select_related("lab").get(pk=session.pk)
    if not selectors.is_member(session.lab, person):
        raise LabError(_("Only the members of this lab answer."), "not_member")
    _refuse_cancelled(session)
    if session.starts_at <= timezone.now():
        raise LabError(_("This session has already started."), "started")
    attendance, _created = Attendance.objects.get_or_create(session=session, person=person)
    attendance.coming = coming
    attendance.answered_at = timezone.now()
    attendance.save(update_fields=["coming", "answered_at"])
    audit.record(
        actor=person, action="lab.session_answered", obj=session, changes={"coming": coming}
    )
    return attendance


def _attach(entry: LogbookEntry, uploads: Iterable[UploadedFile], by: Person) -> list[Attachment]:
    attachments = []
    for upload in uploads:
        checked = files.check(upload)
        attachment = Attachment(
            entry=entry,
            name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=by,
        )
        attachment.file.save(checked.name, checked.upload, save=False)
        attachment.save()
        attachments.append(attachment)
    return attachments


def _check_uploads(uploads: Sequence[UploadedFile]) -> None:
    """Refuse the whole request before anything is written when one file is wrong."""
    for upload in uploads:
        files.check(upload)


@transaction.atomic
def record_session(
    *,
    session: LabSession,
    by: Person,
    attended: Iterable[int],
    reflection: ReflectionData,
    uploads: Sequence[UploadedFile] = (),
) -> LogbookEntry:
    """After the session: who came (person ids of current members) and the reflection, which
    becomes (or updates) the session's logbook entry."""
    lock(session.lab)
    require_lead(session.lab, by)
    session = LabSession.objects.select_for_update().select_related("lab").get(pk=session.pk)
    _refuse_cancelled(session)
    if session.starts_at > timezone.now():
        raise LabError(_("Record a session after it took place."), "not_yet")
    _check_uploads(uploads)
    came = set(attended)
    members = {m.person_id: m.person for m in selectors.current_members(session.lab)}
    for person_id in members:
        row, _created = Attendance.objects.get_or_create(session=session, person_id=person_id)
        row.attended = person_id in came
        row.save(update_fields=["attended"])
    session.recorded_at = timezone.now()
    session.save(update_fields=["recorded_at", "updated_at"])
    entry = LogbookEntry.objects.filter(session=session).first() or LogbookEntry(
        lab=session.lab, session=session, written_by=by
    )
    entry.written_on = timezone.localtime(session.starts_at).date()
    _apply_reflection(entry, reflection)
    entry.full_clean()
    entry.save()
    _attach(entry, uploads, by)
    audit.record(
        actor=by,
        action="lab.session_recorded",
        obj=session,
        changes={"came": sorted(came & set(members))},
    )
    public_cache.invalidate()
    return entry


def _apply_reflection(entry: LogbookEntry, data: ReflectionData) -> None:
    if not data.title.strip():
        raise LabError(_("Give the logbook entry a title."), "title_required")
    if not (data.tried.strip() or data.learnt.strip() or data.next_steps.strip()):
        raise LabError(
            _("Write at least what you tried, what you learnt or the next steps."), "empty"
        )
    entry.title = data.title.strip()
    entry.tried = data.tried.strip()
    entry.learnt = data.learnt.strip()
    entry.next_steps = data.next_steps.strip()
    entry.is_public = data.is_public


@transaction.atomic
def write_entry(
    *,
    lab: Lab,
    data: ReflectionData,
    by: Person,
    written_on: datetime.date | None = None,
    uploads: Sequence[UploadedFile] = (),
) -> LogbookEntry:
    lab = lock(lab)
    require_lead(lab, by)
    _check_uploads(uploads)
    entry = LogbookEntry(lab=lab, written_by=by, written_on=written_on or timezone.localdate())
    _apply_reflection(entry, data)
    entry.full_clean()
    entry.save()
    _attach(entry, uploads, by)
    audit.record(actor=by, action="lab.logbook_written", obj=entry)
    if entry.is_public:
        public_cache.invalidate()
    return entry


def _may_edit_entry(entry: LogbookEntry, by: Person) -> bool:
    """Its author while still in the group, a lead, or the team."""
    if selectors.is_lead(entry.lab, by) or (by.is_authenticated and by.is_staff):
        return True
    return entry.written_by_id == by.pk and selectors.is_member(entry.lab, by)


@transaction.atomic
def update_entry(
    *,
    entry: LogbookEntry,
    data: ReflectionData,
    by: Person,
    uploads: Sequence[UploadedFile] = (),
) -> LogbookEntry:
    """Correct or complete an entry. What it said before stays in the audit log (the fields that
    changed, before and after)."""
    lock(entry.lab)
    entry = LogbookEntry.objects.select_for_update().select_related("lab").get(pk=entry.pk)
    if not _may_edit_entry(entry, by):
        raise LabError(
            _("Only its author or a lead of this lab can change this entry."), "not_lead"
        )
    _check_uploads(uploads)
    fields = ("title", "tried", "learnt", "next_steps", "is_public")
    before = {f: getattr(entry, f) for f in fields}
    _apply_reflection(entry, data)
    entry.full_clean()
    entry.save()
    added = _attach(entry, uploads, by)
    changes = audit.diff(before, {f: getattr(entry, f) for f in fields})
    if added:
        changes["attachments_added"] = [a.name for a in added]
    audit.record(actor=by, action="lab.logbook_updated", obj=entry, changes=changes)
    if before["is_public"] or entry.is_public:
        public_cache.invalidate()
    return entry


# --- Budget ---------------------------------------------------------------------------------------------


@transaction.atomic
def submit_lab_expense(
    *,
    lab: Lab,
    spent_on: datetime.date,
    amount: Decimal,
    description: str,
    by: Person,
    receipt: UploadedFile | None = None,
) -> Expense:
    """A lead books an expense; refused (with what is left) beyond the remaining budget."""
    require_lead(lab, by, or_team=False)
    if receipt is not None:
        files.check(receipt)
    return budgets.submit_expense(
        budget=lab.budget,
        spent_on=spent_on,
        amount=amount,
        description=description,
        receipt=receipt,
        by=by,
    )


@transaction.atomic
def approve_lab_expense(*, lab: Lab, expense: Expense, by: Person) -> Expense:
    require_team(by, error=LabError)
    return budgets.approve_expense(expense=expense, by=by)


@transaction.atomic
def reject_lab_expense(*, lab: Lab, expense: Expense, reason: str, by: Person) -> Expense:
    require_team(by, error=LabError)
    expense = budgets.reject_expense(expense=expense, reason=reason, by=by)
    send_mail_on_commit(
        to=selectors.lead_emails(lab),
        template="labs/mail/expense_rejected",
        context={
            "lab": lab.title,
            "expense": expense.description,
            "amount": euros(expense.amount),
            "reason": expense.reason,
            "url": lab_url("labs:budget", slug=lab.slug),
        },
    )
    return expense


# --- Results -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultData:
    title: str
    summary: str
    kind: str = Result.Kind.INTERIM
    body: str = ""
    links: str = ""
    programme_item: ProgrammeItem | None = None


@transaction.atomic
def save_result(*, lab: Lab, data: ResultData, by: Person, result: Result | None = None) -> Result:
    """Write a new result (a draft) or change one; a published one is shown changed at once."""
    lab = lock(lab)
    require_lead(lab, by, or_team=False)
    if result is not None:
        result = Result.objects.select_for_update().get(pk=result.pk, lab=lab)
    else:
        result = Result(lab=lab, written_by=by)
    if not data.title.strip() or not data.summary.strip():
        raise LabError(_("Give the result a title and a summary."), "title_required")
    item = data.programme_item
    if item is not None and item.kind != ProgrammeItem.Kind.LAB_RESULTS:
        raise LabError(_("Choose a lab results slot of a network day."), "not_a_results_slot")
    links = [line.strip() for line in data.links.splitlines() if line.strip()]
    if any(not link.startswith(("https://", "http://")) for link in links):
        raise LabError(_("Each link is a web address starting with https://."), "bad_link")
    result.kind = data.kind
    result.title = data.title.strip()
    result.summary = data.summary.strip()
    result.body = data.body.strip()
    result.body_html = render_markdown(result.body)
    result.links = "\n".join(links)
    result.programme_item = item
    result.full_clean()
    result.save()
    audit.record(actor=by, action="lab.result_saved", obj=result)
    if result.published_at is not None:
        public_cache.invalidate()
    return result


@transaction.atomic
def add_result_file(
    *,
    result: Result,
    upload: UploadedFile,
    by: Person,
    caption: str = "",
    is_photo: bool = False,
    recognisable: str = ResultFile.Recognisable.NOBODY,
    consent: bool = False,
    parent_consent: bool = False,
) -> ResultFile:
    """A photo on which people are recognisable needs their consent, and a parent's consent for
    each recognisable minor: without it the photo is refused. The consent the lead confirms goes
    into the consent register (som.network.consents), where the team can find and revoke it;
    the public sees the photo only while it allows the website (ResultFile.may_be_shown)."""
    lock(result.lab)
    require_lead(result.lab, by, or_team=False)
    checked = files.check(upload, images_only=is_photo)
    if not is_photo:
        recognisable, consent, parent_consent = ResultFile.Recognisable.NOBODY, False, False
    if recognisable != ResultFile.Recognisable.NOBODY and not consent:
        raise LabError(
            _(
                "People are recognisable on this photo: confirm that they agreed to its publication."
            ),
            "consent_required",
        )
    if recognisable == ResultFile.Recognisable.MINORS and not parent_consent:
        raise LabError(
            _(
                "Minors are recognisable on this photo: a parent of each of them must agree "
                "before it is published. Without that consent the photo cannot be added."
            ),
            "parent_consent_required",
        )
    register_entry = None
    if recognisable != ResultFile.Recognisable.NOBODY:
        minors = recognisable == ResultFile.Recognisable.MINORS
        # The register is kept in the team's language, whatever the lead's screen shows.
        with translation.override(settings.LANGUAGE_CODE):
            register_entry = _record_photo_consent(
                by=by,
                subject_name=_("The people on the photo '%(name)s'") % {"name": checked.name},
                is_minor=minors,
                given_by_name=_("parents (through the school)") if minors else "",
                uses=("website", "annual_report"),
                note=_("Result of the lab %(lab)s") % {"lab": result.lab.title},
            )
    result_file = ResultFile(
        result=result,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        caption=caption.strip()[:300],
        is_photo=is_photo,
        recognisable=recognisable,
        consent=register_entry,
        uploaded_by=by,
    )
    result_file.file.save(checked.name, checked.upload, save=False)
    result_file.save()
    audit.record(
        actor=by,
        action="lab.result_file_added",
        obj=result,
        changes={"file": checked.name, "recognisable": recognisable},
    )
    if result.published_at is not None:
        public_cache.invalidate()
    return result_file


def _record_photo_consent(**kwargs: Any) -> Any:
    try:
        return consents.record_consent_for_upload(**kwargs)
    except consents.ConsentError as error:
        raise LabError(error.message, error.code) from error


@transaction.atomic
def publish_result(*, result: Result, by: Person) -> Result:
    """Only a lead publishes: the result shows on the lab's page and in the results overview."""
    lock(result.lab)
    require_lead(result.lab, by, or_team=False)
    result = Result.objects.select_for_update().select_related("lab").get(pk=result.pk)
    if result.published_at is not None:
        raise LabError(_("This result is already published."), "already_published")
    result.published_at = timezone.now()
    result.save(update_fields=["published_at", "updated_at"])
    audit.record(actor=by, action="lab.result_published", obj=result)
    public_cache.invalidate()
    return result


@transaction.atomic
def unpublish_result(*, result: Result, by: Person) -> Result:
    lock(result.lab)
    require_lead(result.lab, by)
    result = Result.objects.select_for_update().get(pk=result.pk)
    result.published_at = None
    result.save(update_fields=["published_at", "updated_at"])
    audit.record(actor=by, action="lab.result_unpublished", obj=result)
    public_cache.invalidate()
    return result


# --- Yearly report entries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearEntryData:
    situation: str = ""
    partners: str = ""
    achievements: str = ""
    challenges: str = ""


def check_school_year(school_year: str) -> tuple[datetime.date, datetime.date]:
    """ "2022-2023" -> 1 September 2022 to 31 August 2023."""
    first, _dash, second = school_year.partition("-")
    if not (is_ascii_digits(first) and is_ascii_digits(second) and len(first) == len(second) == 4):
        raise LabError(_("Write the school year as 2022-2023."), "bad_school_year")
    if int(second) != int(first) + 1:
        raise LabError(_("Write the school year as 2022-2023."), "bad_school_year")
    return datetime.date(int(first), 9, 1), datetime.date(int(second), 8, 31)


@transaction.atomic
def draft_year_entry(*, lab: Lab, school_year: str, by: Person) -> YearEntry:
    """The entry of a school year, made once and pre-filled from that year's sessions, results
    and the lab's partners; later calls return it as it is."""
    lab = lock(lab)
    require_lead(lab, by)
    check_school_year(school_year)
    existing = YearEntry.objects.filter(lab=lab, school_year=school_year).first()
    if existing is not None:
        return existing
    prefill = selectors.year_prefill(lab, school_year)
    entry = YearEntry.objects.create(
        lab=lab,
        school_year=school_year,
        situation=prefill.situation,
        partners=prefill.partners,
        achievements=prefill.achievements,
        challenges=prefill.challenges,
        updated_by=by,
    )
    audit.record(actor=by, action="lab.year_entry_drafted", obj=entry)
    return entry


@transaction.atomic
def update_year_entry(*, entry: YearEntry, data: YearEntryData, by: Person) -> YearEntry:
    lock(entry.lab)
    require_lead(entry.lab, by)
    entry = YearEntry.objects.select_for_update().select_related("lab").get(pk=entry.pk)
    if entry.is_approved:
        raise LabError(
            _("This entry is approved: ask the SOM team to reopen it first."), "approved"
        )
    before = {f: getattr(entry, f) for f in ("situation", "partners", "achievements", "challenges")}
    entry.situation = data.situation.strip()
    entry.partners = data.partners.strip()
    entry.achievements = data.achievements.strip()
    entry.challenges = data.challenges.strip()
    entry.updated_by = by
    entry.save()
    after = {f: getattr(entry, f) for f in before}
    audit.record(
        actor=by, action="lab.year_entry_updated", obj=entry, changes=audit.diff(before, after)
    )
    return entry


@transaction.atomic
def approve_year_entry(*, entry: YearEntry, by: Person) -> YearEntry:
    require_team(by, error=LabError)
    entry = YearEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.is_approved:
        raise LabError(_("This entry is already approved."), "approved")
    if not entry.situation.strip() or not entry.achievements.strip():
        raise LabError(
            _("Fill in at least the situation and the achievements before approving."),
            "incomplete",
        )
    entry.status = YearEntry.Status.APPROVED
    entry.approved_by = by
    entry.approved_at = timezone.now()
    entry.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    audit.record(actor=by, action="lab.year_entry_approved", obj=entry)
    return entry


@transaction.atomic
def reopen_year_entry(*, entry: YearEntry, by: Person) -> YearEntry:
    require_team(by, error=LabError)
    entry = YearEntry.objects.select_for_update().get(pk=entry.pk)
    entry.status = YearEntry.Status.DRAFT
    entry.approved_by = None
    entry.approved_at = None
    entry.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    audit.record(actor=by, action="lab.year_entry_reopened", obj=entry)
    return entry
