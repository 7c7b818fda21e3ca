"""The capability-profile form: every field a member fills in about their organisation."""
from __future__ import annotations

from flask_babel import LazyString, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from matchmaker import taxonomy
from matchmaker.i18n import lazy_choices
from matchmaker.services.profiles import PROFILE_FIELDS


class MultiCheckboxField(SelectMultipleField):
    """A multi-select shown as checkboxes, which work better than <select multiple> on a phone."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _blank_to_none(value):
    return value or None


class ProfileForm(FlaskForm):
    name = StringField(_l("Organisation name"), validators=[DataRequired(), Length(max=255)])
    kind = SelectField(_l("Kind"), choices=lazy_choices(taxonomy.KINDS), validators=[DataRequired()])
    sme = BooleanField(_l("SME (EU definition)"))
    city = StringField(_l("City"), validators=[Length(max=120)])
    region = StringField(_l("Region"), validators=[Length(max=120)])
    country = StringField(_l("Country (ISO code)"), validators=[
        Optional(), Regexp(r"^[A-Za-z]{2}$", message=_l("Use the two-letter code, e.g. IT."))],
        filters=[lambda v: (v or "").upper()])
    website = StringField(_l("Website"), validators=[
        Optional(), URL(message=_l("Enter a full address, https://...")), Length(max=255)])
    language = SelectField(_l("Language of the texts"), choices=lazy_choices(taxonomy.LANGUAGES))
    description = TextAreaField(_l("Who we are"), validators=[Length(max=5000)])
    offer = TextAreaField(_l("What we offer"), validators=[Length(max=100_000)])
    seek = TextAreaField(_l("What we seek"), validators=[Length(max=20_000)])
    keywords = StringField(_l("Keywords and technologies (separated by ;)"), validators=[Length(max=2000)])
    sectors = MultiCheckboxField(_l("Sectors"), choices=lazy_choices(taxonomy.SECTORS))
    therapeutic_areas = MultiCheckboxField(_l("Therapeutic areas"),
                                           choices=lazy_choices(taxonomy.THERAPEUTIC_AREAS))
    collaboration_types = MultiCheckboxField(_l("Collaboration types wanted"),
                                             choices=lazy_choices(taxonomy.COLLABORATION_TYPES))
    trl = SelectField(_l("TRL of the main offer"), coerce=lambda v: int(v) if v not in (None, "", "None") else None,
                      choices=[("", "—")] + [(str(level), LazyString(gettext, label))
                                             for level, label in taxonomy.TRL_LEVELS],
                      validators=[Optional()])
    funding_stage = SelectField(_l("Start-ups: funding stage"),
                                choices=[("", "—")] + lazy_choices(taxonomy.FUNDING_STAGES),
                                filters=[_blank_to_none], validators=[Optional()])
    funding_amount_sought = IntegerField(_l("Start-ups: amount sought (€)"),
                                         validators=[Optional(), NumberRange(min=0)])
    ticket_min = IntegerField(_l("Investors: smallest ticket (€)"), validators=[Optional(), NumberRange(min=0)])
    ticket_max = IntegerField(_l("Investors: largest ticket (€)"), validators=[Optional(), NumberRange(min=0)])
    investor_stages = MultiCheckboxField(_l("Investors: stages"), choices=lazy_choices(taxonomy.FUNDING_STAGES))
    investor_sectors = MultiCheckboxField(_l("Investors: sectors"), choices=lazy_choices(taxonomy.SECTORS))
    contact_name = StringField(_l("Contact person"), validators=[Length(max=120)])
    contact_email = EmailField(_l("Contact e-mail"), validators=[Optional(), Email(), Length(max=254)])
    contact_phone = StringField(_l("Contact phone"), validators=[Length(max=40)])
    contact_public = BooleanField(_l("Show the contact details to every logged-in user"))

    def validate_ticket_max(self, field: IntegerField) -> None:
        if field.data is not None and self.ticket_min.data is not None and field.data < self.ticket_min.data:
            raise ValidationError(_l("The largest ticket must not be smaller than the smallest."))

    def profile_data(self) -> dict:
        """The submitted values keyed by profile field, with blanks normalised."""
        data = {name: self[name].data for name in PROFILE_FIELDS}
        for name in ("city", "region", "website", "description", "offer", "seek", "keywords", "contact_name",
                     "contact_email", "contact_phone"):
            data[name] = (data[name] or "").strip()
        return data
