"""Words for the review codes (states, actions, decline reasons), translated per request."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from matchmaker.i18n import current_language
from matchmaker.models.review import REASONS

STATES = {"new": _l("New"), "saved": _l("Saved"), "interested": _l("Interested"), "declined": _l("Declined")}
ACTIONS = {"interested": _l("said interested"), "save": _l("saved it for later"), "decline": _l("declined it"),
           "undo": _l("undid the answer"), "withdraw": _l("withdrew the interest")}
REASON_LABELS = {"not_relevant": _l("Not relevant"), "too_early": _l("Too early"), "too_late": _l("Too late"),
                 "no_capacity": _l("No capacity"), "ip_unclear": _l("IP unclear"),
                 "already_in_contact": _l("Already in contact"), "other": _l("Other")}
assert tuple(REASON_LABELS) == REASONS
_REASON_OPTIONS: dict[str, Markup] = {}


def reason_options() -> Markup:
    """The decline form's <option>s of REASON_LABELS in the request's language (made once per language: every
    card of the suggestions page has one)."""
    language = current_language()
    options = _REASON_OPTIONS.get(language)
    if options is None:
        options = _REASON_OPTIONS[language] = Markup("").join(
            Markup('<option value="{}">{}</option>').format(code, label) for code, label in REASON_LABELS.items())
    return options
