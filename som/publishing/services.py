from django.conf import settings

from som.core.mail import send_mail_on_commit


def send_contact_message(*, name: str, email: str, subject: str, message: str) -> None:
    """Forward a message from the contact form to the team, with the sender as Reply-To.

    Nothing goes to the address typed in the form: a "copy for the sender" would let anybody
    make us mail their text to any address (a relay). The team's answer is the confirmation."""
    send_mail_on_commit(
        to=[settings.SOM_TEAM_EMAIL],
        template="publishing/mail/contact_team",
        context={"name": name, "email": email, "subject": subject, "message": message},
        reply_to=[email],
    )
