"""Which written terms a reason line may show: words every life-science profile uses, words that are no
capability on their own, phrases that only restate a named concept, and shorter terms inside longer ones."""
from __future__ import annotations

from matchmaker import glossary

# Words every life-science profile uses, in both languages (a small directory cannot tell them by frequency).
GENERIC_WORDS = frozenset("""
    disease diseases clinical clinic study studies research researcher researchers patient patients treatment
    treatments therapy therapies therapeutic development develop new novel approach approaches data system systems
    technology technologies method methods care model models analysis based use application applications
    innovative innovation solution solutions process processes field level levels high improve improved
    knowledge work area areas service services quality impact market product products life science sciences
    heterogeneous various several different specific current particular potential major key main important
    significant relevant available existing common overall
    malattia malattie clinico clinica clinici studio studi ricerca ricerche paziente pazienti trattamento
    trattamenti terapia terapie sviluppo nuovo nuova nuovi nuove approccio sistema sistemi tecnologia tecnologie
    metodo metodi dati cura modello modelli analisi applicazione applicazioni innovativo innovativa soluzione
    soluzioni processo processi prodotto prodotti servizio servizi qualita mercato
""".split()) | frozenset("""
    start-up start-ups startup startups spin-off spin-offs spinoff spinoffs company companies sme smes
    azienda aziende impresa imprese pmi societa
    lombard lombardy lombardo lombarda lombardi lombarde lombardia italian italians italy italiano italiana
    italiani italiane italia european europeo europea europei europee europe regional regionale regionali
    national nazionale nazionali international internazionale internazionali local locale locali
    milan milano milanese milanesi northern southern settentrionale meridionale
""".split()) | frozenset("""
    search mission missions missione missioni cluster clusters adult adults adulto adulta adulti adulte
""".split()) | frozenset("""
    university universities universita universitario universitaria politecnico polytechnic hospital hospitals
    ospedale ospedali ospedaliero ospedaliera institute institutes istituto istituti foundation fondazione
    irccs
    seed pre-seed round rounds series funding investment investments investor investors finanziamento
    finanziamenti investimento investimenti investitore investitori capital capitale venture
""".split())  # who and where a profile is (its kind and region say it), not what it works on; and the words of the
# programmes' own titles ("Cancer Mission", "Cluster 1 Health") and of any study population ("adults") that a
# newcomer's walk saw as reasons (2026-12-01); the kinds of organisation ("politecnico", "hospitals": its kind says
# what it is) and the words of a funding round ("seed", which a start-up seeks and no university offers), shown as
# shared topics by a start-up's research partners (2026-12-01 walk; an investor's pair has its stage and ticket lines)
# Words of any life-science text: shown, but after every more specific term (technical, topical or plain).
COMMON_SCIENCE = frozenset("""
    molecule molecules molecular protein proteins cell cells gene genes compound compounds sample samples
    refined longitudinal option options outcome outcomes tool tools target targets mechanism mechanisms
    pathway pathways biology biological chemical drug drugs response responses effect effects factor factors
    molecola molecole proteina proteine cellula cellule gene geni
""".split())
# Words that are no capability on their own, in both languages: adjectives without their noun ("recombinant" what?)
# and fragments any drug-discovery text uses ("hits", "binding"), or a regulatory text ("class" of "MDR class IIa",
# "marks" of "CE marks", "record" of "track record"). Alone they are dropped from a reason line that
# has a better term (a whole term such as "recombinant proteins" stays); see not_alone for the suffix rules.
NOT_ALONE = COMMON_SCIENCE | frozenset("""
    recombinant viral bacterial fungal microbial hit hits binding bound lead leads early late early-stage
    late-stage human humans animal acute chronic severe rare small large multiple single
    novel advanced robust effective safe active selective specific broad wide
    ricombinante ricombinanti virale virali batterico batterica batterici acuto acuta cronico cronica raro rara
    rari rare umano umana umani precoce tardivo avanzato avanzata longitudinale longitudinali predittivo
    predittiva innovativo innovativa invasivo invasiva
    discovery survival pipeline pipelines scoperta sopravvivenza
    class classe classi mark marks marking record records profiling rate rates tasso tassi
""".split())
# Latin words that people write after "in" (a stop word the engine drops): reasons show the phrase as written.
AFTER_IN = frozenset({"vitro", "vivo", "silico", "situ", "utero", "ovo"})


# Words of the funding programmes' own titles: a phrase with one ("cancer mission", "cluster health") names the call
# a project answered, not what either side works on (2026-12-01 walk: "cancer mission (oncologia)" as a reason).
PROGRAMME_WORDS = frozenset("mission missions missione missioni cluster clusters horizon".split())


def says_something(word: str) -> bool:
    """False for a written term made only of words every life-science profile uses or of adverbs
    ("importantly", "significantly"), or naming a funding programme (PROGRAMME_WORDS)."""
    if any(part.lower() in PROGRAMME_WORDS for part in word.split()):
        return False
    return not all(part.lower() in GENERIC_WORDS or (part.lower().endswith("ly") and len(part) > 5)
                   for part in word.split())


def not_alone(term: str) -> bool:
    """True for a one-word term that is no capability on its own: a word of NOT_ALONE, or by its ending an English
    past participle ("refined", "targeted": -ed) or an adjective in -ous/-ive ("invasive"), words of more than five
    letters (no Italian suffix rule: "dispositivi" ends like "predittivi"; Italian adjectives are listed)."""
    if " " in term.strip():
        return False
    word = term.strip().lower()
    return word in NOT_ALONE or (len(word) > 5 and word.endswith(("ed", "ous", "ive")))


def whole_terms(terms: list[str]) -> list[str]:
    """`terms` without the one-word terms that are no capability on their own (not_alone), when a better term
    is left to show; otherwise unchanged (a line with only such words still says where the texts meet)."""
    better = [term for term in terms if not not_alone(term)]
    return better if better else terms


def beyond(concepts: set[str], terms: list[str]) -> list[str]:
    """`terms` without those that only repeat the names of `concepts` ("infectious disease" beside the concept
    infectious diseases); a more specific word of a concept ("glioma" beside oncology) stays."""
    named = {word.rstrip("s") for code in concepts for word in glossary.label(code).lower().split()}
    return [term for term in terms
            if not all(part.lower().rstrip("s") in named or part.lower() in GENERIC_WORDS for part in term.split())]


def distinct(terms: list[str], n: int) -> list[str]:
    """The first `n` of `terms` (in order) without a term whose words another shown term contains ("pre-clinical"
    beside "pre-clinical drug": the longer one stays, in the shorter one's place)."""
    def within(short: str, long: str) -> bool:
        return short != long and f" {short.lower()} " in f" {long.lower()} "

    shown: list[str] = []
    for term in terms:
        if any(within(term, other) for other in shown):
            continue
        inner = [k for k, other in enumerate(shown) if within(other, term)]
        if inner:
            shown[inner[0]] = term
            shown = [other for k, other in enumerate(shown) if k not in inner[1:]]
        elif len(shown) < n:
            shown.append(term)
    return shown
