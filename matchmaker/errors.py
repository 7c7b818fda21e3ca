"""Error pages in the site's look, for the errors a user can meet."""
from __future__ import annotations

import sqlite3

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from matchmaker.extensions import db

MESSAGES = {
    400: _l("The request could not be understood. Please go back and try again."),
    403: _l("You do not have permission to see or change this page."),
    404: _l("We could not find that page."),
    405: _l("This address only receives a form. Go back to the page and send the form again."),
    413: _l("The uploaded file is too large."),
    429: _l("Too many attempts. Please wait a minute and try again."),
    503: _l("The service is busy for a moment. This page reloads by itself."),
    500: _l("Something went wrong on our side. The team has been notified."),
}

API_MESSAGES = {400: "bad request", 401: "authentication required", 403: "forbidden", 404: "not found",
                405: "method not allowed", 409: "conflict", 413: "request too large", 415: "unsupported media type",
                422: "invalid request", 429: "too many requests", 500: "internal error",
                503: "busy, retry shortly"}


def register_error_handlers(app: Flask) -> None:
    """Render errors/error.html for HTTP errors, CSRF failures and unexpected exceptions."""

    def render(code: int, message: str | None = None, reload: bool = False, api: str | None = None):
        if request.path.startswith("/api/"):  # the API answers JSON, in English, whatever went wrong
            from matchmaker.api import error_response

            return error_response(code, api or API_MESSAGES.get(code, "error"))
        return render_template("errors/error.html", code=code, message=message or MESSAGES.get(code, ""),
                               reload=reload), code

    @app.errorhandler(CSRFError)
    def csrf_error(err: CSRFError) -> tuple[str, int]:
        return render(400, _("Your form expired or was sent from another site. Reload the page and try again."))

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException) -> tuple[str, int] | HTTPException:
        if err.code is None or err.code < 400:
            return err
        if err.response is not None:  # abort(response): the response is already what the caller meant
            return err.response
        if err.code == 400 and err.description == "nul":
            return render(400, _("The request contained a NUL character, which no text here may hold. Remove it "
                                 "and try again."), api="the request contains a NUL character, which no text may hold")
        return render(err.code)

    @app.errorhandler(OperationalError)
    def database_busy(err: OperationalError):
        """SQLite's "database is locked" (a request that read, then wrote after another writer's commit, or that
        waited longer than the busy timeout): the service is busy, not broken. 503 with Retry-After; a page that
        only reads reloads by itself, a form says it was not saved. Any other database error stays a 500."""
        if not (isinstance(err.orig, sqlite3.OperationalError) and "locked" in str(err.orig)):
            raise err
        db.session.rollback()
        app.logger.warning("SQLite busy on %s %s: %s", request.method, request.path, err.orig)
        if request.method in ("GET", "HEAD"):
            response = app.make_response(render(503, reload=True))
        else:
            message = _("The service was busy and nothing was saved. Go back and send the form again.")
            response = app.make_response(render(503, message))
        response.headers["Retry-After"] = "1"
        return response

    @app.errorhandler(500)
    def server_error(err: Exception) -> tuple[str, int]:
        db.session.rollback()
        return render(500)
