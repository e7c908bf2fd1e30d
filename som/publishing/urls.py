from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.publishing import views

app_name = "publishing"
urlpatterns = [
    path("", views.home, name="home"),
    path(_("about-som/"), views.about, name="about"),
    path(_("become-a-member/"), views.join, name="join"),
    path(_("contact/"), views.contact, name="contact"),
]
