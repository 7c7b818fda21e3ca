"""Words for the review codes (states, actions, decline reasons), translated per request."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext, pgettext
from markupsafe import Markup

from matchmaker.i18n import current_language
from matchmaker.models.review import INVESTOR_REASONS, REASONS, TECH_REASONS

# The state has its own message, apart from the button's ("Mi interessa"): Italian words each its own way. A card's
# badge qualifies one partner (Italian: "il partner", singular: "Salvato per dopo"); the state filter's options the
# partners listed (plural, like its "Da valutare, salvati e con interesse espresso": "Rifiutati").
STATES = {"new": lazy_pgettext("review state", "New"), "saved": lazy_pgettext("review state", "Saved"),
          "interested": lazy_pgettext("review state", "Interested"),
          "declined": lazy_pgettext("review state", "Declined")}
FILTER_STATES = {"new": lazy_pgettext("suggestion filter", "New"), "saved": lazy_pgettext("suggestion filter", "Saved"),
                 "interested": lazy_pgettext("suggestion filter", "Interested"),
                 "declined": lazy_pgettext("suggestion filter", "Declined")}
ACTIONS = {"interested": _l("said interested"), "save": _l("saved it for later"), "decline": _l("declined it"),
           "undo": _l("undid the answer"), "withdraw": _l("withdrew the interest")}
# The stored codes stay; the words say what is early or late (the partner's stage) and what is missing (our capacity).
REASON_LABELS = {"not_relevant": _l("Not relevant"), "too_early": _l("Too early-stage for us (TRL too low)"),
                 "too_late": _l("Too late: already developed or partnered"),
                 "no_capacity": _l("No capacity now (people or budget)"), "ip_unclear": _l("IP unclear"),
                 "already_in_contact": _l("Already in contact"),
                 "outside_thesis": _l("Outside our thesis or sectors"), "stage_mismatch": _l("Stage does not fit"),
                 "ticket_too_small": _l("Round too small for our tickets"),
                 "ticket_too_large": _l("Round too large for our tickets"),
                 "portfolio_conflict": _l("Already in our portfolio, or a competitor is"), "other": _l("Other")}
assert tuple(REASON_LABELS) == REASONS
_REASON_OPTIONS: dict[tuple[str, bool], Markup] = {}
KEY_ORDER = ("interested", "save", "decline", "undo", "next")


def keys() -> dict[str, tuple[str, str]]:
    """The review queue's keyboard shortcuts in the request's language: action -> (key, what it does); a language
    picks keys from its own words (Italian: M mi interessa, R rifiuta...)."""
    return {"interested": (pgettext("keyboard key for the Interested button", "I"), _l("interested")),
            "save": (pgettext("keyboard key for Save for later", "S"), _l("save")),
            "decline": (pgettext("keyboard key for Decline", "D"), _l("decline")),
            "undo": (pgettext("keyboard key for Undo", "U"), _l("undo")),
            "next": (pgettext("keyboard key for Next", "N"), pgettext("keyboard hint", "next"))}


def key(action: str) -> str:
    """The lower-case key that triggers `action` in the review queue (the value of its data-key attribute)."""
    return keys()[action][0].lower()


def reason_options(selected: str | None = None, investor: bool = False) -> Markup:
    """The decline form's <option>s in the request's language: an investor's own reasons (`investor`) or those of
    tech transfer (made once per language and set: every card of the suggestions page has one); `selected` marks
    a reason chosen before (a decline that failed)."""
    codes = INVESTOR_REASONS if investor else TECH_REASONS
    if selected in REASON_LABELS:
        return Markup("").join(Markup('<option value="{}"{}>{}</option>').format(
            code, Markup(" selected") if code == selected else "", REASON_LABELS[code]) for code in codes)
    key = (current_language(), investor)
    options = _REASON_OPTIONS.get(key)
    if options is None:
        options = _REASON_OPTIONS[key] = Markup("").join(
            Markup('<option value="{}">{}</option>').format(code, REASON_LABELS[code]) for code in codes)
    return options


# The profile form's fields investor matching uses (services/matching.investor_gaps), named as inside a sentence
# (lower case in both languages: "add to your profile: funding stage and sectors").
INVESTOR_FIELDS = {"funding_stage": _l("funding stage"), "funding_amount_sought": _l("amount sought"),
                   "sectors": _l("sectors")}


def investor_gaps_text(fields: list[str]) -> str:
    """The missing investor fields as one phrase of the reader's language ("funding stage and amount sought")."""
    from babel.lists import format_list
    from flask_babel import get_locale

    return format_list([str(INVESTOR_FIELDS[field]) for field in fields], locale=get_locale()) if fields else ""
