"""The base of every form: WTForms' stock validation messages worded by our own catalogue (its Italian ones read
poorly: "Non è una opzione valida"), saying what to enter rather than what went wrong where we can."""
from __future__ import annotations

from collections.abc import Collection

from flask import flash
from flask_babel import get_translations
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from markupsafe import Markup
from flask_wtf.i18n import translations as stock

from matchmaker.taxonomy import N_


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural pair for the catalogue (extracted with `-k Nn_:1,2`) without translating it."""
    return singular, plural


CHOOSE = N_("Choose one of the options in the list.")
NUMBER = N_("Enter a number.")
# WTForms' English message -> ours (same placeholders: WTForms fills them in after translating)
SINGULAR = {
    "Not a valid choice.": CHOOSE,
    "Invalid Choice: could not coerce.": CHOOSE,
    "Invalid choice(s): one or more data inputs could not be coerced.": N_("Choose only options in the list."),
    "This field is required.": N_("This field is required."),
    "Invalid input.": N_("This value is not in the expected form."),
    "Invalid email address.": N_("Enter a valid e-mail address, like name@example.org."),
    "Invalid URL.": N_("Enter a full web address, starting with https://."),
    "Not a valid integer value.": N_("Enter a whole number (digits only)."),
    "Not a valid decimal value.": NUMBER,
    "Not a valid float value.": NUMBER,
    "Not a valid date value.": N_("Enter a valid date."),
    "Not a valid datetime value.": N_("Enter a valid date and time."),
    "Not a valid time value.": N_("Enter a valid time (HH:MM)."),
    "Field must be between %(min)d and %(max)d characters long.": N_("Use from %(min)d to %(max)d characters."),
    "Number must be at least %(min)s.": N_("Enter a number of at least %(min)s."),
    "Number must be at most %(max)s.": N_("Enter a number of at most %(max)s."),
    "Number must be between %(min)s and %(max)s.": N_("Enter a number from %(min)s to %(max)s."),
    "Date must be at least %(min)s.": N_("Enter a date on or after %(min)s."),
    "Date must be at most %(max)s.": N_("Enter a date on or before %(max)s."),
    "Date must be between %(min)s and %(max)s.": N_("Enter a date from %(min)s to %(max)s."),
}
PLURAL = {
    "Field cannot be longer than %(max)d character.": Nn_("Use at most %(max)d character.",
                                                          "Use at most %(max)d characters."),
    "Field must be at least %(min)d character long.": Nn_("Use at least %(min)d character.",
                                                          "Use at least %(min)d characters."),
    "Field must be exactly %(max)d character long.": Nn_("Use exactly %(max)d character.",
                                                         "Use exactly %(max)d characters."),
    "'%(value)s' is not a valid choice for this field.": Nn_(
        "“%(value)s” is not one of the options: choose from the list.",
        "“%(value)s” are not among the options: choose from the list."),
}


class Messages:
    """The translations object WTForms asks for its messages: ours where we word them, else WTForms' own."""

    def gettext(self, string: str) -> str:
        """One message in the reader's language (not formatted: WTForms fills the placeholders)."""
        ours = SINGULAR.get(string)
        return get_translations().ugettext(ours) if ours else stock.gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """A message with a count in the reader's language (not formatted)."""
        ours = PLURAL.get(singular)
        return get_translations().ungettext(*ours, n) if ours else stock.ngettext(singular, plural, n)


MESSAGES = Messages()


class AppForm(FlaskForm):
    """Every form of the app: Flask-WTF's CSRF, and validation messages from our catalogue."""

    class Meta:
        def get_translations(self, form):
            return MESSAGES


def refused_notice(form: FlaskForm, hidden: Collection[str] = ()) -> bool:
    """A refused form comes back at the top of the page with its errors below the fold: say so there, with a link
    to the first field to correct. Fields named in `hidden` (out of sight) and hidden inputs are not linked to.
    Returns whether it said so (False: no error on a field in sight)."""
    field = next((f for f in form if f.errors and f.name not in hidden
                  and getattr(f.widget, "input_type", "") != "hidden"), None)
    if field is None:
        return False
    flash(Markup('{} <a href="#{}" id="first-error-link">{}</a>').format(
        _("Please correct the fields marked below; nothing you typed was lost."), field.id,
        _("Go to “%(field)s”", field=field.label.text)), "error")
    return True
