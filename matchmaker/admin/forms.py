"""Admin forms: invitations and role changes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField
from wtforms.validators import DataRequired, Email, Length

from matchmaker.i18n import ROLE_LABELS
from matchmaker.models.user import MEMBER


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    organisation_id = SelectField(_l("Organisation"), coerce=int, choices=[])
    role = SelectField(_l("Role"), choices=list(ROLE_LABELS.items()), default=MEMBER)


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=list(ROLE_LABELS.items()))
