"""A partner the organisation saved or declined stays in its list under that answer after the list moved on (a
rebuild or a profile edit ranks it below the top N): stored after the list, scored as the engine sees the pair now,
shown under its answer, never queued."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Organisation, Suggestion
from matchmaker.services import review
from matchmaker.services.review_list import ReviewFilters, queue_item, review_page
from matchmaker.services.suggestions import rebuild_all, refresh_organisation
from tests.helpers import login, make_org, make_user
from tests.integration.test_suggestions import targets, world


def _ids(company, **filters) -> list[int]:
    return [i.target.id for i in review_page(company, "tech-transfer", ReviewFilters(**filters)).items]


def _answered_world():
    company, lab, other = world()
    for name, offer in (("Tox Centre", "Drug toxicology assays on liver models"),
                        ("Organoid Core", "Organoid models for research")):
        make_org(name=name, kind="public_research_centre", offer=offer)
    user = make_user(organisation=company)
    rebuild_all(top=4)
    first, second, third = targets(company)[:3]
    review.give_feedback(company, db.session.get(Organisation, second), "tech-transfer", "save", user)
    review.give_feedback(company, db.session.get(Organisation, third), "tech-transfer", "decline", user,
                         "not_relevant")
    return company, user, first, second, third


def test_saved_and_declined_partners_stay_after_a_rebuild_moves_them_out_of_the_top(app):
    company, user, first, second, third = _answered_world()
    rebuild_all(top=1)  # only the best one is in the top now
    assert targets(company) == [first, second, third]
    ranks = dict(db.session.execute(db.select(Suggestion.target_id, Suggestion.rank).where(
        Suggestion.source_id == company.id)).all())
    assert ranks[first] == 1 and sorted((ranks[second], ranks[third])) == [2, 3]  # after the list
    assert _ids(company, state="saved") == [second] and _ids(company, state="declined") == [third]
    assert _ids(company) == [first, second]  # everything but the declined one
    (item,) = review_page(company, "tech-transfer", ReviewFilters(state="saved")).items
    assert item.state == "saved" and item.score > 0 and item.reasons.items
    queued, left = queue_item(company, "tech-transfer")
    assert queued.target.id == first and left == 1  # the answered ones are not queued again
    review.give_feedback(company, db.session.get(Organisation, third), "tech-transfer", "undo", user)
    rebuild_all(top=1)
    assert targets(company) == [first, second]  # an answer taken back is no longer kept


def test_an_edit_of_the_profile_keeps_its_answers_listed(app, client):
    company, user, first, second, third = _answered_world()
    before = len(targets(company))
    company.offer = "Cardiac tissue engineering and heart valves"  # now about something else entirely
    db.session.commit()
    refresh_organisation(db.session.get(Organisation, company.id), top=1)
    assert {second, third} <= set(targets(company)) and len(targets(company)) <= max(before, 3)
    login(client, user)
    saved = client.get("/matches/?state=saved").get_data(as_text=True)
    assert db.session.get(Organisation, second).name in saved


def test_interest_given_on_a_profile_page_is_kept_too(app):
    company, user, first, second, third = _answered_world()
    fourth = targets(company)[3]
    review.express_interest(company, db.session.get(Organisation, fourth), "interested", user)  # on its profile
    rebuild_all(top=1)
    assert fourth in targets(company)
    assert fourth in _ids(company, state="interested")
