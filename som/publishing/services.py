from django.conf import settings
from django.utils.translation import get_language

from som.core.mail import send_mail_on_commit


def send_contact_message(*, name: str, email: str, subject: str, message: str) -> None:
    """Forward a message from the contact form to the team, and confirm it to the sender."""
    context = {"name": name, "email": email, "subject": subject, "message": message}
    send_mail_on_commit(
        to=[settings.SOM_TEAM_EMAIL], template="publishing/mail/contact_team", context=context
    )
    send_mail_on_commit(
        to=[email],
        template="publishing/mail/contact_confirmation",
        context=context,
        language=get_language() or "nl",
    )
