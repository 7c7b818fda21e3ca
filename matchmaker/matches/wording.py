"""The matching engine's reasons (codes with parameters), strengths and drivers worded in the user's language."""
from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import format_number, gettext, lazy_gettext as _l, ngettext

from matchmaker import glossary, taxonomy
from matchmaker.taxonomy import N_
from matchmaker.i18n import country_name, current_language, money, vocabulary_label
from matchmaker.matching.analysis import fold
from matchmaker.matching.reasons import GENERIC, Reasons

STRENGTHS = {"strong": _l("Strong match"), "good": _l("Good match"), "possible": _l("Possible match")}
DRIVERS = {
    "seek": _l("mainly what you seek meets what they offer"),
    "offer": _l("mainly what they seek meets what you offer"),
    "concepts": _l("mainly the fields you both work on"),
    "track": _l("mainly their track record on work like yours"),
    "network": _l("mainly partners you share"),
    "areas": _l("mainly shared therapeutic areas"),
    "sectors": _l("mainly shared sectors"),
    "trl": _l("mainly a fitting TRL"),
    "collaboration": _l("mainly the collaboration you both want"),
    "region": _l("mainly being in your region"),
    "country": _l("mainly being in your country"),
    "ticket": _l("mainly your round within their tickets"),  # the start-up reading; an investor's: below
}
INVESTOR_TICKET_DRIVER = _l("mainly their round within your tickets")
# Between an investor and a company the text parts are where the investor's focus meets the company's profile.
FOCUS_DRIVERS = {"investor_focus": _l("mainly your profile meeting their investment focus"),
                 "their_investor_focus": _l("mainly their profile meeting your investment focus")}
# A company's clinical study and a hospital open to clinical studies (when no other shared want is named).
CLINICAL_DRIVERS = {"clinical_site": _l("mainly a clinical site for the study you seek"),
                    "their_clinical_site": _l("mainly the clinical study they seek")}


def _labels(vocabulary: taxonomy.Vocabulary, codes: list[str], lower: bool = False) -> str:
    labels = sorted(vocabulary_label(vocabulary, c) for c in codes)
    return ", ".join(label.lower() if lower else label for label in labels)


def _concepts(codes: list[str]) -> str:
    return ", ".join(gettext(glossary.label(c)) for c in codes)


# The vocabularies whose labels people also write in their texts ("in-vitro diagnostics", "dispositivi medici").
_LABELLED = (taxonomy.SECTORS, taxonomy.THERAPEUTIC_AREAS, taxonomy.COLLABORATION_TYPES)


def _as_label(term: str) -> str | None:
    """A term that is a taxonomy label or a glossary concept's name in either language, in the reader's language;
    None for any other term."""
    found = _label_keys().get(taxonomy.fold(term))
    if found is None:
        return None
    vocabulary, code = found
    return _lower_first(vocabulary_label(vocabulary, code) if vocabulary is not None else gettext(code))


_LABEL_KEYS: dict[str, tuple[taxonomy.Vocabulary | None, str]] = {}


def _label_keys() -> dict[str, tuple[taxonomy.Vocabulary | None, str]]:
    """Every label's folded form in either language -> (its vocabulary, its code), or (None, the glossary concept's
    name): the first in the order _as_label looks them up wins (made once: a page words hundreds of terms)."""
    if not _LABEL_KEYS:
        keys: dict[str, tuple[taxonomy.Vocabulary | None, str]] = {}
        for vocabulary in _LABELLED:
            for entry in vocabulary.terms:
                for label in (entry.label, entry.label_it):
                    keys.setdefault(taxonomy.fold(label), (vocabulary, entry.code))
        for concept in glossary.CONCEPTS:
            for name in (concept.label, _italian(concept.label)):
                keys.setdefault(taxonomy.fold(name), (None, concept.label))
        _LABEL_KEYS.update(keys)
    return _LABEL_KEYS


def _lower_first(label: str) -> str:
    """A label inside a sentence: its first letter in lower case unless it is an acronym ("CDMO", "Big data / AI")."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _italian(message: str) -> str:
    """A glossary label's Italian translation, whatever the request's language (cached per label)."""
    cached = _ITALIAN.get(message)
    if cached is None:
        from flask_babel import force_locale

        with force_locale("it"):
            cached = _ITALIAN[message] = gettext(message)
    return cached


_ITALIAN: dict[str, str] = {}


def _terms(terms: list[str]) -> str:
    """Terms as the profiles wrote them, except a taxonomy or glossary label, in the reader's language ("in-vitro
    diagnostics" reads "diagnostica in vitro" in Italian); for an Italian reader, a word or phrase that names a
    glossary concept gets the concept in Italian beside it ('cancer (oncologia)', 'preclinical models (sviluppo di
    farmaci)'), so English profile words still say something; once a line ("drug discovery (sviluppo di farmaci),
    medicinal chemistry", not the concept after each term)."""
    labels = [_as_label(term) for term in terms]
    if current_language() == "en":
        return ", ".join(label or term for label, term in zip(labels, terms))
    worded, glossed = [], set()
    for label, term in zip(labels, terms):
        code = None if label else _concept_of(term)  # a label is already in the reader's words
        concept = gettext(glossary.label(code)) if code and code not in glossed else ""  # once a line
        glossed.add(code)
        worded.append(f"{term} ({concept})" if concept and fold(concept).lower() != fold(term).lower()
                      else label or term)
    return ", ".join(worded)


def _concept_of(term: str) -> str | None:
    """The glossary concept a term names: a word's own, or for a phrase that of its first word naming a specific
    concept ("preclinical models": drug development; "clinical trial": none, "clinical" is only health)."""
    words = fold(term).lower().split()
    if len(words) == 1:
        return glossary.concept_of(words[0])
    return next((code for code in map(glossary.concept_of, words) if code and code not in GENERIC), None)


def _title(title: str, limit: int = 70) -> str:
    """A project title cut at a word before `limit` characters (with an ellipsis)."""
    return title if len(title) <= limit else title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _similar_track(similar: int, total: int) -> str:
    if total == 1:
        return gettext("Track record: their funded project is on work like yours")
    return ngettext("Track record: %(count)s of their %(total)s funded projects is on work like yours",
                    "Track record: %(count)s of their %(total)s funded projects are on work like yours",
                    similar, count=format_number(similar), total=format_number(total))


def _names(names: list[str], count: int) -> str:
    """Up to two names and "and N more" for the others ("A, B and 3 more"; "A; B and 3 more" when a name has a
    comma), in the current language."""
    more = count - len(names)
    if more <= 0:
        return gettext("%(first)s and %(second)s", first=names[0], second=names[1]) if len(names) == 2 \
            else ", ".join(names)
    # "; " between names when one has a comma of its own ("INSTITUT NATIONAL DE RECHERCHE POUR L'AGRICULTURE,
    # L'ALIMENTATION ET L'ENVIRONNEMENT")
    separator = "; " if any("," in name for name in names) else ", "
    return ngettext("%(names)s and %(num)s more", "%(names)s and %(num)s more", more, names=separator.join(names))


def _shared_partners(count: int, partners: list[str] = (), names: list[str] = ()) -> str:
    """The past partners two organisations have in common, named when the service found their names (`names`; the
    engine gives ids, `partners`)."""
    if not names:
        return ngettext("You have a past partner in common", "You have %(count)s past partners in common", count,
                        count=format_number(count))
    return ngettext("You have a past partner in common: %(names)s", "You have %(count)s past partners in common: "
                    "%(names)s", count, count=format_number(count), names=_names(list(names), count))


def _ticket(message: str) -> Callable[..., str]:
    """The wording of a ticket reason (`message` marked with N_): the round and the investor's tickets in euros."""
    def word(amount: int, min: int, max: int) -> str:  # noqa: A002 - the engine's parameter names
        return gettext(message, amount=money(amount), low=money(min), high=money(max))

    return word


# One function per reason code; each returns a sentence in the current language.
SIGNALS: dict[str, Callable[..., str]] = {
    "shared_concepts": lambda concepts: gettext("Both work on %(concepts)s", concepts=_concepts(concepts)),
    "shared_area": lambda areas: gettext(
        "Both work in %(areas)s", areas=_labels(taxonomy.THERAPEUTIC_AREAS, areas, lower=True)),
    "seek_meets_offer": lambda terms: gettext("What you seek meets what they offer: %(terms)s",
                                              terms=_terms(terms)),
    "offer_meets_seek": lambda terms: gettext("What they seek meets what you offer: %(terms)s",
                                              terms=_terms(terms)),
    "investor_focus": lambda terms: gettext("Their investment focus meets your profile: %(terms)s",
                                            terms=_terms(terms)),
    "their_investor_focus": lambda terms: gettext("Their profile meets your investment focus: %(terms)s",
                                                  terms=_terms(terms)),
    "seek_meets_project": lambda terms, title, others=0: ngettext(
        "Their only profile text, like that of %(num)s other partner of the project, is the abstract of their funded "
        "project “%(title)s”; what you seek meets it: %(terms)s",
        "Their only profile text, like that of %(num)s other partners of the project, is the abstract of their "
        "funded project “%(title)s”; what you seek meets it: %(terms)s", others, title=_title(title),
        terms=_terms(terms)) if others else gettext(
        "Their only profile text is the abstract of their funded project “%(title)s”; what you seek meets it: "
        "%(terms)s", title=_title(title), terms=_terms(terms)),
    "project_meets_offer": lambda terms, title, others=0: ngettext(
        "Their only profile text, like that of %(num)s other partner of the project, is the abstract of their funded "
        "project “%(title)s”; it meets what you offer: %(terms)s",
        "Their only profile text, like that of %(num)s other partners of the project, is the abstract of their "
        "funded project “%(title)s”; it meets what you offer: %(terms)s", others, title=_title(title),
        terms=_terms(terms)) if title and others else gettext(
        "Their only profile text is the abstract of their funded project “%(title)s”; it meets what you offer: "
        "%(terms)s", title=_title(title), terms=_terms(terms)) if title else gettext(
        "That project's abstract meets what you offer: %(terms)s", terms=_terms(terms)),
    "stage_fit": lambda stage: gettext(
        "Invests at your stage: %(stage)s", stage=vocabulary_label(taxonomy.FUNDING_STAGES, stage)),
    "ticket_fit": _ticket(N_("Your round of %(amount)s is within their tickets (%(low)s to %(high)s)")),
    "ticket_syndicate": _ticket(
        N_("Your round of %(amount)s is beyond their tickets (%(low)s to %(high)s): a syndicate is needed")),
    "investor_sector": lambda sectors: gettext(
        "Invests in %(sectors)s", sectors=_labels(taxonomy.SECTORS, sectors)),
    "their_stage_fit": lambda stage: gettext(
        "At a stage you invest in: %(stage)s", stage=vocabulary_label(taxonomy.FUNDING_STAGES, stage)),
    "their_ticket_fit": _ticket(N_("Their round of %(amount)s is within your tickets (%(low)s to %(high)s)")),
    "their_ticket_syndicate": _ticket(
        N_("Their round of %(amount)s is beyond your tickets (%(low)s to %(high)s): a syndicate is needed")),
    "their_investor_sector": lambda sectors: gettext(
        "In sectors you invest in: %(sectors)s", sectors=_labels(taxonomy.SECTORS, sectors)),
    "shared_sector": lambda sectors: gettext(
        "Shared sectors: %(sectors)s", sectors=_labels(taxonomy.SECTORS, sectors)),
    "trl_fit": lambda theirs, yours: gettext(
        "Their TRL %(their)s fits your TRL %(yours)s", their=theirs, yours=yours),
    "collaboration": lambda types: gettext(
        "Both want %(types)s", types=_labels(taxonomy.COLLABORATION_TYPES, types, lower=True)),
    "similar_track": _similar_track,
    "track_record": lambda projects: ngettext(
        "Track record: %(count)s funded project", "Track record: %(count)s funded projects", projects,
        count=format_number(projects)),
    "clinical_site": lambda: gettext("A hospital open to clinical studies: the clinical partner you seek"),
    "their_clinical_site": lambda: gettext("A company seeking a clinical study: you can be its clinical site"),
    "shared_partners": _shared_partners,
    "same_region": lambda region: gettext("In your region (%(region)s)", region=region),
    "same_country": lambda country: gettext("In your country (%(country)s)", country=country_name(country)),
}


def reason_lines(reasons: Reasons) -> list[str]:
    """One sentence per reason, most telling first; unknown codes are skipped rather than shown raw."""
    return [SIGNALS[code](**params) for code, params in reasons.items if code in SIGNALS]


def headline(reasons: Reasons) -> str:
    """"Strong match — mainly what you seek meets what they offer", in the current language."""
    strength = str(STRENGTHS[reasons.strength])
    driver = DRIVERS.get(reasons.driver)
    if reasons.driver == "ticket" and any(code == "their_ticket_fit" for code, _params in reasons.items):
        driver = INVESTOR_TICKET_DRIVER  # the reader is the investor: the round is theirs, the tickets yours
    codes = reasons.codes()
    if reasons.driver in ("seek", "offer"):
        driver = next((FOCUS_DRIVERS[code] for code in codes if code in FOCUS_DRIVERS), driver)
    if reasons.driver == "collaboration" and "collaboration" not in codes:
        driver = next((CLINICAL_DRIVERS[code] for code in codes if code in CLINICAL_DRIVERS), driver)
    return gettext("%(strength)s — %(driver)s", strength=strength, driver=driver) if driver else strength


PARAGRAPH_BREAK = re.compile(r"\r?\n\s*\r?\n")  # a blank line, as imported ("\n\n") or typed on the form


def passage(text: str | None, reasons: Reasons) -> str:
    """The paragraph of a partner's text the reasons are about: a CORDIS organisation's offer is one project
    abstract a paragraph, and its first is rarely the one that matched ("The Researchers' Night…" under reasons
    about oncology). The paragraph with the most of the reasons' terms (then the most mentions), the first when
    none has any."""
    paragraphs = [p.strip() for p in PARAGRAPH_BREAK.split(text or "") if p.strip()]
    terms = [re.compile(r"\b" + re.escape(fold(t).lower())) for t in dict.fromkeys(
        t for _code, params in reasons.items for t in params.get("terms") or () if isinstance(t, str))]
    if len(paragraphs) < 2 or not terms:
        return paragraphs[0] if paragraphs else ""

    def found(paragraph: str) -> tuple[int, int]:  # a word's beginning: "cell" in "cells", not in "excellence"
        folded = fold(paragraph).lower()
        return sum(bool(t.search(folded)) for t in terms), sum(len(t.findall(folded)) for t in terms)

    return max(paragraphs, key=found)  # the first of equals
