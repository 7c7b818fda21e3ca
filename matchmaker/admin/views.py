"""Administration: users, roles and invitations."""
from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from matchmaker.admin.forms import InviteForm, RoleForm
from matchmaker.extensions import db
from matchmaker.i18n import ROLE_LABELS
from matchmaker.models import Organisation, User
from matchmaker.permissions import admin_required
from matchmaker.services import accounts, audit, invitations, organisations

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET", "POST"])
@admin_required
def users():
    form = InviteForm()
    form.organisation.render_kw = {"list": "organisation-options", "autocomplete": "off",
                                   "data-source": url_for("admin.organisation_search")}
    preset = request.args.get("org", type=int)
    if preset and not form.is_submitted() and (chosen := db.session.get(Organisation, preset)):
        form.organisation.data = organisations.label(chosen)
    if form.validate_on_submit():
        organisation, error = organisations.resolve(form.organisation.data, form.organisation_id.data)
        if error:
            form.organisation.errors = [*form.organisation.errors, error]
        else:
            try:
                invitations.invite_user(current_user, form.email.data, organisation, form.role.data,
                                        lambda token: url_for("auth.accept_invitation", token=token, _external=True))
            except accounts.AccountError as exc:
                form.email.errors.append(str(exc))
            else:
                flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
                return redirect(url_for("admin.users"))
    all_users = db.session.execute(db.select(User).order_by(User.email)).scalars().all()
    return render_template("admin/users.html", form=form, users=all_users, role_form=RoleForm(),
                           role_labels=ROLE_LABELS)


@bp.get("/organisations.json")
@admin_required
def organisation_search():
    """Up to 10 organisations whose name contains the typed words (for the invitation form's suggestions)."""
    return jsonify([{"id": o.id, "label": organisations.label(o)}
                    for o in organisations.find(request.args.get("q", ""), limit=10)])


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
    return render_template("admin/audit.html", pagination=audit.entries(page), actions=audit.ACTIONS,
                           details=audit_details)


# The details' keys (services/audit.record's keyword arguments) in the reader's words.
DETAIL_LABELS = {"created": _l("created"), "updated": _l("updated"), "skipped": _l("skipped (profiles with members)"),
                 "refused": _l("rows refused"), "override": _l("profiles with members changed too"),
                 "changed_with_members": _l("changed on profiles with members"), "before": _l("before"),
                 "after": _l("after"), "fields": _l("fields changed"), "role": _l("role"),
                 "organisation": _l("organisation"), "accepted": _l("accepted")}


def audit_details(details: dict) -> list[tuple[str, str]]:
    """An audit entry's details as (label, value) lines in the reader's language: yes/no, roles by their names,
    lists one after the other, a key this version does not know as it is."""
    def value(key: str, v) -> str:
        if isinstance(v, bool):
            return _("yes") if v else _("no")
        if v is None or v == []:
            return "—"
        if key in ("before", "after", "role") and v in ROLE_LABELS:
            return str(ROLE_LABELS[v])
        return "; ".join(map(str, v)) if isinstance(v, list) else str(v)

    return [(str(DETAIL_LABELS.get(key, key)), value(key, v)) for key, v in details.items()]
