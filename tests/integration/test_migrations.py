"""Migrations: `flask db upgrade` builds the schema on an empty database and matches the models exactly."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from matchmaker.extensions import db
from matchmaker.search.index import include_object


def test_upgrade_on_empty_database_matches_models(bare_app):
    assert inspect(db.engine).get_table_names() == []
    result = bare_app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    tables = set(inspect(db.engine).get_table_names())
    assert {"user", "organisation", "organisation_tag", "project", "participation", "invitation"} <= tables
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations disagree; run `flask db migrate`: {diff}"
    # compare_metadata cannot see expression indexes (nor can a SQLite batch, which would drop one silently): by name
    wanted = {index.name for table in db.metadata.tables.values() for index in table.indexes}
    assert any(i == "ix_organisation_directory_order" for i in wanted)  # an expression index is among them
    with db.engine.connect() as conn:
        found = set(conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'index'" if conn.dialect.name == "sqlite" else
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")).scalars())
    assert wanted - found == set()


def test_downgrade_to_base_and_back(bare_app):
    runner = bare_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert runner.invoke(args=["db", "downgrade", "base"]).exit_code == 0
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
