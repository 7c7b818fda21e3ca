"""One engine across processes: two app instances on one database (each with its own engine copy, as two
gunicorn workers have); an edit through one shows up in the other's suggestions, and no page ever fits."""
from __future__ import annotations

import os

import pytest

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.extensions import db
from matchmaker.matching.rank import Matcher
from matchmaker.models import EngineChange, EngineSnapshot, Organisation, Suggestion, User
from matchmaker.services import engine
from matchmaker.services.matching import doc_id
from matchmaker.services.suggestions import rebuild_all
from tests.conftest import IsolatedClient, _drop_everything
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_profiles import FULL_FORM
from tests.integration.test_suggestions import FILLER


@pytest.fixture
def two_apps(tmp_path):
    """Two apps on the same database (an SQLite file, or the DATABASE_URL test database)."""
    url = TestConfig.SQLALCHEMY_DATABASE_URI if os.environ.get("DATABASE_URL") \
        else f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    settings = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    apps = [create_app({**settings, "SQLALCHEMY_DATABASE_URI": url}) for _ in range(2)]
    for app in apps:
        app.test_client_class = IsolatedClient
    with apps[0].app_context():
        _drop_everything()
        db.create_all()
    yield apps
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    with apps[0].app_context():
        _drop_everything()


def world() -> dict[str, int]:
    company = make_org(name="Acme Organoids", kind="sme", seek="liver organoid models for drug toxicology")
    lab = make_org(name="Liver Lab", kind="university", offer="Liver organoid models and toxicology assays")
    heart = make_org(name="Heart Lab", kind="university", offer="Cardiac tissue engineering and zebrafish hearts")
    for i, text in enumerate(FILLER):
        make_org(name=f"Filler {i}", kind="public_research_centre", offer=text)
    return {"company": company.id, "lab": lab.id, "heart": heart.id}


def first_target(org_id: int) -> int:
    db.session.rollback()  # see what the requests committed (an SQLite file reads from a snapshot)
    return db.session.execute(db.select(Suggestion.target_id).where(
        Suggestion.source_id == org_id, Suggestion.kind == "tech-transfer", Suggestion.rank == 1)).scalar()


def no_fitting(monkeypatch):
    def refuse(self, docs):
        raise AssertionError("a request fitted the engine")

    monkeypatch.setattr(Matcher, "fit", refuse)


def test_an_edit_through_one_app_shows_in_the_others_suggestions(two_apps, monkeypatch):
    a, b = two_apps
    with a.app_context():
        ids = world()
        rebuild_all()
        user_id = make_user(organisation=db.session.get(Organisation, ids["company"])).id
        assert first_target(ids["company"]) == ids["lab"]
    client_a, client_b = a.test_client(), b.test_client()
    with b.app_context():
        no_fitting(monkeypatch)  # b loads the stored engine: its first page never fits
        login(client_b, db.session.get(User, user_id))
        html = client_b.get("/matches/").get_data(as_text=True)
        assert "Liver Lab" in html and "organoid" in html and "zebrafish" not in html
        monkeypatch.undo()

    with a.app_context():  # the company now seeks what Heart Lab offers, edited through app a
        login(client_a, db.session.get(User, user_id))
        form = dict(FULL_FORM, name="Acme Organoids", kind="sme", language="en", offer="", keywords="",
                    seek="cardiac tissue engineering with zebrafish models", sectors=[], therapeutic_areas=[],
                    collaboration_types=[], trl="", funding_stage="", funding_amount_sought="")
        assert post_form(client_a, f"/profiles/{ids['company']}/edit", form).status_code == 302
        assert first_target(ids["company"]) == ids["heart"]
        assert db.session.execute(db.select(db.func.count(EngineChange.id))).scalar() == 1  # the version stamp

    with b.app_context():  # app b's engine copy learns the edit: its reasons name the new terms
        no_fitting(monkeypatch)
        html = client_b.get("/matches/").get_data(as_text=True)
        assert "Heart Lab" in html and html.index("Heart Lab") < html.find("Liver Lab") % len(html)
        assert "tissue engineering" in html and "cardiac" in html.lower()  # the edited seek's words as reasons
        source = doc_id(ids["company"], None)
        assert "zebrafish" in engine.current().docs_[source].seek


def test_a_rebuild_through_one_app_is_loaded_by_the_other(two_apps, monkeypatch):
    a, b = two_apps
    with a.app_context():
        world()
        rebuild_all()
    with b.app_context():
        before = engine.current()
        version = b.extensions["matchmaker.engine"].snapshot_id
    with a.app_context():
        new_lab = doc_id(make_org(name="New Lab", kind="university", offer="Organoid biobank").id, None)
        rebuild_all()
        newest = db.session.execute(db.select(db.func.max(EngineSnapshot.id))).scalar()
        assert db.session.execute(db.select(db.func.count(EngineSnapshot.id))).scalar() == 1  # old ones pruned
    with b.app_context():
        no_fitting(monkeypatch)
        after = engine.current()
        assert after is not before and b.extensions["matchmaker.engine"].snapshot_id == newest != version
        assert new_lab in after.docs_ and new_lab not in before.docs_


def test_without_a_stored_engine_a_page_queues_a_rebuild_instead_of_fitting(app, client, monkeypatch):
    company = make_org(name="Acme Organoids", kind="sme", seek="liver organoid models")
    make_org(name="Liver Lab", kind="university", offer="Liver organoid models")
    login(client, make_user(organisation=company))
    queued = []
    monkeypatch.setattr("matchmaker.jobs.enqueue", lambda kind, *a, **k: queued.append(kind))
    no_fitting(monkeypatch)
    response = client.get("/matches/")
    assert response.status_code == 200 and queued == ["rebuild"]


def test_a_starting_server_loads_the_stored_engine_before_any_page(two_apps, monkeypatch, tmp_path):
    import threading

    a, _ = two_apps
    with a.app_context():
        world()
        rebuild_all()
        stored = db.session.execute(db.select(db.func.max(EngineSnapshot.id))).scalar()
        url = a.config["SQLALCHEMY_DATABASE_URI"]
    no_fitting(monkeypatch)
    settings = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    server = create_app({**settings, "SQLALCHEMY_DATABASE_URI": url, "ENGINE_PRELOAD": True})
    for thread in threading.enumerate():
        if thread.name == "engine-preload":
            thread.join(timeout=60)
    copy = server.extensions["matchmaker.engine"]
    assert copy.snapshot_id == stored and copy.engine is not None
    assert copy.engine.index_._phrases is not None  # the reasons' written forms too: no first page computes them
    with server.app_context():
        db.engine.dispose()


def test_a_snapshot_of_other_engine_code_is_refitted_never_unpickled(app, client, monkeypatch):
    ids = world()
    rebuild_all()
    stored = db.session.execute(db.select(EngineSnapshot)).scalar_one()
    stored.code = "0" * 32  # as other engine code wrote it
    db.session.commit()
    app.extensions.pop("matchmaker.engine", None)
    assert not engine.ready()
    monkeypatch.setattr("pickle.loads", lambda *a, **k: pytest.fail("a stale snapshot was unpickled"))
    queued = []
    monkeypatch.setattr("matchmaker.jobs.enqueue", lambda kind, *a, **k: queued.append(kind))
    login(client, make_user(organisation=db.session.get(Organisation, ids["company"])))
    assert client.get("/matches/").status_code == 200 and queued == ["rebuild"]  # a page queues, never fits
    monkeypatch.undo()
    refitted = engine.current()  # a command or job refits
    db.session.commit()
    assert engine.ready() and doc_id(ids["lab"], None) in refitted.docs_
    assert db.session.execute(db.select(db.func.count(EngineSnapshot.id))).scalar() == 1


def test_a_fit_rolled_back_by_a_failed_job_is_not_kept_as_the_stored_one(app):
    """A job that fits and then fails rolls its snapshot back: the process's copy must not keep that snapshot's id
    (the next snapshot may reuse it while holding another fit); the next use loads what is stored."""
    world()
    engine.fit_and_store()
    stored = app.extensions["matchmaker.engine"].snapshot_id
    engine.current(refresh=True)  # a rebuild job's fit, then the job fails before committing
    copy = app.extensions["matchmaker.engine"]
    assert copy.snapshot_id != stored
    db.session.rollback()
    assert copy.snapshot_id is None and copy.engine is None
    engine.current()
    assert copy.snapshot_id == stored and copy.engine is not None  # reloaded from the database
    engine.current(refresh=True)  # a savepoint released after the fit commits nothing yet
    with db.session.begin_nested():
        pass
    db.session.rollback()
    assert copy.snapshot_id is None
    engine.current(refresh=True)  # a session closed without a commit (a job ended by an exception) drops it too
    db.session.close()
    assert copy.snapshot_id is None
    engine.fit_and_store()  # a committed fit stays
    committed = copy.snapshot_id
    db.session.rollback()
    assert copy.snapshot_id == committed != stored
