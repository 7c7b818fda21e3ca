"""Jinja globals and filters: vocabularies, labels and small formatting helpers."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, render_template, request, url_for
from markupsafe import Markup

from matchmaker import taxonomy
from matchmaker.i18n import is_local_path, vocabulary_label


def register_template_helpers(app: Flask) -> None:
    """Expose the taxonomy and a few filters to every template."""

    from matchmaker.services.events_rules import is_web_link

    app.jinja_env.tests["web_link"] = is_web_link  # a virtual room's link shown as a link only if http(s)

    @app.context_processor
    def inject_taxonomy() -> dict:
        return {"taxonomy": taxonomy}

    @app.template_filter("one_stop")
    def one_stop_filter(sentence):
        """One full stop after a name that ends in a dot ("S.r.l.." -> "S.r.l."); markup stays markup."""
        from matchmaker.i18n import one_stop

        return Markup(one_stop(sentence)) if isinstance(sentence, Markup) else one_stop(str(sentence))

    @app.template_filter("tel")
    def tel(phone: str | None) -> str:
        """A phone number as a tel: URI ("+39 02 1234-567" -> "+39021234567", an extension as ";ext=12")."""
        from matchmaker.services.phone import tel_uri

        return tel_uri(phone)

    @app.template_filter("label")
    def label(code: str | None, vocabulary: str) -> str:
        return vocabulary_label(taxonomy.VOCABULARIES[vocabulary], code)

    @app.template_filter("kind_label")
    def kind_label(organisation) -> str:
        """An organisation's kind in the current language, a hospital outside Italy not called an IRCCS."""
        from matchmaker.i18n import current_language

        return taxonomy.kind_label(organisation.kind, organisation.country, current_language())

    @app.template_filter("profile_description")
    def profile_description(organisation) -> str:
        """An organisation's description; the sentence the CORDIS import generated is worded in the reader's
        language wherever it is, also once a member has edited the profile around it (their own words are shown
        as written)."""
        from matchmaker.services.cordis import reword_generated

        return reword_generated(organisation.description, _cordis_sentence)

    @app.template_global()
    def unread_notifications() -> int:
        """The header bell's number: the current user's unread notifications (0 for visitors)."""
        from matchmaker.notifications.views import unread_for_header

        return unread_for_header()

    @app.template_global()
    def site_header() -> Markup:
        """The page header, kept per menu (who is logged in, with which role and organisation), bell number, unread
        messages and language, with this request's CSRF token and address put in."""
        from flask_login import current_user

        from matchmaker import page_cache
        from matchmaker.i18n import current_language
        from matchmaker.messages.views import unread_messages

        unread, user, letters = unread_notifications(), current_user, unread_messages()
        menu = (user.organisation_id, user.is_organiser, user.is_admin) if user.is_authenticated else None
        fragment = page_cache.cached(
            "site-header", (menu, unread, letters, current_language()), stamped=False,
            make=lambda: render_template("_site_header.html", unread=unread, letters=letters,
                                         token_slot=page_cache.TOKEN_SLOT,
                                         next_slot=page_cache.NEXT_SLOT, register_slot=page_cache.REGISTER_SLOT,
                                         login_slot=page_cache.LOGIN_SLOT))
        here = form_action()
        if user.is_authenticated:
            return page_cache.fill_slots(fragment, here)
        return page_cache.fill_slots(fragment, here, register_url=_visitor_url("auth.register", here),
                                     login_url=_visitor_url("auth.login", here))

    @app.template_global()
    def form_action() -> str:
        """This page's address without its fragment, for a form that posts back to it: an empty `action` posts to
        the address with its fragment (say #am_end, from a "Go to" link of a refused form), and the redirect after
        the save inherits it, so the next page opened scrolled to a field it does not have."""
        return request.full_path if request.query_string else request.path

    @app.template_global()
    def url_with_page(page: int) -> str:
        """The current URL with `page` replaced, keeping every filter."""
        args = request.args.to_dict(flat=False)
        args["page"] = [str(page)]
        return f"{request.path}?{urlencode(args, doseq=True)}"


def _visitor_url(endpoint: str, here: str) -> str:
    """The header's "Register" or "Log in" link (`endpoint`) for a visitor: back to this page once the account is
    confirmed or the visitor logged in (`next`, a same-site path only); from the login or registration page, back to
    where that page returns; from the home page, no `next` (a new account then lands in its profile's editor, a
    login on the home page)."""
    if request.blueprint == "auth":
        back = request.args.get("next")
    else:
        back = None if request.endpoint == "main.home" else here
    return url_for(endpoint, next=back if is_local_path(back) else None)


def _cordis_sentence(count: int, acronyms: str) -> str:
    """The CORDIS import's description sentence in the current language."""
    from flask_babel import gettext, ngettext

    return " ".join((ngettext("Took part in %(num)s Horizon Europe project: %(acronyms)s.",
                              "Took part in %(num)s Horizon Europe projects: %(acronyms)s.", count,
                              acronyms=acronyms),
                     gettext("Profile imported from CORDIS – EU research projects under Horizon Europe "
                             "(CC BY 4.0).")))
