"""Every write about memberships, by topic:

    applications  applying, approval, refusal, withdrawal
    memberships   invoice and payment, renewal, reminders and lapse, leaving, representative, erasure
    catalogue     membership types, tariffs and years (the team, in the back office)
    register      the member register (ledenregister): every write goes through `append`
    rollover      the turn of the membership year (settings, the next year, renewals)

The public services are re-exported here, so `from som.membership import services` and
`services.apply(...)` work as before.
"""

from som.membership.errors import MembershipError as MembershipError  # callers catch it here
from som.membership.services.applications import apply as apply
from som.membership.services.applications import approve as approve
from som.membership.services.applications import decline as decline
from som.membership.services.applications import withdraw as withdraw
from som.membership.services.catalogue import update_membership_type as update_membership_type
from som.membership.services.catalogue import update_membership_year as update_membership_year
from som.membership.services.memberships import change_representative as change_representative
from som.membership.services.memberships import end_roles_of_erased as end_roles_of_erased
from som.membership.services.memberships import exclude as exclude
from som.membership.services.memberships import on_invoice_paid as on_invoice_paid
from som.membership.services.memberships import open_year as open_year
from som.membership.services.memberships import renew_all as renew_all
from som.membership.services.memberships import resign as resign
from som.membership.services.memberships import send_reminders_and_lapse as send_reminders_and_lapse
