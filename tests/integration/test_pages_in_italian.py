"""Every page of the URL map, for every role, rendered in Italian: none of the UI's common English words is left."""
from __future__ import annotations

import html as html_lib
import re

import pytest

from matchmaker.extensions import db
from matchmaker.jobs.runner import run
from matchmaker.jobs.status import KILLED
from matchmaker.models import Invitation, Job
from matchmaker.services import accounts
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import PASSWORD, csrf_token, make_org, make_user, post_form

# The English words a page left untranslated would most likely show (whole words, case-sensitive).
ENGLISH = ["Login", "Log in", "Log out", "Sign in", "Save", "Search", "Profile", "Suggested", "Suggestions",
           "Organisation", "Organisations", "Organization", "Directory", "Register", "Users", "Edit", "Cancel",
           "Filter", "Clear", "Previous", "Next", "Welcome", "Sectors", "Sector", "Therapeutic", "Contact",
           "Invite", "Forgot", "Keywords", "Language", "Kind", "Any", "Required", "required", "Import", "Upload",
           "Change", "Back", "Both", "Shared", "Their", "Track record", "What we", "Who we", "Page", "Role",
           "Name", "City", "Region", "Country", "Website", "Error", "Tech transfer", "Investors", "Member",
           "Administrator", "Organiser", "Repeat", "New password", "Your", "the", "and", "This field",
           "outside life sciences", "Home", "Virtual room", "Europe/Rome", "FEASIBLE", "OPTIMAL", "one_sided"]
FORBIDDEN = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")
PLACE_NAMES = re.compile(r"\bTell City\b")  # a town's own name (a time zone of the event form), not English UI
ATTRIBUTES = re.compile(r'\b(?:placeholder|aria-label|title|alt)="([^"]*)"')
IT = {"Accept-Language": "it-IT,it;q=0.9"}


def visible_text(page: str) -> str:
    """What a reader sees or hears: text outside tags, plus placeholders and accessible labels."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    # text marked as English on purpose (the API reference's descriptions, which come from the code)
    body = re.sub(r'<(p|span|td)\b[^>]*\blang="en"[^>]*>.*?</\1>', " ", body, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", body) + " " + " ".join(ATTRIBUTES.findall(body))
    return PLACE_NAMES.sub(" ", html_lib.unescape(text))


@pytest.fixture
def world(app):
    """Organisations with Italian texts and suggested partners, one user per role, a pending invitation."""
    company = make_org(name="Farmaceutici Brianza", kind="large_company", language="it",
                       seek="Biomarcatori per la diagnosi precoce del glioma; studi clinici di fase I",
                       therapeutic_areas=["oncology"], sectors=["pharma"], trl=4, collaboration_types=["licensing"],
                       funding_stage="seed", funding_amount_sought=1_500_000, contact_name="Giulia Rossi",
                       contact_email="giulia@brianza.example", contact_public=True)
    institute = make_org(name="Istituto Neurologico Milanese", kind="irccs_hospital", language="it", trl=5,
                         offer="Biomarcatori del glioma scoperti nella nostra biobanca; risonanza magnetica",
                         therapeutic_areas=["oncology", "neurology"], sectors=["pharma"],
                         collaboration_types=["licensing"])
    make_org(name="Cantina Valtellina", kind="other", life_sciences=False, offer="Vino rosso e viticoltura di montagna")
    make_org(name="Fondo Salute Lombardia", kind="investor", ticket_min=250_000, ticket_max=2_000_000,
             investor_stages=["seed"], investor_sectors=["pharma"])
    rebuild_all()
    users = {"member": make_user(email="membro@example.org", name="Mario Bianchi", organisation_id=company.id),
             "organiser": make_user(email="organizzatore@example.org", name="Anna Verdi", role="organiser"),
             "admin": make_user(email="amministratore@example.org", name="Luca Neri", role="admin",
                                organisation_id=company.id)}
    invitation = Invitation(email="nuovo@example.org", role="member", organisation_id=company.id)
    db.session.add(invitation)
    db.session.commit()
    tokens = {"reset": accounts.make_reset_token(users["member"]),
              "invitation": accounts.serializer("invitation").dumps({"iid": invitation.id})}
    # Background jobs: an import run for an Italian organiser (its report worded in Italian), one waiting for a
    # worker, one whose worker died (a stored English message, worded on display).
    done, queued = (Job(kind="import-orgs", state="queued", user_id=users["organiser"].id, label=f"{name}.csv")
                    for name in ("soci", "coda"))
    db.session.add_all([done, queued, Job(kind="rebuild", state="failed", message=KILLED)])
    db.session.commit()
    csv = "external_id,name,kind,trl\n" + "".join(f"S{i},Socio {i},sme,4\n" for i in range(25)) + "X1,,pmi,12\n"
    run(done.id, {"data": csv.encode(), "filename": "soci.csv", "mode": "good"}, language="it")
    tokens["jobs"] = (done.id, queued.id)
    tokens["event"] = italian_event(users, company)
    tokens["conversation"] = italian_conversation(users["member"], company, institute)
    return company, users, tokens


def italian_conversation(member, company, partner) -> int:
    """The company connected with the institute, and a message between them (the Messages pages)."""
    from matchmaker.services import messages, review

    review.express_interest(partner, company, "interested", None)
    review.express_interest(company, partner, "interested", member)
    conversation = messages.conversation_with(member, partner.id)
    messages.post(member, conversation, "Buongiorno, possiamo sentirci la prossima settimana?")
    return conversation.id


def italian_event(users: dict, company) -> int:
    """An event the organiser runs and the member takes part in, scheduled and published (events pages)."""
    from matchmaker.models import EventOrganiser
    from matchmaker.services.events_publish import publish
    from tests.integration.events.builders import schedule_now, small_event

    event, people, _ = small_event()
    people[0].user_id, people[0].organisation_id = users["member"].id, company.id
    db.session.add(EventOrganiser(event_id=event.id, user_id=users["organiser"].id))
    db.session.commit()
    schedule_now(event)
    publish(event, notify_participants=False)
    db.session.commit()
    return event.id


def page_urls(app, org_id: int, tokens: dict) -> list[tuple[str, bool]]:
    """(URL, has a form to submit) for every rule that answers GET, with real values for its arguments."""
    from matchmaker.models import EventParticipant, Meeting

    participant = db.session.scalars(db.select(EventParticipant.id).where(
        EventParticipant.event_id == tokens["event"]).order_by(EventParticipant.id)).first()
    meeting = db.session.scalars(db.select(Meeting.id).where(Meeting.event_id == tokens["event"])).first()
    values = {"org_id": org_id, "event_id": tokens["event"], "participant_id": participant,
              "conversation_id": tokens["conversation"], "meeting_id": meeting}
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.endpoint.startswith("imports.template") \
                or rule.rule.endswith((".json", ".csv")) or rule.rule.startswith("/api/") \
                or rule.endpoint == "events.export":  # the API answers JSON, the exports a file
            continue
        args = {k: v for k, v in values.items() if k in rule.arguments}
        if "token" in rule.arguments:
            args["token"] = tokens["invitation" if "invitation" in rule.endpoint else "reset"]
        urls.append((rule.build(args)[1], "POST" in rule.methods))
    urls += [("/matches/?kind=investor", False), ("/profiles/?q=oncologia", False), ("/no-such-page", False)]
    urls += [(f"/imports/?job={job_id}", False) for job_id in tokens["jobs"]]
    return urls


@pytest.mark.parametrize("role", ["anonymous", "member", "organiser", "admin"])
def test_every_page_speaks_italian(world, client, role):
    company, users, tokens = world
    if role != "anonymous":
        response = post_form(client, "/auth/login", {"email": users[role].email, "password": PASSWORD}, headers=IT)
        assert response.status_code == 302
    checked = 0
    for url, has_form in page_urls(client.application, company.id, tokens):
        responses = [client.get(url, headers=IT)]
        if has_form and responses[0].status_code == 200:  # the same page with every field's error message
            responses.append(client.post(url, data={"csrf_token": csrf_token(client, url)}, headers=IT))
        for response in responses:
            if response.status_code in (301, 302):
                continue
            assert response.mimetype == "text/html", url
            page = response.get_data(as_text=True)
            assert '<html lang="it">' in page, url
            english = sorted(set(FORBIDDEN.findall(visible_text(page))))
            assert not english, f"{role} {response.request.method} {url} ({response.status_code}): {english}"
            checked += 1
    assert checked >= 10


def test_a_background_import_reports_in_its_starters_language(world, client):
    company, users, tokens = world
    post_form(client, "/auth/login", {"email": users["organiser"].email, "password": PASSWORD}, headers=IT)
    done, queued = tokens["jobs"]
    page = " ".join(visible_text(client.get(f"/imports/?job={done}", headers=IT).get_data(as_text=True)).split())
    assert "Completata — 26 su 26 righe" in page and "25 create" in page
    assert "name: Questo campo è obbligatorio." in page
    assert "«pmi» non è" not in page  # 'pmi' is the Italian label of sme
    assert "trl: «12» non è un livello da 1 a 9" in page
    assert "In attesa che un processo di lavoro la avvii." in visible_text(
        client.get(f"/imports/?job={queued}", headers=IT).get_data(as_text=True))
    jobs = visible_text(client.get("/jobs/", headers=IT).get_data(as_text=True))
    assert "Importazione di organizzazioni" in jobs and "Il processo di lavoro si è interrotto" in jobs
