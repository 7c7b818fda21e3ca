"""The translation catalogues: every Italian message translated, none fuzzy, and messages.pot in step with the code."""
from __future__ import annotations

import subprocess
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "matchmaker" / "translations"
POT = TRANSLATIONS / "messages.pot"


def catalogue(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)


def where(message) -> str:
    return ", ".join(sorted({path for path, _ in message.locations})) or "?"


def test_italian_catalogue_is_complete_and_has_no_fuzzy_entry():
    po = catalogue(TRANSLATIONS / "it" / "LC_MESSAGES" / "messages.po")
    untranslated = [m.id for m in po if m.id and not (all(m.string) if m.pluralizable else m.string)]
    fuzzy = [m.id for m in po if m.id and m.fuzzy]
    assert not untranslated, f"untranslated Italian messages (translate them in it/messages.po): {untranslated}"
    assert not fuzzy, f"fuzzy Italian messages (check the translation, then remove the fuzzy flag): {fuzzy}"
    pot_ids = {m.id for m in catalogue(POT) if m.id}
    assert {m.id for m in po if m.id} == pot_ids, "it/messages.po is behind messages.pot: run `make translations`"


def test_placeholders_survive_translation():
    po = catalogue(TRANSLATIONS / "it" / "LC_MESSAGES" / "messages.po")
    broken = [m.id for m in po if m.id and m.check()]
    assert not broken, f"translations whose %(name)s placeholders differ from the English: {broken}"


def test_messages_pot_is_up_to_date_with_the_code(tmp_path):
    fresh_path = tmp_path / "messages.pot"
    result = subprocess.run(["make", "--no-print-directory", "-s", "extract-messages", f"POT={fresh_path}"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    fresh = {m.id: m for m in catalogue(fresh_path) if m.id}
    committed = {m.id for m in catalogue(POT) if m.id}
    missing = [f"{mid!r} ({where(fresh[mid])})" for mid in fresh if mid not in committed]
    stale = [repr(mid) for mid in committed if mid not in fresh]
    assert not missing, ("strings in the code that the catalogue lacks; run `make translations` and translate them "
                         "in matchmaker/translations/it/LC_MESSAGES/messages.po:\n  " + "\n  ".join(missing))
    assert not stale, "strings no longer in the code; run `make translations`:\n  " + "\n  ".join(stale)


def test_italian_apostrophes_are_typographic_everywhere():
    """One apostrophe in Italian (’): a notice that mixes ’ and ' reads as a typo."""
    import re

    po = catalogue(TRANSLATIONS / "it" / "LC_MESSAGES" / "messages.po")
    straight = [s for m in po if m.id for s in ([*m.string] if m.pluralizable else [m.string])
                if re.search(r"[^\W\d_]'[^\W\d_]", s)]
    assert not straight, f"use ’ in Italian: {straight}"


def test_a_percentage_reads_well_in_italian_even_at_zero():
    """'completo al 0%' is wrong Italian ('allo 0%'): the phrase puts the number first."""
    po = catalogue(TRANSLATIONS / "it" / "LC_MESSAGES" / "messages.po")
    phrase = po["%(percent)s%% complete"].string % {"percent": 0}
    assert phrase == "0% completo"
