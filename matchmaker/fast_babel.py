"""Flask-Babel with each request's translations remembered: a page calls gettext hundreds of times, and
Flask-Babel finds the catalogue anew at each call (nine context-proxy look-ups, about 20 µs apiece here).
It reads Flask-Babel 4.0's per-request state (g._flask_babel), so setup.cfg pins Flask-Babel to 4.0.x."""
from __future__ import annotations

from functools import cached_property

import flask_babel
from flask import Flask
from flask.globals import _cv_app


def babel_state():
    """Flask-Babel's per-request namespace (g._flask_babel), without going through the proxies; or None."""
    app_context = _cv_app.get(None)
    return None if app_context is None else app_context.g.__dict__.get("_flask_babel")


class RequestCachedDomain(flask_babel.Domain):
    """The message domain; the catalogue is looked up once per request and locale (force_locale and refresh
    change the request's locale object, so they are honoured)."""

    def get_translations(self):
        state = babel_state()
        if state is not None:
            cached = state.__dict__.get("request_translations")
            if cached is not None and cached[0] is state.__dict__.get("babel_locale") is not None:
                return cached[1]
        translations = super().get_translations()
        state = babel_state()
        if state is not None and state.__dict__.get("babel_locale") is not None:
            state.request_translations = (state.babel_locale, translations)
        return translations


_flask_babel_get_domain = flask_babel.get_domain


def _get_domain() -> flask_babel.Domain:
    """flask_babel.get_domain (which its gettext and lazy strings call) without the proxies once it is known."""
    state = babel_state()
    domain = None if state is None else state.__dict__.get("babel_domain")
    return domain if domain is not None else _flask_babel_get_domain()


class Babel(flask_babel.Babel):
    """flask_babel.Babel whose domain remembers the request's catalogue."""

    @cached_property
    def domain_instance(self):
        return RequestCachedDomain(domain=self.domain)

    def init_app(self, app: Flask, *args, **kwargs) -> None:
        """Bind to `app` as flask_babel.Babel does; gettext and lazy strings then take the short way."""
        super().init_app(app, *args, **kwargs)
        flask_babel.get_domain = _get_domain


def install_jinja_gettext(app: Flask, babel: Babel) -> None:
    """Templates' _(), ngettext and pgettext through the remembered catalogue (as Flask-Babel installs them)."""
    def catalogue():
        return babel.domain_instance.get_translations()

    app.jinja_env.install_gettext_callables(
        gettext=lambda s: catalogue().ugettext(s),
        ngettext=lambda s, p, n: catalogue().ungettext(s, p, n),
        pgettext=lambda c, s: catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalogue().unpgettext(c, s, p, n),
        newstyle=True)
