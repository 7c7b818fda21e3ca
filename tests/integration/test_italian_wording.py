"""Italian wording after the newcomer walk: the person is "tu" everywhere (never "voi"), gender-neutral where the
person's gender is unknown, organisations not masculine, one full stop after a name ending in a dot, one number
for the state labels, and no English inside an Italian error."""
from __future__ import annotations

import re

from babel.messages.pofile import read_po

from matchmaker.i18n import one_stop
from matchmaker.notification_wording import describe
from matchmaker.services.profile_schema import validate_profile
from matchmaker.services.suggestions import rebuild_all
from tests.conftest import TESTS_DIR
from tests.helpers import login, make_user
from tests.integration.test_review_pages import act, suggestion_of
from tests.integration.test_suggestions import world

IT = {"Accept-Language": "it"}
PO = TESTS_DIR.parent / "matchmaker" / "translations" / "it" / "LC_MESSAGES" / "messages.po"
VOI = re.compile(r"\b(voi|vostr[aoie]|avete|siete|Ditevi|vi siete|potete|ciò che cercate|offrite|investite|selezionate|"
                 r"confermateli|chiedete|sarete|vedrete|state cercando)\b", re.I)


def _events_only(message) -> bool:
    return all("events" in path for path, _ in message.locations)


def test_the_catalogue_says_tu_outside_events():
    with open(PO, "rb") as f:
        catalogue = read_po(f, locale="it")
    voi = [m.id for m in catalogue if m.id and not _events_only(m)
           and VOI.search(m.string if isinstance(m.string, str) else " ".join(m.string))]
    assert voi == []


def test_flashes_and_cards_of_the_review_in_italian(app, client):
    company, lab, _ = world()
    lab.name = "Liver Lab S.r.l."
    rebuild_all()
    login(client, make_user(organisation=company, locale="it"))
    suggestion = suggestion_of(company, lab)
    said = client.get(act(client, suggestion, action="interested").headers["Location"]).get_data(as_text=True)
    assert "Hai espresso interesse per Liver Lab S.r.l." in said and "S.r.l.." not in said
    act(client, suggestion, action="undo")
    saved = client.get(act(client, suggestion, action="save").headers["Location"]).get_data(as_text=True)
    assert "Hai salvato Liver Lab S.r.l. per dopo." in saved
    page = client.get("/matches/").get_data(as_text=True)
    options = re.findall(r'<option value="(?:new|saved|interested|declined)"[^>]*>([^<]+)</option>', page)
    # the filter's options qualify the partners listed (plural, masculine, like its "salvati e con interesse
    # espresso"), and the hint names the option as the select says it
    assert options == ["Da valutare", "Salvati per dopo", "Con interesse espresso", "Rifiutati"]
    assert "i partner rifiutati sono nascosti (scegli “Rifiutati” per vederli)" in page
    act(client, suggestion, action="decline", reason="other", note="fuori tema")
    card = client.get("/matches/?state=declined").get_data(as_text=True)
    assert "Hai rifiutato: Altro" in card and "la tua nota: “fuori tema”" in card


def test_the_notification_of_interest_says_tu(app):
    with app.test_request_context(headers=IT):
        text = describe("interest_received", {"name": "Ephos S.r.l."})
    assert text.startswith("Ephos S.r.l. ha espresso interesse per la tua organizzazione.")
    assert "Esprimi interesse anche tu" in text and "Ditevi" not in text


def test_an_email_error_has_no_english_detail(app):
    with app.test_request_context(headers=IT):
        message = validate_profile({"name": "X", "kind": "sme", "contact_email": "non-una-email"})[1]["contact_email"]
    assert message == ["«non-una-email» non è un indirizzo e-mail valido (manca la @)"]


def test_one_full_stop_after_a_name_ending_in_a_dot():
    assert one_stop("Hai espresso interesse per Ephos S.r.l..") == "Hai espresso interesse per Ephos S.r.l."
    assert one_stop("Attendere...") == "Attendere..."


def test_the_insight_shares_agree_in_number(app, client):
    company, lab, _ = world()
    rebuild_all()
    member = make_user(organisation=company, locale="it")
    login(client, member)
    act(client, suggestion_of(company, lab), action="decline", reason="too_early")
    organiser = app.test_client()
    login(organiser, make_user(role="organiser", locale="it"))
    text = re.sub(r"<[^>]+>|\s+", " ", organiser.get("/matches/insight").get_data(as_text=True))
    assert re.search(r"\d+%\s+rifiutati", text) and re.search(r"\d+%\s+con interesse espresso", text), text[:3000]
    assert "rifiutata" not in text
