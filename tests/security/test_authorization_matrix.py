"""Every route of the URL map × every role gets the outcome tests/security/route_rules.py gives it."""
from __future__ import annotations

from matchmaker.extensions import db
from tests.helpers import csrf_token
from tests.security.route_rules import LOGIN, ROLES, RULES
from tests.security.world import build_world, client_as

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def routes(app) -> set[tuple[str, str]]:
    return {(method, rule.rule) for rule in app.url_map.iter_rules() for method in rule.methods - IGNORED_METHODS}


def test_every_route_has_an_entry_and_every_entry_a_route(app):
    missing = sorted(routes(app) - set(RULES))
    stale = sorted(set(RULES) - routes(app))
    assert not missing, f"routes without an entry in tests/security/route_rules.py: {missing}"
    assert not stale, f"entries in tests/security/route_rules.py for routes that do not exist: {stale}"
    assert all(set(outcomes) == set(ROLES) for outcomes in RULES.values())


def outcome(response) -> int | str:
    if response.status_code == 302 and "/auth/login" in response.headers.get("Location", ""):
        return LOGIN
    return response.status_code


def test_every_route_and_role_gets_its_outcome(app):
    world = build_world()
    adapter = app.url_map.bind("localhost")
    rules = {rule.rule: rule for rule in app.url_map.iter_rules()}
    wrong = []
    for role in ROLES:
        # Joining the event changes what the same user may do afterwards: that route comes last for each role.
        # (and leaving it, which comes just before registering again)
        for (method, path), expected in sorted(RULES.items(), key=lambda item: (
                item[0][1].endswith(("/register", "/leave")), item[0])):
            rule = rules[path]
            url = adapter.build(rule.endpoint, {k: v for k, v in world.params().items() if k in rule.arguments})
            client = client_as(app, role, world)  # a fresh session: a logout or a role change affects no other
            if method == "POST":
                token = csrf_token(client, "/auth/forgot")
                response = client.post(url, data={"csrf_token": token})
            else:
                response = client.open(url, method=method)
            got = outcome(response)
            if got != expected[role]:
                wrong.append(f"{role} {method} {path}: expected {expected[role]}, got {got}")
            db.session.rollback()
    assert not wrong, "\n".join(wrong)
