"""Account forms: they check shape only, never log in or write to the database."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from matchmaker import taxonomy
from matchmaker.form_base import AppForm
from matchmaker.i18n import lazy_choices

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
    # Shown only after the page pointed at a similar organisation of the directory (auth/register.html).
    new_organisation = BooleanField(_l("It is a different organisation: create a new profile"))
    joining = BooleanField(_l("I work at an organisation already in the directory: create my account without an "
                              "organisation, then ask to join it"))
    privacy = privacy_box()


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
