"""The review queue, interest from a profile page, the Connections page and the organisers' insight page."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.extensions import db
from matchmaker.i18n import one_stop
from matchmaker.matches import labels, wording
from matchmaker.matches.kinds import chosen_kind, kinds_for
from matchmaker.matches.views import (_review_error, back_to, bp, decline_retry, notice_at, own_organisation,
                                      undo_offer)
from matchmaker.models import Organisation
from matchmaker.permissions import organiser_required
from matchmaker.request_guards import db_id
from matchmaker.services import review, review_insight
from matchmaker.services.review_list import queue_item


@bp.get("/review")
@login_required
def queue():
    organisation = own_organisation()
    if organisation is None:
        return redirect(url_for("matches.index"))
    kind = chosen_kind(organisation)
    if not kinds_for(organisation):  # an association or "other": nothing to review, the list says why
        return redirect(url_for("matches.index", org=request.args.get("org")))
    skip = max(request.args.get("skip", 0, type=int), 0)
    item, left = queue_item(organisation, kind, skip, first=request.args.get("first", type=db_id))
    notice = notice_at({"review-notice"})
    can_act = organisation.id == current_user.organisation_id
    return render_template("matches/queue.html", org=organisation, kind=kind, kinds=kinds_for(organisation),
                           item=item, left=left, skip=skip, labels=labels, wording=wording, can_act=can_act,
                           retry=decline_retry({item.suggestion.id} if item else set()), notice_at=notice,
                           undo=undo_offer(notice, {item.suggestion.id} if item else set()),
                           wrapped=bool(item) and skip >= left)


@bp.post("/interest/<int:org_id>")
@login_required
def interest(org_id: int):
    target = db.session.get(Organisation, org_id)
    if target is None:
        abort(404)
    if current_user.organisation_id is None:
        abort(403)  # interest is an organisation's: an account without one has nobody to speak for
    mine = db.session.get(Organisation, current_user.organisation_id)
    try:
        connected = review.express_interest(mine, target, request.form.get("action", ""), current_user)
    except review.ReviewError as exc:
        flash(_review_error(exc), "error")
    else:
        if request.form.get("action") == "withdraw":
            done = _("You withdrew your interest in %(name)s; contact details are private again.", name=target.name)
        elif connected:
            done = _("You and %(name)s are now connected: their contact details are on their profile.",
                     name=target.name)
        else:
            done = _("You said you are interested in %(name)s. They see it; once they are interested too, you are "
                     "connected and see each other's contacts.", name=target.name)
        flash(one_stop(done), "success")
    return redirect(back_to(url_for("profiles.show", org_id=target.id)))


@bp.get("/connections")
@login_required
def connections():
    if current_user.organisation_id is None:
        flash(_("Your account does not belong to an organisation, so it has no connections."), "info")
        return redirect(url_for("main.home"))
    return render_template("matches/connections.html", connections=review.connections_of(current_user.organisation_id),
                           interested=review.interested_in(current_user.organisation_id))


@bp.get("/insight")
@organiser_required
def insight():
    return render_template("matches/insight.html", stats=review_insight.by_kind(),
                           without=review_insight.without_suggestions(), labels=labels)
