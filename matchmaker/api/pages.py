"""Account → API tokens: create one (its secret is shown once), see when each was last used, revoke."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from matchmaker.form_base import AppForm
from matchmaker.services import tokens
from matchmaker.services.notifications import notify

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")


class TokenForm(AppForm):
    name = StringField(_l("What is this token for?"), validators=[DataRequired(), Length(max=80)],
                       description=_l("For example “CRM sync” or “my laptop”: you will see it in the list below."))


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        try:
            token, secret = tokens.create_token(current_user, form.name.data)
        except tokens.TokenError as exc:
            flash(_("You already have %(num)s active tokens: revoke one first.", num=tokens.MAX_ACTIVE_TOKENS)
                  if str(exc) == "too_many" else _("Give the token a name."), "error")
        else:
            notify(current_user, "api_token_created", {"name": token.name}, url_for("tokens.index"))
            form = TokenForm(formdata=None)
    return render_template("account/tokens.html", form=form, tokens=tokens.tokens_of(current_user), secret=secret)


@bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    token = tokens.revoke_token(current_user, token_id)
    if token is None:
        abort(404)
    flash(_("The token “%(name)s” has been revoked: requests that use it are refused from now on.",
            name=token.name), "success")
    return redirect(url_for("tokens.index"))
