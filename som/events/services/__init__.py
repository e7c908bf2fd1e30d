"""Every write about events, by topic: registering and cancelling (`registrations`), the waiting
list (`waiting_list`), the registration's mails and reminders (`mails`), check-in at the door
(`check_in`), the team's events and their programme (`events`); and the no-show loop
(`reconfirmation`), certificates, entry rules, follow-up, overbooking and partners' items and
feeds in their own modules. The names below keep `from som.events import services;
services.register(...)` working."""

from som.events.services.check_in import CheckInError as CheckInError
from som.events.services.check_in import _claim_ticket as _claim_ticket
from som.events.services.check_in import check_in as check_in
from som.events.services.check_in import doors_closed_reason as doors_closed_reason
from som.events.services.events import create_event as create_event
from som.events.services.events import delete_event as delete_event
from som.events.services.events import update_event as update_event
from som.events.services.mails import _enqueue_mail as _enqueue_mail
from som.events.services.mails import send_reminders as send_reminders
from som.events.services.registrations import ColleagueOutcome as ColleagueOutcome
from som.events.services.registrations import Registered as Registered
from som.events.services.registrations import RegistrationError as RegistrationError
from som.events.services.registrations import cancel as cancel
from som.events.services.registrations import cancel_refusal as cancel_refusal
from som.events.services.registrations import new_ticket_code as new_ticket_code
from som.events.services.registrations import on_invoice_paid as on_invoice_paid
from som.events.services.registrations import register as register
from som.events.services.registrations import register_colleagues as register_colleagues
from som.events.services.registrations import register_once as register_once
from som.events.services.registrations import terms_for as terms_for
from som.events.services.registrations import walk_in as walk_in
from som.events.services.waiting_list import on_place_given as on_place_given
from som.events.services.waiting_list import promote_from_waiting_list as promote_from_waiting_list
