"""Admin forms: invitations and role changes."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField
from wtforms.validators import DataRequired, Email, Length

from matchmaker.models.user import MEMBER, ROLE_LABELS


class InviteForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Email(), Length(max=254)])
    organisation_id = SelectField("Organisation", coerce=int, choices=[])
    role = SelectField("Role", choices=list(ROLE_LABELS.items()), default=MEMBER)


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=list(ROLE_LABELS.items()))
