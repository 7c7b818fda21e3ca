"""Admin forms: invitations and role changes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from matchmaker.form_base import AppForm
from matchmaker.i18n import ROLE_LABELS
from matchmaker.models.user import MEMBER


class InviteForm(AppForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    # A typed field (with suggestions as the admin types: static/js/organisation-search.js), not a select of
    # thousands of organisations; the view resolves it to one organisation or reports why it cannot.
    organisation = StringField(_l("Organisation"), validators=[Length(max=300)],
                               description=_l("Type part of its name and choose it; leave empty for none."))
    organisation_id = HiddenField()
    role = SelectField(_l("Role"), choices=list(ROLE_LABELS.items()), default=MEMBER)


class RoleForm(AppForm):
    role = SelectField(_l("Role"), choices=list(ROLE_LABELS.items()))
