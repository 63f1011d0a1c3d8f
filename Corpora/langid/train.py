#!/usr/bin/env python3
"""Build the Tilmash language-identification model from Debian packages.

Steps (all deterministic for a fixed set of package versions):

  1. fetch    `apt-get download` the packages listed in PACKAGES and unpack
              each with `dpkg-deb -x` into CACHE/pkg/NAME (no system install,
              no root needed).  `--list-packages` prints the list.
  2. collect  read translation catalogues (.mo), Firefox/Thunderbird
              language packs (.ftl/.properties inside .xpi) and Unicode CLDR
              XML for tr az de en kk ru uz ky; clean every string (format
              specifiers, accelerators, markup, URLs, untranslated English,
              words in the wrong script ...); deduplicate.
  3. split    by a hash of the normalised string: 80% train, 10% dev
              (parameter tuning), 10% test (reported accuracy).
  4. train    character 1..4-gram counts per language on normalised text
              (see score.py), keep the TOP most frequent n-grams per
              language, write log-probabilities + one <unk> value per
              language to Sources/Tilmash/Resources/langid/ngrams.tsv.
  5. eval     held-out accuracy per language and length band, the seed
              files Corpora/seeds/*.txt (never used for training), ALL-CAPS
              variants, and the tr/az and kk/ru/ky confusions.

Usage:
    python3 Corpora/langid/train.py --list-packages
    python3 Corpora/langid/train.py --fetch          # download + unpack (alias: --install)
    python3 Corpora/langid/train.py                  # collect, train, write, evaluate

Python 3 standard library only; needs apt-get and dpkg-deb for --fetch.
"""

import argparse
import collections
import gettext
import hashlib
import io
import math
import os
import re
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import score  # noqa: E402  (the reference normaliser/scorer)

MODEL_PATH = os.path.join(ROOT, "Sources", "Tilmash", "Resources", "langid", "ngrams.tsv")
SEED_DIR = os.path.join(ROOT, "Corpora", "seeds")
DEFAULT_CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                             "tilmash-langid")

# Output order of the model = tie-break order of the scorer.
LANGS = ["tr", "az", "de", "en", "kk", "ru", "uz", "ky"]
LANG_NAMES = {"tr": "Turkish", "az": "Azerbaijani (Latin)", "de": "German", "en": "English",
              "kk": "Kazakh (Cyrillic)", "ru": "Russian", "uz": "Uzbek (Latin)",
              "ky": "Kyrgyz (Cyrillic)"}
SCRIPT = {"tr": "LATIN", "az": "LATIN", "de": "LATIN", "en": "LATIN", "uz": "LATIN",
          "kk": "CYRILLIC", "ru": "CYRILLIC", "ky": "CYRILLIC"}
TURKIC_CASE = {"tr", "az"}          # training text lowercased with I -> dotless i

# Catalogue locale directory -> language.  Only exact names: uz@cyrillic,
# az_IR (Arabic script), de_CH etc. are not used.
LOCALE_DIRS = {"tr": "tr", "az": "az", "de": "de", "kk": "kk", "ru": "ru", "uz": "uz", "ky": "ky"}

# Debian (bookworm) packages that ship text in the target languages.  All are
# fetched with `apt-get download` (no dependencies are needed: only data
# files are read).
PACKAGES = [
    # core GNU / Debian tools (gettext catalogues)
    "coreutils", "tar", "grep", "sed", "findutils", "diffutils", "bash", "wget",
    "dpkg", "apt", "login", "libpam-runtime", "man-db", "libc-l10n",
    "gnupg-l10n", "e2fsprogs-l10n", "iso-codes", "xkb-data", "shared-mime-info",
    "xdg-user-dirs", "packagekit",
    # GTK / GNOME / MATE / Xfce / Cinnamon / KDE (many az, kk, ky, uz catalogues)
    "libgtk2.0-common", "libgtk-3-common", "libgtk-4-common", "libglib2.0-data",
    "libgdk-pixbuf2.0-common", "gsettings-desktop-schemas", "gnome-desktop3-data",
    "gnome-control-center-data", "nautilus-data", "gnome-shell-common",
    "evolution-common", "evolution-data-server-common", "gnome-software-common",
    "gnome-initial-setup", "gnome-text-editor", "gnome-calendar",
    "gnome-settings-daemon-common", "mutter-common", "libgweather-4-common",
    "gnome-terminal-data", "gedit-common", "evince-common", "totem-common",
    "gnome-system-monitor", "file-roller", "network-manager-gnome",
    "mate-desktop-common", "xfce4-panel", "thunar-data", "xfce4-settings",
    "cinnamon-l10n", "krita-l10n",
    # office suite, browser and mail client language packs
    "libreoffice-l10n-kk", "libreoffice-l10n-uz",
    "firefox-esr-l10n-az", "firefox-esr-l10n-kk", "firefox-esr-l10n-uz",
    "thunderbird-l10n-kk", "thunderbird-l10n-uz",
    # Unicode CLDR (locale display names, units, emoji annotations)
    "unicode-cldr-core",
]

# Catalogue domains that are mostly proper names (often untranslated or
# transliterated) -- not used.
SKIP_DOMAINS = re.compile(
    r"^(iso_639.*|iso_3166-2|iso_3166_2|iso_3166-3|libgweather-4\.0-locations|"
    r"libgweather-locations)\.mo$")

# Per-language limits on training text (characters of cleaned strings), so
# that no language and no single package dominates.
MAX_CHARS_PER_LANG = 1_500_000
MAX_CHARS_PER_SOURCE = 250_000


# --------------------------------------------------------------------------
# fetching
# --------------------------------------------------------------------------

def pkg_dir(cache, name):
    return os.path.join(cache, "pkg", name)


def fetch(cache):
    debs = os.path.join(cache, "debs")
    os.makedirs(debs, exist_ok=True)
    missing = [p for p in PACKAGES if not os.path.isdir(pkg_dir(cache, p))]

    def deb_of(p):
        cands = sorted(f for f in os.listdir(debs) if f.startswith(p + "_") and f.endswith(".deb"))
        return os.path.join(debs, cands[-1]) if cands else None

    to_get = [p for p in missing if deb_of(p) is None]
    if to_get:
        print("apt-get download %d packages into %s" % (len(to_get), debs), file=sys.stderr)
        r = subprocess.run(["apt-get", "download", "-q"] + to_get, cwd=debs)
        if r.returncode != 0:
            sys.exit("apt-get download failed (run `apt-get update` first?)")
    for p in missing:
        deb = deb_of(p)
        if deb is None:
            sys.exit("no .deb found for %s" % p)
        tmp = pkg_dir(cache, p) + ".tmp"
        subprocess.run(["rm", "-rf", tmp], check=True)
        os.makedirs(tmp)
        # unpack only the files that are read (catalogues, language packs, CLDR)
        tar = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE)
        pats = ["*/*.xpi"]
        for loc in sorted(LOCALE_DIRS.values()):
            pats.append("*/%s/LC_MESSAGES/*.mo" % loc)
        for lang in LANGS:
            pats += ["*/cldr/common/main/%s.xml" % lang, "*/cldr/common/annotations/%s.xml" % lang]
        subprocess.run(["tar", "-x", "-C", tmp, "--wildcards"] + pats,
                       stdin=tar.stdout, check=False, stderr=subprocess.DEVNULL)
        tar.stdout.close()
        if tar.wait() != 0:
            sys.exit("dpkg-deb failed on %s" % deb)
        ver = subprocess.run(["dpkg-deb", "-f", deb, "Version"], check=True,
                             capture_output=True, text=True).stdout.strip()
        with open(os.path.join(tmp, ".version"), "w") as f:
            f.write(ver + "\n")
        os.rename(tmp, pkg_dir(cache, p))


def package_version(cache, name):
    try:
        with open(os.path.join(pkg_dir(cache, name), ".version")) as f:
            return f.read().strip()
    except OSError:
        return "?"


# --------------------------------------------------------------------------
# reading sources
# --------------------------------------------------------------------------

def walk_files(top):
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for fn in sorted(filenames):
            yield os.path.join(dirpath, fn)


def read_mo(path):
    """(msgid, msgstr) pairs of a .mo file; msgctxt removed; every plural
    form of msgstr is its own pair (with the singular msgid)."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        t = gettext.GNUTranslations(io.BytesIO(data))
    except (UnicodeDecodeError, OSError, ValueError):
        return []
    pairs = []
    for k, v in t._catalog.items():
        if isinstance(k, tuple):
            k = k[0]
        if not k or not v:
            continue
        if "\x04" in k:
            k = k.split("\x04", 1)[1]
        pairs.append((k, v))
    pairs.sort()
    return pairs


FTL_ACCESSKEY = re.compile(r"(accesskey|commandkey|key|shortcut|-width|-height|\.style)\s*=", re.I)


def read_ftl(text):
    out = []
    for line in text.splitlines():
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if FTL_ACCESSKEY.search(s.split("=", 1)[0] + "=") and "=" in s:
            continue
        m = re.match(r"^[-.]?[A-Za-z][\w.-]*\s*=\s*(.*)$", s)
        if m:
            s = m.group(1)
        s = re.sub(r"^\*?\[[^\]]*\]\s*", "", s)      # select-expression variant key
        if s:
            out.append(s)
    return out


def read_properties(text):
    out = []
    for line in text.splitlines():
        s = line.strip()
        if not s or s[0] in "#!" or "=" not in s:
            continue
        k, v = s.split("=", 1)
        if re.search(r"(accesskey|commandkey|\.key|keycode|\.width|\.height)$", k.strip(), re.I):
            continue
        v = v.strip()
        if v:
            out.append(v)
    return out


def read_xpi(path):
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if name.endswith(".ftl"):
                out.extend(read_ftl(z.read(name).decode("utf-8", "replace")))
            elif name.endswith(".properties"):
                out.extend(read_properties(z.read(name).decode("utf-8", "replace")))
    return out


CLDR_TAGS = {"language", "script", "territory", "variant", "key", "type", "month", "day",
             "quarter", "dayPeriod", "era", "displayName", "relative", "relativeTimePattern",
             "unitPattern", "measurementSystemName", "annotation", "exemplarCity",
             "standard", "daylight", "generic"}


def read_cldr(path):
    out = []
    try:
        tree = ET.parse(path)
    except ET.ParseError:
        return out
    for el in tree.iter():
        if el.tag not in CLDR_TAGS or not el.text or not el.text.strip():
            continue
        if el.get("alt") in ("variant", "short", "narrow") or el.get("draft") == "unconfirmed":
            continue
        if el.tag in ("month", "day", "quarter", "dayPeriod", "era"):
            # only the wide forms
            ctx = el.get("type")
            if ctx is None:
                continue
        txt = el.text.strip()
        if el.tag == "annotation" and el.get("type") != "tts":
            out.extend(t.strip() for t in txt.split("|") if t.strip())
        else:
            out.append(txt)
    return out


# --------------------------------------------------------------------------
# cleaning
# --------------------------------------------------------------------------

RE_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
RE_ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
RE_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)\S+|\S+@\S+\.\S+")
RE_PATH = re.compile(r"(?<![\w])(?:~?/[\w.+-]+)+/?|\b[A-Za-z]:\\\S*")
RE_PRINTF = re.compile(
    r"%(?:\d+\$)?(?:\([^)]{0,40}\))?[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t|I64|I32|I|lu)?[diouxXeEfFgGaAcspnmSC@%]")
RE_QT_ARG = re.compile(r"%\d+|%[A-Za-z]\b")
RE_BRACES = re.compile(r"\{[^{}]*\}")
RE_SHELLVAR = re.compile(r"\$\{?\w+\}?")
RE_OPTION = re.compile(r"(?<![\w])--?[A-Za-z][\w-]*")
RE_ACCEL = re.compile(r"(?<![\w&])[_&~](?=\w)")
RE_MIDACCEL = re.compile(r"(?<=\w)[_&~](?=\w)")
RE_ESC = re.compile(r"\\[ntr]")
RE_SPACE = re.compile(r"\s+")
RE_TZ = re.compile(r"(?<![\w/])(?:[^\W\d_][\w-]*/)+[^\W\d_][\w-]*")


def is_timezone_like(s):
    """Area/Location ids such as "America/Argentina/Catamarca"."""
    for m in RE_TZ.finditer(s):
        parts = m.group(0).split("/")
        if all(p[:1].isupper() for p in parts):
            return True
    return False

# Words that mark a string as (still) English in a non-English catalogue.
EN_MARKERS = frozenset("""the and of to you your is are this that with for be can not from
have has it or by may please if when been which would should there these those its their
they we our what how all any more than into about only other some such use used using
file files page pages click here enter select""".split())


def script_of_word(word):
    """'LATIN', 'CYRILLIC', 'MIXED' or 'OTHER' for a word (letters only)."""
    scripts = set()
    for ch in word:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            scripts.add("LATIN")
        elif name.startswith("CYRILLIC"):
            scripts.add("CYRILLIC")
        else:
            scripts.add("OTHER")
    if len(scripts) == 1:
        return scripts.pop()
    return "MIXED" if scripts else "NONE"


RE_TOKEN = re.compile(r"\S+")
RE_BAD_TOKEN = re.compile(r"[\d_=<>#@\\|^*+]|[a-z][A-Z]|\.[A-Za-z]")

# Letters that betray another Cyrillic Turkic language in a catalogue.
KK_ONLY = set("әғқұһі")
KK_KY = set("әғқңөұүһі")


def clean(s, lang, msgid=None):
    """Return a cleaned version of one catalogue string, or None."""
    s = s.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    s = RE_ESC.sub(" ", s)
    s = RE_URL.sub(" ", s)
    s = RE_TAG.sub(" ", s)
    s = RE_ENTITY.sub(" ", s)
    s = RE_PRINTF.sub(" ", s)
    s = RE_QT_ARG.sub(" ", s)
    for _ in range(2):
        s = RE_BRACES.sub(" ", s)
    s = RE_SHELLVAR.sub(" ", s)
    s = RE_PATH.sub(" ", s)
    s = RE_OPTION.sub(" ", s)
    s = RE_ACCEL.sub("", s)
    if is_timezone_like(s):
        return None                   # time-zone ids: place names only
    s = s.replace("…", " ")
    want = SCRIPT[lang]
    kept = []
    for tok in RE_TOKEN.findall(s):
        if len(RE_MIDACCEL.findall(tok)) == 1:
            tok = RE_MIDACCEL.sub("", tok)      # Fi_le, Stolb&tsov, ~Datei
        if RE_BAD_TOKEN.search(tok):
            continue
        core = "".join(ch for ch in tok if ch.isalpha())
        if not core:
            kept.append(tok)          # punctuation: harmless, keeps spacing
            continue
        if script_of_word(core) != want:
            continue
        if lang != "en" and want == "LATIN" and len(core) > 1 and core.isupper() and len(core) <= 5:
            continue                  # acronyms (GNOME, USB, PDF) say nothing about the language
        kept.append(tok)
    s = " ".join(kept)
    words = score.normalize(s)
    letters = sum(len(w) for w in words)
    if letters < 2:
        return None
    low = words
    if lang != "en" and want == "LATIN":
        en = sum(1 for w in low if w in EN_MARKERS)
        if en >= 2 or (en >= 1 and en * 3 >= len(low)):
            return None
    if msgid is not None and lang != "en":
        src = set(score.normalize(msgid))
        if low and all(w in src for w in low):
            return None               # untranslated (or only names copied)
        if want == "LATIN" and len(low) >= 2:
            same = sum(1 for w in low if w in src and len(w) > 2)
            if same * 2 > len(low):
                return None
    if lang == "ru" and any(ch in KK_KY for w in low for ch in w):
        return None
    if lang == "ky" and any(ch in KK_ONLY for w in low for ch in w):
        return None
    s = RE_SPACE.sub(" ", s).strip(" .,:;-–—")
    return s or None


def clean_english(s):
    return clean(s, "en")


# --------------------------------------------------------------------------
# collection
# --------------------------------------------------------------------------

def collect(cache, log):
    """lang -> list of (source, text); sources are 'package:file'."""
    data = {l: [] for l in LANGS}
    missing = [p for p in PACKAGES if not os.path.isdir(pkg_dir(cache, p))]
    if missing:
        sys.exit("missing packages in %s: %s\nrun: %s --fetch"
                 % (cache, " ".join(missing), sys.argv[0]))
    loc2lang = {v: k for k, v in LOCALE_DIRS.items()}
    for p in PACKAGES:
        top = pkg_dir(cache, p)
        for path in walk_files(top):
            rel = os.path.relpath(path, top)
            parts = rel.split(os.sep)
            fn = parts[-1]
            if fn.endswith(".mo") and len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
                lang = loc2lang.get(parts[-3])
                if lang is None or SKIP_DOMAINS.match(fn):
                    continue
                src = "%s:%s" % (p, fn)
                for msgid, msgstr in read_mo(path):
                    c = clean(msgstr, lang, msgid)
                    if c:
                        data[lang].append((src, c))
                    e = clean_english(msgid)
                    if e:
                        data["en"].append((src, e))
            elif fn.endswith(".xpi") and p.startswith(("firefox-esr-l10n-", "thunderbird-l10n-")):
                lang = p.rsplit("-", 1)[1]
                if lang not in LANGS:
                    continue
                src = "%s:%s" % (p, fn)
                for s in read_xpi(path):
                    c = clean(s, lang)
                    if c:
                        data[lang].append((src, c))
            elif p == "unicode-cldr-core" and fn.endswith(".xml") and len(parts) >= 2 \
                    and parts[-2] in ("main", "annotations") \
                    and parts[-1][:-4] in LANGS:
                lang = parts[-1][:-4]
                src = "%s:%s/%s" % (p, parts[-2], fn)
                for s in read_cldr(path):
                    c = clean(s, lang)
                    if c:
                        data[lang].append((src, c))
    return data


def drop_english(data, log):
    """Remove strings of the Latin-script languages that are (still) English.

    A word is "English-like" if it is frequent in the English strings and
    much rarer in the language's own strings.  A string goes if it has at
    least two words and 60% or more of them are English-like.  This catches
    untranslated entries of language packs, which have no msgid to compare
    with."""
    en = collections.Counter(w for _, s in data["en"] for w in score.normalize(s))
    for lang in LANGS:
        if lang == "en" or SCRIPT[lang] != "LATIN":
            continue
        own = collections.Counter(w for _, s in data[lang]
                                  for w in score.normalize(s, turkic=lang in TURKIC_CASE))
        kept, dropped = [], 0
        for src, s in data[lang]:
            words = score.normalize(s, turkic=lang in TURKIC_CASE)
            if len(words) >= 2:
                eng = sum(1 for w in words if en[w] >= 5 and en[w] > 20 * own[w])
                if eng * 10 >= 6 * len(words):
                    dropped += 1
                    continue
            kept.append((src, s))
        data[lang] = kept
        log("%s: dropped %d English-looking strings" % (lang, dropped))


def h64(s):
    return int.from_bytes(hashlib.sha1(s.encode("utf-8")).digest()[:8], "big")


def dedupe_and_split(data, log):
    """Deduplicate by normalised form; split by hash into train/dev/test;
    apply per-source and per-language caps to the training part."""
    splits = {}
    norm_owner = {}
    # a normalised string claimed by two languages is ambiguous: drop it
    for lang in LANGS:
        for src, s in data[lang]:
            key = " ".join(score.normalize(s))
            norm_owner.setdefault(key, set()).add(lang)
    for lang in LANGS:
        seen = {}
        for src, s in data[lang]:
            key = " ".join(score.normalize(s))
            if len(norm_owner[key]) > 1 or key in seen:
                continue
            seen[key] = (src, s)
        items = sorted(seen.items(), key=lambda kv: h64(lang + "\x00" + kv[0]))
        train, dev, test = [], [], []
        for key, (src, s) in items:
            b = h64("split\x00" + key) % 10
            (test if b == 0 else dev if b == 1 else train).append((src, s))
        # caps (hash order = deterministic pseudo-random order)
        per_src = collections.Counter()
        total = 0
        capped = []
        for src, s in train:
            pkg = src.split(":", 1)[0]
            if per_src[pkg] + len(s) > MAX_CHARS_PER_SOURCE:
                continue
            if total + len(s) > MAX_CHARS_PER_LANG:
                continue
            per_src[pkg] += len(s)
            total += len(s)
            capped.append((src, s))
        splits[lang] = {"train": capped, "dev": dev, "test": test, "sources": per_src}
        log("%-2s strings: %6d unique, train %6d (%8d chars), dev %5d, test %5d"
            % (lang, len(items), len(capped), total, len(dev), len(test)))
    return splits


# --------------------------------------------------------------------------
# training
# --------------------------------------------------------------------------

def training_words(lang, text, caps_aug):
    """Normalised words used for training one string.  tr/az use Turkish
    lowercasing.  With caps_aug, a deterministic share of tr/az strings is
    added a second time as it would look after ALL-CAPS + neutral
    lowercasing (dotless i becomes i)."""
    turkic = lang in TURKIC_CASE
    words = score.normalize(text, turkic=turkic)
    out = [words]
    if turkic and caps_aug > 0 and (h64("caps\x00" + text) % 1000) < caps_aug * 1000:
        out.append(score.normalize(tr_upper(text), turkic=False))
    return out


def count_ngrams(splits, orders, caps_aug):
    counts = {}
    for lang in LANGS:
        c = collections.Counter()
        for src, s in splits[lang]["train"]:
            for words in training_words(lang, s, caps_aug):
                c.update(score.features(words, orders))
        counts[lang] = c
    return counts


def build_model(counts, top, unk_factor, params):
    tables, unk = {}, {}
    for lang in LANGS:
        c = counts[lang]
        total = sum(c.values())
        ranked = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        tables[lang] = {g: round(math.log(n / total), 4) for g, n in ranked}
        last = ranked[-1][1] if ranked else 1
        unk[lang] = round(math.log(unk_factor * last / total), 4)
    return score.Model(LANGS, tables, unk, params)


# --------------------------------------------------------------------------
# evaluation
# --------------------------------------------------------------------------

def band_items(split, lo, hi):
    return [s for src, s in split if lo <= len(s) <= hi]


def evaluate(model, splits, part, lo, hi, transform=None, langs=LANGS):
    """Per-language accuracy and confusion on strings of length lo..hi."""
    res = {}
    conf = {}
    for lang in langs:
        items = band_items(splits[lang][part], lo, hi)
        ok = und = 0
        cm = collections.Counter()
        for s in items:
            t = transform(s) if transform else s
            pred = model.classify(t)[0]
            cm[pred] += 1
            ok += pred == lang
            und += pred == "und"
        res[lang] = (ok, und, len(items))
        conf[lang] = cm
    return res, conf


def fmt_acc(res):
    parts = []
    for lang, (ok, und, n) in res.items():
        parts.append("%s %5.1f%% (n=%d%s)" % (lang, 100.0 * ok / max(n, 1), n,
                                             ", und %d" % und if und else ""))
    return "; ".join(parts)


def macro(res):
    vals = [ok / n for ok, und, n in res.values() if n]
    return sum(vals) / len(vals)


def tr_upper(s):
    """ALL-CAPS with Turkish rules (i -> I with dot, dotless i -> I)."""
    return s.replace("i", "\u0130").replace("\u0131", "I").upper()


def seed_expectations():
    exp = {}
    if not os.path.isdir(SEED_DIR):
        return exp
    for fn in sorted(os.listdir(SEED_DIR)):
        if not fn.endswith(".txt"):
            continue
        n = fn[:3]
        exp[fn] = {"000": "tr", "001": "tr", "002": "tr", "003": "en", "004": "de"}.get(n)
    return exp


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------

HEADER = """\
# Tilmash language identifier: character n-gram naive-Bayes model.
# Generated by Corpora/langid/train.py -- do not edit by hand.
# Languages (file order is the tie-break order): {langs}
#
# FORMAT
#   Lines starting with "#" are comments; "#!name=value" lines are scorer
#   parameters.  Every other line is  LANG <TAB> NGRAM <TAB> LOGPROB
#   (natural log, 4 decimals).  For every language one line has NGRAM
#   "<unk>": the log-probability of any n-gram not listed for that language.
#   At most {top} n-grams are listed per language (its most frequent ones).
#   Each n-gram is a string of 1..{maxn} Unicode scalars.
#
# NORMALISATION (input text -> words)
#   1. Unicode NFC.
#   2. Map each scalar c (neighbours p, n taken from the NFC text):
#      - c in {{U+0027 ' , U+0060 ` , U+00B4 , U+02BB , U+02BC , U+2018 , U+2019}}:
#        "'" (U+0027) if p and n are both letters, otherwise a space;
#      - c of general category Mn, Mc or Me: deleted;
#      - c a letter (general category Lu, Ll, Lt, Lm or Lo and not one of the
#        apostrophes above): lowercased -- U+0130 (I with dot) becomes "i",
#        every other scalar its full Unicode lowercase mapping, taken scalar
#        by scalar without context (so "I" -> "i"; no final-sigma rule);
#      - anything else (digits, punctuation, symbols, "_", whitespace): space.
#   3. Split at spaces; each non-empty piece is a word.
#   (Training text of tr/az was lowercased with I -> dotless i; the scorer
#   does not do that because it does not know the language yet.)
#
# FEATURES
#   Each word w becomes "_" + w + "_" ("_" = U+005F word boundary).  Every
#   substring of {orders_txt} scalars of every padded word is a feature,
#   except the 1-gram "_".  n-grams never span two words.  Repeated
#   n-grams count repeatedly.  Example: "Bu" -> "_bu_" -> b u _b bu u_ _bu
#   bu_ _bu_.
#
# SCORING
#   S[L] = sum over all features g of logprob(L, g), where logprob(L, g) is
#   the listed value, or the "<unk>" value of L if g is not listed for L.
#   letters = number of scalars in all words that are not "'".
#   best = argmax S[L] (ties: the language listed first in this file wins),
#   confidence = 1 / sum over all L of exp((S[L] - S[best]) / temperature)
#   (softmax of S / temperature at best; in [1/#languages, 1]).
#   Result: "und" if letters < min_letters or confidence < min_confidence,
#   otherwise best.  Optional diagnostic: margin = (S[best] - S[second]) /
#   letters.  Use double precision.  (Reference: Corpora/langid/score.py.)
#
#!orders={orders}
#!min_letters={min_letters}
#!min_confidence={min_confidence}
#!temperature={temperature}
#
# DATA: Debian bookworm translation catalogues (GNU gettext .mo), Firefox ESR /
# Thunderbird language packs, LibreOffice UI catalogues and Unicode CLDR, in
# {npk} packages; see Corpora/langid/README.md and Corpora/langid/sources.tsv.
# Training characters per language: {chars}
"""


def write_model(model, path, counts_chars, top, npk):
    p = model.params
    orders = p["orders"]
    ords = [int(x) for x in orders.split(",")]
    header = HEADER.format(
        langs=" ".join(LANGS), top=top, maxn=max(ords),
        orders_txt=" or ".join(str(x) for x in ords) if len(ords) < 3
        else "%d..%d" % (min(ords), max(ords)),
        orders=orders, min_letters=p["min_letters"], min_confidence=p["min_confidence"],
        temperature=p["temperature"], npk=npk,
        chars=" ".join("%s=%d" % (l, counts_chars[l]) for l in LANGS))
    lines = [header]
    for lang in LANGS:
        t = model.tables[lang]
        lines.append("%s\t<unk>\t%.4f\n" % (lang, model.unk[lang]))
        for g, lp in sorted(t.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append("%s\t%s\t%.4f\n" % (lang, g, lp))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(lines))


GOLDEN_EXTRA = [
    "",
    "ab",
    "12345 !!! ...",
    "Ь",
    "İSTANBUL'DA BÜYÜK TOPLANTI YAPILDI",
    "ISTANBUL IRAK ILIK",
    "ıssız ılık ırmak",
    "O\u2018zbekiston Respublikasi Prezidenti",
    "Oʻzbekiston va Qozogʻiston",
    "o`zbek tili, 'quoted' text",
    "don't stop",
    "Qaza\u0304x e\u0301lan i\u0307stanbul",
    "ӘЛЕУМЕТТІК ЖЕЛІЛЕРДЕ ТАРАЛҒАН АҚПАРАТ",
    "Кыргыз Республикасынын Жогорку Кеңеши",
    "Straße STRASSE Größe",
    "snake_case-Wort, E-Mail: info@example.de",
    "Ἀθῆναι ΣΟΦΟΣ",
    "中文 text",
]


def write_golden(model, path):
    """Test vectors for ports of the scorer: every feature total S[L] with
    6 decimals, the letter and feature counts and the decision."""
    rows = []
    sanity = os.path.join(HERE, "sanity.tsv")
    with open(sanity, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                rows.append(line.rstrip("\n").split("\t", 1)[1])
    rows += [tr_upper(r) for r in rows[::4]]
    rows += GOLDEN_EXTRA
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Golden test vectors for ports of Corpora/langid/score.py, generated by train.py\n")
        f.write("# together with Sources/Tilmash/Resources/langid/ngrams.tsv (regenerate both together).\n")
        f.write("# text is JSON-escaped (json.dumps, ensure_ascii=False).  S_* are the per-language\n")
        f.write("# totals; a port should match them to ~1e-6 and the decision exactly.\n")
        f.write("# lang\tconfidence\tletters\tfeatures\t" + "\t".join("S_" + l for l in model.langs)
                + "\twords\ttext\n")
        import json
        for text in rows:
            words = score.normalize(text)
            feats = score.features(words, model.orders)
            lang, conf, margin, det = model.classify(text)
            tot = model.scores(feats) if words else [0.0] * len(model.langs)
            f.write("%s\t%.6f\t%d\t%d\t%s\t%s\t%s\n" % (
                lang, conf, score.letter_count(words), len(feats),
                "\t".join("%.6f" % t for t in tot), " ".join(words),
                json.dumps(text, ensure_ascii=False)))


def write_sources(cache, splits, path):
    rows = collections.defaultdict(lambda: collections.Counter())
    for lang in LANGS:
        for src, s in splits[lang]["train"]:
            rows[src.split(":", 1)[0]][lang] += len(s)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# package\tversion\t" + "\t".join("chars_" + l for l in LANGS) + "\n")
        f.write("# training characters taken from each Debian package (after cleaning,"
                " deduplication, the 80/10/10 split and the caps)\n")
        for p in PACKAGES:
            f.write("%s\t%s\t%s\n" % (p, package_version(cache, p),
                                      "\t".join(str(rows[p][l]) for l in LANGS)))


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def main(argv):
    ap = argparse.ArgumentParser(description="Train the Tilmash language identifier.")
    ap.add_argument("--cache", default=DEFAULT_CACHE, help="download/unpack directory (default %(default)s)")
    ap.add_argument("--list-packages", action="store_true", help="print the Debian packages used and exit")
    ap.add_argument("--fetch", "--install", dest="fetch", action="store_true",
                    help="apt-get download + dpkg-deb -x the packages into the cache, then train")
    ap.add_argument("--fetch-only", action="store_true", help="only fetch")
    ap.add_argument("--top", type=int, default=5000, help="n-grams kept per language")
    ap.add_argument("--orders", default="1,2,3,4")
    ap.add_argument("--unk-factor", type=float, default=0.02)
    ap.add_argument("--caps-aug", type=float, default=0.25,
                    help="share of tr/az strings added again in ALL-CAPS-then-lowercased form")
    ap.add_argument("--min-confidence", type=float, default=0.5,
                    help="below this confidence the scorer answers und")
    ap.add_argument("--temperature", type=float, default=12.0,
                    help="softmax temperature of the confidence (12 was best calibrated on dev)")
    ap.add_argument("--out", default=MODEL_PATH)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--sweep", action="store_true", help="grid-search top/unk/caps on the dev split")
    ap.add_argument("--sweep-caps", default="0,0.1,0.25")
    ap.add_argument("--sweep-top", default="2000,3000,4000,5000")
    ap.add_argument("--sweep-unk", default="0.1,0.25,0.5,1")
    ap.add_argument("--dump", help="write the cleaned strings to this directory (for inspection)")
    a = ap.parse_args(argv)

    if a.list_packages:
        print("\n".join(PACKAGES))
        return 0
    if a.fetch or a.fetch_only:
        fetch(a.cache)
        if a.fetch_only:
            return 0

    t0 = time.time()

    def log(msg):
        print("[%6.1fs] %s" % (time.time() - t0, msg), file=sys.stderr, flush=True)

    data = collect(a.cache, log)
    log("collected: " + ", ".join("%s=%d" % (l, len(data[l])) for l in LANGS))
    drop_english(data, log)
    splits = dedupe_and_split(data, log)
    if a.dump:
        os.makedirs(a.dump, exist_ok=True)
        for lang in LANGS:
            for part in ("train", "dev", "test"):
                with open(os.path.join(a.dump, "%s.%s.txt" % (lang, part)), "w", encoding="utf-8") as f:
                    for src, s in splits[lang][part]:
                        f.write("%s\t%s\n" % (src, s))
    orders = tuple(int(x) for x in a.orders.split(","))
    params = {"orders": a.orders, "min_letters": "3", "min_confidence": "0",
              "temperature": "%g" % a.temperature}

    if a.sweep:
        for caps in [float(x) for x in a.sweep_caps.split(",")]:
            counts = count_ngrams(splits, orders, caps)
            for top in [int(x) for x in a.sweep_top.split(",")]:
                for uf in [float(x) for x in a.sweep_unk.split(",")]:
                    m = build_model(counts, top, uf, params)
                    r1, _ = evaluate(m, splits, "dev", 20, 60)
                    r2, _ = evaluate(m, splits, "dev", 20, 60, transform=tr_upper, langs=["tr", "az"])
                    r3, _ = evaluate(m, splits, "dev", 5, 19)
                    log("orders=%s caps=%.2f top=%d unk=%.3f  dev20-60 %.4f  caps tr/az %.4f  dev5-19 %.4f"
                        % (a.orders, caps, top, uf, macro(r1), macro(r2), macro(r3)))
        return 0

    counts = count_ngrams(splits, orders, a.caps_aug)
    log("counted n-grams: " + ", ".join("%s=%d" % (l, len(counts[l])) for l in LANGS))
    model = build_model(counts, a.top, a.unk_factor, params)

    model.min_confidence = a.min_confidence
    model.params["min_confidence"] = "%g" % a.min_confidence
    chars = {l: sum(len(s) for _, s in splits[l]["train"]) for l in LANGS}
    if not a.no_write:
        write_model(model, a.out, chars, a.top, len(PACKAGES))
        write_sources(a.cache, splits, os.path.join(HERE, "sources.tsv"))
        log("wrote %s (%d bytes)" % (a.out, os.path.getsize(a.out)))
        model = score.Model.load(a.out)      # evaluate exactly what was written
        write_golden(model, os.path.join(HERE, "golden.tsv"))

    report(model, splits, log)
    return 0


def report(model, splits, log):
    print("== held-out test split (never seen in training or tuning)")
    for lo, hi in ((5, 19), (20, 60), (61, 200)):
        res, conf = evaluate(model, splits, "test", lo, hi)
        print("length %d-%d chars: macro %.1f%%" % (lo, hi, 100 * macro(res)))
        print("  " + fmt_acc(res))
    res, conf = evaluate(model, splits, "test", 20, 60)
    print("== confusion, test 20-60 chars (row = truth)")
    cols = LANGS + ["und"]
    print("      " + "".join("%6s" % c for c in cols))
    for lang in LANGS:
        print("  %-4s" % lang + "".join("%6d" % conf[lang][c] for c in cols))
    print("== ALL-CAPS test strings 20-60 chars (Turkish-rule upper-casing for tr/az)")
    res, conf = evaluate(model, splits, "test", 20, 60,
                         transform=lambda s: tr_upper(s))
    print("  " + fmt_acc(res))
    print("  confusion (row = truth):")
    print("      " + "".join("%6s" % c for c in cols))
    for lang in LANGS:
        print("  %-4s" % lang + "".join("%6d" % conf[lang][c] for c in cols))
    print("== seed files (Corpora/seeds, not used in training)")
    ok = True
    for fn, want in seed_expectations().items():
        with open(os.path.join(SEED_DIR, fn), encoding="utf-8") as f:
            text = f.read()
        lang, c, margin, _ = model.classify(text)
        lang_caps = model.classify(tr_upper(text) if want in ("tr", "az") else text.upper())[0]
        lines = [ln for ln in text.splitlines() if len(ln.strip()) >= 20]
        dist = collections.Counter(model.classify(ln)[0] for ln in lines)
        print("  %s expect %s got %s conf %.3f margin %.3f | ALL-CAPS %s | lines>=20 chars: %s"
              % (fn, want, lang, c, margin, lang_caps,
                 " ".join("%s=%d" % kv for kv in sorted(dist.items(), key=lambda kv: -kv[1]))))
        ok &= lang == want and lang_caps == want
    print("  seeds all correct (incl. ALL-CAPS): %s" % ok)
    print("== seed sentences (split at . ! ? and line ends, 20+ chars)")
    for fn, want in seed_expectations().items():
        with open(os.path.join(SEED_DIR, fn), encoding="utf-8") as f:
            text = f.read()
        sents = [x.strip() for x in re.split(r"(?<=[.!?])\s+|\n", text) if len(x.strip()) >= 20]
        preds = [model.classify(x)[0] for x in sents]
        capspreds = [model.classify(tr_upper(x) if want in ("tr", "az") else x.upper())[0]
                     for x in sents]
        print("  %s (%s): %d/%d correct, ALL-CAPS %d/%d"
              % (fn, want, sum(p == want for p in preds), len(sents),
                 sum(p == want for p in capspreds), len(sents)))
        for x, p in zip(sents, preds):
            if p != want:
                print("    -> %s: %s" % (p, x[:110]))
    sanity = os.path.join(HERE, "sanity.tsv")
    if os.path.exists(sanity):
        rows = []
        with open(sanity, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    rows.append(line.rstrip("\n").split("\t", 1))
        print("== hand-written news sentences (sanity.tsv, not used in training)")
        for label, tf in (("as written", None), ("ALL-CAPS", tr_upper)):
            per = collections.Counter()
            tot = collections.Counter()
            bad = []
            for want, text in rows:
                t = tf(text) if tf else text
                got = model.classify(t)[0]
                tot[want] += 1
                per[want] += got == want
                if got != want:
                    bad.append("%s->%s: %s" % (want, got, t))
            print("  %s: %d/%d  " % (label, sum(per.values()), len(rows))
                  + " ".join("%s %d/%d" % (l, per[l], tot[l]) for l in LANGS if tot[l]))
            for b in bad:
                print("    " + b)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
