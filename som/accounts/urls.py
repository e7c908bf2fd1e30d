from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path(_("my-data.json"), views.export_data, name="export"),
    path(_("erase/"), views.request_erasure_view, name="erasure"),
]
