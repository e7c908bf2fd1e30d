from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail import views as wagtail_views

from som.core import limits
from som.core.page_cache import cache_for_anonymous
from som.publishing import services
from som.publishing.forms.contact import ContactForm


def serve_contact_page(page: Any, request: HttpRequest) -> HttpResponse:
    """The contact page (a ContactPage the team edits) with the form that mails the team."""
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not limits.consume(
            request, action="contact", key=limits.sender_key(request, data["email"])
        ):
            form.add_error(None, limits.too_many_messages())
            status = 429
        else:
            if not data["website"]:
                services.send_contact_message(
                    name=data["name"],
                    email=data["email"],
                    subject=data["subject"],
                    message=data["message"],
                )
            messages.success(request, _("Thank you! We will answer you soon."))
            return redirect(page.url)
    context = page.get_context(request)
    context["form"] = form
    return render(request, page.get_template(request), context, status=status)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Search engines may read the public site; the back office, the accounts and the API are
    not for them (and need a login anyway)."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/admin/",
        "Disallow: /accounts/",
        "Disallow: /en/accounts/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# The pages the team edits are the same for every anonymous visitor: the page cache keeps them
# (som.core.page_cache; a page with a form sets a CSRF cookie and is never kept), and a published,
# reverted, moved or deleted page starts a new version (som/publishing/signals.py).
cache_for_anonymous(wagtail_views.serve)
