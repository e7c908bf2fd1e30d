"""Who may do what: the table of test_route_matrix.py, one row per URL name.

A row holds one token per persona, in the order of world.PERSONAS:

    anonymous  outsider  teacher  contact  member  lead  board  team

for GET, then `|` and the tokens for POST (an empty form). An API operation has one part, for its
own method. Tokens: 2 = served (2xx), 3 = redirected elsewhere (after a POST: done, or refused
with a message), L = sent to the login, U = 401, 4 = 403, N = 404, M = 405 (method not allowed),
V = 422 (the API refused the payload), * = anything but an error (a permitted POST whose answer
depends on the payload). L, U, 4, N and M are refusals: a refused request must not change a table.

The rows are written from the rules (ARCHITECTURE.md, the apps' permissions.py, the seeds), not
copied from what the code answers: `ROUTE_MATRIX_PRINT=1` prints what each route answered, to help
write a row for a new route, and each token printed must then be checked against the rules.
"""

from collections.abc import Callable
from typing import Any

from som.events.links import cancel_token, place_token
from tests.security.world import PORTRAIT_TOKEN

# Routes left out by prefix, with the reason. Our own pages under these prefixes are kept.
SKIPPED_PREFIXES = (
    # Django's admin: every ModelAdmin view goes through admin_site.admin_view (is_staff and our
    # team MFA middleware). Its index and the views we wrote (the audited history) have rows.
    "admin/",
    # allauth's login, signup, e-mail, password and MFA pages: its own tests, and they must be
    # reachable by everybody to log in at all.
    "accounts/",
    # Wagtail's admin (~200 routes): one gate for the whole prefix (TeamOnlyCmsMiddleware), and
    # one rule tested on every route under it by every kind of outsider in test_cms_gate.py.
    "cms/",
)

W = Any  # the world (tests/security/world.py World)


def _social_post(w: W) -> Any:
    """A prepared post about the world's event, for the team's "to post" list."""
    from som.publishing import sharing

    sharing.prepare_posts()
    return sharing.SocialPost.objects.get(object_id=w.event.pk, content_type__model="event")


def _lab_story(w: W, lab: Any) -> Any:
    """A story written for `lab` (a draft with the team), made on first use by the team."""
    from som.publishing import stories
    from som.publishing.models import StoryPage

    found = StoryPage.objects.filter(written_for_lab=lab).first()
    data = stories.StoryData(title=f"Story van {lab.title}", kind="account", lead="L", body="B")
    return found or stories.write_story(lab=lab, data=data, by=w.people["team"])


def _consent(w: W) -> Any:
    """A consent in the register (the team's), made on first use."""
    from som.network.models import Consent

    found = Consent.objects.filter(subject_name="Anna Peeters").first()
    return found or Consent.objects.create(subject_name="Anna Peeters", website=True)


def _image_args(w: W, spec: str = "width-400", filename: bool = False) -> dict[str, Any]:
    """A site image nobody can be recognised on (public), in a size the pages use."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image
    from wagtail.images.utils import generate_signature

    from som.publishing.models import SiteImage

    image = SiteImage.objects.filter(title="Matrix").first()
    if image is None:
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), (200, 80, 40)).save(buffer, "PNG")
        image = SiteImage(
            title="Matrix",
            description="Een lege klas",
            file=SimpleUploadedFile("matrix.png", buffer.getvalue(), content_type="image/png"),
        )
        image._set_image_file_metadata()
        image.save()
    # The sizes exist already: a request that makes one changes a table (a legitimate cache).
    image.get_rendition(spec)
    args = {"signature": generate_signature(image.pk, spec), "image_id": image.pk}
    args["filter_spec"] = spec
    if filename:
        args["filename"] = "matrix.png"
    return args


def _certificate(w: W) -> Any:
    """The teacher's attendance certificate of the selection day, where they were checked in
    (issued on first use by the team, as if the day had started)."""
    from som.events.models import Certificate, Registration
    from som.events.services import certificates

    registration = Registration.objects.filter(
        person=w.people["teacher"], checked_in_at__isnull=False
    ).earliest("pk")
    found = Certificate.objects.filter(registration=registration).first()
    return found or certificates.issue_certificate(
        registration=registration, by=w.people["team"], now=registration.event.ends_at
    )


def _partner_item(w: W, accepted: bool = False) -> Any:
    """A partner's item the teacher proposed for De Linde, with its image (made on first use);
    `accepted`: another one, which the team accepted (in the calendar)."""
    import datetime
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from PIL import Image

    from som.events.models import Event
    from som.events.services import partner_items

    title = "Open lesdag De Linde" + (" (aanvaard)" if accepted else "")
    found = Event.objects.filter(title=title).first()
    if found is not None:
        return found
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(buffer, "PNG")
    starts = timezone.now() + datetime.timedelta(days=40)
    item = partner_items.submit_item(
        values={
            "title": title,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "external_url": "https://delinde.example/open-lesdag",
            "image_alt": "De speelplaats",
        },
        organisation=w.school,
        by=w.people["teacher"],
        image=SimpleUploadedFile("speelplaats.png", buffer.getvalue()),
    )
    if accepted:
        partner_items.accept_item(event=item, by=w.people["team"])
    return item


def _partner_feed(w: W) -> Any:
    """A feed of De Linde at an address where nothing answers (an import fails at once)."""
    from som.events.models import PartnerFeed

    feed, _created = PartnerFeed.objects.get_or_create(
        organisation=w.school, url="http://127.0.0.1:9/kalender.ics"
    )
    return feed


def _preview_args(w: W) -> dict[str, Any]:
    from som.publishing.models import SiteImage

    _image_args(w)
    return {"rendition_id": SiteImage.objects.get(title="Matrix").get_rendition("max-165x165").pk}


ARGS: dict[str, Callable[[W], dict[str, Any]]] = {
    # The site's images and the consent register (publishing)
    "site_image": _image_args,
    "site_image_file": lambda w: _image_args(w, filename=True),
    "wagtailadmin_image_preview": _preview_args,
    # No page of the world carries a password (Wagtail's page privacy): an unknown restriction.
    "wagtailcore_authenticate_with_password": lambda w: {
        "page_view_restriction_id": 999_999,
        "page_id": 999_999,
    },
    "publishing:consent": lambda w: {"pk": _consent(w).pk},
    "publishing:revoke_consent": lambda w: {"pk": _consent(w).pk},
    # API
    "api-1:get_invoice": lambda w: {"number": w.invoice.number},
    "api-1:get_event": lambda w: {"event_id": w.event.pk},
    "api-1:register": lambda w: {"event_id": w.event.pk},
    "api-1:cancel_mine": lambda w: {"event_id": w.event.pk},
    "api-1:get_poll": lambda w: {"poll_id": w.poll.pk},
    "api-1:cast_ballot": lambda w: {"poll_id": w.poll.pk},
    "api-1:published_ballots": lambda w: {"poll_id": w.poll.pk},
    "api-1:turnout": lambda w: {"poll_id": w.poll.pk},
    "api-1:result": lambda w: {"poll_id": w.poll.pk},
    "api-1:get_lab": lambda w: {"slug": w.lab.slug},
    "api-1:lab_results": lambda w: {"slug": w.lab.slug},
    "api-1:get_meeting": lambda w: {"meeting_id": w.meeting.pk},
    # The team's "to post" list
    "publishing:mark_posted": lambda w: {"pk": _social_post(w).pk},
    # Stories a lab lead writes for their lab (som/publishing/views/story.py)
    "publishing:lab_stories": lambda w: {"slug": w.lab.slug},
    "publishing:write_story": lambda w: {"slug": w.lab.slug},
    "publishing:edit_story": lambda w: {"slug": w.lab.slug, "pk": _lab_story(w, w.lab).pk},
    "publishing:edit_story [of the second lab]": lambda w: {
        "slug": w.lab.slug,
        "pk": _lab_story(w, w.second_lab).pk,
    },
    # Events
    "event_ics": lambda w: {"slug": w.event.slug},
    "events:ticket": lambda w: {"code": w.registration.ticket_code},
    # Attendance certificates (som/events/views/certificates.py)
    "certificate_check": lambda w: {"code": _certificate(w).code},
    "certificate_check [wrong code]": lambda w: {"code": "ABCD-EFGH-JK"},
    "events:certificate_pdf": lambda w: {"pk": _certificate(w).pk},
    "events:issue_my_certificate": lambda w: {"pk": w.registration.pk},
    "events:issue_certificates": lambda w: {"pk": w.event.pk},
    "events:event_certificates_pdf": lambda w: {"pk": w.event.pk},
    "events:staff_certificates": lambda w: {"slug": w.school.slug},
    "events:staff_certificates [De Ring]": lambda w: {"slug": w.other_school.slug},
    "events:staff_certificates_pdf": lambda w: {"slug": w.school.slug},
    "events:cancel_link": lambda w: {"token": cancel_token(w.registration)},
    "events:place": lambda w: {"token": place_token(w.registration)},
    "events:registered": lambda w: {"pk": w.registration.pk},
    "events:cancel": lambda w: {"pk": w.registration.pk},
    "events:cancel_colleague": lambda w: {"pk": w.registration.pk},
    "events:detail": lambda w: {"slug": w.event.slug},
    "events:register": lambda w: {"slug": w.event.slug},
    "events:register_colleague": lambda w: {"slug": w.event.slug},
    "events:attendance_event": lambda w: {"pk": w.event.pk},
    "events:set_overbooking": lambda w: {"pk": w.event.pk},
    "events:attendees_export": lambda w: {"pk": w.event.pk, "format": "csv"},
    "events:door": lambda w: {"pk": w.event.pk},
    "events:door_check_in": lambda w: {"pk": w.event.pk},
    "events:door_walk_in": lambda w: {"pk": w.event.pk},
    "events:image": lambda w: {"slug": _partner_item(w, accepted=True).slug},
    "events:image [waiting]": lambda w: {"slug": _partner_item(w).slug},
    "events:partner_item": lambda w: {"pk": _partner_item(w).pk},
    "events:accept_partner_item": lambda w: {"pk": _partner_item(w).pk},
    "events:decline_partner_item": lambda w: {"pk": _partner_item(w).pk},
    "events:change_partner_feed": lambda w: {"pk": _partner_feed(w).pk},
    "events:import_partner_feed": lambda w: {"pk": _partner_feed(w).pk},
    # Labs: calls and proposals
    "labs:start": lambda w: {"pk": w.call.pk},
    "labs:proposal": lambda w: {"pk": w.proposal.pk},
    "labs:history": lambda w: {"pk": w.proposal.pk},
    "labs:invite": lambda w: {"pk": w.proposal.pk},
    "labs:submit": lambda w: {"pk": w.proposal.pk},
    "labs:accept": lambda w: {"pk": w.coauthor_invitation.pk},
    "labs:decline": lambda w: {"pk": w.coauthor_invitation.pk},
    "labs:team_call": lambda w: {"pk": w.call.pk},
    "labs:edit_call": lambda w: {"pk": w.call.pk},
    "labs:close_call": lambda w: {"pk": w.call.pk},
    "labs:team_proposal": lambda w: {"pk": w.proposal.pk},
    "labs:pitch": lambda w: {"pk": w.proposal.pk},
    "labs:team_lab_from_proposal": lambda w: {"pk": w.proposal.pk},
    "labs:ballot": lambda w: {"call_id": w.call.pk},
    "labs:screen": lambda w: {"call_id": w.call.pk},
    "labs:selection": lambda w: {"call_id": w.call.pk},
    "labs:selection_result": lambda w: {"call_id": w.call.pk},
    # Labs: a lab and its group
    "labs:result [draft]": lambda w: {"slug": w.lab.slug, "pk": w.draft_result.pk},
    "labs:result_file [draft]": lambda w: {"pk": w.draft_result_file.pk},
    "labs:attachment [public]": lambda w: {"pk": w.public_attachment.pk},
    "labs:group [second lab]": lambda w: {"slug": w.second_lab.slug},
    "labs:edit_result [draft]": lambda w: {"slug": w.lab.slug, "pk": w.draft_result.pk},
    "labs:lab": lambda w: {"slug": w.lab.slug},
    "labs:contact": lambda w: {"slug": w.lab.slug},
    "labs:result": lambda w: {"slug": w.lab.slug, "pk": w.result.pk},
    "labs:attachment": lambda w: {"pk": w.attachment.pk},
    "labs:result_file": lambda w: {"pk": w.result_file.pk},
    "labs:receipt": lambda w: {"pk": w.expense.pk},
    "labs:group": lambda w: {"slug": w.lab.slug},
    "labs:invite_member": lambda w: {"slug": w.lab.slug},
    "labs:end_member": lambda w: {"slug": w.lab.slug, "pk": w.lab_member.pk},
    "labs:edit": lambda w: {"slug": w.lab.slug},
    "labs:status": lambda w: {"slug": w.lab.slug},
    "labs:plan_session": lambda w: {"slug": w.lab.slug},
    "labs:session": lambda w: {"slug": w.lab.slug, "pk": w.session.pk},
    "labs:answer": lambda w: {"slug": w.lab.slug, "pk": w.session.pk},
    "labs:record": lambda w: {"slug": w.lab.slug, "pk": w.session.pk},
    "labs:cancel": lambda w: {"slug": w.lab.slug, "pk": w.session.pk},
    "labs:logbook": lambda w: {"slug": w.lab.slug},
    "labs:edit_entry": lambda w: {"slug": w.lab.slug, "pk": w.entry.pk},
    "labs:budget": lambda w: {"slug": w.lab.slug},
    "labs:manage_results": lambda w: {"slug": w.lab.slug},
    "labs:edit_result": lambda w: {"slug": w.lab.slug, "pk": w.result.pk},
    "labs:year_entries": lambda w: {"slug": w.lab.slug},
    "labs:year_entry": lambda w: {"slug": w.lab.slug, "pk": w.year_entry.pk},
    "labs:accept_lab": lambda w: {"pk": w.lab_invitation.pk},
    "labs:decline_lab": lambda w: {"pk": w.lab_invitation.pk},
    "labs:team_lab": lambda w: {"slug": w.lab.slug},
    "labs:team_expense": lambda w: {"slug": w.lab.slug, "pk": w.expense.pk},
    "labs:team_year_entry": lambda w: {"slug": w.lab.slug, "pk": w.year_entry.pk},
    # Accounts
    "accounts:revoke_api_key": lambda w: {"pk": w.api_key.pk},
    # Acting for somebody else's organisation, or on another lab's object through one's own lab
    "governance:attendance [for De Linde]": lambda w: {"pk": w.meeting.pk},
    "governance:proxy [from De Linde]": lambda w: {"pk": w.meeting.pk},
    "governance:propose [for De Linde]": lambda w: {"pk": w.meeting.pk},
    "governance:sign_proposal [for De Linde]": lambda w: {"pk": w.agenda_proposal.pk},
    "governance:sign_request [for De Linde]": lambda w: {"pk": w.meeting_request.pk},
    "governance:vote [yes]": lambda w: {"pk": w.meeting.pk},
    "events:register_colleague [De Linde's colleague]": lambda w: {"slug": w.event.slug},
    "labs:session [of the second lab]": lambda w: {"slug": w.lab.slug, "pk": w.second_session.pk},
    "labs:answer [of the second lab]": lambda w: {"slug": w.lab.slug, "pk": w.second_session.pk},
    "labs:edit_result [of the second lab]": lambda w: {
        "slug": w.lab.slug,
        "pk": w.second_result.pk,
    },
    "labs:end_member [of the second lab]": lambda w: {
        "slug": w.lab.slug,
        "pk": w.second_member.pk,
    },
    # Network
    "network:claim_detail": lambda w: {"pk": w.claim.pk},
    "network:hand_over": lambda w: {"pk": w.claim.pk},
    "network:withdraw_claim": lambda w: {"pk": w.claim.pk},
    "network:grant_claim": lambda w: {"pk": w.claim.pk},
    "network:decline_claim": lambda w: {"pk": w.claim.pk},
    "network:claim": lambda w: {"slug": w.school.slug},
    "network:edit": lambda w: {"slug": w.school.slug},
    "network:staff": lambda w: {"slug": w.school.slug},
    "network:end_staff": lambda w: {"slug": w.school.slug, "pk": w.teacher_affiliation.pk},
    "network:end_staff [De Linde's teacher through De Ring]": lambda w: {
        "slug": w.other_school.slug,
        "pk": w.teacher_affiliation.pk,
    },
    "network:staff [De Ring]": lambda w: {"slug": w.other_school.slug},
    "membership:representative [of De Ring]": lambda w: {"pk": w.other_membership.pk},
    "network:accept_invitation": lambda w: {"pk": w.staff_invitation.pk},
    "network:decline_invitation": lambda w: {"pk": w.staff_invitation.pk},
    "network:invitation": lambda w: {"token": w.staff_invitation_token},
    "network:resend_invitation": lambda w: {"slug": w.school.slug},
    "network:withdraw_invitation": lambda w: {"slug": w.school.slug},
    # Membership
    "membership:withdraw": lambda w: {"pk": w.application.pk},
    "membership:resign": lambda w: {"pk": w.membership.pk},
    "membership:representative": lambda w: {"pk": w.membership.pk},
    "membership:approve": lambda w: {"pk": w.application.pk},
    "membership:decline": lambda w: {"pk": w.application.pk},
    "membership:correct_entry": lambda w: {"number": w.register_entry.number},
    # Finance
    "finance:invoice_pdf": lambda w: {"number": w.invoice.number},
    "finance:register_payment": lambda w: {"number": w.invoice.number},
    "finance:cancel_invoice": lambda w: {"number": w.invoice.number},
    "finance:assign_payment": lambda w: {"pk": w.payment.pk},
    # The selection vote of a call, open at its network day
    "labs:ballot [open vote]": lambda w: {"call_id": w.selection_call.pk},
    "labs:ballot [a choice]": lambda w: {"call_id": w.selection_call.pk},
    "labs:screen [open vote]": lambda w: {"call_id": w.selection_call.pk},
    "labs:selection [open vote]": lambda w: {"call_id": w.selection_call.pk},
    "labs:selection_result [open vote]": lambda w: {"call_id": w.selection_call.pk},
    "api-1:get_poll [selection]": lambda w: {"poll_id": w.selection_poll.pk},
    "api-1:cast_ballot [selection]": lambda w: {"poll_id": w.selection_poll.pk},
    "api-1:turnout [selection]": lambda w: {"poll_id": w.selection_poll.pk},
    "api-1:result [selection]": lambda w: {"poll_id": w.selection_poll.pk},
    "api-1:published_ballots [selection]": lambda w: {"poll_id": w.selection_poll.pk},
    # Governance
    "governance:meeting [draft]": lambda w: {"pk": w.draft_meeting.pk},
    "governance:document [draft]": lambda w: {"pk": w.draft_document.pk},
    "governance:projector [draft]": lambda w: {"pk": w.draft_meeting.pk},
    "api-1:get_meeting [draft]": lambda w: {"meeting_id": w.draft_meeting.pk},
    "events:detail [draft]": lambda w: {"slug": w.draft_event.slug},
    "events:register [draft]": lambda w: {"slug": w.draft_event.slug},
    "event_ics [draft]": lambda w: {"slug": w.draft_event.slug},
    "api-1:get_event [draft]": lambda w: {"event_id": w.draft_event.pk},
    "api-1:register [draft]": lambda w: {"event_id": w.draft_event.pk},
    "governance:sign_request": lambda w: {"pk": w.meeting_request.pk},
    "governance:meeting": lambda w: {"pk": w.meeting.pk},
    "governance:attendance": lambda w: {"pk": w.meeting.pk},
    "governance:proxy": lambda w: {"pk": w.meeting.pk},
    "governance:withdraw_proxy": lambda w: {"pk": w.proxy.pk},
    "governance:propose": lambda w: {"pk": w.meeting.pk},
    "governance:sign_proposal": lambda w: {"pk": w.agenda_proposal.pk},
    "governance:vote": lambda w: {"pk": w.meeting.pk},
    "governance:projector": lambda w: {"pk": w.meeting.pk},
    "governance:document": lambda w: {"pk": w.document.pk},
    "governance:minutes": lambda w: {"pk": w.closed_meeting.pk},
    "governance:minutes_pdf": lambda w: {"pk": w.closed_meeting.pk},
    "governance:prepare": lambda w: {"pk": w.meeting.pk},
    "governance:chair": lambda w: {"pk": w.meeting.pk},
    "governance:edit_minutes": lambda w: {"pk": w.closed_meeting.pk},
    # The demo's mailbox (only with SOM_ENV=demo)
    "demo:mail": lambda w: {"pk": 1},
    "demo:attachment": lambda w: {"pk": 1, "number": 1},
    # A portrait (publishing)
    "publishing:portrait_approval": lambda w: {"token": PORTRAIT_TOKEN},
    "publishing:portrait_message": lambda w: {"pk": w.portrait.pk},
    "publishing:ask_approval": lambda w: {"pk": w.portrait.pk},
    # The directory: De Linde's page and settings, and De Ring's for its contact.
    "publishing:organisation": lambda w: {"slug": w.school.slug},
    "publishing:edit_profile": lambda w: {"slug": w.school.slug},
    "publishing:edit_profile [De Ring]": lambda w: {"slug": w.other_school.slug},
    "publishing:my_listing": lambda w: {"slug": w.school.slug},
}

# The payload of the API's writes: well-formed, so the answer is about who asks, not the shape;
# and the form a variant posts, to act for De Linde (whose contact is not a persona).
PAYLOADS: dict[str, Callable[[W], Any]] = {
    "governance:attendance [for De Linde]": lambda w: {
        "organisation": w.school.pk,
        "attending": "yes",
    },
    "governance:proxy [from De Linde]": lambda w: {
        "giver": w.school.pk,
        "holder": w.third_school.pk,
        "statement": "Volmacht",
    },
    "governance:propose [for De Linde]": lambda w: {
        "organisation": w.school.pk,
        "title": "Taalbeleid",
        "motion": "De algemene vergadering keurt het taalbeleid goed.",
        "motion_kind": w.poll_item_kind.pk,
    },
    "governance:sign_proposal [for De Linde]": lambda w: {"organisation": w.school.pk},
    "governance:sign_request [for De Linde]": lambda w: {"organisation": w.school.pk},
    "governance:requests [for De Linde]": lambda w: {
        "organisation": w.school.pk,
        "reason": "Een extra vergadering",
    },
    "governance:vote [yes]": lambda w: {"choice": [w.poll.options.get(reference="yes").pk]},
    "events:register_colleague [De Linde's colleague]": lambda w: {"colleague": [w.colleague.pk]},
    "labs:answer [of the second lab]": lambda w: {"coming": "yes"},
    "labs:edit_result [of the second lab]": lambda w: {"title": "Overschreven", "summary": "X"},
    "publishing:edit_story [of the second lab]": lambda w: {
        "title": "Overgenomen",
        "kind": "account",
        "lead": "Overgenomen",
        "body": "Overgenomen",
        "cover_recognisable": "nobody",
    },
    "api-1:check_in": lambda w: {"ticket_code": w.registration.ticket_code},
    "api-1:cast_ballot": lambda w: {"choices": [w.poll.options.first().pk]},
    "api-1:cast_ballot [selection]": lambda w: {"choices": [w.selection_poll.options.first().pk]},
    "labs:ballot [a choice]": lambda w: {"choice": [w.selection_poll.options.first().pk]},
}

# Pages that may show one of world.py's secrets to anyone who reaches them: {row: {secret}}.
LEAK_EXEMPT: dict[str, Callable[[W], set[str]]] = {
    # The ticket page shows its code (holding the code is what opens the page), and the
    # invitation's page whom it invites (holding the mailed link is what opens it).
    "events:ticket": lambda w: {w.registration.ticket_code},
    # The certificate's code is the key to its check page, which states the holder's name.
    "certificate_check": lambda w: {w.people["teacher"].full_name},
    "network:invitation": lambda w: {w.staff_invitation.email},
}

# Rows used more than once.
EVERYBODY = "2 2 2 2 2 2 2 2"
NO_POST = "M M M M M M M M"
NO_GET = "M M M M M M M M"
LOGGED_IN = "L 2 2 2 2 2 2 2"
TEAM = "L N N N N N N 2"  # the team's pages: 404 for everyone else, as for "missing"
ONLY_TEAM_WITHOUT_LOGIN = "N N N N N N N 2"
LAB_GROUP = "L N N N N 2 N 2"  # the lab's own people (its lead here) and the team
MEMBERS = "L N 2 2 2 2 2 2"  # the people of voting member institutions, the board, the team
API_PUBLIC = EVERYBODY

TABLE: dict[str, str] = {
    "healthz": f"{EVERYBODY} | {NO_POST}",
    # --- API (/api/v1/) -------------------------------------------------------------------------
    "api-1:openapi-json": f"{EVERYBODY} | {EVERYBODY}",
    "api-1:openapi-view": f"{EVERYBODY} | {EVERYBODY}",
    "api-1:api-root": "N N N N N N N N | N N N N N N N N",
    "api-1:list_organisations": API_PUBLIC,
    "api-1:get_invoice": "U N N N N N N 2",  # De Linde's invoice: its contact and the team
    "api-1:member_register": "U 4 4 4 4 4 4 2",
    "api-1:list_events": API_PUBLIC,
    "api-1:get_event": API_PUBLIC,
    # The teacher is registered already: 200 with the existing registration, nothing changes.
    "api-1:register": "U 2+ 2 2+ 2+ 2+ 2+ 2+",
    "api-1:cancel_mine": "U N 2+ N N N N N",  # only the teacher has a registration
    "api-1:check_in": "U 4 4 4 4 4 4 C",  # the team at the door, before the doors open
    "api-1:get_poll": "U N 2 2 2 2 2 2",  # the general assembly's vote: whoever sees the meeting
    "api-1:cast_ballot": "U N 4 2+ 4 4 4 4",  # De Ring's contact represents a voting member
    "api-1:published_ballots": "U N N N N N N N",  # a secret vote, still open
    "api-1:turnout": "U N 2 2 2 2 2 2",
    "api-1:result": "U N C C C C C C",  # still open: no result yet
    "api-1:list_labs": API_PUBLIC,
    "api-1:get_lab": API_PUBLIC,
    "api-1:lab_results": API_PUBLIC,
    "api-1:get_meeting": "U N 2 2 2 2 2 2",
    "api-1:get_poll [selection]": "U N 2 N N N 2 2",  # the day's registrants, the board, the team
    "api-1:cast_ballot [selection]": "U N 2+ N N N 4 4",
    "api-1:turnout [selection]": "U N 2 N N N 2 2",
    "api-1:result [selection]": "U N C N N N C C",
    "api-1:published_ballots [selection]": "U N C N N N C C",  # readers: once published
    "api-1:get_meeting [draft]": "U N N N N N N 2",
    "api-1:get_event [draft]": "N N N N N N N N",  # the API lists published events only
    "api-1:register [draft]": "U N N N N N N N",
    # --- Site-wide -------------------------------------------------------------------------------
    "set_language": "3 3 3 3 3 3 3 3 | 3 3 3 3 3 3 3 3",
    "calendar_ics": f"{EVERYBODY} | {NO_POST}",
    "event_ics": f"{EVERYBODY} | {NO_POST}",
    "robots_txt": f"{EVERYBODY} | {NO_POST}",
    "sitemap": f"{EVERYBODY} | {EVERYBODY}",
    # --- Events ----------------------------------------------------------------------------------
    "events:calendar": f"{EVERYBODY} | {NO_POST}",
    "events:detail": f"{EVERYBODY} | {NO_POST}",
    "events:detail [draft]": f"N N N N N N N 2 | {NO_POST}",  # the team previews it
    "events:register [draft]": "L N N N N N N 2 | L N N N N N N 3",
    "event_ics [draft]": f"N N N N N N N 2 | {NO_POST}",
    "events:mine": f"{LOGGED_IN} | {LOGGED_IN}",
    "events:ticket_sw": f"{EVERYBODY} | {NO_POST}",
    # The ticket's code and the signed cancel link are the capability (mailed to the person).
    "events:ticket": f"{EVERYBODY} | {NO_POST}",
    "events:cancel_link": f"{EVERYBODY} | 2+ 2+ 2+ 2+ 2+ 2+ 2+ 2+",  # POST: the confirmation
    # The reconfirmation's and offer's signed link: the key; an empty POST chooses no button.
    "events:place": f"{EVERYBODY} | {EVERYBODY}",
    "events:registered": "L N 2 N N N N N | L N 2 N N N N N",  # the teacher's own
    "events:cancel": "L N 2 N N N N N | L N 3+ N N N N N",
    # The teacher's own registration (not a colleague's); De Ring's contact is not De Linde's.
    "events:cancel_colleague": f"{NO_GET} | L N N N N N N N",
    "events:register": "L 2 2 2 2 2 2 2 | L 3+ 3 3+ 3+ 3+ 3+ 3+",
    "events:register_colleague": f"{NO_GET} | L 3 3 3 3 3 3 3",
    # Only De Linde's contact (and the team) may register De Linde's staff.
    "events:register_colleague [De Linde's colleague]": f"{NO_GET} | L 3 3 3 3 3 3 3",
    "events:attendance": f"{TEAM} | {TEAM}",
    "events:entry_rules": f"{TEAM} | {TEAM}",  # the team's POST of an empty form: its errors
    "events:attendance_event": f"{TEAM} | {TEAM}",
    "events:set_overbooking": f"{NO_GET} | L N N N N N N 3",  # an empty form: refused, a message
    "events:attendees_export": f"{TEAM} | {TEAM}",
    "events:door": f"{TEAM} | {TEAM}",
    "events:door_check_in": f"{NO_GET} | L N N N N N N 3",
    "events:door_walk_in": f"{NO_GET} | L N N N N N N B",
    # Partners' items: proposed by people of an organisation, reviewed by the team.
    "events:propose": "L 2 2 2 2 2 2 2 | L 2 B B B B B 2",  # POST: an empty form's errors
    "events:image": f"{EVERYBODY} | {NO_POST}",  # the image of an accepted item
    "events:image [waiting]": f"N N 2 N N N N 2 | {NO_POST}",  # the teacher proposed it
    "events:partner_items": f"{TEAM} | {NO_POST}",
    "events:partner_item": f"{TEAM} | L N N N N N N B",  # POST: accept with an empty form
    "events:accept_partner_item": f"{NO_GET} | L N N N N N N 3+",
    "events:decline_partner_item": f"{NO_GET} | L N N N N N N 3",  # no reason: a message
    "events:partner_feeds": f"{TEAM} | L N N N N N N B",  # POST: an empty form's errors
    "events:change_partner_feed": f"{NO_GET} | L N N N N N N 3",
    "events:import_partner_feed": f"{NO_GET} | L N N N N N N 3+",  # unreachable: its error kept
    # Attendance certificates: the check page is public (the code is the key); the PDF is the
    # holder's and the team's (the holder did not share it with De Linde's contact); a contact
    # sees their own organisation's page. POSTs on an event not started and a registration not
    # checked in are refused with a message.
    "certificate_check": f"{EVERYBODY} | {NO_POST}",
    "certificate_check [wrong code]": f"N N N N N N N N | {NO_POST}",
    "events:my_certificates": f"{LOGGED_IN} | {NO_POST}",
    "events:issue_my_certificate": f"{NO_GET} | L N 3 N N N N N",
    "events:certificate_pdf": f"L N 2 N N N N 2 | {NO_POST}",
    "events:issue_certificates": f"{NO_GET} | L N N N N N N 3",
    "events:event_certificates_pdf": f"L N N N N N N 3 | {NO_POST}",  # none issued: a message
    "events:staff_certificates": f"{TEAM} | {NO_POST}",  # De Linde: its contact is no persona
    "events:staff_certificates [De Ring]": f"L N N 2 N N N 2 | {NO_POST}",
    "events:staff_certificates_pdf": f"{NO_GET} | L N N N N N N 3",  # nothing shared: a message
    # --- Labs: public pages ----------------------------------------------------------------------
    "labs:overview": f"{EVERYBODY} | {EVERYBODY}",
    "labs:results": f"{EVERYBODY} | {EVERYBODY}",
    "labs:lab": f"{EVERYBODY} | {EVERYBODY}",
    "labs:calls": f"{EVERYBODY} | {EVERYBODY}",
    "labs:contact": f"{EVERYBODY} | {EVERYBODY}",
    "labs:result": f"{EVERYBODY} | {EVERYBODY}",  # published
    "labs:result_file": f"{EVERYBODY} | {EVERYBODY}",  # of a published result
    "labs:attachment": "N N N N N 2 N 2 | N N N N N 2 N 2",  # a reflection's file: the group
    "labs:receipt": "N N N N N 2 N 2 | N N N N N 2 N 2",  # an expense's receipt: lead, team
    "labs:result [draft]": "N N N N N N N N | N N N N N N N N",  # managed on edit_result
    "labs:result_file [draft]": "N N N N N 2 N 2 | N N N N N 2 N 2",
    "labs:attachment [public]": f"{EVERYBODY} | {EVERYBODY}",  # a public reflection's file
    # --- Labs: calls and proposals (the proposal is a colleague's draft) -------------------------
    "labs:start": f"{NO_GET} | L 3 3+ 3+ 3+ 3+ 3+ 3",
    "labs:mine": f"{LOGGED_IN} | {LOGGED_IN}",
    "labs:proposal": f"{TEAM} | {TEAM}",
    "labs:history": f"{TEAM} | {TEAM}",
    "labs:invite": f"{NO_GET} | L N N N N N N 3",
    "labs:submit": f"{NO_GET} | L N N N N N N 3",
    "labs:accept": f"{NO_GET} | L N N N N N N N",  # an invitation to somebody else
    "labs:decline": f"{NO_GET} | L N N N N N N N",
    "labs:team_calls": f"{TEAM} | {TEAM}",
    "labs:new_call": f"{TEAM} | {TEAM}",
    "labs:team_call": f"{TEAM} | {TEAM}",
    "labs:edit_call": f"{TEAM} | {TEAM}",
    "labs:close_call": f"{NO_GET} | L N N N N N N 3+",
    "labs:team_proposal": f"{TEAM} | {TEAM}",
    "labs:pitch": f"{NO_GET} | L N N N N N N 3",
    "labs:team_lab_from_proposal": f"{NO_GET} | L N N N N N N 3",
    # The selection vote of the call (none has started): its page says so to whoever logs in.
    "labs:ballot": f"{LOGGED_IN} | {LOGGED_IN}",
    # Open: for the network day's checked-in attendees (the teacher); the board and the team
    # follow it. POST without a choice is refused with the form (400); with one, it counts.
    "labs:ballot [open vote]": "L N 2 N N N 2 2 | L N V N N N V V",
    "labs:ballot [a choice]": "L N 2 N N N 2 2 | L N 2+ N N N 4 4",  # the board, the team: 403
    "labs:screen [open vote]": f"{TEAM} | {TEAM}",
    "labs:selection [open vote]": "L N N N N N 2 2 | L N N N N N N N",
    "labs:selection_result [open vote]": "N N N N N N N N | N N N N N N N N",
    "labs:screen": f"{TEAM} | {TEAM}",
    "labs:selection": "L N N N N N 2 2 | L N N N N N N N",  # the board confirms; POST: no action
    "labs:selection_result": "N N N N N N N N | N N N N N N N N",  # no result yet
    # --- Labs: the first lab's group (its lead), the team's lab pages ----------------------------
    "labs:group": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:group [second lab]": "L N N N 2 N N 2 | L N N N 2 N N 2",  # its member, not our lead
    # The second lab's objects through the first lab's address: nobody, not even its lead.
    "labs:session [of the second lab]": "L N N N N N N N | L N N N N N N N",
    "labs:answer [of the second lab]": f"{NO_GET} | L N N N N N N N",
    "labs:edit_result [of the second lab]": "L N N N N N N N | L N N N N N N N",
    "labs:end_member [of the second lab]": f"{NO_GET} | L N N N N N N N",
    "labs:invite_member": f"{NO_GET} | L N N N N 3 N 3",
    "labs:end_member": f"{NO_GET} | L N N N N 3+ N 3+",
    "labs:edit": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:status": f"{NO_GET} | L N N N N 3 N 3",
    "labs:plan_session": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:session": f"{LAB_GROUP} | L N N N N 3 N 3",
    "labs:answer": f"{NO_GET} | L N N N N 3 N 3",  # without "coming": asked again
    "labs:record": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:cancel": f"{NO_GET} | L N N N N 3+ N 3+",
    "labs:logbook": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:edit_entry": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:budget": f"{LAB_GROUP} | L N N N N B N B",
    "labs:manage_results": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:edit_result": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:edit_result [draft]": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:year_entries": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:year_entry": f"{LAB_GROUP} | {LAB_GROUP}",
    "labs:accept_lab": f"{NO_GET} | L N N N N N N N",  # an invitation to somebody else
    "labs:decline_lab": f"{NO_GET} | L N N N N N N N",
    "labs:team_labs": f"{TEAM} | {TEAM}",
    "labs:team_create_lab": f"{TEAM} | {TEAM}",
    "labs:team_lab": f"{TEAM} | {TEAM}",
    "labs:team_expense": f"{NO_GET} | L N N N N N N 3",
    "labs:team_year_entry": f"{NO_GET} | L N N N N N N 3",  # without "decision": asked again
    # --- The back office: staff only (the admin sends everyone else to its login) ---------------
    "admin:index": "L L L L L L L 2 | L L L L L L L 2",
    "admin:*_history": "L L L L L L L * | L L L L L L L *",  # the audit trail of one row
    # --- Mijn SOM, the account -------------------------------------------------------------------
    "my_som:home": f"{LOGGED_IN} | {LOGGED_IN}",
    "accounts:home": f"{LOGGED_IN} | {LOGGED_IN}",
    "accounts:export": f"{LOGGED_IN} | {NO_POST}",
    "accounts:erasure": f"{LOGGED_IN} | {LOGGED_IN}",
    "accounts:api_keys": f"{LOGGED_IN} | {LOGGED_IN}",  # one's own keys; POST: an empty form
    "accounts:revoke_api_key": f"{NO_GET} | L N N N N N N N",  # a colleague's key
    # --- Organisations (De Linde's pages: its contact, not a persona, and the team) -------------
    "network:mine": f"{LOGGED_IN} | {LOGGED_IN}",
    "network:find": f"{LOGGED_IN} | {LOGGED_IN}",
    "network:add": f"{LOGGED_IN} | {LOGGED_IN}",
    "network:claim": f"{LOGGED_IN} | {LOGGED_IN}",
    "network:claim_detail": f"{TEAM} | {TEAM}",  # somebody else's request
    "network:hand_over": f"{NO_GET} | L N N N N N N N",
    "network:withdraw_claim": f"{NO_GET} | L N N N N N N N",
    "network:claims": f"{TEAM} | {TEAM}",
    "network:grant_claim": f"{NO_GET} | L N N N N N N 3+",
    "network:decline_claim": f"{TEAM} | {TEAM}",
    "network:edit": f"{TEAM} | {TEAM}",
    "network:staff": f"{TEAM} | {TEAM}",
    "network:end_staff": f"{NO_GET} | L N N N N N N 3+",
    # De Ring's contact manages De Ring's staff list, not De Linde's through De Ring's address.
    "network:staff [De Ring]": "L N N 2 N N N 2 | L N N 2 N N N 2",
    "network:end_staff [De Linde's teacher through De Ring]": f"{NO_GET} | L N N N N N N N",
    # A newcomer's invitation to De Linde's staff list: the link is the capability (mailed).
    "network:invitation": f"{EVERYBODY} | 3 3 3 3 3 3 3 3",  # POST without an answer: asked
    "network:accept_invitation": f"{NO_GET} | L N N N N N N N",
    "network:decline_invitation": f"{NO_GET} | L N N N N N N N",
    "network:resend_invitation": f"{NO_GET} | L N N N N N N 3",
    "network:withdraw_invitation": f"{NO_GET} | L N N N N N N 3",
    # --- Membership (De Linde's membership, a newcomer's application) ---------------------------
    "membership:apply": f"{LOGGED_IN} | {LOGGED_IN}",
    "membership:mine": f"{LOGGED_IN} | {LOGGED_IN}",
    "membership:withdraw": f"{NO_GET} | L N N N N N N N",  # the applicant's own
    "membership:resign": "L N N N N N N N | L N N N N N N N",  # De Linde's contact's
    "membership:representative": "L N N N N N N N | L N N N N N N N",
    "membership:representative [of De Ring]": "L N N 2 N N N N | L N N 2 N N N N",  # its contact
    "membership:applications": f"{TEAM} | {TEAM}",
    "membership:approve": f"{NO_GET} | L N N N N N N 3+",
    "membership:decline": f"{TEAM} | {TEAM}",
    "membership:overview": f"{TEAM} | {TEAM}",
    "membership:register": f"{TEAM} | {TEAM}",
    "membership:years": f"{TEAM} | L N N N N N N N",  # POST without an action: 404
    "membership:correct_entry": f"{TEAM} | {TEAM}",
    # --- Finance (De Linde's invoice) ------------------------------------------------------------
    "finance:invoices": f"{TEAM} | {TEAM}",
    "finance:invoice_pdf": f"{TEAM} | {TEAM}",
    "finance:register_payment": f"{NO_GET} | L N N N N N N 3",
    "finance:cancel_invoice": f"{NO_GET} | L N N N N N N 3",
    "finance:payments": f"{TEAM} | {TEAM}",
    "finance:assign_payment": f"{NO_GET} | L N N N N N N 3",
    # --- The association: the general assembly in session, a closed one with draft minutes ------
    "governance:bodies": f"{EVERYBODY} | {EVERYBODY}",
    "governance:meetings": f"{LOGGED_IN} | {LOGGED_IN}",
    "governance:decisions": f"{MEMBERS} | {MEMBERS}",
    "governance:requests": f"{MEMBERS} | {MEMBERS}",
    "governance:sign_request": f"{NO_GET} | L N N N N N N N",  # POST without an organisation
    "governance:sign_request [for De Linde]": f"{NO_GET} | L N 3 3 3 3 3 3",
    "governance:requests [for De Linde]": f"{MEMBERS} | {MEMBERS}",  # the form refuses it
    "governance:meeting": f"{MEMBERS} | {MEMBERS}",
    "governance:meeting [draft]": f"{TEAM} | {TEAM}",  # drafts: the secretary and the team
    "governance:document [draft]": f"{TEAM} | {TEAM}",
    "governance:projector [draft]": f"{TEAM} | {TEAM}",
    "governance:attendance": f"{NO_GET} | L N N N N N N N",
    "governance:attendance [for De Linde]": f"{NO_GET} | L N 3 3 3 3 3 3",  # refused, a message
    "governance:proxy": f"{NO_GET} | L N 3 3 3 3 3 3",
    "governance:proxy [from De Linde]": f"{NO_GET} | L N 3 3 3 3 3 3",
    "governance:withdraw_proxy": f"{NO_GET} | L N N N N N N 3+",  # De Linde's proxy
    "governance:propose": f"{NO_GET} | L N 3 3 3 3 3 3",
    "governance:propose [for De Linde]": f"{NO_GET} | L N 3 3 3 3 3 3",
    "governance:sign_proposal": f"{NO_GET} | L N N N N N N N",
    "governance:sign_proposal [for De Linde]": f"{NO_GET} | L N 3 3 3 3 3 3",
    "governance:vote": f"{MEMBERS} | L N V V V V V V",
    # Only De Ring's contact represents a member present at the meeting.
    "governance:vote [yes]": f"{MEMBERS} | L N 4 2+ 4 4 4 4",
    "governance:projector": f"{MEMBERS} | {MEMBERS}",
    "governance:document": f"{MEMBERS} | {MEMBERS}",
    "governance:minutes": f"{TEAM} | {TEAM}",  # draft minutes: the secretary and the team
    "governance:minutes_pdf": f"{TEAM} | {TEAM}",
    "governance:new_meeting": f"{TEAM} | {TEAM}",
    "governance:prepare": f"{TEAM} | L N N N N N N N",  # POST without an action: 404
    "governance:chair": f"{TEAM} | L N N N N N N N",
    "governance:edit_minutes": f"{TEAM} | L N N N N N N N",
    # --- The team's home and reports -------------------------------------------------------------
    "reports:team_home": f"{ONLY_TEAM_WITHOUT_LOGIN} | {ONLY_TEAM_WITHOUT_LOGIN}",
    "reports:annual_report": f"{ONLY_TEAM_WITHOUT_LOGIN} | {ONLY_TEAM_WITHOUT_LOGIN}",
    # --- The demo's pages: 404 unless SOM_ENV=demo -----------------------------------------------
    "demo:home": f"N N N N N N N N | {NO_POST}",
    "demo:mailbox": f"N N N N N N N N | {NO_POST}",
    "demo:mail": f"N N N N N N N N | {NO_POST}",
    "demo:attachment": f"N N N N N N N N | {NO_POST}",
    # Wagtail's login for private pages would take a password alone: our login instead, for
    # everybody (som/accounts/middleware.py TeamOnlyCmsMiddleware).
    "wagtailcore_login": "L L L L L L L L | L L L L L L L L",
    # The password form of a page the team made private with a password: none in the world, so
    # 404 for everybody, asked or sent (Wagtail's view looks the restriction up first).
    "wagtailcore_authenticate_with_password": "N N N N N N N N | N N N N N N N N",
    # --- Public pages ----------------------------------------------------------------------------
    # The pages the team edits (Wagtail: home, Over SOM, Word lid, the lab cycle, privacy, the
    # statutes, the stories and portraits); the matrix asks for the home page. A POST to it only
    # shows the page again (the contact page's form has its own tests, test_contact.py).
    "wagtail_serve": f"{EVERYBODY} | {EVERYBODY}",
    # Who is in the network: public; the settings are De Linde's contact's (not a persona) and
    # the team's; one's own place on the page is for De Linde's staff (the teacher).
    "publishing:directory": f"{EVERYBODY} | {EVERYBODY}",
    "publishing:organisation": f"{EVERYBODY} | {EVERYBODY}",
    "publishing:edit_profile": "L N N N N N N 2 | L N N N N N N 3+",  # POST: saved, back to it
    "publishing:edit_profile [De Ring]": "L N N 2 N N N 2 | L N N 3+ N N N 3+",
    "publishing:my_listing": "L N 2 N N N N N | L N 3 N N N N N",  # an empty form: not listed
    # A portrait: the mailed link is the key (no login); an empty POST chooses nothing (409).
    "publishing:portrait_approval": f"{EVERYBODY} | C C C C C C C C",
    # Readers write to the person through the site: an empty message is refused (400).
    "publishing:portrait_message": f"{NO_GET} | B B B B B B B B",
    # The team asks the approval (this text is approved already: a message, nothing sent).
    "publishing:ask_approval": f"{TEAM} | L N N N N N N 3",
    # --- Stories: the feeds, and what a lab's lead writes (the team may act for them) -----------
    "publishing:stories_rss": f"{EVERYBODY} | {EVERYBODY}",
    "publishing:stories_atom": f"{EVERYBODY} | {EVERYBODY}",
    "publishing:portraits_rss": f"{EVERYBODY} | {EVERYBODY}",
    "publishing:lab_stories": f"{LAB_GROUP} | {LAB_GROUP}",
    "publishing:write_story": f"{LAB_GROUP} | {LAB_GROUP}",  # an empty form: asked again
    "publishing:edit_story": f"{LAB_GROUP} | {LAB_GROUP}",
    # The second lab's story through the first lab's address: nobody, not even the team.
    "publishing:edit_story [of the second lab]": "L N N N N N N N | L N N N N N N N",
    # --- The site's images (public while their people consent; GET and HEAD only) -------------
    "site_image": f"{EVERYBODY} | {NO_POST}",
    "site_image_file": f"{EVERYBODY} | {NO_POST}",
    # The admin's thumbnails (Wagtail's admin gate: the team only; GET and HEAD only).
    "wagtailadmin_image_preview": "L 4 4 4 4 4 4 2 | L 4 4 4 4 4 4 M",
    # --- The consent register: the team's; an empty revoke form revokes (a message) -----------
    "publishing:consents": f"{TEAM} | {TEAM}",
    "publishing:record_consent": f"{TEAM} | {TEAM}",  # an empty form: asked again
    "publishing:consent": f"{TEAM} | {TEAM}",
    "publishing:revoke_consent": f"{TEAM} | L N N N N N N 3+",
    # --- The team's "to post" list (som/publishing/sharing.py) ----------------------------------
    # Opening the list prepares the missing posts (sharing.prepare_posts): the team's GET writes.
    "publishing:to_post": "L N N N N N N 2+ | L N N N N N N 2+",
    "publishing:mark_posted": f"{NO_GET} | L N N N N N N 3",  # POST without an action: a message
}
