"""Join requests: a user without an organisation asks to join one; its members or the organisers decide."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user, login_required

from matchmaker.extensions import db
from matchmaker.i18n import is_local_path, one_stop
from matchmaker.models import JoinRequest, Organisation
from matchmaker.services import membership, org_names

bp = Blueprint("membership", __name__, url_prefix="/membership")

REFUSALS = {"has_organisation": _l("You already belong to an organisation."),
            "already_asked": _l("You have already asked to join this organisation; you will be told of the answer."),
            "already_decided": _l("This request has already been answered."),
            "not_allowed": _l("You cannot answer this request.")}


@bp.get("/join")
@login_required
def join():
    query = (request.args.get("q") or "").strip()[:255]
    found = org_names.search(query) if query else membership.candidates(current_user)
    return render_template("membership/join.html", found=found, query=query, back=_return_to(),
                           mine=membership.requests_of(current_user))


@bp.post("/join/<int:org_id>")
@login_required
def ask(org_id: int):
    organisation = db.session.get(Organisation, org_id)
    if organisation is None:
        abort(404)
    try:
        membership.ask(current_user, organisation)
    except membership.JoinError as exc:
        flash(str(REFUSALS[exc.code]), "error")
    else:
        flash(_("Your request to join %(organisation)s was sent to its members.", organisation=organisation.name)
              if membership.has_members(organisation.id) else
              _("Your request to join %(organisation)s was sent to the cluster’s organisers (the organisation has no "
                "members yet).", organisation=organisation.name), "success")
    return redirect(url_for("membership.join", next=_return_to()))


def _return_to() -> str | None:
    """The page (an event's) the user registered from, carried until they belong to an organisation."""
    target = request.args.get("next")
    return target if is_local_path(target) else None


@bp.get("/requests")
@login_required
def requests():
    return render_template("membership/requests.html", pending=membership.to_decide(current_user),
                           decided=membership.recently_decided(current_user))


@bp.post("/requests/<int:join_id>/decide")
@login_required
def decide(join_id: int):
    join_request = db.session.get(JoinRequest, join_id)
    if join_request is None or not membership.may_decide(current_user, join_request):
        abort(404)
    answer = request.form.get("answer")
    if answer not in ("accept", "decline"):
        flash(_("Choose to accept or decline."), "error")
        return redirect(url_for("membership.requests"))
    try:
        membership.decide(current_user, join_request, answer == "accept")
    except membership.JoinError as exc:
        flash(str(REFUSALS[exc.code]), "error")
    else:
        flash(one_stop(_("%(name)s is now a member of %(organisation)s.", name=join_request.user.name,
                         organisation=join_request.organisation.name)) if answer == "accept"
              else _("Request declined."), "success" if answer == "accept" else "info")
    return redirect(url_for("membership.requests"))
