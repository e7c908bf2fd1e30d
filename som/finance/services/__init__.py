"""Every write in finance, by topic:

    invoices   issuing, cancelling, mailing and reminding invoices
    payments   payments by hand and from CODA bank statements, and paying invoices with them
    budgets    budgets and the expenses booked against them (a lab's budget is one of them)

The invoice and payment services are re-exported here (`from som.finance import services as
finance; finance.issue_invoice(...)`); budgets are used as `from som.finance.services import
budgets`. Pure helpers stay at the app's root: `coda` (the CODA parser), `payment_codes` (OGM check
digits, the EPC QR payload), `documents` (the invoice's QR code and PDF); `settlement` is the hook
registry the selling apps fill in at start-up.
"""

from som.finance.errors import FinanceError as FinanceError
from som.finance.services.invoices import Holder as Holder
from som.finance.services.invoices import cancel_invoice as cancel_invoice
from som.finance.services.invoices import issue_invoice as issue_invoice
from som.finance.services.invoices import mail_invoice as mail_invoice
from som.finance.services.invoices import mark_reminded as mark_reminded
from som.finance.services.payments import ImportReport as ImportReport
from som.finance.services.payments import assign_payment as assign_payment
from som.finance.services.payments import import_statement_file as import_statement_file
from som.finance.services.payments import register_payment as register_payment
