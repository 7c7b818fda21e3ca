"""Italian regions: the controlled vocabulary (ISTAT names), and the region of a city for profiles imported
without one (CORDIS gives city and country only)."""
from __future__ import annotations

from matchmaker.taxonomy import REGIONS, fold

_REGIONS = {
    "Lombardia": "milano milan pavia brescia bergamo monza como varese lodi cremona mantova lecco sondrio rozzano "
                 "segrate sestosangiovanni bresso cinisellobalsamo legnano gallarate "
                 "bustoarsizio pozzuolomartesana basiglio assago vimodrone peschieraborromeo castellanza",
    "Lazio": "roma rome frascati latina viterbo",
    "Piemonte": "torino turin novara alessandria cuneo ivrea",
    "Emilia-Romagna": "bologna modena parma ferrara reggioemilia rimini ravenna cesena faenza piacenza",
    "Toscana": "firenze florence pisa siena lucca livorno prato sestofiorentino",
    "Veneto": "padova padua venezia venice verona vicenza treviso",
    "Liguria": "genova genoa laspezia savona",
    "Campania": "napoli naples salerno caserta portici pozzuoli",
    "Trentino-Alto Adige/Südtirol": "trento bolzano bozen rovereto",
    "Friuli-Venezia Giulia": "trieste udine pordenone",
    "Puglia": "bari lecce foggia brindisi taranto",
    "Sicilia": "palermo catania messina",
    "Sardegna": "cagliari sassari pula",
    "Marche": "ancona macerata camerino urbino",
    "Umbria": "perugia terni",
    "Abruzzo": "laquila pescara chieti teramo",
    "Calabria": "cosenza rende catanzaro reggiocalabria",
}
CITY_TO_REGION = {city: region for region, cities in _REGIONS.items() for city in cities.split()}


def region_for(city: str, country: str) -> str:
    """The Italian region of `city`, or '' when unknown or outside Italy."""
    if country.upper() != "IT":
        return ""
    return CITY_TO_REGION.get(fold(city), "")


def normalise_region(value: str) -> str | None:
    """The ISTAT name of a region written in Italian or English ("Lombardy" -> "Lombardia"), '' for a blank,
    None when it is not an Italian region."""
    if not (value or "").strip():
        return ""
    return REGIONS.lookup(value)
