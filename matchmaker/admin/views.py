"""Administration: users, roles and invitations."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.admin.forms import InviteForm, RoleForm
from matchmaker.extensions import db
from matchmaker.i18n import ROLE_LABELS
from matchmaker.models import Organisation, User
from matchmaker.permissions import admin_required
from matchmaker.services import accounts, audit

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _organisation_choices() -> list[tuple[int, str]]:
    # Organisations with members or written by hand come first would be nicer; alphabetical is predictable.
    rows = db.session.execute(db.select(Organisation.id, Organisation.name).order_by(Organisation.name))
    return [(0, _("— no organisation —"))] + [(i, n) for i, n in rows]


@bp.route("/users", methods=["GET", "POST"])
@admin_required
def users():
    form = InviteForm()
    form.organisation_id.choices = _organisation_choices()
    if request.args.get("org", type=int):
        form.organisation_id.data = form.organisation_id.data or request.args.get("org", type=int)
    if form.validate_on_submit():
        organisation = db.session.get(Organisation, form.organisation_id.data) if form.organisation_id.data else None
        try:
            accounts.invite_user(current_user, form.email.data, organisation, form.role.data,
                                 lambda token: url_for("auth.accept_invitation", token=token, _external=True))
        except accounts.AccountError as exc:
            form.email.errors.append(str(exc))
        else:
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("admin.users"))
    all_users = db.session.execute(db.select(User).order_by(User.email)).scalars().all()
    return render_template("admin/users.html", form=form, users=all_users, role_form=RoleForm(),
                           role_labels=ROLE_LABELS)


@bp.post("/users/<int:user_id>/role")
@admin_required
def set_role(user_id: int):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            accounts.set_role(current_user, user, form.role.data)
        except accounts.AccountError as exc:
            flash(str(exc), "error")
        else:
            flash(_("%(email)s is now %(role)s.", email=user.email, role=ROLE_LABELS[user.role]), "success")
    return redirect(url_for("admin.users"))


@bp.get("/audit")
@admin_required
def audit_log():
    page = request.args.get("page", 1, type=int)
    return render_template("admin/audit.html", pagination=audit.entries(page), actions=audit.ACTIONS)
