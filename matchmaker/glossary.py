"""A bilingual (Italian/English) life-science glossary mapped to the taxonomy: the concepts that let Italian
and English profiles meet, and that suggest sectors and therapeutic areas from a profile's text."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from matchmaker.taxonomy import SECTORS, THERAPEUTIC_AREAS, N_


@dataclass(frozen=True)
class Concept:
    """One concept: its code, English label, the taxonomy tags it implies, and word beginnings in both languages
    (accent-folded, lower-case; a word matches when it starts with one of them)."""

    code: str
    label: str
    tags: tuple[tuple[str, str], ...]
    stems: tuple[str, ...]
    life_science: bool = True


def _c(code: str, label: str, tags: str, stems: str, life_science: bool = True) -> Concept:
    pairs = tuple(tuple(t.split(":")) for t in tags.split())
    return Concept(code, label, pairs, tuple(stems.split()), life_science)  # type: ignore[arg-type]


AREA, SECTOR = "therapeutic_area", "sector"
CONCEPTS: tuple[Concept, ...] = (
    _c("oncology", N_("oncology"), "therapeutic_area:oncology",
       "oncolog cancer cancr tumor tumour tumore tumori neoplas carcinom leukaem leukem leucem lymphom linfom melanom "
       "gliom glioblastom metasta sarcom myelom mielom chemotherap chemioterap"),
    _c("cardiology", N_("cardiology"), "therapeutic_area:cardiology",
       "cardiolog cardiac cardiaco cardiaca cardiovascul heart cuore arrhythm aritmi atherosc ateroscl "
       "hypertens ipertens myocard miocard coronar"),
    _c("neurology", N_("neurology"), "therapeutic_area:neurology",
       "neurolog neurodegen neuron brain cervell alzheimer parkinson epilep epiless epilett dementia demenz stroke "
       "ictus sclerosis sclerosi neuromusc neuro-onc neuroscien"),
    _c("psychiatry", N_("psychiatry"), "therapeutic_area:psychiatry",
       "psychiatr psichiatr depress schizophren schizofren autism autismo bipolar mental ansia anxiety"),
    _c("rare_diseases", N_("rare diseases"), "therapeutic_area:rare_diseases",
       "rare-disease orphan orfan malattie-rare raredisease ultra-rare"),
    _c("infectious_diseases", N_("infectious diseases"), "therapeutic_area:infectious_diseases",
       "infect infett pathogen patogen viral virus bacteri antimicrob antibiot vaccin covid sars-cov "
       "tubercul malaria hiv sepsis sepsi"),
    _c("musculoskeletal", N_("musculoskeletal"), "therapeutic_area:musculoskeletal",
       "musculoskel muscoloschel orthop ortoped osteo bone ossa osse cartilag arthrit artrit tendon tendin"),
    _c("rehabilitation", N_("rehabilitation"), "therapeutic_area:rehabilitation",
       "rehabilit riabilit physiother fisioter prosthe protes exoskelet esoschel"),
    _c("molecular_medicine", N_("molecular medicine"), "therapeutic_area:molecular_medicine",
       "genom genet gene-therap terapia-genica biomarker biomarcator proteom transcriptom "
       "crispr mrna sirna precision-med omics multiomic"),
    _c("ophthalmology", N_("ophthalmology"), "therapeutic_area:other",
       "ophthalm oftalm retin glaucom cornea macular maculare"),
    _c("pharma", N_("drug development"), "sector:pharma",
       "pharma farmac drug drugs medicin small-molecul drug-formulat clinical-trial sperimentaz "
       "preclinic pre-clinic healthy-volunteer volontari-sani"),
    _c("biotech", N_("biotechnology"), "sector:biotech",
       "biotech antibod anticorp protein proteic cell-therap stem-cell staminal recombin ricombin car-t "
       "viral-vector vettori-viral"),
    _c("medical_devices", N_("medical devices"), "sector:medical_devices",
       "medical-device dispositiv implant impiant stent catheter catetere surgical chirurg wearable "
       "indossabil prosthes"),
    _c("ivd", N_("diagnostics"), "sector:ivd",
       "diagnos in-vitro assay biosens point-of-care"),
    _c("digital_health", N_("digital health"), "sector:digital_health",
       "telemedic telemonit digital-health e-health ehealth sanita-digitale mhealth electronic-health "
       "digital-therap patient-report"),
    _c("cdmo", N_("contract manufacturing"), "sector:cdmo",
       "cdmo cmo gmp contract-manufactur"),
    _c("nutraceutics", N_("nutraceutics"), "sector:nutraceutics",
       "nutraceut supplement integratore integratori probiot prebiot functional-food"),
    _c("biobanks", N_("biobanks"), "", "bioban biobanc biorepositor"),  # a resource, not a sector or an area
    _c("health", N_("health care"), "",
       "health salut patient pazient clinic clinica clinico hospital ospedal disease malatt therap terap "
       "medical medic"),
    _c("agrifood", N_("agri-food"), "sector:agrifood", "agri agro food aliment crop farm nutrition", False),
    _c("bigdata_ai", N_("artificial intelligence"), "sector:bigdata_ai",
       "artificial-intel intelligenza-artific machine-learn deep-learn big-data", False),
)
_BY_CODE = {c.code: c for c in CONCEPTS}
CONCEPT_PREFIX = "~"  # concept terms are "~oncology": never a word, never a stem


def tags(code: str) -> tuple[tuple[str, str], ...]:
    """The taxonomy tags, (facet, code) pairs, a concept implies (none for an unknown code)."""
    concept = _BY_CODE.get(code)
    return concept.tags if concept else ()


def label(code: str) -> str:
    """The English label of a concept code (marked for translation: the web layer translates it)."""
    concept = _BY_CODE.get(code)
    return concept.label if concept else code


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    alternatives = sorted({stem for concept in CONCEPTS for stem in concept.stems}, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(a) for a in alternatives) + ")")


@lru_cache(maxsize=1)
def _owner() -> dict[str, str]:
    return {stem: concept.code for concept in CONCEPTS for stem in concept.stems}


# Words that begin like a concept but are not about it: "healthy soil", "healthier diets", "supplementary
# measures" (not health care, not nutraceutics).
NOT_CONCEPTS = ("healthy", "healthier", "healthiest", "supplementar")


@lru_cache(maxsize=100_000)
def concept_of(word: str) -> str | None:
    """The concept a lower-case, accent-folded word belongs to, or None."""
    match = _matched_stem(word)
    return _owner()[match] if match else None


def _matched_stem(word: str) -> str | None:
    """The glossary word beginning that `word` starts with (the longest), or None (also for NOT_CONCEPTS)."""
    match = _pattern().match(word)
    if match is None or ("-" not in match.group(0) and word.startswith(NOT_CONCEPTS)):
        return None  # ("healthy volunteers", a two-word entry, is a clinical-trial concept; "healthy" alone is not)
    return match.group(0)


WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Derived:
    """What the glossary reads in a profile's text: suggested tags per facet and whether it is life science."""

    sectors: tuple[str, ...]
    areas: tuple[str, ...]
    life_science: bool
    counts: dict[str, int]


def derive(text: str, min_count: int = 2, per_facet: int = 3) -> Derived:
    """Suggested sectors and therapeutic areas (concepts met at least `min_count` times, the most frequent
    first) and whether the text is about life sciences at all: three or more life-science words, and at least
    as many as words of concepts outside life sciences (a farming text that mentions soil health and a
    pathogen is not)."""
    from matchmaker.matching.analysis import fold

    words = WORD.findall(fold(text).lower())
    counts = Counter(code for code in map(concept_of, words) if code)
    # Two-word entries ("clinical trial", "medical device") met as two words: only a stem that spans both words
    # counts (any other pair would count its first word a second time).
    counts.update(_owner()[stem] for a, b in zip(words, words[1:])
                  if (stem := _matched_stem(f"{a}-{b}")) and "-" in stem and "-" not in a)
    tags: dict[str, list[str]] = {AREA: [], SECTOR: []}
    for code, count in counts.most_common():
        for facet, tag in _BY_CODE[code].tags:
            if count >= min_count and tag not in tags[facet] and len(tags[facet]) < per_facet:
                tags[facet].append(tag)
    health = sum(count for code, count in counts.items() if _BY_CODE[code].life_science)
    other = sum(counts.values()) - health  # agri-food, AI: concepts outside life sciences
    valid_sectors, valid_areas = set(SECTORS.codes()), set(THERAPEUTIC_AREAS.codes())
    return Derived(tuple(t for t in tags[SECTOR] if t in valid_sectors),
                   tuple(t for t in tags[AREA] if t in valid_areas), health >= 3 and health >= other, dict(counts))
