"""Organisation names compared as people mean them: case, accents, punctuation and legal forms (SpA, S.r.l., Ltd,
GmbH...) do not make a different organisation. Registration uses it to point at a profile that already exists."""
from __future__ import annotations

import re
import unicodedata

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Organisation

# Legal forms as they read once dots are dropped and words lower-cased ("S.p.A." -> "spa"), longest first.
LEGAL_FORMS = tuple(sorted({
    "spa", "sapa", "srl", "srls", "sas", "snc", "scarl", "scrl", "scpa", "sc", "ss", "onlus", "ets", "aps",
    "societa per azioni", "societa a responsabilita limitata", "in liquidazione",
    "ltd", "limited", "plc", "llp", "inc", "incorporated", "corp", "corporation", "co", "llc", "lp",
    "gmbh", "ag", "kg", "ug", "ev", "mbh", "gmbh co kg", "sa", "sarl", "sas", "bv", "nv", "ab", "as", "oy", "aps",
    "sl", "slu", "sro", "kft", "doo", "spzoo", "se",
}, key=lambda form: (-len(form), form)))
_TRAILING = re.compile(r"(?:\s+(?:" + "|".join(re.escape(f) for f in LEGAL_FORMS) + r"))+$")
_VOWELS = re.compile(r"[aeiouy]")


def name_key(name: str) -> str:
    """The comparable form of a name: 'DOMPE FARMACEUTICI S.p.A.' and 'Dompé Farmaceutici' -> 'dompe farmaceutici'."""
    folded = unicodedata.normalize("NFKD", name or "")
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = re.sub(r"(?<=\w)\.(?=\w)", "", folded).replace("&", " ")  # "s.p.a." -> "spa."
    words = " ".join(re.findall(r"[^\W_]+", folded))
    stripped = _TRAILING.sub("", " " + words).strip()
    return stripped or words  # a name that is only a legal form ("SA") stays itself


def same_name(key: str, other: str) -> bool:
    """True when two name keys mean the same name: equal, or word for word equal but for initials standing for a
    word ("c" for "carlo" in "istituto neurologico c besta"), with at least two words spelt out in full on both."""
    if key == other:
        return True
    words, others = key.split(), other.split()
    if len(words) != len(others):
        return False
    spelt = 0
    for word, that in zip(words, others):
        if word == that:
            spelt += len(word) > 1
        elif not (len(word) == 1 and that.startswith(word) or len(that) == 1 and word.startswith(that)):
            return False
    return spelt >= 2


def similar(name: str, limit: int = 5) -> list[Organisation]:
    """Organisations of the directory whose name means the same as `name` (name_key, same_name), most complete first.

    The database narrows the candidates with LIKE on the longest word, vowels as one-character wildcards (so that
    accented vowels, which lower() and LIKE do not fold, still match); Python compares the keys."""
    key = name_key(name)
    if len(key) < 2:
        return []
    longest = max(key.split(), key=len)
    pattern = "%" + _VOWELS.sub("_", longest.replace("%", "").replace("_", "")) + "%"
    candidates = db.session.execute(select(Organisation).where(func.lower(Organisation.name).like(pattern))
                                    .order_by(Organisation.id).limit(500)).scalars()
    found = [o for o in candidates if same_name(name_key(o.name), key)]
    return sorted(found, key=lambda o: (o.life_sciences is False, o.id))[:limit]


def meant(name: str, limit: int = 5) -> list[Organisation]:
    """What registration points a newcomer to: the organisations whose name means the same (`similar`), else the one
    or those the name loosely names, its telling words all in one name ("Besta" for "Fondazione IRCCS Istituto
    Neurologico Carlo Besta", "VitalPatch" for "VitalPatch Medical S.r.l.", "Dompé" for "DOMPE FARMACEUTICI SPA";
    events_orgs.find); never the merely close names of an unknown one (a new organisation is asked nothing)."""
    from matchmaker.services import events_orgs
    from matchmaker.services.events import Conflict

    found = similar(name, limit)
    if found or len(name_key(name)) < 3:
        return found
    try:
        return [events_orgs.find(name)]
    except Conflict as exc:
        code, params = exc.reason
        names = params.get("suggestions", []) if code == "ambiguous_organisation" else []
    chosen = db.session.execute(select(Organisation).where(Organisation.name.in_(names))).scalars() if names else []
    return sorted(chosen, key=lambda o: names.index(o.name))[:limit]


def search(text: str, limit: int = 10) -> list[Organisation]:
    """The join page's search: the organisations whose name means the same (`similar`), then those `text` loosely
    names, the closest names and names holding the typed words (events_orgs.search, which begins with what `meant`
    finds beyond `similar`), each once."""
    from matchmaker.services import events_orgs

    found = similar(text, limit)
    return [*found, *(o for o in events_orgs.search(text, limit) if o not in found)][:limit]
