"""Reviewing suggestions (services): idempotent answers, double opt-in, withdrawal, the contact rule, rebuilds."""
from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import Connection, Feedback, FeedbackEvent, Interest, Organisation, Suggestion
from matchmaker.services import review
from matchmaker.services.cordis import import_cordis
from matchmaker.services.review_list import ReviewFilters, review_page
from matchmaker.services.suggestions import rebuild_all
from tests.conftest import SMALL_CORDIS
from tests.helpers import make_org, make_user
from tests.integration.test_suggestions import world


def count(model) -> int:
    return db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()


def test_the_same_answer_twice_leaves_one_row_and_one_history_entry(app):
    company, lab, _ = world()
    user = make_user(organisation=company)
    for _ in range(2):
        review.give_feedback(company, lab, "tech-transfer", "decline", user, "too_early", "come back at TRL 5")
    assert count(Feedback) == 1 and count(FeedbackEvent) == 1
    review.give_feedback(company, lab, "tech-transfer", "save", user)
    (row,) = db.session.execute(db.select(Feedback)).scalars()
    assert row.state == "saved" and row.reason is None and count(FeedbackEvent) == 2
    review.give_feedback(company, lab, "tech-transfer", "undo", user)
    assert count(Feedback) == 0 and count(FeedbackEvent) == 3


def test_the_database_refuses_duplicates_without_python(app):
    company, lab, _ = world()
    for model, values in ((Feedback, {"organisation_id": company.id, "target_id": lab.id, "kind": "tech-transfer",
                                      "state": "saved", "note": ""}),
                          (Interest, {"organisation_id": company.id, "target_id": lab.id}),
                          (Connection, {"low_id": min(company.id, lab.id), "high_id": max(company.id, lab.id)})):
        db.session.add(model(**values))
        db.session.commit()
        db.session.add(model(**values))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
    db.session.add(Connection(low_id=max(company.id, lab.id), high_id=min(company.id, lab.id)))
    with pytest.raises(IntegrityError):  # the pair is stored once, lower id first
        db.session.commit()
    db.session.rollback()


def test_bad_reasons_and_answers_about_oneself_are_refused(app):
    company, lab, _ = world()
    with pytest.raises(review.ReviewError):
        review.give_feedback(company, lab, "tech-transfer", "decline", None, "boring")
    with pytest.raises(review.ReviewError):
        review.give_feedback(company, lab, "tech-transfer", "decline", None, "other", "")
    with pytest.raises(review.ReviewError):
        review.give_feedback(company, company, "tech-transfer", "interested", None)
    assert count(Feedback) == 0


def test_double_opt_in_connects_and_withdrawal_hides_contacts(app):
    company, lab, _ = world()
    lab.contact_email, company.contact_email = "pi@liverlab.example", "bd@acme.example"
    db.session.commit()
    alice, bob = make_user(organisation=company), make_user(organisation=lab)
    outsider = make_user(organisation=make_org(name="Outsider"))
    organiser = make_user(role="organiser")
    assert not review.may_see_contact(alice, lab) and review.may_see_contact(bob, lab)
    assert review.may_see_contact(organiser, lab)
    outcome = review.give_feedback(company, lab, "tech-transfer", "interested", alice)
    assert not outcome.connected and not review.may_see_contact(alice, lab)
    assert review.express_interest(lab, company, "interested", bob) is True
    assert review.express_interest(lab, company, "interested", bob) is True  # idempotent
    assert count(Connection) == 1 and count(Interest) == 2
    assert review.may_see_contact(alice, lab) and review.may_see_contact(bob, company)
    assert not review.may_see_contact(outsider, lab)
    assert [o.id for _, o in review.connections_of(company.id)] == [lab.id]
    review.express_interest(lab, company, "withdraw", bob)
    assert not review.may_see_contact(alice, lab) and review.connections_of(company.id) == []
    review.express_interest(lab, company, "interested", bob)  # connected again: the same row, live again
    assert count(Connection) == 1 and review.may_see_contact(alice, lab)
    review.give_feedback(company, lab, "tech-transfer", "decline", alice, "no_capacity")  # a decline withdraws
    assert not review.is_connected(company.id, lab.id)


def test_public_contacts_are_visible_to_every_member(app):
    company, lab, _ = world()
    lab.contact_public = True
    db.session.commit()
    assert review.may_see_contact(make_user(organisation=company), lab)


def test_declines_survive_a_rebuild_and_a_reimport_of_the_same_cordis_data(app):
    import_cordis(SMALL_CORDIS)
    rebuild_all()
    suggestion = db.session.execute(db.select(Suggestion).where(Suggestion.kind == "tech-transfer")
                                    .order_by(Suggestion.source_id, Suggestion.rank)).scalars().first()
    source = db.session.get(Organisation, suggestion.source_id)
    target = db.session.get(Organisation, suggestion.target_id)
    review.give_feedback(source, target, "tech-transfer", "decline", None, "not_relevant")
    visible = lambda: [i.target.id for i in review_page(source, "tech-transfer", ReviewFilters()).items]  # noqa: E731
    assert target.id not in visible()
    import_cordis(SMALL_CORDIS)
    rebuild_all()
    assert db.session.execute(db.select(Suggestion.id).where(
        Suggestion.source_id == source.id, Suggestion.target_id == target.id)).first() is not None  # it is back...
    assert target.id not in visible()  # ...but stays hidden
    declined = review_page(source, "tech-transfer", ReviewFilters(state="declined")).items
    assert [i.target.id for i in declined] == [target.id] and declined[0].state == "declined"
    review.give_feedback(source, target, "tech-transfer", "undo", None)
    assert target.id in visible()
