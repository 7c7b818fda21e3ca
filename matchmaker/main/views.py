"""Home page."""
from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func

from matchmaker.extensions import db
from matchmaker.models import Organisation

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    counts = dict(db.session.execute(
        db.select(Organisation.kind, func.count()).group_by(Organisation.kind)).all())
    return render_template("main/home.html", counts=counts, total=sum(counts.values()))
