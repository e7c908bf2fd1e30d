from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from som.core import limits
from som.core.page_cache import cache_for_anonymous
from som.membership.selectors import membership_types_with_tariffs
from som.network.selectors import speerpunten
from som.publishing import services
from som.publishing.forms import ContactForm


@cache_for_anonymous
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/home.html", {"speerpunten": speerpunten()})


@cache_for_anonymous
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/about.html", {"speerpunten": speerpunten()})


@cache_for_anonymous
def join(request: HttpRequest) -> HttpResponse:
    return render(
        request, "publishing/join.html", {"membership_types": membership_types_with_tariffs()}
    )


def contact(request: HttpRequest) -> HttpResponse:
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
            return redirect("publishing:contact")
    return render(request, "publishing/contact.html", {"form": form}, status=status)


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
