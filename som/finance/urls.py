from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.finance import views

app_name = "finance"
urlpatterns = [
    path(_("invoices/"), views.invoices, name="invoices"),
    path(_("invoices/<str:number>.pdf"), views.invoice_pdf, name="invoice_pdf"),
    path(_("invoices/<str:number>/payment/"), views.register_payment, name="register_payment"),
    path(_("invoices/<str:number>/cancel/"), views.cancel_invoice, name="cancel_invoice"),
    path(_("payments/"), views.payments, name="payments"),
    path(_("payments/<id:pk>/assign/"), views.assign_payment, name="assign_payment"),
]
