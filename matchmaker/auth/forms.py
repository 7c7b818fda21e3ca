"""Account forms: they check shape only, never log in or write to the database."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from matchmaker import taxonomy

PASSWORD_RULES = [DataRequired(), Length(min=10, max=128, message="Use at least 10 characters.")]


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired()])
    remember = BooleanField("Keep me logged in on this device")


class RegisterForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=120)])
    email = EmailField("Work e-mail", validators=[DataRequired(), Email(), Length(max=254)])
    organisation_name = StringField("Organisation", validators=[DataRequired(), Length(max=255)])
    kind = SelectField("Kind of organisation", choices=taxonomy.KINDS.choices(), validators=[DataRequired()])
    password = PasswordField("Password", validators=PASSWORD_RULES)
    confirm = PasswordField("Repeat password", validators=[EqualTo("password", "The passwords differ.")])


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired()])
    password = PasswordField("New password", validators=PASSWORD_RULES)
    confirm = PasswordField("Repeat new password", validators=[EqualTo("password", "The passwords differ.")])


class ForgotPasswordForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Email()])


class ResetPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=PASSWORD_RULES)
    confirm = PasswordField("Repeat new password", validators=[EqualTo("password", "The passwords differ.")])


class AcceptInvitationForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=120)])
    password = PasswordField("Password", validators=PASSWORD_RULES)
    confirm = PasswordField("Repeat password", validators=[EqualTo("password", "The passwords differ.")])
