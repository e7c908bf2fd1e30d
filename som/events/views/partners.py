"""Partners' items in the calendar: the partner's form to propose one (with their proposals and
their state), the team's review (accept, edit, decline with a reason), the partners' iCal feeds
the team subscribes to, and an item's image. The rules are in
som/events/services/partner_items.py and partner_feeds.py."""

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from som.accounts.requests import person_of
from som.core import downloads, files
from som.core.errors import DomainError
from som.events import permissions
from som.events.models import Event, PartnerFeed
from som.events.selectors import partners as partner_selectors
from som.events.services import partner_feeds, partner_items
from som.network.models import Organisation, Speerpunt

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


# --- Forms ----------------------------------------------------------------------------------------


class ItemForm(forms.Form):
    """What a partner fills in; the team sees the same fields when it edits while accepting."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    day = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    starts = forms.TimeField(label=gettext_lazy("From"), widget=TIME)
    ends = forms.TimeField(label=gettext_lazy("Until"), widget=TIME)
    venue_name = forms.CharField(
        label=gettext_lazy("Place"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("The building or the room, or “online”."),
    )
    venue_address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)
    external_url = forms.URLField(
        label=gettext_lazy("Link to your page about it"),
        max_length=200,
        assume_scheme="https",
        help_text=gettext_lazy("People read more and register there."),
    )
    summary = forms.CharField(
        label=gettext_lazy("In one or two sentences"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=gettext_lazy("More about it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    speerpunten = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Speerpunten"),
        queryset=Speerpunt.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_audience = forms.CharField(
        label=gettext_lazy("For whom"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example: teachers of secondary schools, school leaders."),
    )
    image_alt = forms.CharField(
        label=gettext_lazy("What the image shows"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("One sentence, for those who cannot see the image."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            zone = timezone.get_current_timezone()
            cleaned["starts_at"] = datetime.datetime.combine(day, starts, tzinfo=zone)
            cleaned["ends_at"] = datetime.datetime.combine(day, ends, tzinfo=zone)
            if ends <= starts:
                self.add_error("ends", _("The end comes after the start."))
        return cleaned

    def values(self) -> dict[str, Any]:
        """The item's fields, for the service."""
        names = [name for name in partner_items.FIELDS if name in self.fields]
        values = {name: self.cleaned_data[name] for name in names}
        if "day" in self.fields:
            values["starts_at"] = self.cleaned_data["starts_at"]
            values["ends_at"] = self.cleaned_data["ends_at"]
        return values


class ProposeForm(ItemForm):
    image = forms.FileField(
        label=gettext_lazy("Image"),
        required=False,
        help_text=gettext_lazy("A JPEG, PNG or WebP picture of at most 5 MB (optional)."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    field_order = [
        "organisation",
        "title",
        "day",
        "starts",
        "ends",
        "venue_name",
        "venue_address",
        "external_url",
        "summary",
        "description",
        "speerpunten",
        "target_audience",
        "image",
        "image_alt",
    ]

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ModelChoiceField(
            label=gettext_lazy("On behalf of"),
            queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]).order_by(
                "name"
            ),
            initial=organisations[0] if len(organisations) == 1 else None,
        )
        self.order_fields(self.field_order)

    def clean_image(self) -> Any:
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        try:
            return files.cleaned_image(upload)
        except files.FileRefused as error:
            raise forms.ValidationError(error.message) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image in a sentence."))
        return cleaned


class ReviewForm(ItemForm):
    """The team's edit while accepting; an imported item's facts come from its feed."""

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        local_start = timezone.localtime(event.starts_at)
        initial = {
            **{name: getattr(event, name) for name in partner_items.FIELDS},
            "day": local_start.date(),
            "starts": local_start.time(),
            "ends": timezone.localtime(event.ends_at).time(),
            "speerpunten": list(event.speerpunten.all()),
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        if not event.image:
            del self.fields["image_alt"]
        if event.source_feed_id is not None:
            for name in ("title", "day", "starts", "ends", "venue_name", "external_url"):
                del self.fields[name]
            del self.fields["description"]
        elif timezone.localdate(event.starts_at) != timezone.localdate(event.ends_at):
            # An item over several days keeps its days: the team changes the other fields.
            for name in ("day", "starts", "ends"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        return super().clean() if "day" in self.fields else forms.Form.clean(self) or {}


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the partner"),
        max_length=partner_items.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The person who proposed it receives it by mail."),
    )


class FeedForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Partner"), queryset=Organisation.objects.order_by("name")
    )
    url = forms.CharField(
        label=gettext_lazy("Address of the iCal feed"),
        max_length=500,
        help_text=gettext_lazy("Starting with https://, http:// or webcal://."),
        widget=forms.URLInput,
    )
    trusted = forms.BooleanField(
        label=gettext_lazy("Trusted: publish its items without the team's acceptance"),
        required=False,
    )


# --- The partner's page ---------------------------------------------------------------------------


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    """The form (for people of an organisation of the network) and one's own proposals."""
    person = person_of(request)
    organisations = partner_items.organisations_for(person)
    form = None
    if organisations:
        if request.method == "POST":
            form = ProposeForm(request.POST, request.FILES, organisations=organisations)
            if form.is_valid():
                try:
                    event = partner_items.submit_item(
                        values=form.values(),
                        organisation=form.cleaned_data["organisation"],
                        by=person,
                        speerpunten=list(form.cleaned_data["speerpunten"]),
                        image=form.cleaned_data.get("image"),
                    )
                except partner_items.PartnerItemError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(
                        request,
                        _(
                            "Thank you: the team looks at %(title)s and mails you when it is in "
                            "the calendar."
                        )
                        % {"title": event.title},
                    )
                    return redirect("events:propose")
        else:
            form = ProposeForm(organisations=organisations)
    context = {"form": form, "items": list(partner_selectors.items_of(person))}
    status = 400 if form is not None and form.errors else 200
    return render(request, "events/propose.html", context, status=status)


# --- The team's review ------------------------------------------------------------------------------


@require_safe
@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    permissions.require_team_page(person_of(request))
    context = {
        "waiting": list(partner_selectors.items_to_review()),
        "reviewed": list(partner_selectors.recently_reviewed()),
        "feeds_with_errors": [
            feed for feed in partner_selectors.feeds() if feed.is_active and feed.last_error
        ],
        "decline_form": DeclineForm(),
    }
    return render(request, "events/partner_items.html", context)


@login_required
def review_item(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the item with the form to edit it while accepting; POST: accept with the edits."""
    person = person_of(request)
    event = permissions.get_partner_item_for_team(person, pk)
    form = ReviewForm(request.POST if request.method == "POST" else None, event=event)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        speerpunten = list(form.cleaned_data["speerpunten"])
        try:
            partner_items.accept_item(
                event=event, by=person, values=values, speerpunten=speerpunten
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(title)s is in the calendar.") % {"title": event.title})
            return redirect("events:partner_items")
    context = {
        "event": event,
        "form": form,
        "decline_form": DeclineForm(),
        "is_waiting": event.review == Event.Review.SUBMITTED,
    }
    status = 400 if form.errors else 200
    return render(request, "events/partner_item.html", context, status=status)


@require_POST
@login_required
def accept_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept as it is (the list's button)."""
    person = person_of(request)
    event = permissions.get_partner_item_for_team(person, pk)
    try:
        partner_items.accept_item(event=event, by=person)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("events:partner_item", pk=event.pk)
    messages.success(request, _("%(title)s is in the calendar.") % {"title": event.title})
    return redirect("events:partner_items")


@require_POST
@login_required
def decline_item(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    event = permissions.get_partner_item_for_team(person, pk)
    form = DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else request.POST.get("reason", "")
    try:
        partner_items.decline_item(event=event, reason=reason, by=person)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("events:partner_item", pk=event.pk)
    messages.success(
        request,
        _("%(title)s is declined; the reason is mailed to the partner.") % {"title": event.title},
    )
    return redirect("events:partner_items")


# --- The team's feeds -------------------------------------------------------------------------------


@login_required
def feeds(request: HttpRequest) -> HttpResponse:
    """GET: the feeds with their last check and error; POST: subscribe to a new feed."""
    person = person_of(request)
    permissions.require_team_page(person)
    form = FeedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            feed = partner_feeds.add_feed(
                organisation=form.cleaned_data["organisation"],
                url=form.cleaned_data["url"],
                trusted=form.cleaned_data["trusted"],
                by=person,
            )
        except DomainError as error:
            form.add_error("url", error.message)
        else:
            messages.success(
                request,
                _("The feed of %(partner)s is added: import it now, or wait for the next import.")
                % {"partner": feed.organisation},
            )
            return redirect("events:partner_feeds")
    context = {"feeds": list(partner_selectors.feeds()), "form": form}
    return render(request, "events/partner_feeds.html", context, status=400 if form.errors else 200)


FEED_CHANGES = {
    "trust": {"is_trusted": True},
    "distrust": {"is_trusted": False},
    "deactivate": {"is_active": False},
    "activate": {"is_active": True},
}


@require_POST
@login_required
def change_feed(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    feed = permissions.get_feed_for_team(person, pk)
    change = FEED_CHANGES.get(request.POST.get("change", ""))
    if change is None:
        messages.error(request, _("Choose what to change."))
        return redirect("events:partner_feeds")
    feed = partner_feeds.change_feed(feed=feed, by=person, **change)
    messages.success(
        request, _("The feed of %(partner)s is changed.") % {"partner": feed.organisation}
    )
    return redirect("events:partner_feeds")


@require_POST
@login_required
def import_feed(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    feed = permissions.get_feed_for_team(person, pk)
    if not feed.is_active:
        messages.error(request, _("This feed is stopped: resume it first."))
        return redirect("events:partner_feeds")
    result = partner_feeds.import_now(feed=feed, by=person)
    if result.error:
        messages.error(request, _("Nothing changed: %(error)s") % {"error": result.error})
    else:
        messages.success(request, _import_summary(feed, result))
    return redirect("events:partner_feeds")


def _import_summary(feed: PartnerFeed, result: partner_feeds.ImportResult) -> str:
    return _(
        "Feed of %(partner)s read: %(created)s new, %(updated)s changed, %(withdrawn)s taken off "
        "the calendar."
    ) % {
        "partner": feed.organisation,
        "created": len(result.created),
        "updated": len(result.updated),
        "withdrawn": len(result.withdrawn),
    }


# --- An item's image --------------------------------------------------------------------------------


@require_safe
def image(request: HttpRequest, slug: str) -> HttpResponseBase:
    event = permissions.get_event_for_image(request.user, slug)  # type: ignore[arg-type]
    name = event.image.name.rsplit("/", 1)[-1]
    response = downloads.private_file(
        event.image, filename=name, content_type=files.picture_content_type(name)
    )
    response["Cache-Control"] = (
        "public, max-age=3600" if event.is_published else "private, no-cache"
    )
    return response
