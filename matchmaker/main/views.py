"""Home page: the visitors' banner, a member's dashboard, or an organiser's page."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services import membership, review_home
from matchmaker.services.next_step import next_step

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    if current_user.is_authenticated and current_user.organisation_id is not None:
        organisation = db.session.get(Organisation, current_user.organisation_id)
        return render_template("main/dashboard.html", org=organisation, step=next_step(organisation),
                               **review_home.dashboard(organisation, current_user))
    counts = dict(db.session.execute(
        db.select(Organisation.kind, func.count()).group_by(Organisation.kind)).all())
    if current_user.is_authenticated and current_user.is_organiser:
        from matchmaker.events.wording import status
        from matchmaker.services.events_access import organised_events

        return render_template("main/organiser.html", counts=counts, total=sum(counts.values()),
                               events=organised_events(current_user), event_status=status)
    join_requests = membership.pending_requests_of(current_user) if current_user.is_authenticated else []
    return render_template("main/home.html", counts=counts, total=sum(counts.values()), join_requests=join_requests,
                           organisers_decide=membership.memberless(r.organisation_id for r in join_requests))


# Addresses people type or share without the /auth prefix (a walk typed /register and got "page not found").
SHORT_ADDRESSES = {"/register": "auth.register", "/login": "auth.login", "/signup": "auth.register"}


def _short_address():
    """To the page a short address means, keeping its query (?next=..., ?lang=...)."""
    target = url_for(SHORT_ADDRESSES[request.path])
    return redirect(f"{target}?{request.query_string.decode()}" if request.query_string else target)


for _path in SHORT_ADDRESSES:
    bp.add_url_rule(_path, f"short{_path.replace('/', '_')}", _short_address, methods=["GET"])


@bp.get("/developers/api")
def api_reference():
    """The API reference, read from the OpenAPI document (public, as the document is: it holds no data)."""
    from matchmaker.api import PREFIX, document
    from matchmaker.services.api_reference import reference

    spec = document()
    tags = {"account": _("Account"), "organisations": _("Organisations"), "suggestions": _("Suggestions"),
            "events": _("Events")}
    return render_template("main/api_reference.html", info=spec["info"], groups=reference(spec), prefix=PREFIX,
                           tags=tags)
