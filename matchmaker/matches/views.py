"""Suggested partners for the logged-in member's organisation, with the reasons behind each."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.extensions import db
from matchmaker.matches import wording
from matchmaker.models import Organisation
from matchmaker.request_guards import db_id
from matchmaker.services.matching import side_of
from matchmaker.services.suggestions import suggestions_for

bp = Blueprint("matches", __name__, url_prefix="/matches")
bp.add_app_template_filter(wording.reason_lines, "reason_lines")
KINDS = {"tech-transfer": _l("Tech transfer"), "investor": _l("Investors and start-ups")}


@bp.get("/")
@login_required
def index():
    org_id = request.args.get("org", type=db_id) or current_user.organisation_id  # out of range: one's own
    if org_id is None:
        flash(_("Your account does not belong to an organisation, so there is nobody to match yet."), "info")
        return redirect(url_for("profiles.directory"))
    organisation = db.session.get(Organisation, org_id)
    if organisation is None:
        abort(404)
    if not current_user.can_edit(organisation):
        abort(403)  # an organisation's suggestions are its own business
    kind = request.args.get("kind", "investor" if side_of(organisation.kind) == "investor" else "tech-transfer")
    if kind not in KINDS:
        abort(404)
    return render_template("matches/index.html", org=organisation, kind=kind, kinds=KINDS,
                           rows=suggestions_for(organisation, kind), wording=wording)
