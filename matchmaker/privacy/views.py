"""The privacy notice (the operator's page or template); a user's own data: download it as JSON, delete the account
(with the password)."""
from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, logout_user
from wtforms import PasswordField
from wtforms.validators import DataRequired

from matchmaker.form_base import AppForm
from matchmaker.services import privacy
from matchmaker.services.accounts import AccountError

bp = Blueprint("privacy", __name__, url_prefix="/privacy")


class DeleteAccountForm(AppForm):
    password = PasswordField(_l("Your password, to confirm"), validators=[DataRequired()])


@bp.get("/")
def notice():
    """Who processes what data for what purpose: the operator's own page when PRIVACY_NOTICE_URL is set."""
    url = current_app.config.get("PRIVACY_NOTICE_URL") or ""
    if url.startswith(("https://", "http://")):
        return redirect(url)
    return render_template(current_app.config.get("PRIVACY_NOTICE_TEMPLATE") or "privacy/notice.html")


@bp.get("/data.json")
@login_required
def download():
    body = json.dumps(privacy.export_data(current_user), ensure_ascii=False, indent=2, default=str)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": "attachment; filename=matchmaker-my-data.json",
                             "Cache-Control": "no-store"})


@bp.route("/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            orphan = privacy.delete_account(current_user._get_current_object(), form.password.data)
        except AccountError as exc:
            form.password.errors.append(str(exc))
        else:
            logout_user()
            flash(_("Your account has been deleted."), "success")
            if orphan is not None:
                flash(_("%(name)s has no members now: its profile stays in the directory without contact details.",
                        name=orphan.name), "info")
            return redirect(url_for("main.home"))
    return render_template("privacy/delete.html", form=form)
