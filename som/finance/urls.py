from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.finance import views

app_name = "finance"
urlpatterns = [
    path(_("invoices/<str:number>.pdf"), views.invoice_pdf, name="invoice_pdf"),
]
