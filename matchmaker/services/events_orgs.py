"""Which directory organisation a typed or imported name means, loosely as registration compares names
(org_names.name_key: accents, case, punctuation and legal forms), plus words such as "Fondazione" or "IRCCS" and
token containment ("Istituto Besta" is "FONDAZIONE IRCCS ISTITUTO NEUROLOGICO CARLO BESTA"). A unique match is taken;
an ambiguous or unknown name is refused with the closest names."""
from __future__ import annotations

import difflib
import re

from sqlalchemy import func, or_, select

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services.events import Conflict
from matchmaker.services.org_names import name_key
from matchmaker.services.organisations import LABEL_ID

# Words that say what kind of body it is rather than which one (dropped before words are compared).
GENERIC = frozenset({"fondazione", "foundation", "irccs", "ente", "the", "di", "del", "della", "dei", "degli", "de",
                     "of", "e", "and"})
# Words that say what kind of body or company it is (legal forms included): a name sharing only these with another
# ("Azienda Inesistente" and "Azienda Trasporti Milanesi") is not a near name, so they never bring a suggestion.
KIND_WORDS = GENERIC | frozenset({
    "azienda", "aziende", "societa", "spa", "srl", "srls", "sapa", "snc", "sas", "scarl", "onlus", "gruppo", "group",
    "holding", "fondazione", "istituto", "istituti", "institute", "institut", "universita", "university",
    "politecnico", "ospedale", "ospedaliera", "ospedaliero", "universitaria", "hospital", "policlinico",
    "centro", "centre", "center", "consorzio", "consortium", "associazione", "association", "laboratorio",
    "laboratori", "laboratory", "laboratories", "lab", "company", "companies", "ltd", "limited", "inc", "corp",
    "gmbh", "ag", "sa", "bv", "nv", "llc", "plc", "studi", "ricerca", "research", "scientifico", "italia", "italy",
    "italiana", "international", "nazionale", "national", "organizzazione", "organizzazioni", "organisation",
    "organization"})
SUGGESTIONS = 3
_VOWELS = re.compile(r"[aeiouy]")  # one-character wildcards in LIKE: stored accented vowels still match


def words(name: str) -> list[str]:
    """The words that tell an organisation apart: name_key's, without the generic ones."""
    kept = [w for w in name_key(name).split() if w not in GENERIC]
    return kept or name_key(name).split()


def _contains(wanted: list[str], have: list[str]) -> bool:
    """Every wanted word is one of `have`'s (an initial stands for a word it starts)."""
    return all(any(w == h or len(w) == 1 and h.startswith(w) or len(h) == 1 and w.startswith(h) for h in have)
               for w in wanted)


def _like(word: str):
    return func.lower(Organisation.name).like("%" + _VOWELS.sub("_", word.replace("%", "").replace("_", "")) + "%")


def find(name: str) -> Organisation:
    """The one organisation `name` means; Conflict "unknown_organisation" or "ambiguous_organisation" with the name
    given and the closest names ("suggestions") otherwise."""
    text = name.strip()
    if chosen := LABEL_ID.search(text):  # a suggestion chosen from the list: "Name (#id)"
        found = db.session.get(Organisation, int(chosen.group(1)))
        if found is not None and name_key(found.name) == name_key(LABEL_ID.sub("", text)):
            return found
        text = LABEL_ID.sub("", text).strip()
    exact = db.session.execute(select(Organisation).where(func.lower(Organisation.name) == text.lower())
                               .limit(2)).scalars().all()
    if len(exact) == 1:
        return exact[0]
    wanted = words(text)
    long_words = [w for w in wanted if len(w) > 1]
    if not long_words:
        raise Conflict("unknown_organisation", {"name": text, "suggestions": []})
    stmt = select(Organisation).where(*[_like(w) for w in long_words]).order_by(Organisation.id).limit(500)
    candidates = list(db.session.execute(stmt).scalars())
    key = " ".join(wanted)
    same = [o for o in candidates if " ".join(words(o.name)) == key]
    found = same or [o for o in candidates if _contains(wanted, words(o.name))]
    if len(found) == 1:
        return found[0]
    if found:
        raise Conflict("ambiguous_organisation", {"name": text, "suggestions": _closest(key, found)})
    raise Conflict("unknown_organisation", {"name": text, "suggestions": _closest(key, _near(long_words))})


def _near(wanted: list[str]) -> list[Organisation]:
    """Organisations sharing at least one telling word with the name (the pool the closest names come from): a
    word that only says what kind of body it is (KIND_WORDS) brings none."""
    telling = [w for w in wanted if len(w) > 2 and w not in KIND_WORDS]
    pool = db.session.execute(select(Organisation).where(or_(*[_like(w) for w in telling]))
                              .order_by(Organisation.id).limit(1000)).scalars() if telling else []
    # LIKE's vowel wildcards also match inside other words ("farmaceutica" in "INFORMACIOTECHNOLOGIAI"): keep the
    # names with a word that is, or begins like, one of the telling words
    return [o for o in pool if any(_alike(w, x) for w in telling for x in words(o.name))]


def _alike(word: str, other: str) -> bool:
    """One word the other's beginning, or the two nearly the same ("farmaceutica", "farmaceutici")."""
    return other.startswith(word) or difflib.SequenceMatcher(None, word, other).ratio() >= 0.8


def _closest(key: str, pool: list[Organisation]) -> list[str]:
    """The names of `pool` closest to `key`, best first."""
    def score(o: Organisation) -> float:
        return difflib.SequenceMatcher(None, key, " ".join(words(o.name))).ratio()
    return [o.name for o in sorted(pool, key=lambda o: (-score(o), o.name))[:SUGGESTIONS]]


def search(text: str, limit: int = 10) -> list[Organisation]:
    """Organisations the typed text may mean, for the add form's suggestions: the one it means or the closest
    names, then names containing every typed word."""
    from matchmaker.services import organisations

    try:
        found = [find(text)]
    except Conflict as exc:
        names = exc.reason[1].get("suggestions", [])
        found = list(db.session.execute(select(Organisation).where(Organisation.name.in_(names))).scalars()) \
            if names else []
        found.sort(key=lambda o: names.index(o.name))
    for organisation in organisations.find(text, limit=limit):
        if organisation not in found:
            found.append(organisation)
    return found[:limit]
