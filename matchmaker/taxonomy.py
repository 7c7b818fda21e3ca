"""The cluster's controlled vocabularies: organisation kinds, sectors, therapeutic areas, and more."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: a stable code, an English label and an Italian label."""

    code: str
    label: str
    label_it: str


@dataclass(frozen=True)
class Vocabulary:
    """An ordered vocabulary that can look up a term by code, English or Italian label."""

    name: str
    terms: tuple[Term, ...]

    def choices(self, lang: str = "en") -> list[tuple[str, str]]:
        """(code, label) pairs for a select field, labels in `lang` ('en' or 'it')."""
        return [(t.code, t.label_it if lang == "it" else t.label) for t in self.terms]

    def codes(self) -> list[str]:
        """Every code, in display order."""
        return [t.code for t in self.terms]

    def label(self, code: str | None, lang: str = "en") -> str:
        """The label of a code in `lang` ('en' or 'it'; the code itself when unknown)."""
        for t in self.terms:
            if t.code == code:
                return t.label_it if lang == "it" else t.label
        return code or ""

    def lookup(self, value: str) -> str | None:
        """The code matching `value` by code or label (case and accent-insensitive), else None."""
        key = fold(value)
        for t in self.terms:
            if key in (fold(t.code), fold(t.label), fold(t.label_it)):
                return t.code
        return ALIASES.get(self.name, {}).get(key)


def fold(text: str) -> str:
    """Lower-case, strip accents and separators, for forgiving look-ups."""
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text if c.isalnum())


KINDS = Vocabulary("kind", (
    Term("large_company", "Large company", "Grande impresa"),
    Term("sme", "SME", "PMI"),
    Term("startup", "Start-up", "Start-up"),
    Term("university", "University", "Università"),
    Term("irccs_hospital", "IRCCS / hospital", "IRCCS / ospedale"),
    Term("public_research_centre", "Public research centre", "Centro di ricerca pubblico"),
    Term("private_research_centre", "Private research centre", "Centro di ricerca privato"),
    Term("investor", "Investor", "Investitore"),
    Term("association", "Association", "Associazione"),
    Term("other", "Other", "Altro"),
))
# IRCCS is an Italian accreditation (Ministero della Salute): a hospital outside Italy is shown as a hospital, and
# the filters and counts, which hold both, name both. The stored kind stays "irccs_hospital".
HOSPITAL_ABROAD = Term("irccs_hospital", "Hospital", "Ospedale")
KIND_GROUPS = {"irccs_hospital": Term("irccs_hospital", "IRCCS and hospitals", "IRCCS e ospedali")}


def kind_label(kind: str | None, country: str | None, lang: str = "en") -> str:
    """An organisation's kind as shown on its card and profile: "IRCCS / hospital" only in Italy (or where the
    country is unknown), "Hospital" elsewhere."""
    if kind == HOSPITAL_ABROAD.code and country and country.upper() != "IT":
        return HOSPITAL_ABROAD.label_it if lang == "it" else HOSPITAL_ABROAD.label
    return KINDS.label(kind, lang)


def kind_choices(lang: str = "en") -> list[tuple[str, str]]:
    """(code, label) pairs of the kinds for filters and counts, a kind that groups several named for all of them
    ("IRCCS and hospitals")."""
    return [(code, (KIND_GROUPS[code].label_it if lang == "it" else KIND_GROUPS[code].label)
             if code in KIND_GROUPS else label) for code, label in KINDS.choices(lang)]


# The kinds counted ("853 large companies", "1 investor"): (one, many) in English, then in Italian.
KIND_COUNTED = {
    "large_company": (("large company", "large companies"), ("grande impresa", "grandi imprese")),
    "sme": (("SME", "SMEs"), ("PMI", "PMI")), "startup": (("start-up", "start-ups"), ("start-up", "start-up")),
    "university": (("university", "universities"), ("università", "università")),
    "irccs_hospital": (("IRCCS / hospital", "IRCCS and hospitals"), ("IRCCS / ospedale", "IRCCS e ospedali")),
    "public_research_centre": (("public research centre", "public research centres"),
                               ("centro di ricerca pubblico", "centri di ricerca pubblici")),
    "private_research_centre": (("private research centre", "private research centres"),
                                ("centro di ricerca privato", "centri di ricerca privati")),
    "investor": (("investor", "investors"), ("investitore", "investitori")),
    "association": (("association", "associations"), ("associazione", "associazioni")),
    "other": (("other", "others"), ("altra", "altre")),
}


def kind_counts(counts: dict[str, int], lang: str = "en") -> list[tuple[str, int, str]]:
    """(code, count, label) of the kinds that have any, in the kinds' order, the label agreeing with the count."""
    return [(code, counts[code], KIND_COUNTED[code][lang == "it"][counts[code] != 1])
            for code in KINDS.codes() if counts.get(code)]


# The EU's (and CORDIS's) own codes for two countries, and their ISO 3166 codes that profiles use.
EU_COUNTRY_CODES = {"UK": "GB", "EL": "GR"}
COMPANY_KINDS = frozenset({"large_company", "sme", "startup"})
RESEARCH_KINDS = frozenset({"university", "irccs_hospital", "public_research_centre", "private_research_centre"})
# The kinds whose profile has a TRL to give: a technology readiness level rates what companies and research offer
# (matching compares it across a pair); an investor, an association or "other" offers no technology to rate.
TRL_KINDS = COMPANY_KINDS | RESEARCH_KINDS

SECTORS = Vocabulary("sector", (
    Term("pharma", "Pharma", "Farmaceutica"),
    Term("biotech", "Biopharma / biotech", "Biofarmaceutica / biotecnologie"),
    Term("medical_devices", "Medical devices", "Dispositivi medici"),
    Term("ivd", "In-vitro diagnostics", "Diagnostica in vitro"),
    Term("digital_health", "Digital health / telemedicine", "Sanità digitale / telemedicina"),
    Term("cdmo", "CDMO", "CDMO"),
    Term("nutraceutics", "Nutraceutics", "Nutraceutica"),
    Term("agrifood", "Agri-food and nutrition", "Agroalimentare e nutrizione"),
    Term("bigdata_ai", "Big data / AI", "Big data / IA"),
))

THERAPEUTIC_AREAS = Vocabulary("therapeutic_area", (
    Term("oncology", "Oncology", "Oncologia"),
    Term("cardiology", "Cardiology", "Cardiologia"),
    Term("neurology", "Neurology", "Neurologia"),
    Term("rehabilitation", "Rehabilitation", "Riabilitazione"),
    Term("molecular_medicine", "Molecular medicine", "Medicina molecolare"),
    Term("psychiatry", "Psychiatry", "Psichiatria"),
    Term("rare_diseases", "Rare diseases", "Malattie rare"),
    Term("musculoskeletal", "Musculoskeletal", "Muscolo-scheletrico"),
    Term("infectious_diseases", "Infectious diseases", "Malattie infettive"),
    Term("other", "Other", "Altro"),
))

COLLABORATION_TYPES = Vocabulary("collaboration_type", (
    Term("licensing", "Licensing", "Licenza"),
    Term("co_development", "Co-development", "Co-sviluppo"),
    Term("clinical_study", "Clinical study", "Studio clinico"),
    Term("contract_research", "Contract research", "Ricerca su commissione"),
    Term("investment", "Investment", "Investimento"),
    Term("funding_call", "Joint funding application", "Partecipazione a bandi"),
))

FUNDING_STAGES = Vocabulary("funding_stage", (
    Term("pre_seed", "Pre-seed", "Pre-seed"),
    Term("seed", "Seed", "Seed"),
    Term("series_a", "Series A", "Serie A"),
    Term("series_b", "Series B", "Serie B"),
    Term("growth", "Growth", "Crescita"),
))

# Italian regions as ISTAT names them (the stored value), with their English names.
REGIONS = Vocabulary("region", (
    Term("Abruzzo", "Abruzzo", "Abruzzo"),
    Term("Basilicata", "Basilicata", "Basilicata"),
    Term("Calabria", "Calabria", "Calabria"),
    Term("Campania", "Campania", "Campania"),
    Term("Emilia-Romagna", "Emilia-Romagna", "Emilia-Romagna"),
    Term("Friuli-Venezia Giulia", "Friuli Venezia Giulia", "Friuli-Venezia Giulia"),
    Term("Lazio", "Lazio", "Lazio"),
    Term("Liguria", "Liguria", "Liguria"),
    Term("Lombardia", "Lombardy", "Lombardia"),
    Term("Marche", "Marche", "Marche"),
    Term("Molise", "Molise", "Molise"),
    Term("Piemonte", "Piedmont", "Piemonte"),
    Term("Puglia", "Apulia", "Puglia"),
    Term("Sardegna", "Sardinia", "Sardegna"),
    Term("Sicilia", "Sicily", "Sicilia"),
    Term("Toscana", "Tuscany", "Toscana"),
    Term("Trentino-Alto Adige/Südtirol", "Trentino-South Tyrol", "Trentino-Alto Adige/Südtirol"),
    Term("Umbria", "Umbria", "Umbria"),
    Term("Valle d'Aosta/Vallée d'Aoste", "Aosta Valley", "Valle d'Aosta/Vallée d'Aoste"),
    Term("Veneto", "Veneto", "Veneto"),
))

# Which partners a member prefers: a small boost in the ranking (matching.scoring.proximity), not an order, so the
# labels say "prefer" (EU partners are still suggested in every case; the suggestions' filters show only them).
PROXIMITY = Vocabulary("proximity", (
    Term("anywhere", "Anywhere", "Ovunque"),
    Term("country", "Prefer my country", "Preferisci il mio paese"),
    Term("region", "Prefer my region", "Preferisci la mia regione"),
))

LANGUAGES = Vocabulary("language", (
    Term("en", "English", "Inglese"),
    Term("it", "Italian", "Italiano"),
))


def N_(message: str) -> str:
    """Mark a string for the translation catalogue without translating it here (the web layer does)."""
    return message


# Technology readiness levels as the EU defines them (Horizon 2020 General Annex G).
TRL_LEVELS: tuple[tuple[int, str], ...] = (
    (1, N_("TRL 1 – basic principles observed")),
    (2, N_("TRL 2 – technology concept formulated")),
    (3, N_("TRL 3 – experimental proof of concept")),
    (4, N_("TRL 4 – technology validated in lab")),
    (5, N_("TRL 5 – validated in relevant environment")),
    (6, N_("TRL 6 – demonstrated in relevant environment")),
    (7, N_("TRL 7 – prototype demonstrated in operational environment")),
    (8, N_("TRL 8 – system complete and qualified")),
    (9, N_("TRL 9 – proven in operational environment")),
)

# Extra spellings people use in spreadsheets, keyed by the folded form.
ALIASES: dict[str, dict[str, str]] = {
    "kind": {
        "company": "large_company", "large": "large_company", "pmi": "sme", "startup": "startup",
        "irccs": "irccs_hospital", "hospital": "irccs_hospital", "ospedale": "irccs_hospital",
        "researchcentre": "public_research_centre", "researchcenter": "public_research_centre",
        "universita": "university", "vc": "investor", "venturecapital": "investor",
    },
    "sector": {"biotech": "biotech", "biopharma": "biotech", "meddev": "medical_devices",
               "diagnostics": "ivd", "ai": "bigdata_ai", "telemedicine": "digital_health"},
    "therapeutic_area": {"cancer": "oncology", "cardiovascular": "cardiology"},
    "region": {"trentinoaltoadige": "Trentino-Alto Adige/Südtirol", "trentino": "Trentino-Alto Adige/Südtirol",
               "altoadige": "Trentino-Alto Adige/Südtirol", "southtyrol": "Trentino-Alto Adige/Südtirol",
               "valledaosta": "Valle d'Aosta/Vallée d'Aoste", "aosta": "Valle d'Aosta/Vallée d'Aoste",
               "friuliveneziagiulia": "Friuli-Venezia Giulia", "emiliaromagna": "Emilia-Romagna",
               "latium": "Lazio", "themarches": "Marche", "piedmont": "Piemonte", "lombardy": "Lombardia"},
    # the labels before 2026-12-02 ("My region first"...), still accepted from API clients and import files
    "proximity": {"myregionfirst": "region", "mycountryfirst": "country", "primalamiaregione": "region",
                  "primailmiopaese": "country"},
}

VOCABULARIES = {v.name: v for v in (KINDS, SECTORS, THERAPEUTIC_AREAS, COLLABORATION_TYPES, FUNDING_STAGES,
                                    LANGUAGES, REGIONS, PROXIMITY)}
