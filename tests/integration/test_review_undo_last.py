"""An answer whose card leaves the page (the queue's next card, a declined partner in the list) can be taken back
from beside its confirmation: the queue's hint promises Undo only when that button is there, and the card comes
back where the reader is."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Feedback
from matchmaker.services import review
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import csrf_token, login, make_user
from tests.integration.test_review_return_place import answer, card_html, listed
from tests.integration.test_strength_order import world

QUEUE = "/matches/review?kind=tech-transfer"


def _undo_form(html: str) -> dict[str, str]:
    """The hidden fields and target of the Undo form beside the confirmation (none: {})."""
    notice = html[html.index("flash-success"):]
    if 'class="undo-last"' not in notice[:3000]:
        return {}
    form = notice[notice.index('class="undo-last"'):]
    form = form[:form.index("</form>")]
    fields = dict(pair.split('" value="') for pair in form.replace('name="', "\x00").split("\x00")[1:]
                  if '" value="' in pair.split(">")[0])
    fields = {k: v.split('"')[0].replace("&amp;", "&") for k, v in fields.items()}
    return dict(fields, url=form.split('action="')[1].split('"')[0], key=form.split('data-key="')[1].split('"')[0]
                if "data-key" in form else "")


def _follow(client, response) -> str:
    assert response.status_code == 302
    return client.get(response.location.split("#", 1)[0]).get_data(as_text=True)


def test_the_queue_offers_undo_after_an_answer_and_shows_the_card_again(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first = listed(company)[0]
    fresh = client.get(QUEUE).get_data(as_text=True)
    assert f'data-suggestion="{first.id}"' in fresh
    assert "<kbd>U</kbd>" not in fresh and 'data-key="u"' not in fresh  # nothing to undo yet: not promised
    html = _follow(client, client.post(f"/matches/suggestions/{first.id}/feedback", data={
        "csrf_token": csrf_token(client, QUEUE), "next": QUEUE, "action": "decline", "reason": "too_early"}))
    assert f'data-suggestion="{first.id}"' not in html  # the next card
    form = _undo_form(html)
    assert form["url"] == f"/matches/suggestions/{first.id}/feedback" and form["action"] == "undo"
    assert form["key"] == "u" and "<kbd>U</kbd> undo" in html  # the hint names the key of a button that is there
    url = form.pop("url")
    form.pop("key")
    html = _follow(client, client.post(url, data=form))
    assert f'data-suggestion="{first.id}"' in html  # back in front of the reader
    assert "undone" in html and not _undo_form(html)  # an undo is not offered to be undone
    assert db.session.execute(db.select(Feedback).filter_by(organisation_id=company.id)).first() is None


def test_the_list_offers_undo_beside_a_declined_partner_s_confirmation(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first, second, third = listed(company)[:3]
    page = "/matches/?kind=tech-transfer"
    html = _follow(client, answer(client, second, action="decline", reason="too_early"))
    assert f'id="suggestion-{second.id}"' not in html
    form = _undo_form(card_html(html, third))  # beside the confirmation, in the card the reader lands on
    assert form["next"] == page and form["url"] == f"/matches/suggestions/{second.id}/feedback"
    html = _follow(client, answer(client, first, action="save"))  # the card stays: its own Undo, none beside
    assert not _undo_form(card_html(html, first)) and 'value="undo"' in card_html(html, first)
    url = form.pop("url")
    form.pop("key")
    response = client.post(url, data=form)
    assert response.location.endswith(f"#suggestion-{second.id}")
    assert f'id="suggestion-{second.id}"' in _follow(client, response)


def test_no_undo_beside_an_answer_that_connected_the_pair(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first = listed(company)[0]
    target = db.session.get(type(company), first.target_id)
    review.express_interest(target, company, "interested", None)  # they are interested already
    html = _follow(client, client.post(f"/matches/suggestions/{first.id}/feedback", data={
        "csrf_token": csrf_token(client, QUEUE), "next": QUEUE, "action": "interested"}))
    assert "now connected" in html and not _undo_form(html)  # ending a connection is asked first, on its card


def test_an_answer_given_elsewhere_is_not_offered_later_on_the_list(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first = listed(company)[0]
    profile = f"/profiles/{first.target_id}"
    client.post(f"/matches/suggestions/{first.id}/feedback", data={
        "csrf_token": csrf_token(client, QUEUE), "next": profile, "action": "decline", "reason": "too_early"})
    client.get(profile)
    assert 'class="undo-last"' not in client.get("/matches/?kind=tech-transfer").get_data(as_text=True)


def test_the_queue_says_when_it_starts_again(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    left = len(listed(company))
    assert 'id="queue-wrapped"' not in client.get(f"{QUEUE}&skip={left - 1}").get_data(as_text=True)
    html = client.get(f"{QUEUE}&skip={left}").get_data(as_text=True)
    assert 'id="queue-wrapped"' in html and f'data-suggestion="{listed(company)[0].id}"' in html
