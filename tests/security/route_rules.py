"""The authorization matrix: who may use each route, as one table.

Every (method, rule) of the app's URL map must have an entry here, or tests/security/test_authorization_matrix.py
fails and names it; an entry for a route that no longer exists fails too. Each entry gives the status each role
gets for a request built from tests/security/world.py: the resource in the URL belongs to organisation A (its
profile, its member, a job started by the organiser), and a POST carries a valid CSRF token but no other field.

Roles: anonymous, member_a (member of A), member_b (member of another organisation B), organiser, admin.
Outcomes: a status code, or LOGIN (302 to the login page). API routes (/api/...) are called with each role's
bearer token (anonymous: none); the pages with each role's session.
To add a route, pick the helper that says its rule, e.g. `("GET", "/events/<int:event_id>"): members(200)`.
"""
from __future__ import annotations

LOGIN = "login"
ROLES = ("anonymous", "member_a", "member_b", "organiser", "admin")


def everyone(status=200, anonymous=None) -> dict:
    """Anyone, logged in or not, gets `status` (anonymous gets `anonymous` if given)."""
    return {role: status for role in ROLES} | ({"anonymous": anonymous} if anonymous is not None else {})


def members(status=200) -> dict:
    """Any logged-in user; anonymous visitors are sent to log in."""
    return everyone(status, anonymous=LOGIN)


def own_organisation(status=200, others=403) -> dict:
    """Members of the organisation in the URL (A) and admins; other members and organisers get `others`."""
    return {"anonymous": LOGIN, "member_a": status, "member_b": others, "organiser": others, "admin": status}


def own_user(status=200, others=404) -> dict:
    """Only the user the resource in the URL belongs to (member A); everyone else gets `others`."""
    return {"anonymous": LOGIN, "member_a": status, "member_b": others, "organiser": others, "admin": others}


def organisers(status=200, members_get=403) -> dict:
    """Organisers and admins; members get 403."""
    return {"anonymous": LOGIN, "member_a": members_get, "member_b": members_get, "organiser": status,
            "admin": status}


def admins(status=200) -> dict:
    """Admins only; everyone else logged in gets 403."""
    return {"anonymous": LOGIN, "member_a": 403, "member_b": 403, "organiser": 403, "admin": status}


def event_organisers(status=200) -> dict:
    """The event's own organisers and admins; its participants (member A) 403; everyone else 404."""
    return {"anonymous": LOGIN, "member_a": 403, "member_b": 404, "organiser": status, "admin": status}


def event_organisers_404(status=200) -> dict:
    """The event's own organisers and admins; everyone else, its participants included, 404 (a badge's QR code)."""
    return {"anonymous": LOGIN, "member_a": 404, "member_b": 404, "organiser": status, "admin": status}


def event_participants(status=200) -> dict:
    """The event's participants only (member A); everyone else, its organisers included, 404."""
    return {"anonymous": LOGIN, "member_a": status, "member_b": 404, "organiser": 404, "admin": 404}


def api_event(participant=200, organiser=200, admin=None) -> dict:
    """API calls on the event: its participants and organisers; everyone else 404."""
    return {"anonymous": 401, "member_a": participant, "member_b": 404, "organiser": organiser,
            "admin": organiser if admin is None else admin}


def conversation_members(status=200, others=404) -> dict:
    """The two organisations of the conversation in the URL (A and its partner, which no other role belongs to):
    everyone else, admins and organisers included, gets `others` (a private conversation)."""
    return {"anonymous": LOGIN, "member_a": status, "member_b": others, "organiser": others, "admin": others}


def api_own_organisation(status=200) -> dict:
    """API calls about the caller's own organisation: members get `status`, users without one 403."""
    return {"anonymous": 401, "member_a": status, "member_b": status, "organiser": 403, "admin": 403}


RULES: dict[tuple[str, str], dict] = {
    # main, static, language
    ("GET", "/"): everyone(),
    ("GET", "/static/<path:filename>"): everyone(),
    ("GET", "/account"): everyone(),  # language preference; works logged out
    ("POST", "/account"): everyone(302),
    ("POST", "/language"): everyone(302),
    # auth: open forms; a bad token sends to the login page with a message
    ("GET", "/auth/login"): everyone(),
    ("GET", "/login"): everyone(LOGIN),  # short addresses: redirects to the /auth pages
    ("GET", "/register"): everyone(302),
    ("GET", "/signup"): everyone(302),
    ("POST", "/auth/login"): everyone(),
    ("POST", "/auth/logout"): members(302),
    ("GET", "/auth/register"): everyone(),
    ("POST", "/auth/register"): everyone(),
    ("GET", "/auth/confirm/<token>"): everyone(LOGIN),
    ("POST", "/auth/resend-confirmation"): everyone(),  # the same answer for every address (no enumeration)
    ("GET", "/auth/forgot"): everyone(),
    ("POST", "/auth/forgot"): everyone(),
    ("GET", "/auth/reset/<token>"): everyone(),
    ("POST", "/auth/reset/<token>"): everyone(),
    ("GET", "/auth/invitation/<token>"): everyone(LOGIN),
    ("POST", "/auth/invitation/<token>"): everyone(LOGIN),
    ("GET", "/auth/password"): members(),
    ("POST", "/auth/password"): members(),
    # profiles: every member reads every profile; only its members (and admins) edit it
    ("GET", "/profiles/"): members(),
    ("GET", "/profiles/<int:org_id>"): members(),
    ("GET", "/profiles/mine"): members(302),
    ("GET", "/profiles/<int:org_id>/edit"): own_organisation(),
    ("POST", "/profiles/<int:org_id>/edit"): own_organisation(302),
    ("POST", "/profiles/<int:org_id>/tags/accept"): own_organisation(302),
    # suggestions: one's own organisation's (organiser and admin have none: sent to the directory)
    ("GET", "/matches/"): {"anonymous": LOGIN, "member_a": 200, "member_b": 200, "organiser": 302, "admin": 302},
    # reviewing suggestions (#17): one's own organisation's; organisers and admins without one are sent home
    ("GET", "/matches/review"): {"anonymous": LOGIN, "member_a": 200, "member_b": 200, "organiser": 302, "admin": 302},
    ("GET", "/matches/connections"): {"anonymous": LOGIN, "member_a": 200, "member_b": 200, "organiser": 302,
                                      "admin": 302},
    ("GET", "/matches/insight"): organisers(),
    # an answer on A's suggestion: only A's members (a POST without an action: back to the list with a message)
    ("POST", "/matches/suggestions/<int:suggestion_id>/feedback"): own_user(302, others=404),
    # interest in A: its own members are told they cannot; B's member may; no organisation, no interest
    ("POST", "/matches/interest/<int:org_id>"): {"anonymous": LOGIN, "member_a": 302, "member_b": 302,
                                                 "organiser": 403, "admin": 403},
    # messages between connected organisations: one's own organisation's conversations only (no organisation: sent
    # home); a partner's link works for a connected organisation only (A itself, or B, not connected with A: 404;
    # organisers and admins, without an organisation: 404 too, as README Messages says)
    ("GET", "/messages/"): {"anonymous": LOGIN, "member_a": 200, "member_b": 200, "organiser": 302, "admin": 302},
    ("GET", "/messages/with/<int:org_id>"): {"anonymous": LOGIN, "member_a": 404, "member_b": 404, "organiser": 404,
                                             "admin": 404},
    ("GET", "/messages/<int:conversation_id>"): conversation_members(200),
    ("POST", "/messages/<int:conversation_id>"): conversation_members(422),  # no text: the form again, 422
    # imports and jobs: organisers and admins
    ("GET", "/imports/"): organisers(),
    ("POST", "/imports/"): organisers(),
    ("GET", "/imports/template.csv"): organisers(),
    ("GET", "/imports/template.xlsx"): organisers(),
    ("GET", "/jobs/"): organisers(),
    ("GET", "/jobs/<int:job_id>.json"): organisers(),  # and whoever started the job
    ("POST", "/jobs/<int:job_id>/cancel"): organisers(302),
    # administration
    ("GET", "/admin/users"): admins(),
    ("POST", "/admin/users"): admins(),
    ("POST", "/admin/users/<int:user_id>/role"): admins(302),
    ("GET", "/admin/audit"): admins(),
    ("GET", "/admin/organisations.json"): admins(),  # the invitation form's organisation search
    # API tokens and notifications (the foundation): one's own; another user's token or notification is 404
    ("GET", "/account/tokens/"): members(),
    ("POST", "/account/tokens/"): members(),
    ("POST", "/account/tokens/<int:token_id>/revoke"): own_user(302, others=404),
    ("GET", "/notifications/"): members(),
    ("POST", "/notifications/<int:notification_id>/open"): own_user(302, others=404),
    ("POST", "/notifications/email"): members(302),
    ("POST", "/notifications/read"): members(302),
    # join requests: anyone logged in may look and ask (with an organisation already: refused, back to the page);
    # a request to join A is decided by A's members, organisers and admins; another organisation's member gets 404
    ("GET", "/membership/join"): members(),
    ("POST", "/membership/join/<int:org_id>"): members(302),
    ("GET", "/membership/requests"): members(),
    # A has members: they and admins decide; organisers only for an organisation without members
    ("POST", "/membership/requests/<int:join_id>/decide"): {
        "anonymous": LOGIN, "member_a": 302, "member_b": 404, "organiser": 404, "admin": 302},
    # the JSON API: a bearer token, never the session
    ("GET", "/api/v1/me"): everyone(200, anonymous=401),
    ("GET", "/api/v1/openapi.json"): everyone(),
    ("GET", "/developers/api"): everyone(),
    # suggestions, interest, connections: the caller's organisation (none: 403); another's suggestion: 404
    ("GET", "/api/v1/suggestions"): api_own_organisation(200),
    ("GET", "/api/v1/connections"): api_own_organisation(200),
    # (the matrix POSTs a form, not JSON: 415 once authenticated; tests/integration/test_review_api.py sends JSON)
    ("POST", "/api/v1/suggestions/<int:suggestion_id>/feedback"): everyone(415, anonymous=401),
    ("POST", "/api/v1/organisations/<int:org_id>/interest"): everyone(415, anonymous=401),
    ("GET", "/api/v1/organisations/<int:org_id>"): everyone(200, anonymous=401),
    # messages: the caller's organisation's conversations; another's conversation is 404 (admins included)
    ("GET", "/api/v1/conversations"): api_own_organisation(200),
    ("GET", "/api/v1/conversations/<int:conversation_id>/messages"): {
        "anonymous": 401, "member_a": 200, "member_b": 404, "organiser": 404, "admin": 404},
    ("POST", "/api/v1/conversations/<int:conversation_id>/messages"): everyone(415, anonymous=401),
    # events (#20): the world's event is organised by the organiser, member A takes part, member B does not
    ("GET", "/events/"): members(),
    ("GET", "/events/new"): organisers(),
    ("POST", "/events/new"): organisers(),  # an empty form: the form again with its errors
    ("GET", "/events/<int:event_id>/"): everyone(),  # not a draft: a public page for logged-out visitors (F22)
    ("POST", "/events/<int:event_id>/register"): {"anonymous": LOGIN, "member_a": 302, "member_b": 302,
                                                  "organiser": 403, "admin": 403},  # no organisation: 403
    ("GET", "/events/<int:event_id>/manage"): event_organisers(),
    ("POST", "/events/<int:event_id>/manage"): event_organisers(302),  # fields not sent keep their values
    ("POST", "/events/<int:event_id>/delete"): event_organisers(302),  # the world's event has people: refused, back
    ("GET", "/events/<int:event_id>/participants"): event_organisers(),
    ("POST", "/events/<int:event_id>/participants"): event_organisers(),
    # the world's job is not a participant import: 404 even for the organisers (the import's own test covers 200)
    ("GET", "/events/<int:event_id>/participants/import/<int:job_id>/refused.csv"): event_organisers(404),
    ("GET", "/events/<int:event_id>/organisations.json"): event_organisers(),  # the add form's suggestions
    ("GET", "/events/<int:event_id>/participants/<int:participant_id>/cancel"): event_organisers(),  # confirm page
    ("POST", "/events/<int:event_id>/participants/<int:participant_id>/cancel"): event_organisers(302),
    ("POST", "/events/<int:event_id>/participants/<int:participant_id>/reinstate"): event_organisers(302),
    ("GET", "/events/<int:event_id>/participants/<int:participant_id>/availability"): event_organisers(),
    ("POST", "/events/<int:event_id>/participants/<int:participant_id>/availability"): event_organisers(302),
    ("GET", "/events/<int:event_id>/requests"): event_organisers(),
    ("POST", "/events/<int:event_id>/requests/<int:request_id>/accept"): event_organisers(302),
    ("POST", "/events/<int:event_id>/force"): event_organisers(302),
    ("GET", "/events/<int:event_id>/schedule"): event_organisers(),
    ("POST", "/events/<int:event_id>/schedule/run"): event_organisers(302),
    ("POST", "/events/<int:event_id>/publish"): event_organisers(302),
    ("POST", "/events/<int:event_id>/meetings/change"): event_organisers(302),
    ("GET", "/events/<int:event_id>/export.<fmt>"): event_organisers(),
    ("GET", "/events/<int:event_id>/availability"): event_participants(),
    ("POST", "/events/<int:event_id>/availability"): event_participants(302),
    # anyone who may see the event but takes no part in it: 403 with a page that says so (and offers registration
    # while it is open); an event they may not see (another's draft): 404 (tests/integration/events/test_not_registered)
    ("GET", "/events/<int:event_id>/suggestions"): event_participants() | {"member_b": 403, "organiser": 403,
                                                                           "admin": 403},
    ("POST", "/events/<int:event_id>/request/<int:target_id>"): event_participants(302),
    ("GET", "/events/<int:event_id>/my-requests"): event_participants(),
    ("POST", "/events/<int:event_id>/requests/<int:request_id>/answer"): event_participants(302),
    # withdraw a sent request: only its sender (a participant); the world's request was sent *to* member A by a
    # guest without an account, so everyone gets 404 (the sender's 302: tests/integration/events/test_request_answers)
    ("POST", "/events/<int:event_id>/requests/<int:request_id>/withdraw"): event_participants(404),
    ("GET", "/events/<int:event_id>/agenda"): event_participants(),
    ("GET", "/events/<int:event_id>/day"): event_participants(),  # "My day": the participant's own day only
    # the world's meeting is not published: refused with a message, back to My day (302)
    ("POST", "/events/<int:event_id>/day/meetings/<int:meeting_id>/no-show"): event_participants(302),
    ("GET", "/events/<int:event_id>/checkin"): event_organisers(),
    ("POST", "/events/<int:event_id>/checkin/<int:participant_id>"): event_organisers(302),
    ("GET", "/events/<int:event_id>/badges"): event_organisers(),
    # a badge's QR code: the world's token is not a valid one, so its organisers get 404 too (the valid token's
    # rows: tests/integration/events/test_badges.py)
    ("GET", "/events/<int:event_id>/badges/<token>"): event_organisers_404(404),
    ("POST", "/events/<int:event_id>/badges/<token>"): event_organisers_404(404),
    # the follow-up after the event: the participant's own answers (the world's event is not over: the page says so,
    # an answer is refused with a message, 302); the organisers' report and its CSV (theirs and admins' only)
    ("GET", "/events/<int:event_id>/followup"): event_participants(),
    ("POST", "/events/<int:event_id>/followup/meetings/<int:meeting_id>"): event_participants(422),
    ("GET", "/events/<int:event_id>/followup/meetings/<int:meeting_id>"): event_participants(302),
    ("POST", "/events/<int:event_id>/followup/answers"): event_participants(302),
    ("GET", "/events/<int:event_id>/followup/answers"): event_participants(302),
    ("GET", "/events/<int:event_id>/followup/report"): event_organisers(),
    ("GET", "/events/<int:event_id>/followup/report.csv"): event_organisers(),
    # a participant cancels their own participation (member A leaves, then registers again: the matrix orders it)
    ("POST", "/events/<int:event_id>/leave"): event_participants(302),
    ("GET", "/events/calendar/<token>.ics"): everyone(404),  # a wrong secret
    ("GET", "/api/v1/events"): everyone(200, anonymous=401),  # the caller's own events (maybe none)
    ("GET", "/api/v1/events/<int:event_id>"): api_event(),
    ("GET", "/api/v1/events/<int:event_id>/agenda"): api_event(),
    ("GET", "/api/v1/events/<int:event_id>/agenda.ics"): api_event(organiser=404),  # organisers have no agenda
    ("GET", "/api/v1/events/<int:event_id>/meetings"): api_event(participant=403),
    ("POST", "/api/v1/events/<int:event_id>/meetings/<int:meeting_id>/move"): everyone(415, anonymous=401),
    # one's own data (the account is the logged-in user's: no id in the URL)
    ("GET", "/privacy/"): everyone(),  # the privacy notice, linked from the footer and the registration form
    ("GET", "/privacy/data.json"): members(),
    ("GET", "/privacy/delete"): members(),
    ("POST", "/privacy/delete"): members(),  # without the password: the form again
}
