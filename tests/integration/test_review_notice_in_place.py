"""The confirmation of an answer is shown where the reader lands (the card returned to, the notice above the list or
above the queue's next card), not at the top of a page scrolled away from it; the same for every answer."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import csrf_token, login, make_user
from tests.integration.test_review_return_place import answer, card_html, listed
from tests.integration.test_strength_order import world

PAGE = "/matches/?kind=tech-transfer"


def landed(client, response) -> tuple[str, str]:
    """The page an answer returns to and the part of it the redirect's anchor points at."""
    assert response.status_code == 302
    anchor = response.location.split("#", 1)[1]
    html = client.get(response.location.split("#", 1)[0]).get_data(as_text=True)
    return html, anchor


def flashes_before_content(html: str) -> str:
    main = html[html.index("<main"):]
    return main[:main.index("<h1")]


def test_each_answer_is_confirmed_inside_the_card_the_reader_returns_to(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first, second, third = listed(company)[:3]
    name = {s.id: db.session.get(Organisation, s.target_id).name for s in (first, second, third)}
    for suggestion, data, said, back_to in (
            (second, {"action": "save"}, "saved for later", second),
            (first, {"action": "interested"}, "You said you are interested", first),
            (second, {"action": "decline", "reason": "too_early"}, "declined; it will not come back", third)):
        html, anchor = landed(client, answer(client, suggestion, **data))
        assert anchor == f"suggestion-{back_to.id}"
        card = card_html(html, back_to)
        assert 'class="flash flash-success" role="status"' in card and said in card and name[suggestion.id] in card
        assert "flash" not in flashes_before_content(html)  # not (also) at the top, where nobody looks
        assert "flash-success" not in client.get(PAGE).get_data(as_text=True)  # shown once


def test_the_queue_confirms_above_the_next_card(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first = listed(company)[0]
    page = "/matches/review?kind=tech-transfer"
    html = client.get(page).get_data(as_text=True)
    assert f'data-suggestion="{first.id}"' in html
    response = client.post(f"/matches/suggestions/{first.id}/feedback",
                           data={"csrf_token": csrf_token(client, page), "next": page, "action": "save"})
    html, anchor = landed(client, response)
    assert anchor == "review-notice"
    notice = html[html.index('id="review-notice"'):html.index('id="queue-item"')]
    assert "saved for later" in notice and "flash" not in flashes_before_content(html)


def test_an_error_still_shows_at_the_top(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first = listed(company)[0]
    answer(client, first, action="interested")
    response = answer(client, first, action="save")  # refused once interested
    html = client.get(response.location.split("#", 1)[0]).get_data(as_text=True)
    assert "flash-error" in flashes_before_content(html)
