"""Account forms: they check shape only, never log in or write to the database."""
from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from matchmaker import taxonomy
from matchmaker.form_base import CHOOSE, AppForm
from matchmaker.i18n import lazy_choices

JOIN, NEW = "y", "n"  # the answers about a similar organisation ("joining=y" is what the checkbox used to send)
PASSWORD_HINT = _l("At least 10 characters.")
PASSWORD_RULES = [DataRequired(), Length(min=10, max=128, message=_l("Use at least 10 characters."))]


def privacy_box() -> BooleanField:
    """The box every new account ticks (registering, accepting an invitation): the notice is linked above it
    (auth/_privacy.html); no consent asked: the box says it was shown."""
    return BooleanField(_l("I have read the privacy notice"),
                        validators=[DataRequired(_l("Tick the box once you have read the privacy notice."))])


class LoginForm(AppForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me logged in on this device"))


class RegisterForm(AppForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Work e-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    organisation_name = StringField(_l("Organisation"), validators=[DataRequired(), Length(max=255)])
    # No kind chosen in advance: the registrant picks one (a preselected "Large company" went unnoticed).
    kind = SelectField(_l("Kind of organisation"), choices=[("", _l("Choose…"))] + lazy_choices(taxonomy.KINDS),
                       validators=[DataRequired(_l("Choose the kind of organisation."))])
    password = PasswordField(_l("Password"), validators=PASSWORD_RULES, description=PASSWORD_HINT)
    confirm = PasswordField(_l("Repeat password"), validators=[EqualTo("password", _l("The passwords differ."))])
    # Shown only after the page pointed at a similar organisation of the directory (auth/register.html): one answer
    # of two ("y": join it, "n": a different organisation), none before; `similar_shown` says the page asked.
    joining = RadioField(_l("Is it your organisation?"), validate_choice=False, choices=[
        (JOIN, _l("I work at an organisation already in the directory: create my account without an organisation, "
                  "then ask to join it")),
        (NEW, _l("It is a different organisation: create a new profile"))])
    similar_shown = HiddenField()
    privacy = privacy_box()

    def validate_joining(self, field: RadioField) -> None:
        if field.data not in (None, "", JOIN, NEW):
            raise ValidationError(gettext(CHOOSE))

    def organisation_answer(self) -> str | None:
        """JOIN or NEW once the registrant has answered about the similar organisation, else None."""
        return self.joining.data if self.joining.data in (JOIN, NEW) else None


class ChangePasswordForm(AppForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(_l("New password"), validators=PASSWORD_RULES, description=PASSWORD_HINT)
    confirm = PasswordField(_l("Repeat new password"), validators=[EqualTo("password", _l("The passwords differ."))])


class ForgotPasswordForm(AppForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])


class ResendConfirmationForm(AppForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class ResetPasswordForm(AppForm):
    password = PasswordField(_l("New password"), validators=PASSWORD_RULES, description=PASSWORD_HINT)
    confirm = PasswordField(_l("Repeat new password"), validators=[EqualTo("password", _l("The passwords differ."))])


class AcceptInvitationForm(AppForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    password = PasswordField(_l("Password"), validators=PASSWORD_RULES, description=PASSWORD_HINT)
    confirm = PasswordField(_l("Repeat password"), validators=[EqualTo("password", _l("The passwords differ."))])
    privacy = privacy_box()
