"""The review API: suggestions, feedback, interest, organisations and connections, with the pages' rules."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Connection, Feedback, Interest, Notification, Suggestion
from matchmaker.services.suggestions import rebuild_all
from matchmaker.services.tokens import create_token
from tests.helpers import make_org, make_user
from tests.integration.test_suggestions import world

LAB_EMAIL, ACME_EMAIL = "pi@liverlab.example", "bd@acme.example"


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {create_token(user, 'test')[1]}"}


def setup():
    company, lab, other = world()
    lab.contact_email, lab.contact_name, lab.contact_phone = LAB_EMAIL, "Dr Rossi", "+39 02 1"
    company.contact_email = ACME_EMAIL
    db.session.commit()
    rebuild_all()
    return company, lab, other, make_user(organisation=company), make_user(organisation=lab)


def count(model) -> int:
    return db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()


def test_suggestions_feedback_idempotent_and_declined_only_on_request(client):
    company, lab, _, alice, _ = setup()
    h = bearer(alice)
    body = client.get("/api/v1/suggestions?kind=tech-transfer", headers=h).json
    assert body["page"] == 1 and body["total"] == len(body["items"]) > 0
    first = body["items"][0]
    assert first["target"]["name"] == "Liver Lab" and first["state"] == "new" and first["reasons"]
    assert first["target"]["contact"] is None
    for _ in range(2):
        response = client.post(f"/api/v1/suggestions/{first['id']}/feedback", headers=h,
                               json={"action": "decline", "reason": "not_relevant", "note": "wrong organ"})
        assert response.status_code == 200 and response.json["state"] == "declined"
    assert count(Feedback) == 1
    ids = [i["id"] for i in client.get("/api/v1/suggestions", headers=h).json["items"]]
    assert first["id"] not in ids
    declined = client.get("/api/v1/suggestions?state=declined", headers=h).json["items"]
    assert [i["id"] for i in declined] == [first["id"]]
    response = client.post(f"/api/v1/suggestions/{first['id']}/feedback", headers=h, json={"action": "decline"})
    assert response.status_code == 422 and "reason" in response.json["error"]
    response = client.post(f"/api/v1/suggestions/{first['id']}/feedback", headers=h, json={"action": "maybe"})
    assert response.status_code == 422 and "error" in response.json
    assert client.get("/api/v1/suggestions?kind=bogus", headers=h).status_code == 422
    assert client.get("/api/v1/suggestions").status_code == 401


def test_another_organisations_suggestion_is_404(client):
    company, lab, other, alice, _ = setup()
    outsider = make_user(organisation=other)
    s = db.session.execute(db.select(Suggestion).where(Suggestion.source_id == company.id)).scalars().first()
    for suggestion_id in (s.id, 10 ** 9):
        response = client.post(f"/api/v1/suggestions/{suggestion_id}/feedback", headers=bearer(outsider),
                               json={"action": "interested"})
        assert response.status_code == 404 and response.json == {"error": "no such suggestion"}
    assert count(Feedback) == 0


def test_double_opt_in_through_the_api_reveals_contacts_and_notifies(client):
    company, lab, other, alice, bob = setup()
    ha, hb, hx = bearer(alice), bearer(bob), bearer(make_user(organisation=other))

    def raw(headers, url):
        return client.get(url, headers=headers).get_data(as_text=True)

    urls = [f"/api/v1/organisations/{lab.id}", "/api/v1/suggestions", "/api/v1/connections",
            "/api/v1/suggestions?state=interested"]
    assert not any(LAB_EMAIL in raw(ha, u) for u in urls)
    r = client.post(f"/api/v1/organisations/{lab.id}/interest", headers=ha, json={"action": "interested"})
    assert r.status_code == 200 and r.json == {"connected": False}
    client.post(f"/api/v1/organisations/{lab.id}/interest", headers=ha, json={"action": "interested"})
    assert count(Interest) == 1
    assert not any(LAB_EMAIL in raw(ha, u) for u in urls)
    r = client.post(f"/api/v1/organisations/{company.id}/interest", headers=hb, json={"action": "interested"})
    assert r.json == {"connected": True} and count(Connection) == 1
    assert client.get(f"/api/v1/organisations/{lab.id}", headers=ha).json["contact"] == {
        "name": "Dr Rossi", "email": LAB_EMAIL, "phone": "+39 02 1"}
    assert [o["id"] for o in client.get("/api/v1/connections", headers=ha).json["items"]] == [lab.id]
    assert ACME_EMAIL in raw(hb, "/api/v1/connections")
    assert not any(LAB_EMAIL in raw(hx, u) for u in urls)  # a third organisation sees nothing
    codes = {(n.user_id, n.code) for n in db.session.execute(db.select(Notification)).scalars()}
    assert {(bob.id, "interest_received"), (alice.id, "connected"), (bob.id, "connected")} <= codes
    assert (alice.id, "interest_received") not in codes  # the answer that connects says "connected" only
    r = client.post(f"/api/v1/organisations/{company.id}/interest", headers=hb, json={"action": "withdraw"})
    assert r.json == {"connected": False}
    assert not any(LAB_EMAIL in raw(ha, u) for u in urls)
    assert (alice.id, "connection_withdrawn") in {(n.user_id, n.code) for n in
                                                  db.session.execute(db.select(Notification)).scalars()}
    assert client.post(f"/api/v1/organisations/{company.id}/interest", headers=ha,
                       json={"action": "interested"}).status_code == 409
    assert client.post("/api/v1/organisations/999999/interest", headers=ha,
                       json={"action": "interested"}).status_code == 404


def test_organisers_see_contacts_and_accounts_without_organisation_get_403(client):
    _, lab, *_ = setup()
    organiser = bearer(make_user(role="organiser"))
    assert client.get(f"/api/v1/organisations/{lab.id}", headers=organiser).json["contact"]["email"] == LAB_EMAIL
    assert client.get("/api/v1/suggestions", headers=organiser).status_code == 403
    assert client.get("/api/v1/connections", headers=organiser).status_code == 403
    public = make_org(name="Open Lab", contact_email="open@lab.example", contact_public=True)
    member = bearer(make_user(organisation=lab))
    assert client.get(f"/api/v1/organisations/{public.id}", headers=member).json["contact"]["email"] == \
        "open@lab.example"


def test_the_openapi_document_describes_the_review_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in ("/api/v1/suggestions", "/api/v1/suggestions/{suggestion_id}/feedback",
                 "/api/v1/organisations/{org_id}", "/api/v1/organisations/{org_id}/interest",
                 "/api/v1/connections"):
        assert path in paths, sorted(paths)
    feedback = paths["/api/v1/suggestions/{suggestion_id}/feedback"]["post"]
    assert "requestBody" in feedback and {"200", "404", "422"} <= set(feedback["responses"])


def test_the_api_score_is_the_cards_match_score_after_feedback_too(client):
    """One number, one meaning: the API's `score` and the card's "match score" tooltip are the stored match score,
    whatever the organisation's answers do to the order (they change `rank`)."""
    import re

    from tests.helpers import login

    company, lab, _, alice, _ = setup()
    h = bearer(alice)
    first = client.get("/api/v1/suggestions?kind=tech-transfer", headers=h).json["items"][0]
    client.post(f"/api/v1/suggestions/{first['id']}/feedback", headers=h, json={"action": "interested"})
    stored = {s.id: s.score for s in db.session.execute(
        db.select(Suggestion).where(Suggestion.source_id == company.id)).scalars()}
    items = client.get("/api/v1/suggestions?kind=tech-transfer&state=interested", headers=h).json["items"]
    items += client.get("/api/v1/suggestions?kind=tech-transfer", headers=h).json["items"]
    assert items and all(item["score"] == round(stored[item["id"]], 6) for item in items)
    login(client, alice)
    html = client.get("/matches/?state=interested").get_data(as_text=True)
    shown = re.search(r'title="match score ([0-9.,−-]+)"', html).group(1)
    assert abs(float(shown.replace(",", ".").replace("−", "-")) - stored[first["id"]]) < 0.01
    schema = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    described = [s["properties"]["score"].get("description", "") for s in schema.values()
                 if "score" in s.get("properties", {})]
    assert described and all("match score" in d and "tooltip" in d for d in described)
