"""Notifications: the list (newest first), opening one (marks it read), mark all read, the e-mail preference."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.notification_wording import describe_parts
from matchmaker.services import notifications

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def index():
    page = request.args.get("page", 1, type=int) or 1
    items, pages = notifications.page_of(current_user, min(page, 10**6))
    rows = [(note, *describe_parts(note.code, note.params)) for note in items]
    return render_template("notifications/index.html", rows=rows, page=min(max(page, 1), pages), pages=pages)


@bp.post("/<int:notification_id>/open")
@login_required
def open_one(notification_id: int):
    note = notifications.open_notification(current_user, notification_id)
    if note is None:
        abort(404)
    return redirect(note.link or url_for("notifications.index"))


@bp.post("/read")
@login_required
def read_all():
    count = notifications.mark_all_read(current_user)
    if count:
        flash(_("All notifications marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.post("/email")
@login_required
def email_preference():
    enabled = request.form.get("enabled") == "1"
    notifications.set_email_preference(current_user, enabled)
    flash(_("We will also send your notifications by e-mail.") if enabled
          else _("We will no longer send your notifications by e-mail."), "success")
    return redirect(url_for("notifications.index"))


def unread_for_header() -> int:
    """The bell's number (0 for visitors)."""
    return notifications.unread_count(current_user) if current_user.is_authenticated else 0
