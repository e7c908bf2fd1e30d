"""Every write of a "Zij maken onderwijs" portrait's approval, and a reader's message to the person.

The team asks the person portrayed to approve the text (`ask_approval`: a mail with a secret
link, valid APPROVAL_VALID_DAYS days, of which only the hash is kept). On that link the person
approves exactly the text they were shown (`approve`: the approval is bound to its
`content_hash`), asks for a change (`ask_changes`: the team gets their message), or, once they
approved, withdraws the portrait (`withdraw`: it goes offline at once). PortraitPage.save refuses
a live portrait whose content no approval covers, whatever the entrance that publishes it.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Revision

from som.accounts.models import Person
from som.core import audit, invitations, page_cache
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.core.roles import is_team
from som.publishing.models import PortraitApproval, PortraitPage
from som.publishing.models.portraits import content_hash, is_approved, portrait_content

APPROVAL_VALID_DAYS = 30
Status = PortraitApproval.Status


class PortraitError(DomainError):
    pass


# --- Reads ---------------------------------------------------------------------------------------


def page_language(page: PortraitPage) -> str:
    code = page.locale.language_code if page.locale_id else settings.LANGUAGE_CODE
    return "en" if code.startswith("en") else "nl"


def approval_for_token(token: str) -> PortraitApproval | None:
    """The approval whose link holds `token`, or None (unknown, mistyped)."""
    if not token or len(token) > 100:
        return None
    return (
        PortraitApproval.objects.select_related("portrait")
        .filter(secret_hash=invitations.hash_token(token))
        .first()
    )


def asked_content(approval: PortraitApproval) -> PortraitPage:
    """The portrait as the person was asked to approve it (the revision of the request)."""
    revision = Revision.objects.filter(pk=approval.revision_id).first()
    if revision is None:
        return approval.portrait
    return revision.as_object()


def is_expired(approval: PortraitApproval) -> bool:
    return approval.expires_at <= timezone.now()


def may_answer(approval: PortraitApproval) -> bool:
    """Approve or ask for a change: while the request is open and the link valid."""
    return approval.status in (Status.ASKED, Status.CHANGES_ASKED) and not is_expired(approval)


def may_withdraw(approval: PortraitApproval) -> bool:
    """Withdraw: once approved, for as long as the approval stands (the link's 30 days are for
    answering; withdrawing is always possible, so a person is never stuck with a portrait)."""
    return approval.status == Status.APPROVED


def portrait_page_context(page: PortraitPage, request: HttpRequest) -> dict[str, Any]:
    from som.publishing.forms.portrait import PortraitMessageForm

    organisation = page.organisation
    return {
        "organisation_url": _organisation_url(organisation),
        "message_form": PortraitMessageForm(),
        "photo_shown": page.photo_id is not None and page.shown_publicly(),
    }


def _organisation_url(organisation: Any) -> str:
    """The organisation's page in the network's directory, when it is listed there."""
    if organisation is None:
        return ""
    from som.publishing.models import OrganisationProfile

    if OrganisationProfile.objects.filter(organisation=organisation, listed=False).exists():
        return ""
    return reverse("publishing:organisation", kwargs={"slug": organisation.slug})


def approval_url(token: str, language: str) -> str:
    with translation.override(language):
        path = reverse("publishing:portrait_approval", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


def _admin_url(page: PortraitPage) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])


def _day(moment: datetime.datetime, language: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localdate(moment), "DATE_FORMAT")


def _text_of(content: PortraitPage) -> dict[str, Any]:
    """The portrait's text for a mail (plain data: tasks take no model instances)."""
    data = portrait_content(content)
    return {
        "person_name": data["name"],
        "role": data["role"],
        "organisation": content.organisation_label(),
        "has_photo": data["photo"] is not None,
        "answers": [{"question": q, "answer": a} for q, a in data["answers"]],
    }


# --- Writes --------------------------------------------------------------------------------------


@transaction.atomic
def ask_approval(*, portrait: PortraitPage, by: Person) -> PortraitApproval:
    """Mail the person a link to approve the portrait's latest text. An open request before it
    is replaced (its link stops working); an approval in force stays, for the live text."""
    if not is_team(by):
        raise PortraitError(_("Only the SOM team can do this."), "not_team")
    portrait = PortraitPage.objects.select_for_update().get(pk=portrait.pk)
    revision = portrait.get_latest_revision() or portrait.save_revision(user=by)
    content = revision.as_object()
    if not content.person_email:
        raise PortraitError(_("Fill in the person's email address first."), "no_email")
    if is_approved(content):
        raise PortraitError(
            _("The person has already approved this text: you can publish it."),
            "already_approved",
        )
    invitations.spend(by.pk)  # the team's requests count as invitations: no mass mailing
    portrait.approvals.filter(status__in=[Status.ASKED, Status.CHANGES_ASKED]).update(
        status=Status.REPLACED, updated_at=timezone.now()
    )
    token, token_hash = invitations.new_token()
    approval = PortraitApproval.objects.create(
        portrait=portrait,
        email=content.person_email,
        secret_hash=token_hash,
        content_hash=content_hash(content),
        revision_id=revision.pk,
        asked_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=APPROVAL_VALID_DAYS),
    )
    language = page_language(portrait)
    send_mail_on_commit(
        to=[approval.email],
        template="publishing/mail/portrait_approval",
        context={
            **_text_of(content),
            "url": approval_url(token, language),
            "valid_until": _day(approval.expires_at, language),
            "by": str(by),
        },
        language=language,
    )
    audit.record(actor=by, action="portrait.approval_asked", obj=approval)
    return approval


def _locked(approval: PortraitApproval) -> PortraitApproval:
    return (
        PortraitApproval.objects.select_for_update().select_related("portrait").get(pk=approval.pk)
    )


def _tell_team(approval: PortraitApproval, template: str, **context: Any) -> None:
    portrait = approval.portrait
    send_mail_on_commit(
        to=[settings.SOM_TEAM_EMAIL],
        template=f"publishing/mail/{template}",
        context={
            "person_name": portrait.person_name,
            "title": portrait.title,
            "admin_url": _admin_url(portrait),
            **context,
        },
        reply_to=[approval.email],
    )


@transaction.atomic
def approve(*, approval: PortraitApproval) -> PortraitApproval:
    """The person approves the text they were shown; the team may publish exactly that text."""
    approval = _locked(approval)
    if not may_answer(approval):
        raise PortraitError(_("This link can no longer be used to approve."), "closed")
    approval.status = Status.APPROVED
    approval.answered_at = timezone.now()
    approval.save(update_fields=["status", "answered_at", "updated_at"])
    _tell_team(approval, "portrait_approved_team")
    audit.record(actor=None, action="portrait.approved", obj=approval)
    return approval


@transaction.atomic
def ask_changes(*, approval: PortraitApproval, message: str) -> PortraitApproval:
    """The person asks for a change: the team gets their message and edits the portrait."""
    approval = _locked(approval)
    message = message.strip()
    if not may_answer(approval):
        raise PortraitError(_("This link can no longer be used to ask for a change."), "closed")
    if not message:
        raise PortraitError(_("Say what should change."), "empty")
    approval.status = Status.CHANGES_ASKED
    approval.message = message[:5000]
    approval.answered_at = timezone.now()
    approval.save(update_fields=["status", "message", "answered_at", "updated_at"])
    _tell_team(approval, "portrait_changes_team", message=approval.message)
    audit.record(actor=None, action="portrait.changes_asked", obj=approval)
    return approval


@transaction.atomic
def withdraw(*, approval: PortraitApproval) -> PortraitApproval:
    """The person withdraws the portrait: it goes offline now (with its translations), every
    approval of it ends, nothing scheduled publishes it again, and the team is told."""
    approval = _locked(approval)
    if not may_withdraw(approval):
        raise PortraitError(_("This link can no longer be used to withdraw."), "closed")
    now = timezone.now()
    portrait = approval.portrait
    pages = [portrait, *PortraitPage.objects.filter(translation_key=portrait.translation_key)]
    for page in {page.pk: page for page in pages}.values():
        page.approvals.filter(status__in=[Status.ASKED, Status.CHANGES_ASKED]).update(
            status=Status.REPLACED, updated_at=now
        )
        page.approvals.filter(status=Status.APPROVED).update(
            status=Status.WITHDRAWN, answered_at=now, updated_at=now
        )
        page.revisions.update(approved_go_live_at=None)
        if page.live or page.go_live_at:
            page.go_live_at = None
            page.unpublish(log_action="wagtail.unpublish")
    approval.refresh_from_db()
    page_cache.invalidate()
    _tell_team(approval, "portrait_withdrawn_team")
    audit.record(actor=None, action="portrait.withdrawn", obj=approval)
    return approval


def send_message(*, portrait: PortraitPage, name: str, email: str, message: str) -> None:
    """A reader's message to the person portrayed, through the site: to their address, which
    the reader never sees, with the reader as Reply-To. Nothing goes to the reader's address."""
    if not (portrait.shown_publicly() and portrait.accepts_messages and portrait.person_email):
        raise PortraitError(_("This person cannot be contacted through the site."), "closed")
    send_mail_on_commit(
        to=[portrait.person_email],
        template="publishing/mail/portrait_message",
        context={
            "person_name": portrait.person_name,
            "name": name,
            "email": email,
            "message": message,
            "page_url": settings.SITE_URL.rstrip("/") + (portrait.url or ""),
        },
        language=page_language(portrait),
        reply_to=[email],
    )
