"""CORDIS import text cleaning on a small extract: quoting artefacts (doubled and tripled quotes) removed and an
abstract that CORDIS repeats read once, in the projects and in the organisations' offer texts."""
from __future__ import annotations

import shutil

from matchmaker.extensions import db
from matchmaker.models import Organisation, Project
from matchmaker.services.cordis import clean_text, import_cordis
from tests.conftest import SMALL_CORDIS

HEADER = "id|acronym|title|startDate|endDate|totalCost|legalBasis|topics|masterCall|subCall|fundingScheme|objective"
ABSTRACT = ("Achieving the United Nations Sustainable Development Goals requires a comprehensive measure of human "
            "progress that does not focus solely on GDP. The project builds indicators that policy makers can use.")


def _extract(tmp_path):
    """The small extract's organisations with two projects written as the CORDIS files have them."""
    folder = tmp_path / "cordis"
    folder.mkdir()
    shutil.copy(SMALL_CORDIS / "organizations.csv", folder / "organizations.csv")
    quoted = ('"""The PragmaTIL trial aims to optimise TIL therapy. This action is part of the Cancer Mission '
              'cluster of projects on """"Diagnosis and treatment""""."""')
    repeated = ABSTRACT[:150] + ABSTRACT  # a cut-off copy, then the whole abstract
    rows = [f"101135507|STARFAB|Pragmatic approach to adoptive cell therapy|2024-01-01|2026-06-30|0|||||RIA|{quoted}",
            f"101159624|MWM|Measuring what matters|2024-02-01|2027-01-31|0|||||RIA|{repeated}"]
    (folder / "projects.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return folder


def test_imported_offers_read_once_and_cleanly(app, tmp_path):
    folder = _extract(tmp_path)
    import_cordis(folder)
    objectives = {p.acronym: p.objective for p in db.session.execute(db.select(Project)).scalars()}
    assert objectives["STARFAB"] == ('The PragmaTIL trial aims to optimise TIL therapy. This action is part of the '
                                     'Cancer Mission cluster of projects on "Diagnosis and treatment".')
    assert objectives["MWM"] == ABSTRACT
    offers = [o.offer for o in db.session.execute(db.select(Organisation)).scalars()]
    assert offers and not any('""' in offer or offer.count(ABSTRACT[:60]) > 1 for offer in offers)
    assert any("Measuring what matters. Achieving the United Nations" in offer for offer in offers)


def test_clean_text_keeps_clean_texts_and_ends_a_cut_copy():
    assert clean_text(ABSTRACT) == ABSTRACT
    assert clean_text('A "quoted" word.') == 'A "quoted" word.'
    cut = ABSTRACT + " And a list of aims: " + "-build, test and share indicators" * 3 + " with the mid"
    assert clean_text(cut + ABSTRACT[:80]) == cut + "…"  # the longer copy kept, its long cut end marked
    short = ABSTRACT + " Cut off in the mid"
    assert clean_text(short + ABSTRACT[:80]) == ABSTRACT  # a short cut end: the copy ends at its last sentence


def test_the_generated_description_is_worded_in_the_readers_language(app, client):
    from tests.helpers import login, make_user

    import_cordis(SMALL_CORDIS)
    org = db.session.execute(db.select(Organisation).where(Organisation.external_id == "999984059")).scalar_one()
    assert org.description.startswith("Took part in 2 Horizon Europe projects: ")  # stored as the import wrote it
    login(client, make_user(locale="it"))
    page = client.get(f"/profiles/{org.id}").get_data(as_text=True)
    assert "Ha partecipato a 2 progetti Horizon Europe: " in page and "Took part in" not in page
    assert "Profilo importato da CORDIS – progetti di ricerca UE di Horizon Europe (CC BY 4.0)." in page
    org.source, org.description = "member", "Took part in 2 Horizon Europe projects: our own words."
    db.session.commit()
    assert "Took part in 2 Horizon Europe projects: our own words." in client.get(
        f"/profiles/{org.id}").get_data(as_text=True)  # a member's own text stays as written


def test_real_quotes_and_a_restated_opening_are_kept():
    # Outer quotes go only when they wrap the whole text; a text that restates its opening words is not a repeat.
    assert clean_text('"Smart" materials for "green" chemistry') == '"Smart" materials for "green" chemistry'
    assert clean_text('"Smart" materials for "green"') == '"Smart" materials for "green"'
    restated = ("The aim of this project is to develop new therapies for rare diseases in adults. We will test. "
                "The aim of this project is to develop new therapies for rare diseases in children as well.")
    assert clean_text(restated) == restated


def test_the_generated_sentence_is_worded_for_the_reader_also_after_a_member_edits_the_profile(app, client):
    from tests.helpers import login, make_user, post_form

    import_cordis(SMALL_CORDIS)
    org = db.session.execute(db.select(Organisation).where(Organisation.external_id == "999984059")).scalar_one()
    login(client, make_user(organisation_id=org.id, locale="it"))
    # The member keeps the generated sentence and adds their own words through the form.
    saved = post_form(client, f"/profiles/{org.id}/edit", {
        "name": org.name, "kind": org.kind, "country": "IT", "region": "Lombardia", "city": "Milano",
        "language": "it", "version": str(org.version),
        "description": org.description + "\n\nIstituto di ricerca con sede a Milano."})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    assert db.session.get(Organisation, org.id).source != "cordis"  # what hid the wording before
    page = client.get(f"/profiles/{org.id}").get_data(as_text=True)
    assert "Ha partecipato a 2 progetti Horizon Europe: " in page and "Took part in" not in page
    assert "Istituto di ricerca con sede a Milano." in page
    assert "Profile imported from" not in page and "EU research projects under" not in page  # the source line too
    directory = client.get("/profiles/?q=" + org.name.split()[0]).get_data(as_text=True)
    assert "Ha partecipato a 2 progetti" in directory and "Took part in" not in directory
    post_form(client, "/language", {"lang": "en", "next": "/"}, form_url="/")  # the same profile read in English
    assert "Took part in 2 Horizon Europe projects: " in client.get(f"/profiles/{org.id}").get_data(as_text=True)
