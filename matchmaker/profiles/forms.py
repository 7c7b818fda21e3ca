"""The capability-profile form: every field a member fills in about their organisation."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from matchmaker import taxonomy
from matchmaker.services.profiles import PROFILE_FIELDS


class MultiCheckboxField(SelectMultipleField):
    """A multi-select shown as checkboxes, which work better than <select multiple> on a phone."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _blank_to_none(value):
    return value or None


class ProfileForm(FlaskForm):
    name = StringField("Organisation name", validators=[DataRequired(), Length(max=255)])
    kind = SelectField("Kind", choices=taxonomy.KINDS.choices(), validators=[DataRequired()])
    sme = BooleanField("SME (EU definition)")
    city = StringField("City", validators=[Length(max=120)])
    region = SelectField("Region (Italy)", choices=[("", "—")] + [(t.code, t.label_it) for t in taxonomy.REGIONS.terms],
                         validators=[Optional()])
    proximity = SelectField("Partners first", choices=taxonomy.PROXIMITY.choices(), default="anywhere")
    country = StringField("Country (ISO code)", validators=[
        Optional(), Regexp(r"^[A-Za-z]{2}$", message="Use the two-letter code, e.g. IT.")],
        filters=[lambda v: (v or "").upper()])
    website = StringField("Website", validators=[Optional(), URL(message="Enter a full address, https://..."),
                                                 Length(max=255)])
    language = SelectField("Language of the texts", choices=taxonomy.LANGUAGES.choices())
    description = TextAreaField("Who we are", validators=[Length(max=5000)])
    offer = TextAreaField("What we offer", validators=[Length(max=100_000)])
    seek = TextAreaField("What we seek", validators=[Length(max=20_000)])
    keywords = StringField("Keywords and technologies (separated by ;)", validators=[Length(max=2000)])
    sectors = MultiCheckboxField("Sectors", choices=taxonomy.SECTORS.choices())
    therapeutic_areas = MultiCheckboxField("Therapeutic areas", choices=taxonomy.THERAPEUTIC_AREAS.choices())
    collaboration_types = MultiCheckboxField("Collaboration types wanted",
                                             choices=taxonomy.COLLABORATION_TYPES.choices())
    trl = SelectField("TRL of the main offer", coerce=lambda v: int(v) if v not in (None, "", "None") else None,
                      choices=[("", "—")] + [(str(level), label) for level, label in taxonomy.TRL_LEVELS],
                      validators=[Optional()])
    funding_stage = SelectField("Start-ups: funding stage", choices=[("", "—")] + taxonomy.FUNDING_STAGES.choices(),
                                filters=[_blank_to_none], validators=[Optional()])
    funding_amount_sought = IntegerField("Start-ups: amount sought (€)", validators=[Optional(), NumberRange(min=0)])
    ticket_min = IntegerField("Investors: smallest ticket (€)", validators=[Optional(), NumberRange(min=0)])
    ticket_max = IntegerField("Investors: largest ticket (€)", validators=[Optional(), NumberRange(min=0)])
    investor_stages = MultiCheckboxField("Investors: stages", choices=taxonomy.FUNDING_STAGES.choices())
    investor_sectors = MultiCheckboxField("Investors: sectors", choices=taxonomy.SECTORS.choices())
    contact_name = StringField("Contact person", validators=[Length(max=120)])
    contact_email = EmailField("Contact e-mail", validators=[Optional(), Email(), Length(max=254)])
    contact_phone = StringField("Contact phone", validators=[Length(max=40)])
    contact_public = BooleanField("Show the contact details to every logged-in user")

    def validate_ticket_max(self, field: IntegerField) -> None:
        if field.data is not None and self.ticket_min.data is not None and field.data < self.ticket_min.data:
            raise ValidationError("The largest ticket must not be smaller than the smallest.")

    def profile_data(self) -> dict:
        """The submitted values keyed by profile field, with blanks normalised."""
        data = {name: self[name].data for name in PROFILE_FIELDS}
        for name in ("city", "website", "description", "offer", "seek", "keywords", "contact_name",
                     "contact_email", "contact_phone"):
            data[name] = (data[name] or "").strip()
        return data
