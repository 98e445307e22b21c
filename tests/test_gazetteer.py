"""Tests for pipeline.nlp.gazetteer: data integrity, the typed loader, and the look-ups.

Texts are made up for these tests (other drivers, seasons and series than the seeds)."""
from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from pipeline.nlp.gazetteer import (
    KIND_FILES,
    LABELS,
    GazEntry,
    GazetteerError,
    first_names,
    load_first_names_from,
    load_gazetteer,
    load_gazetteer_from,
    normalize,
)

DATA_DIR = resources.files("pipeline").joinpath("data", "gazetteer")
MINIMUM_ENTRIES = {"SERIES": 240, "CIRCUIT": 220, "TEAM": 320, "CAR": 220, "ORG": 25, "CATEGORY": 25}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged data files, to break on purpose."""
    target = tmp_path / "gazetteer"
    target.mkdir()
    for item in DATA_DIR.iterdir():
        if item.name.endswith(".json"):
            (target / item.name).write_bytes(item.read_bytes())
    return target


def _edit(directory: Path, name: str, edit) -> None:
    path = directory / name
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# --------------------------------------------------------------------------- data integrity

@pytest.mark.parametrize("label, minimum", sorted(MINIMUM_ENTRIES.items()))
def test_each_kind_has_enough_entries(gaz, label, minimum):
    assert sum(e.label == label for e in gaz.entries) >= minimum


def test_every_data_file_is_a_list_of_entries_with_the_documented_keys():
    for name, label in KIND_FILES.items():
        data = json.loads(DATA_DIR.joinpath(name).read_text(encoding="utf-8"))
        assert isinstance(data, list) and data, name
        expected = {"canonical", "aliases", "aliases_sv", "discipline"}
        if label == "CIRCUIT":
            expected |= {"towns", "codes"}
        for item in data:
            assert set(item) - {"generic"} == expected, (name, item.get("canonical"))
            assert item.get("generic", False) in (True, False)


def test_generic_entries_are_matched_but_marked(gaz):
    assert gaz.entry("Karting").generic and not gaz.entry("Rallycross").generic
    assert gaz.canonical("kart racing") == "Karting"


def test_categories_are_generic_and_never_series(gaz):
    categories = [e for e in gaz.entries if e.label == "CATEGORY"]
    assert categories and all(e.generic for e in categories)
    for text in ("KF2", "GT3", "Super1600", "Rally2", "OK-Junior"):
        assert gaz.canonical(text, "SERIES") is None, text
        assert gaz.label_of(gaz.canonical(text)) == "CATEGORY", text


def test_no_alias_or_town_is_shared_by_two_entries(gaz):
    owners: dict[str, str] = {}
    for entry in gaz.entries:
        for form in (*entry.aliases, *entry.towns):
            key = normalize(form)
            assert owners.setdefault(key, entry.canonical) == entry.canonical, form


def test_entries_are_well_formed(gaz):
    canonicals = [e.canonical for e in gaz.entries]
    assert len(canonicals) == len(set(canonicals))
    for entry in gaz.entries:
        assert isinstance(entry, GazEntry)
        assert entry.label in LABELS
        assert entry.aliases[0] == entry.canonical
        assert gaz.canonical(entry.canonical, entry.label) == entry.canonical
        if entry.label != "CIRCUIT":
            assert entry.towns == () and entry.codes == ()


def test_circuit_codes_are_upper_case_two_to_four_letters(gaz):
    codes = [code for e in gaz.entries for code in e.codes]
    assert len(codes) >= 100
    for code in codes:
        assert code.isascii() and code.isalpha() and code.isupper() and 2 <= len(code) <= 4, code


def test_every_alias_resolves_to_its_own_entry(gaz):
    for entry in gaz.entries:
        for form in (*entry.aliases, *entry.towns):
            assert gaz.canonical(form) == entry.canonical, form


def test_data_hash_is_stable_and_follows_the_bytes(gaz, data_copy):
    assert len(gaz.data_hash) == 64
    assert load_gazetteer_from(data_copy).data_hash == gaz.data_hash
    _edit(data_copy, "cars.json", lambda d: d.append(
        {"canonical": "Testmobile 9000 TCR", "aliases": [], "aliases_sv": [], "discipline": None}))
    assert load_gazetteer_from(data_copy).data_hash != gaz.data_hash


def test_load_gazetteer_is_cached():
    assert load_gazetteer() is load_gazetteer()


# --------------------------------------------------------------------------- loader refusals

def test_loader_rejects_an_unknown_key(data_copy):
    _edit(data_copy, "teams.json", lambda d: d[0].update({"nickname": "x"}))
    with pytest.raises(GazetteerError, match=r"(?s)teams\.json.*nickname"):
        load_gazetteer_from(data_copy)


def test_loader_rejects_towns_outside_circuits(data_copy):
    _edit(data_copy, "series.json", lambda d: d[0].update({"towns": ["Somewhere"]}))
    with pytest.raises(GazetteerError, match=r"series\.json"):
        load_gazetteer_from(data_copy)


@pytest.mark.parametrize("duplicate", ["btcc", "B.T.C.C", "BTCC "])
def test_loader_rejects_a_duplicate_alias_naming_file_and_alias(data_copy, duplicate):
    # "BTCC" already belongs to the British Touring Car Championship in series.json.
    _edit(data_copy, "teams.json", lambda d: d.append(
        {"canonical": "Some Team", "aliases": [duplicate], "aliases_sv": [], "discipline": None}))
    if duplicate == "B.T.C.C":  # punctuation is kept: a different alias, so it loads
        assert load_gazetteer_from(data_copy).canonical("B.T.C.C") == "Some Team"
        return
    with pytest.raises(GazetteerError, match=r"(?i)teams\.json: duplicate alias .*btcc") as err:
        load_gazetteer_from(data_copy)
    assert "series.json" in str(err.value)


def test_loader_rejects_a_diacritic_only_duplicate(data_copy):
    _edit(data_copy, "circuits.json", lambda d: d.append(
        {"canonical": "NURBURGRING", "aliases": [], "aliases_sv": [], "discipline": None,
         "towns": [], "codes": []}))
    with pytest.raises(GazetteerError, match=r"duplicate alias 'NURBURGRING'"):
        load_gazetteer_from(data_copy)


@pytest.mark.parametrize("code", ["hoc", "H", "HOCKE", "H0C"])
def test_loader_rejects_a_malformed_code(data_copy, code):
    _edit(data_copy, "circuits.json", lambda d: d[0].update({"codes": [code]}))
    with pytest.raises(GazetteerError, match=r"circuits\.json"):
        load_gazetteer_from(data_copy)


def test_loader_rejects_an_unknown_discipline(data_copy):
    _edit(data_copy, "cars.json", lambda d: d[0].update({"discipline": "hovercraft"}))
    with pytest.raises(GazetteerError, match=r"cars\.json"):
        load_gazetteer_from(data_copy)


def test_loader_rejects_boundary_words_with_an_unknown_key(data_copy):
    path = data_copy / "name_boundaries.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["de"] = ["der"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"name_boundaries\.json"):
        load_gazetteer_from(data_copy)


def test_loader_names_a_missing_boundary_file(data_copy):
    (data_copy / "name_boundaries.json").unlink()
    with pytest.raises(GazetteerError, match=r"name_boundaries\.json"):
        load_gazetteer_from(data_copy)


def test_loader_names_a_missing_file(data_copy):
    (data_copy / "organisations.json").unlink()
    with pytest.raises(GazetteerError, match=r"organisations\.json"):
        load_gazetteer_from(data_copy)


def test_loader_rejects_broken_json(data_copy):
    (data_copy / "series.json").write_text("[{", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"series\.json"):
        load_gazetteer_from(data_copy)


# --------------------------------------------------------------------------- canonical()

@pytest.mark.parametrize("text, label, expected", [
    # touring cars, English
    ("STCC TCR Scandinavia Touring Car Championship", "SERIES", "STCC"),
    ("Scandinavian Touring Car Championship", "SERIES", "STCC"),
    ("TCR Scandinavia", "SERIES", "STCC"),
    ("FIA WTCR", "SERIES", "World Touring Car Cup"),
    ("World Touring Car Championship", "SERIES", "World Touring Car Championship"),
    ("ADAC TCR Germany Touring Car Championship", "SERIES", "TCR Germany"),
    ("TCR Europe Touring Car Series", "SERIES", "TCR Europe"),
    ("the BTCC", "SERIES", "British Touring Car Championship"),
    ("Supercars", "SERIES", "Supercars Championship"),
    ("TCR Australia Touring Car Series", "SERIES", "TCR Australia"),
    # GT and endurance
    ("GT4 European Series - Silver Cup", "SERIES", "GT4 European Series"),
    ("GT4 European Series – Pro-Am Cup", "SERIES", "GT4 European Series"),
    ("VLN", "SERIES", "Nürburgring Endurance Series"),
    ("24h Nurburgring", "SERIES", "24 Hours of Nürburgring"),
    ("ELMS", "SERIES", "European Le Mans Series"),
    # single seaters
    ("Formula One", "SERIES", "Formula 1"),
    ("Formel 1", "SERIES", "Formula 1"),
    ("FIA F3", "SERIES", "FIA Formula 3 Championship"),
    ("NTT IndyCar Series", "SERIES", "IndyCar Series"),
    ("British F4", "SERIES", "British F4 Championship"),
    # rallycross and rally, both languages
    ("World RX", "SERIES", "FIA World Rallycross Championship"),
    ("Rallycross-VM", "SERIES", "FIA World Rallycross Championship"),
    ("rallykross", "SERIES", "Rallycross"),
    ("Euro RX", "SERIES", "FIA European Rallycross Championship"),
    ("SM i rally", "SERIES", "Swedish Rally Championship"),
    ("Rally-SM", "SERIES", "Swedish Rally Championship"),
    ("WRC", "SERIES", "World Rally Championship"),
    # karting, both languages
    ("CIK-FIA Karting World Championship", "SERIES", "Karting World Championship"),
    ("Karting-VM", "SERIES", "Karting World Championship"),
    ("EM i karting", "SERIES", "European Karting Championship"),
    ("Swedish KF3 Championship", "SERIES", "Swedish Karting Championship"),
    ("SM i karting", "SERIES", "Swedish Karting Championship"),
    ("Gokart-SM", "SERIES", "Swedish Karting Championship"),
    ("svenska mästerskapen", "SERIES", "Swedish Karting Championship"),
    ("Deutsche Kart-Meisterschaft", "SERIES", "German Karting Championship"),
    ("Sverigecupen", "SERIES", "Swedish Karting Cup"),
    ("Distriktsmästerskapet", "SERIES", "District Championship"),
    ("Rotax Grand Finals", "SERIES", "Rotax Max Challenge Grand Finals"),
    ("Motorsport Olympics", "SERIES", "FIA Motorsport Games"),
    # teams
    ("West Coast Racing", "TEAM", "WestCoast Racing"),
    ("WestCoast", "TEAM", "WestCoast Racing"),
    ("Target srl", "TEAM", "Target Competition"),
    ("ROJA Motorsport by ASL Lichtblau", "TEAM", "ROJA Motorsport"),
    ("Prema Powerteam", "TEAM", "Prema Racing"),
    ("Tony Kart Racing Team", "TEAM", "Tony Kart"),
    ("svenska landslaget", "TEAM", "Team Sweden"),
    ("KMS", "TEAM", "Kristoffersson Motorsport"),
    # circuits: names, towns, Swedish genitive, diacritics
    ("Hockenheim", "CIRCUIT", "Hockenheimring"),
    ("Hockenheimrings", "CIRCUIT", "Hockenheimring"),
    ("Nurburgring", "CIRCUIT", "Nürburgring"),
    ("Nordschleife", "CIRCUIT", "Nürburgring Nordschleife"),
    ("Barcelona-Catalunya", "CIRCUIT", "Circuit de Barcelona-Catalunya"),
    ("Scandinavian Raceway", "CIRCUIT", "Anderstorp Raceway"),
    ("Falkenberg", "CIRCUIT", "Falkenbergs Motorbana"),
    ("Gelleråsen", "CIRCUIT", "Karlskoga Motorstadion"),
    ("Höljesbanan", "CIRCUIT", "Höljes Motorstadion"),
    ("Spa-Francorchamps", "CIRCUIT", "Circuit de Spa-Francorchamps"),
    ("Macau", "CIRCUIT", "Circuito da Guia"),
    # cars: spacing variants
    ("Hyundai i30N TCR", "CAR", "Hyundai i30 N TCR"),
    ("Audi RS3 LMS", "CAR", "Audi RS 3 LMS TCR"),
    ("VW Golf GTI TCR", "CAR", "Volkswagen Golf GTI TCR"),
    ("Cupra Leon Competicion", "CAR", "Cupra León Competición TCR"),
    ("Lynk&Co 03 TCR", "CAR", "Lynk & Co 03 TCR"),
    ("Porsche Cayman GT4 Clubsport", "CAR", "Porsche 718 Cayman GT4 Clubsport"),
    # organisations
    ("Svenska Bilsportförbundet", "ORG", "Svenska Bilsportförbundet"),
    ("SBF", "ORG", "Svenska Bilsportförbundet"),
    ("ADAC", "ORG", "ADAC"),
])
def test_canonical_resolves_aliases_in_both_languages(gaz, text, label, expected):
    assert gaz.canonical(text, label) == expected
    assert gaz.canonical(text) == expected
    assert gaz.label_of(expected) == label


@pytest.mark.parametrize("text", [
    "the WestCoast Racing's", "WestCoast Racing\u2019s", "  West Coast Racing. ", "WESTCOAST RACING",
])
def test_canonical_ignores_article_possessive_case_and_edges(gaz, text):
    assert gaz.canonical(text) == "WestCoast Racing"


@pytest.mark.parametrize("text, label", [
    ("Swedish", None), ("Championship", None), ("racing", None), ("", None),
    ("Anderstorp", "SERIES"),      # a town is a circuit, not a series
    ("TCR Europe", "TEAM"),
    ("Formula 7", None),
    ("World Championship", None),  # too generic to name one series
])
def test_canonical_refuses_what_is_not_an_alias(gaz, text, label):
    assert gaz.canonical(text, label) is None


@pytest.mark.parametrize("text, label, expected", [
    # touring cars across eras, English and Swedish aliases
    ("FIA European Touring Car Championship", "SERIES", "European Touring Car Championship"),
    ("Standardvagns-EM", "SERIES", "European Touring Car Championship"),
    ("FIA European Touring Car Cup", "SERIES", "European Touring Car Cup"),
    ("STW", "SERIES", "Super Tourenwagen Cup"),
    ("ITC", "SERIES", "International Touring Car Championship"),
    ("TTA – Racing Elite League", "SERIES", "TTA Racing Elite League"),
    ("PURE ETCR", "SERIES", "FIA ETCR – eTouring Car World Cup"),
    ("NASCAR Busch Series", "SERIES", "NASCAR Xfinity Series"),
    # single seaters
    ("BRDC British F3", "SERIES", "GB3 Championship"),
    ("F3-SM", "SERIES", "Swedish Formula 3 Championship"),
    ("svenska F3", "SERIES", "Swedish Formula 3 Championship"),
    ("World Series by Renault", "SERIES", "Formula Renault 3.5 Series"),
    ("Formula Renault 2.0 UK", "SERIES", "Formula Renault UK"),
    ("tyska F3", "SERIES", "German Formula 3 Championship"),
    ("Indy Pro 2000", "SERIES", "USF Pro 2000 Championship"),
    ("Formula 4 CEZ", "SERIES", "F4 CEZ Championship"),
    # GT and endurance
    ("Porsche Carrera Cup GB", "SERIES", "Porsche Carrera Cup Great Britain"),
    ("Pirelli World Challenge", "SERIES", "GT World Challenge America"),
    ("Sebring 12 Hours", "SERIES", "12 Hours of Sebring"),
    # rallycross, folkrace and rally
    ("FM i rallycross", "SERIES", "Finnish Rallycross Championship"),
    ("Danish Rallycross Championship", "SERIES", "Danish Rallycross Championship"),
    ("SM i folkrace", "SERIES", "Swedish Folkrace Championship"),
    ("NM i rally", "SERIES", "Norwegian Rally Championship"),
    ("1000 Lakes Rally", "SERIES", "Rally Finland"),
    ("Dakarrallyt", "SERIES", "Dakar Rally"),
    # categories, English and Swedish
    ("KF2-klassen", "CATEGORY", "KF2"),
    ("Supercar-klassen", "CATEGORY", "Rallycross Supercar"),
    ("GT3-bilar", "CATEGORY", "GT3"),
    ("Super 1600", "CATEGORY", "Super1600"),
    ("Grupp A", "CATEGORY", "Group A"),
    ("OKJ", "CATEGORY", "OK-Junior"),
    # teams
    ("BMW Team RMG", "TEAM", "Team RMG"),
    ("BMW Team Schnitzer", "TEAM", "Schnitzer Motorsport"),
    ("VX Racing", "TEAM", "Triple Eight Racing"),
    ("Adrian Flux Subaru Racing", "TEAM", "Team BMR"),
    ("Audi Sport Team Joest", "TEAM", "Joest Racing"),
    ("Persson Motorsport", "TEAM", "Persson Motorsport"),
    ("GRT Grasser Racing Team", "TEAM", "Grasser Racing Team"),
    ("AKKA ASP", "TEAM", "AKKodis ASP Team"),
    ("UNI-Virtuosi", "TEAM", "Virtuosi Racing"),
    ("Sahara Force India", "TEAM", "Force India"),
    ("Citroën Total WTCC", "TEAM", "Citroën Racing"),
    ("DJR Team Penske", "TEAM", "Dick Johnson Racing"),
    ("Hoonigan Racing", "TEAM", "Hoonigan Racing Division"),
    ("GC Kompetition", "TEAM", "GCK"),
    ("Team Biogas.se", "TEAM", "Team Biogas.se"),
    ("Flash Engineering", "TEAM", "Flash Engineering"),
    # circuits: Nordic in depth, towns, Swedish names
    ("Sturupbanan", "CIRCUIT", "Sturup Raceway"),
    ("Tierp", "CIRCUIT", "Tierp Arena"),
    ("Vålerbanen", "CIRCUIT", "Vålerbanen"),
    ("Valerbanen", "CIRCUIT", "Vålerbanen"),
    ("Storforshei", "CIRCUIT", "Arctic Circle Raceway"),
    ("Kemora", "CIRCUIT", "Kemora"),
    ("Keimola", "CIRCUIT", "Keimola Motor Stadium"),
    ("Tingstäde", "CIRCUIT", "Gotland Ring"),
    ("Mosport", "CIRCUIT", "Canadian Tire Motorsport Park"),
    ("Trac Môn", "CIRCUIT", "Anglesey Circuit"),
    ("Sears Point", "CIRCUIT", "Sonoma Raceway"),
    # cars across eras and disciplines, with short forms
    ("Ford Mondeo Ghia", "CAR", "Ford Mondeo"),
    ("Volvo 850 Estate", "CAR", "Volvo 850"),
    ("Vauxhall Astra Coupe", "CAR", "Vauxhall Astra Coupé"),
    ("Opel Astra V8 Coupe", "CAR", "Opel Astra V8 Coupé"),
    ("AMG-Mercedes C-Klasse", "CAR", "Mercedes-Benz C-Class DTM"),
    ("BMW 320TC", "CAR", "BMW 320 TC"),
    ("Subaru Levorg", "CAR", "Subaru Levorg GT"),
    ("911 GT3 R", "CAR", "Porsche 911 GT3 R"),
    ("Ferrari 458 GT3", "CAR", "Ferrari 458 Italia GT3"),
    ("Tatuus F3 T-318", "CAR", "Tatuus T-318"),
    ("Tatuus F3-016", "CAR", "Tatuus MSV F3-016"),
    ("i20 N Rally2", "CAR", "Hyundai i20 N Rally2"),
    ("Skoda Fabia R5", "CAR", "Škoda Fabia Rally2"),
    ("Citroen C3 R5", "CAR", "Citroën C3 Rally2"),
    ("Polo GTI R5", "CAR", "Volkswagen Polo GTI R5"),
    ("VW Polo RX1e", "CAR", "Volkswagen Polo RX1e"),
])
def test_canonical_resolves_new_coverage(gaz, text, label, expected):
    assert gaz.canonical(text) == expected
    assert gaz.label_of(expected) == label


@pytest.mark.parametrize("word, boundary, head", [
    ("the", True, False), ("The", True, False), ("på", True, False), ("Joins", True, False),
    ("Team", False, True), ("Scuderia", False, True), ("BMW", False, False), ("Berg", False, False),
])
def test_boundary_words_and_name_heads(gaz, word, boundary, head):
    assert gaz.is_boundary_word(word) is boundary
    assert gaz.is_name_head(word) is head


def test_entry_and_label_of(gaz):
    entry = gaz.entry("Autodrom Most")
    assert entry is not None and entry.label == "CIRCUIT"
    assert "Most" in entry.towns and "MST" in entry.codes
    assert gaz.entry("Most") is None            # a town is not a canonical name
    assert gaz.entry("TCR Scandinavia") is None  # an alias is not a canonical name
    assert gaz.label_of("Kosmic Racing Department") == "TEAM"
    assert gaz.label_of("nothing of the sort") is None


# --------------------------------------------------------------------------- codes

@pytest.mark.parametrize("code, circuit", [
    ("HOC", "Hockenheimring"), ("MNZ", "Autodromo Nazionale Monza"),
    ("CAT", "Circuit de Barcelona-Catalunya"), ("LEC", "Circuit Paul Ricard"),
    ("ZAN", "Circuit Zandvoort"), ("SPA", "Circuit de Spa-Francorchamps"),
    ("HUN", "Hungaroring"), ("ASS", "TT Circuit Assen"), ("RBR", "Red Bull Ring"),
    ("RED", "Red Bull Ring"), ("OSC", "Motorsport Arena Oschersleben"), ("ZOL", "Circuit Zolder"),
    ("JAR", "Circuito del Jarama"), ("SAL", "Salzburgring"), ("NUR", "Nürburgring"),
    ("LAU", "Lausitzring"), ("SAC", "Sachsenring"), ("GER", "Nürburgring Nordschleife"),
    ("POR", "Circuito Internacional de Vila Real"), ("ESP", "MotorLand Aragón"),
    ("CZE", "Autodrom Most"), ("ITA", "Adria International Raceway"), ("RUS", "Sochi Autodrom"),
    ("BRH", "Brands Hatch"), ("AND", "Anderstorp Raceway"), ("mnz", "Autodromo Nazionale Monza"),
])
def test_circuits_for_code(gaz, code, circuit):
    assert circuit in gaz.circuits_for_code(code)
    assert code.upper() in gaz.codes_for_circuit(circuit)


def test_a_code_may_belong_to_several_circuits(gaz):
    assert len(gaz.circuits_for_code("GER")) >= 2
    assert gaz.circuits_for_code("XYZ") == ()
    assert gaz.codes_for_circuit("Nowhere Raceway") == frozenset()


# --------------------------------------------------------------------------- longest_prefix

@pytest.mark.parametrize("line, label, canonical, consumed", [
    ("TCR Italy Touring Car Championship BRC Racing Team 12 1 0 2 4 180 5th", "SERIES",
     "TCR Italy", "TCR Italy Touring Car Championship"),
    ("ADAC GT4 Germany - Trophy PROsport Racing 10 0 0 0 1 44 12th", "SERIES",
     "ADAC GT4 Germany", "ADAC GT4 Germany - Trophy"),
    ("GT4 European Series - Silver Cup Team WRT 12 2 1 0 5 98 3rd", "SERIES",
     "GT4 European Series", "GT4 European Series - Silver Cup"),
    ("  Euro RX Olsbergs MSE 5 0 0 0 0 21 14th", "SERIES",
     "FIA European Rallycross Championship", "  Euro RX"),
    ("Lestrup Racing Team Cupra León TCR 14 0", "TEAM", "Lestrup Racing Team", "Lestrup Racing Team"),
    ("Cupra León Competición TCR 4 2", "CAR", "Cupra León Competición TCR",
     "Cupra León Competición TCR"),
    ("Hockenheim 3rd", "CIRCUIT", "Hockenheimring", "Hockenheim"),
    ("TCR UK Touring Car Championship Brink Motorsport 14 0", None,
     "TCR UK", "TCR UK Touring Car Championship"),
])
def test_longest_prefix_splits_table_lines(gaz, line, label, canonical, consumed):
    assert gaz.longest_prefix(line, label) == (canonical, len(consumed))
    assert line[:len(consumed)] == consumed


@pytest.mark.parametrize("line, label", [
    ("2019 TCR Europe Target Competition", None),   # does not start with a name
    ("BTCCs 4 0", "SERIES"),                         # no word boundary after the alias
    ("Most of the season", None),                    # towns only with label CIRCUIT
    ("most 3rd", "CIRCUIT"),                         # a town must be capitalised
    ("", None),
    ("TCR Europe 2019", "TEAM"),                     # wrong label
])
def test_longest_prefix_refuses(gaz, line, label):
    assert gaz.longest_prefix(line, label) is None


# --------------------------------------------------------------------------- find_all

def _found(gaz, text, label=None):
    return [(text[s:e], lab, canonical) for s, e, lab, canonical in gaz.find_all(text, label)]


@pytest.mark.parametrize("text, expected", [
    ("In 2016 Mikko Virtanen raced a Honda Civic Type R TCR for JAS Motorsport in the "
     "TCR International Series, finishing third at the Hungaroring.",
     [("Honda Civic Type R TCR", "CAR", "Honda Civic Type R TCR"),
      ("JAS Motorsport", "TEAM", "JAS Motorsport"),
      ("TCR International Series", "SERIES", "TCR International Series"),
      ("Hungaroring", "CIRCUIT", "Hungaroring")]),
    ("Emma Lindqvist moved from karting to the Formula STCC Nordic with MA:GP and won at Falkenberg.",
     [("karting", "SERIES", "Karting"),
      ("Formula STCC Nordic", "SERIES", "Formula STCC Nordic"),
      ("MA:GP", "TEAM", "MA:GP"),
      ("Falkenberg", "CIRCUIT", "Falkenbergs Motorbana")]),
    ("Oskar Berg tog sin första seger i Rallycross-SM på Höljes och körde sedan RX2 för "
     "Olsbergs MSE i Euro RX.",
     [("Rallycross-SM", "SERIES", "Swedish Rallycross Championship"),
      ("Höljes", "CIRCUIT", "Höljes Motorstadion"),
      ("RX2", "SERIES", "RX2 International Series"),
      ("Olsbergs MSE", "TEAM", "Olsbergs MSE"),
      ("Euro RX", "SERIES", "FIA European Rallycross Championship")]),
    ("Linnea Ek vann SM i karting 2015 och körde sedan Porsche Carrera Cup Scandinavia vid Mantorp.",
     [("SM i karting", "SERIES", "Swedish Karting Championship"),
      ("Porsche Carrera Cup Scandinavia", "SERIES", "Porsche Carrera Cup Scandinavia"),
      ("Mantorp", "CIRCUIT", "Mantorp Park")]),
    # a longer alias wins over the shorter one inside it
    ("He drove the Hyundai i30 N TCR and later the Audi RS3 LMS TCR in ADAC TCR Germany.",
     [("Hyundai i30 N TCR", "CAR", "Hyundai i30 N TCR"),
      ("Audi RS3 LMS TCR", "CAR", "Audi RS 3 LMS TCR"),
      ("ADAC TCR Germany", "SERIES", "TCR Germany")]),
    # possessives and Swedish genitives keep the bare name
    ("WestCoast Racing's entry and STCC:s final at Knutstorp.",
     [("WestCoast Racing", "TEAM", "WestCoast Racing"),
      ("STCC", "SERIES", "STCC"),
      ("Knutstorp", "CIRCUIT", "Ring Knutstorp")]),
])
def test_find_all_in_running_text(gaz, text, expected):
    assert _found(gaz, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("In 1997 Rickard Holm drove a Volvo S40 for Flash Engineering in the Super Touring era of "
     "the STW, then a BMW 320i at Mantorp.",
     [("Volvo S40", "CAR", "Volvo S40"), ("Flash Engineering", "TEAM", "Flash Engineering"),
      ("Super Touring", "CATEGORY", "Super Touring"), ("STW", "SERIES", "Super Tourenwagen Cup"),
      ("BMW 320i", "CAR", "BMW 320i"), ("Mantorp", "CIRCUIT", "Mantorp Park")]),
    ("Ida Sund körde KF2-klassen i SM 2012, sedan Formel Renault och Folkrace-SM på Tierp.",
     [("KF2-klassen", "CATEGORY", "KF2"), ("SM", "SERIES", "Swedish Karting Championship"),
      ("Formel Renault", "SERIES", "Formula Renault"),
      ("Folkrace-SM", "SERIES", "Swedish Folkrace Championship"),
      ("Tierp", "CIRCUIT", "Tierp Arena")]),
    ("Aki Laine took an i20 N Rally2 to third in Rally Finland for Hyundai 2C Competition.",
     [("i20 N Rally2", "CAR", "Hyundai i20 N Rally2"), ("Rally Finland", "SERIES", "Rally Finland"),
      ("Hyundai 2C Competition", "TEAM", "Hyundai 2C Competition")]),
])
def test_find_all_knows_the_new_coverage(gaz, text, expected):
    assert _found(gaz, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("She won at Most in the rain.", [("Most", "CIRCUIT", "Autodrom Most")]),
    ("She won on Most.", [("Most", "CIRCUIT", "Autodrom Most")]),
    ("Hon vann i Most och på Adria.", [("Most", "CIRCUIT", "Autodrom Most"),
                                     ("Adria", "CIRCUIT", "Adria International Raceway")]),
    ("Most drivers scored at most twice.", []),     # no cue, then a lower-case word
    ("Monza was dry, but the Spa weekend was wet.", []),  # towns need a cue
    ("The race at Monza was dry.", [("Monza", "CIRCUIT", "Autodromo Nazionale Monza")]),
    # big cities where drivers are born or live are not towns of a circuit
    ("Hon föddes i Göteborg och bor i Monaco.", []),
    ("Born in Melbourne, he lives in Valencia.", []),
    ("Racing at Autodromo Nazionale Monza", [("Autodromo Nazionale Monza", "CIRCUIT",
                                              "Autodromo Nazionale Monza")]),
])
def test_find_all_counts_towns_only_after_a_cue(gaz, text, expected):
    assert _found(gaz, text) == expected


def test_find_all_filters_by_label_and_keeps_offsets(gaz):
    text = "Anna Berg drove for Cyan Racing in the WTCR at Ningbo in a Lynk & Co 03 TCR."
    assert _found(gaz, text, "TEAM") == [("Cyan Racing", "TEAM", "Cyan Racing")]
    assert _found(gaz, text, "CIRCUIT") == [("Ningbo", "CIRCUIT", "Ningbo International Speedpark")]
    for start, end, label, canonical in gaz.find_all(text):
        assert gaz.canonical(text[start:end], label) == canonical


def test_find_all_needs_word_boundaries(gaz):
    assert _found(gaz, "The BTCCs and WTCRx do not exist; STCC-mästaren does.") == [
        ("STCC", "SERIES", "STCC")]


def test_find_all_on_empty_and_nameless_text(gaz):
    assert gaz.find_all("") == []
    assert gaz.find_all("Nothing here names a series, a team or a track.") == []


# --------------------------------------------------------------------------- first names

def test_first_names_are_plenty_and_look_like_names():
    names = first_names()
    assert set(names) == {"female", "male"}
    assert len(names["female"]) >= 300 and len(names["male"]) >= 300
    for name in names["female"] | names["male"]:
        assert name[0].isupper() and " " not in name, name
    # a name in both lists is fine (Andrea, Janne), but they are mostly disjoint
    assert len(names["female"] & names["male"]) < 20


@pytest.mark.parametrize("name, sex", [
    ("Linnea", "female"), ("Ebba", "female"), ("Sanna", "female"), ("Siri", "female"),
    ("Mette", "female"), ("Aino", "female"), ("Sophie", "female"), ("Charlotte", "female"),
    ("Mattias", "male"), ("Gustav", "male"), ("Jussi", "male"), ("Rasmus", "male"),
    ("Sindre", "male"), ("Valtteri", "male"), ("Lewis", "male"), ("Sébastien", "male"),
])
def test_first_names_know_nordic_and_european_names(name, sex):
    names = first_names()
    assert name in names[sex]
    other = "male" if sex == "female" else "female"
    assert name not in names[other]


def test_first_names_cannot_be_altered_by_a_caller():
    first_names()["female"] = frozenset()
    assert "Linnea" in first_names()["female"]


def test_first_names_loader_rejects_unknown_keys(tmp_path):
    (tmp_path / "first_names.json").write_text(
        json.dumps({"female": ["Anna"], "male": ["Erik"], "surnames": ["Berg"]}), encoding="utf-8")
    with pytest.raises(GazetteerError, match="first_names.json"):
        load_first_names_from(tmp_path)
