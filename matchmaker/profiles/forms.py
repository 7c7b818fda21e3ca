"""The capability-profile form: every field a member fills in about their organisation.

The fields only render and carry the values; the rules and their messages are the one profile schema's
(services/profile_schema.py), shared with the CSV/XLSX import and the JSON API.
"""
from __future__ import annotations

from flask_babel import LazyString, gettext
from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, EmailField, HiddenField, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from babel import Locale
from wtforms.widgets import CheckboxInput, ListWidget

from matchmaker import taxonomy
from matchmaker.form_base import AppForm
from matchmaker.i18n import country_choices, lazy_choices
from matchmaker.services.profile_groups import FIELD_GROUP_KINDS, FIELD_GROUPS, validate_for_kind
from matchmaker.services.profile_schema import LIMITS
from matchmaker.services.profiles import PROFILE_FIELDS


# The legends of the groups of fields that apply to some kinds only (templates/profiles/edit.html).
GROUP_LABELS = {"seeking_investment": _l("Seeking investment"), "investing": _l("Investing"),
                "maturity": _l("Technology readiness")}
# Every country's ISO code (Babel's territories that are countries, not "World", "EU" or pseudo-regions).
COUNTRY_CODES = tuple(code for code in Locale("en").territories
                      if len(code) == 2 and code.isalpha() and code not in {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})


class MultiCheckboxField(SelectMultipleField):
    """A multi-select shown as checkboxes, which work better than <select multiple> on a phone."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _max(field: str) -> dict:
    return {"maxlength": LIMITS[field]}


def _checkboxes(label: LazyString, vocabulary: taxonomy.Vocabulary) -> MultiCheckboxField:
    return MultiCheckboxField(label, choices=lazy_choices(vocabulary), validate_choice=False)


def _amount(label: LazyString) -> StringField:
    return StringField(label, render_kw={"inputmode": "numeric", "placeholder": _l("e.g. 250000 or 250k")})


class ProfileForm(AppForm):
    name = StringField(_l("Organisation name"), render_kw=_max("name") | {"required": True})
    kind = SelectField(_l("Kind"), choices=lazy_choices(taxonomy.KINDS), validate_choice=False)
    sme = BooleanField(_l("SME (EU definition; start-ups and SMEs always are)"))
    city = StringField(_l("City"), render_kw=_max("city"))
    region = SelectField(_l("Region (Italy)"), validate_choice=False,
                         choices=[("", "—")] + [(t.code, t.label_it) for t in taxonomy.REGIONS.terms])
    proximity = SelectField(_l("Nearby partners"), choices=lazy_choices(taxonomy.PROXIMITY), default="anywhere",
                            validate_choice=False, description=_l(
                                "Partners in your region or country rank a little higher; a much better match "
                                "elsewhere still comes first. To see only them, filter your suggestions by region "
                                "or country."))
    country = SelectField(_l("Country"), validate_choice=False)
    website = StringField(_l("Website"), render_kw=_max("website"))
    language = SelectField(_l("Language of the texts"), choices=lazy_choices(taxonomy.LANGUAGES),
                           validate_choice=False)
    description = TextAreaField(_l("Who we are"), render_kw=_max("description"))
    offer = TextAreaField(_l("What we offer"), render_kw=_max("offer"))
    seek = TextAreaField(_l("What we seek"), render_kw=_max("seek"))
    keywords = StringField(_l("Keywords and technologies (separated by ;)"), render_kw=_max("keywords"))
    sectors = _checkboxes(_l("Sectors"), taxonomy.SECTORS)
    therapeutic_areas = _checkboxes(_l("Therapeutic areas"), taxonomy.THERAPEUTIC_AREAS)
    collaboration_types = _checkboxes(_l("Collaboration types wanted"), taxonomy.COLLABORATION_TYPES)
    trl = SelectField(_l("TRL of the main offer"), coerce=str, validate_choice=False,
                      choices=[("", "—")] + [(str(level), LazyString(gettext, label))
                                             for level, label in taxonomy.TRL_LEVELS])
    funding_stage = SelectField(_l("Funding stage"),
                                choices=[("", "—")] + lazy_choices(taxonomy.FUNDING_STAGES),
                                validate_choice=False)
    funding_amount_sought = _amount(_l("Amount sought (€)"))
    ticket_min = _amount(_l("Investors: smallest ticket (€)"))
    ticket_max = _amount(_l("Investors: largest ticket (€)"))
    investor_stages = _checkboxes(_l("Investors: stages"), taxonomy.FUNDING_STAGES)
    investor_sectors = _checkboxes(_l("Investors: sectors"), taxonomy.SECTORS)
    contact_name = StringField(_l("Contact person"), render_kw=_max("contact_name"))
    contact_email = EmailField(_l("Contact e-mail"), render_kw=_max("contact_email"))
    contact_phone = StringField(_l("Contact phone"), render_kw=_max("contact_phone"))
    contact_public = BooleanField(_l("Show the contact details to every logged-in user"))
    version = HiddenField()  # the profile's version when the form was loaded (optimistic locking)

    def __init__(self, *args, obj=None, **kwargs):
        super().__init__(*args, obj=obj, **kwargs)
        # The stored texts: one an import stored longer than the form's limit is accepted back unchanged.
        self.kept_groups: list[str] = []
        self._stored = {name: getattr(obj, name) for name in LIMITS if obj is not None and hasattr(obj, name)}
        # Country names in the reader's language, the codes as values; a stored code Babel does not know stays.
        codes = set(COUNTRY_CODES) | ({self.country.data} if self.country.data else set())
        self.country.choices = [("", "—")] + country_choices(codes)

    def validate(self, extra_validators=None) -> bool:
        """CSRF and the fields' own checks, then the profile schema; its messages go under their fields. The groups
        that do not apply to the kind chosen never refuse the save (services/profile_groups.py): one with an error
        is kept as stored, and named in `kept_groups`."""
        valid = super().validate(extra_validators)
        self._clean, errors, self.kept_groups = validate_for_kind(
            {name: self[name].data for name in PROFILE_FIELDS}, self._stored)
        for name, messages in errors.items():
            field = self[name] if name in PROFILE_FIELDS else self.name
            field.errors = [*field.errors, *messages]
        return valid and not errors

    def hidden_groups(self) -> list[str]:
        """The groups of fields the page hides for the kind in the form (as templates/profiles/edit.html does)."""
        return [group for group, kinds in FIELD_GROUP_KINDS.items() if self.kind.data not in kinds]

    def hidden_fields(self) -> set[str]:
        """The names of the fields in the groups the page hides for the kind chosen."""
        return {name for group in self.hidden_groups() for name in FIELD_GROUPS[group]}

    def unseen_errors(self) -> list[str]:
        """'Label: message' for each error on a field the page does not show (a hidden group, a hidden input), so
        that the page can say it where the reader sees it."""
        hidden = self.hidden_fields()
        return [f"{field.label.text}: {' '.join(map(str, field.errors))}" for field in self
                if field.errors and (field.name in hidden or getattr(field.widget, "input_type", "") == "hidden")]

    def loaded_version(self) -> int | None:
        """The version the form was loaded with; None when not sent (no check), -1 when garbled (outdated)."""
        value = str(self.version.data or "")
        if not value:
            return None
        return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else -1

    def profile_data(self) -> dict:
        """The validated values keyed by profile field (call after a successful validate())."""
        return dict(self._clean)


def profile_differences(organisation, form: ProfileForm) -> list[tuple[str, str]]:
    """(label, stored value) of each field where the stored profile differs from what the form holds: lists of codes
    compared whatever their order (the form sends them in its own), codes shown by their names."""
    mine = form.profile_data()
    rows = []
    for name in PROFILE_FIELDS:
        stored, typed = getattr(organisation, name), mine.get(name)
        if name not in mine or _blank(stored) and _blank(typed):
            continue
        if stored == typed or isinstance(stored, list) and isinstance(typed, list) and set(stored) == set(typed):
            continue
        if isinstance(stored, bool):
            shown = gettext("Yes") if stored else gettext("No")
        else:
            named = [_named(form[name], code) for code in (stored if isinstance(stored, list) else [stored])]
            shown = ", ".join(str(item) for item in named if not _blank(item))
        rows.append((form[name].label.text, shown or "—"))
    return rows


def _blank(value) -> bool:
    return value in (None, "", [])


def _named(field, value):
    """A choice field's code by its name in the reader's language (anything else as it is)."""
    choices = getattr(field, "choices", None)
    if not choices or _blank(value):
        return value
    if isinstance(choices, dict):  # grouped choices
        choices = [choice for group in choices.values() for choice in group]
    return next((choice[1] for choice in choices if str(choice[0]) == str(value)), value)
