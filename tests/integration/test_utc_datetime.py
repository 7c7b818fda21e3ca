"""A moment in another zone is stored as the same instant (a walk: the demo's request deadline, 18:00 in Rome, came
back from SQLite as 18:00 UTC and showed as 19:00): models' datetime columns convert to UTC before they bind."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from matchmaker.extensions import db
from matchmaker.models import User
from matchmaker.models._common import as_utc
from tests.helpers import make_user


def test_a_moment_given_in_rome_comes_back_as_the_same_instant(app):
    user = make_user()
    rome = datetime(2026, 12, 31, 18, 0, tzinfo=ZoneInfo("Europe/Rome"))
    user.last_login_at = rome
    db.session.commit()
    db.session.expire_all()
    stored = as_utc(db.session.get(User, user.id).last_login_at)
    assert stored == rome and stored.astimezone(timezone.utc).hour == 17


def test_a_naive_moment_is_taken_as_utc_as_before(app):
    user = make_user()
    user.last_login_at = datetime(2026, 12, 31, 18, 0)
    db.session.commit()
    db.session.expire_all()
    assert as_utc(db.session.get(User, user.id).last_login_at) == datetime(2026, 12, 31, 18, 0, tzinfo=timezone.utc)


def test_a_generated_migration_writes_the_plain_column_type():
    """Autogenerate would write matchmaker.models._common.UTCDateTime() without importing it (a review)."""
    import sqlalchemy as sa
    from alembic.autogenerate import render_python_code
    from alembic.operations import ops

    from matchmaker.models._common import UTCDateTime, render_item

    upgrade = ops.UpgradeOps(ops=[ops.AddColumnOp("user", sa.Column("seen_at", UTCDateTime()))])
    code = render_python_code(upgrade, render_item=render_item)
    assert "sa.DateTime(timezone=True)" in code and "UTCDateTime" not in code


def test_only_datetimes_compared_with_a_column_go_through_the_type():
    """A timedelta added to the column, a string compared with it, keep their own types (SQLAlchemy's advice for a
    TypeDecorator: otherwise they would be bound as datetimes)."""
    from datetime import timedelta
    from operator import add, gt

    from matchmaker.models._common import UTCDateTime

    column = UTCDateTime()
    assert column.coerce_compared_value(gt, datetime(2026, 12, 31)) is column
    assert not isinstance(column.coerce_compared_value(add, timedelta(hours=1)), UTCDateTime)
    assert not isinstance(column.coerce_compared_value(gt, "2026-12-31"), UTCDateTime)
