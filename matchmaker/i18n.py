"""Italian and English UI: locale selection, the language switch, localised formats and vocabulary labels."""
from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from babel import Locale
from babel import numbers as babel_numbers
from flask import (Blueprint, Flask, flash, has_request_context, redirect, render_template, request,
                   session, url_for)
from flask_babel import LazyString, format_date, format_decimal, format_number, get_locale
from flask_babel import gettext, refresh
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import RadioField

from matchmaker import taxonomy
from matchmaker.form_base import AppForm
from matchmaker.taxonomy import N_
from matchmaker.extensions import babel, db, login_manager
from matchmaker.fast_babel import babel_state, install_jinja_gettext
from matchmaker.config import PROJECT_ROOT
from matchmaker.models import user as user_model
from matchmaker.models._common import as_utc

# Language code -> its name in that language (what the switch shows).
LANGUAGES = {"it": "Italiano", "en": "English"}
DEFAULT_LANGUAGE = "en"
SESSION_KEY = "lang"
TRANSLATIONS_DIR = PROJECT_ROOT / "matchmaker" / "translations"

bp = Blueprint("account", __name__)
# What each role is called in the UI, in the language of each request (the stored value stays the code).
ROLE_LABELS = {role: _l(label) for role, label in user_model.ROLE_LABELS.items()}


def select_locale() -> str:
    """The saved preference of the logged-in user, else the session's choice, else Accept-Language, else English."""
    if not has_request_context():  # CLI commands and jobs: English unless they force a locale
        return DEFAULT_LANGUAGE
    user_lang = getattr(current_user, "locale", None) if current_user else None
    if user_lang in LANGUAGES:
        return user_lang
    return visitor_language() or DEFAULT_LANGUAGE


def current_language() -> str:
    """The language code in use ('en' outside a request)."""
    state = babel_state()  # the request's locale once chosen (a page asks for it dozens of times)
    locale = state.__dict__.get("babel_locale") if state is not None else None
    if locale is None:
        locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else DEFAULT_LANGUAGE


def vocabulary_label(vocabulary: taxonomy.Vocabulary, code: str | None) -> str:
    """A taxonomy label in the current language."""
    return vocabulary.label(code, current_language())


def country_name(code: str | None) -> str:
    """A country's name in the current language from its ISO code ('IT' -> 'Italia'); unknown codes as given."""
    key = str(code or "").upper()
    return Locale.parse(current_language()).territories.get(taxonomy.EU_COUNTRY_CODES.get(key, key), code or "")


def country_choices(codes) -> list[tuple[str, str]]:
    """(ISO code, country name in the current language) pairs sorted by name, for filter drop-downs."""
    return sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1])


def lazy_choices(vocabulary: taxonomy.Vocabulary) -> list[tuple[str, LazyString]]:
    """(code, label) pairs whose labels follow the language of each request (for module-level form fields)."""
    return [(code, LazyString(vocabulary_label, vocabulary, code)) for code in vocabulary.codes()]


def money(value: int | float | None, currency: str = "EUR") -> str:
    """Whole euros in the current locale: '1.500.000 €' (it), '€1,500,000' (en)."""
    if value is None:
        return ""
    locale = get_locale() or Locale.parse(DEFAULT_LANGUAGE)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    return babel_numbers.format_currency(value, currency, format=pattern, locale=locale, currency_digits=False)


# The one format of a moment on every page and in every language: the date with its weekday and year, in the
# locale's own order (a Babel skeleton), then a 24-hour clock (a European cluster: no AM/PM in English either).
DATE_SKELETON = "yMMMEd"


def moment_text(moment: datetime, locale=None) -> str:
    """An aware time as it reads in its own zone: 'Thu, Mar 12, 2026, 14:30' (en), 'gio 12 mar 2026, 14:30' (it)."""
    from babel.dates import format_skeleton

    locale = locale or get_locale() or "en"
    return f"{format_skeleton(DATE_SKELETON, moment, locale=locale)}, {moment:%H:%M}"


def date_time(value: datetime | None) -> str:
    """Date and time in the user's time zone (Europe/Rome), in the one format of moment_text."""
    if value is None:
        return ""
    from flask_babel import to_user_timezone

    return moment_text(to_user_timezone(as_utc(value)))


def one_stop(sentence: str) -> str:
    """The sentence with one full stop where a name ending in a dot ends it ("... a Ephos S.r.l.." -> "S.r.l.")."""
    return _DOUBLE_STOP.sub(".", sentence)


_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def is_local_path(target: str | None) -> bool:
    """True for a path of this site ('/profiles/?q=x'); False for anything a browser could read as another site
    ('//evil', '/\\evil', '/<tab>/evil', 'https://…')."""
    return bool(target) and target.startswith("/") and not target.startswith("//") \
        and not urlsplit(target).netloc and not any(c == "\\" or ord(c) < 33 or ord(c) == 127 for c in target)


def _safe_next(target: str | None) -> str:
    """Only same-site relative targets (no open redirect)."""
    return target if is_local_path(target) else url_for("main.home")


CHOSEN_KEY = "lang_chosen"  # set when a logged-out visitor picks a language: their next login saves it


def remember_language(lang: str) -> None:
    """Keep `lang` for this browser and, when logged in, as the user's saved preference (logged out: saved by
    the next login, see adopt_chosen_language)."""
    session[SESSION_KEY] = lang
    if current_user.is_authenticated:
        current_user.locale = lang
        db.session.commit()
    else:
        session[CHOSEN_KEY] = True
    refresh()  # the rest of this request (its flash message) speaks the new language


def adopt_chosen_language(user) -> None:
    """At login: a language chosen explicitly before logging in becomes the user's saved preference."""
    if session.pop(CHOSEN_KEY, False) and session.get(SESSION_KEY) in LANGUAGES:
        user.locale = session[SESSION_KEY]
        db.session.commit()
        refresh()


def visitor_language(default: str | None = DEFAULT_LANGUAGE) -> str | None:
    """The language this browser uses the site in, not counting any account: the header switch's choice, else
    Accept-Language, else `default` (what a registration or a first login saves as the user's preference)."""
    if not has_request_context():
        return default
    if session.get(SESSION_KEY) in LANGUAGES:
        return session[SESSION_KEY]
    return request.accept_languages.best_match(list(LANGUAGES)) or default


@bp.post("/language")
def switch_language():
    """The header switch: a plain form post (no JavaScript), also when logged out."""
    lang = request.form.get("lang", "")
    if lang in LANGUAGES:
        remember_language(lang)
    return redirect(_safe_next(request.form.get("next")))


class LanguageForm(AppForm):
    language = RadioField(_l("Language of the interface and of the e-mails we send you"),
                          choices=list(LANGUAGES.items()))


@bp.route("/account", methods=["GET", "POST"])
def settings():
    """The account page: language preference (and the way to the password change)."""
    form = LanguageForm(language=current_language())
    if form.validate_on_submit():
        remember_language(form.language.data)
        flash(gettext("Your language preference has been saved."), "success")
        return redirect(url_for("account.settings"))
    return render_template("account/settings.html", form=form)


def init_app(app: Flask) -> None:
    """Bind Flask-Babel, the language switch and the localised Jinja helpers to `app`."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Rome")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    babel.init_app(app, locale_selector=select_locale)
    install_jinja_gettext(app, babel)  # after init_app, which installs Flask-Babel's own
    login_manager.login_message = N_("Please log in to see this page.")
    login_manager.localize_callback = gettext  # Flask-Login translates its message when it flashes it
    app.register_blueprint(bp)
    app.jinja_env.filters.update(money=money, datetime=date_time, date=format_date, number=format_number,
                                 country=country_name,
                                 decimal=lambda value: format_decimal(value, format="0.00"))
    app.jinja_env.policies["ext.i18n.trimmed"] = True  # {% trans %} blocks ignore line breaks and indentation
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, current_language=current_language,
                                 country_choices=country_choices)


def mail_language(*candidates: str | None) -> str:
    """The first known language among `candidates` (a recipient's preference first), else the site's default
    (English): never the language of whoever happens to cause the mail (an organiser publishing in Italian)."""
    for lang in candidates:
        if lang in LANGUAGES:
            return lang
    return DEFAULT_LANGUAGE


# Countries whose people read one of the site's languages (an invitee's organisation's country says which).
COUNTRY_LANGUAGES = {"IT": "it", "SM": "it", "VA": "it",
                     "GB": "en", "IE": "en", "MT": "en", "US": "en", "CA": "en", "AU": "en", "NZ": "en"}


def invitee_language(country: str | None) -> str:
    """The language of a mail to someone whose own language is unknown (an invitation to a new address): their
    organisation's country's (Italy: Italian), else the sender's (the language in force as the mail is written:
    the request's, or the job's starter's), else the site's default."""
    return mail_language(COUNTRY_LANGUAGES.get((country or "").strip().upper()), current_language())
