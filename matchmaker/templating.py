"""Jinja globals and filters: vocabularies, labels and small formatting helpers."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, request

from matchmaker import taxonomy
from matchmaker.i18n import vocabulary_label


def register_template_helpers(app: Flask) -> None:
    """Expose the taxonomy and a few filters to every template."""

    @app.context_processor
    def inject_taxonomy() -> dict:
        return {"taxonomy": taxonomy}

    @app.template_filter("label")
    def label(code: str | None, vocabulary: str) -> str:
        return vocabulary_label(taxonomy.VOCABULARIES[vocabulary], code)

    @app.template_global()
    def unread_notifications() -> int:
        """The header bell's number: the current user's unread notifications (0 for visitors)."""
        from matchmaker.notifications.views import unread_for_header

        return unread_for_header()

    @app.template_global()
    def url_with_page(page: int) -> str:
        """The current URL with `page` replaced, keeping every filter."""
        args = request.args.to_dict(flat=False)
        args["page"] = [str(page)]
        return f"{request.path}?{urlencode(args, doseq=True)}"
