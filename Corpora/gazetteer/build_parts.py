#!/usr/bin/env python3
"""Builds the gazetteer's name-part list, data/parts/name-parts.tsv, from the name and
organisation lists (Corpora/names/data, Corpora/orgs/data) and the hand-written place
designators (sources/place-heads.tsv); copies Corpora/orgs/data/orgs.tsv to
data/orgs-lists.tsv and the surname endings to Sources/Tilmash/Resources/tagging/. `tilmash gazetteer compile` gives each listed word
its classes; the tagger's rules read them (Sources/Tilmash/Tagging/DESIGN.md).

    python3 Corpora/gazetteer/build_parts.py          # rewrites data/parts/name-parts.tsv
    python3 Corpora/gazetteer/build_parts.py --check  # validates it

Output: UTF-8, `#` comments, one word per line: `word <TAB> class,class...`, sorted; classes:
  given          a given name (gender-guesser's nam_dict, OpenCorpora Name with case forms)
  common-LL      the given name is also a common lower-case word in language LL (en de tr
                 ru: Will, Deniz, Роман), so in text of that language it needs more evidence
  surname        a surname (OpenCorpora Surn)
  patronymic     a patronymic (OpenCorpora Patr)
  surname-listed a surname of the US Census 1990 list (Corpora/names/data/surnames-listed.tsv):
                 after a given name it makes a person name (Pam Butler), alone it names none
  word-tr        a lower-case word of 3-10 letters of the Turkish hunspell dictionary (Debian
                 hunspell-tr, MPL-2.0): capitalised before an apostrophe it is no name (Ekim'de)
  lexicon-place  a Russian geographical name, in its case forms (OpenCorpora Geox nouns:
                 Приморья, Балтии, Курилы; Corpora/names/data/places-orgs-ru.tsv)
  lexicon-org    a Russian organisation name, in its case forms (OpenCorpora Orgn nouns:
                 Билайн, Росбалта, Мосгордумы)
  lexicon-common the lexicon name is also a form of an ordinary Russian word (Орле: орёл,
                 Восток), so only a capital inside a sentence makes it a name
  alone          a given name or surname that is no word of en de tr ru kk (hunspell with its
                 affix rules, lower-cased the Turkish and the plain way) and no form of a German common
                 noun, compared on the folded match key (Michael, Tobias, Sullivan, Kolb; not Young, Olive, Ernst, Rede): alone,
                 capitalised and unknown to the gazetteer, it names a person
  org-head       an organisation head noun that ends a name (Bank, Partisi, Ministerium)
  org-head-first an organisation head noun that starts one (Ministry, Министерство)
  org-legal      a legal form (GmbH, ООО, A.Ş.)
  place-after    a place designator after the name (oblysy, ili, district)
  place-before   a place designator before the name (Kreis, улица)
Only one-word items are listed (the compiler matches words). Deterministic. A malformed
input line stops the build with its file and line.
"""
import os
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build as B  # noqa: E402  (the hunspell helpers; build.py runs nothing on import)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
OUT = os.path.join(HERE, "data", "parts", "name-parts.tsv")
CLASSES = ["given", "surname", "patronymic", "org-head", "org-head-first",
           "org-legal", "place-after", "place-before", "common-en", "common-de", "common-tr", "common-ru", "surname-listed", "word-tr", "alone",
           "lexicon-place", "lexicon-org", "lexicon-common"]


def die(message):
    sys.exit("build_parts.py: " + message)


def rows(path, min_fields):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < min_fields or not fields[0].strip():
                die("%s:%d: expected at least %d tab-separated fields" % (path, number, min_fields))
            yield fields


def check(path=OUT):
    seen = set()
    count = 0
    for fields in rows(path, 2):
        word, classes = fields[0], fields[1].split(",")
        if len(fields) != 2 or " " in word or word != unicodedata.normalize("NFC", word):
            die("%s: bad line for %r" % (path, word))
        if word in seen:
            die("%s: duplicate word %r" % (path, word))
        seen.add(word)
        for c in classes:
            if c not in CLASSES:
                die("%s: unknown class %r for %r" % (path, c, word))
        count += 1
    return count


TURKISH_DIC = "/usr/share/hunspell/tr_TR.dic"


def turkish_words():
    """Lower-case entries of 3-10 letters of the Turkish hunspell dictionary (roots, mostly)."""
    if not os.path.exists(TURKISH_DIC):
        die("%s is missing (apt-get install hunspell-tr)" % TURKISH_DIC)
    words = set()
    with open(TURKISH_DIC, encoding="utf-8") as f:
        next(f, None)  # the entry count
        for line in f:
            word = line.split("/", 1)[0].strip()
            if 3 <= len(word) <= 10 and all(c in "abcçdefgğhıijklmnoöprsştuüvyzâîû" for c in word):
                words.add(word)
    if len(words) < 10000:
        die("%s: only %d words" % (TURKISH_DIC, len(words)))
    return sorted(words)


ALONE_LANGS = ("en", "de", "tr", "ru", "kk")


LATIN_SPECIAL = {"ß": "ss", "ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th", "ð": "d"}


def fold(word):
    """About the tagger's match key (MatchKey: case-folded, Latin letters folded to ASCII,
    Cyrillic ё → е): the key under which the compiled gazetteer stores a word's classes."""
    out = []
    for c in B.lower_for(word, "xx"):
        if "LATIN" in unicodedata.name(c, ""):
            c = LATIN_SPECIAL.get(c, c)
            c = "".join(d for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d))
        elif c == "ё":
            c = "е"
        out.append(c)
    return "".join(out)


def dictionary_entries(language):
    """(word, flags) of a hunspell .dic."""
    with open(os.path.join(B.HUNSPELL_DIR, B.CommonWords.DICTS[language] + ".dic"), encoding="utf-8", errors="replace") as f:
        next(f, None)
        for line in f:
            word, _, flags = line.strip().lstrip("\ufeff").partition("/")
            if word and not word.startswith("#"):
                yield word, flags


def common_entry(language, word, flags):
    """An entry that is an ordinary word: lower-case; in German a capitalised entry with more
    flags than the genitive S that the dictionary's proper names carry (Stadt/ijm, Brüder/NMm,
    Norden/SWm are nouns; Michael/S, Stalin/S names); in English a capitalised entry with the
    plural flag S (American/MSP, Friday/SM, Sunni/SM; names take only M: Michael/M)."""
    if word == word.lower():
        return True
    if language == "de":
        return bool(set(flags) - {"S"})
    if language == "en":
        return "S" in flags
    return False


def dictionary_keys():
    """Folded keys of every form of an ordinary word: for German and English all forms the
    affix rules give (hunspell-tools' unmunch over the common entries: Bücher, Schülern,
    Büros), for Turkish, Russian and Kazakh the lower-case entries (their affixes are read
    by hunspell itself in alone_names)."""
    keys = set()
    for language in ALONE_LANGS:
        entries = [(w, f) for w, f in dictionary_entries(language) if common_entry(language, w, f)]
        if language in ("de", "en"):
            with tempfile.TemporaryDirectory() as folder:
                dic = os.path.join(folder, "common.dic")
                with open(dic, "w", encoding="utf-8") as out:
                    out.write("%d\n" % len(entries))
                    for w, f in entries:
                        out.write(w + ("/" + f if f else "") + "\n")
                aff = os.path.join(B.HUNSPELL_DIR, B.CommonWords.DICTS[language] + ".aff")
                p = subprocess.run(["unmunch", dic, aff], capture_output=True)
                if p.returncode != 0 or not p.stdout:
                    die("unmunch failed for %s (apt-get install hunspell-tools): %s" % (language, p.stderr[:300]))
                forms = p.stdout.decode("utf-8", errors="replace").split()
        else:
            forms = [w for w, _ in entries]
        keys.update(fold(form) for form in forms)
    return keys


def stop_words():
    """sources/stopwords.txt but its first names: words of the news vocabulary, months and
    weekdays of our languages, demonyms."""
    words, section = set(), ""
    with open(os.path.join(HERE, "sources", "stopwords.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("# ---"):
                section = line
            elif line and not line.startswith("#") and "first names" not in section:
                words.add(line)
    return words


def alone_names(candidates):
    """The candidates (capitalised one-word names) whose key is the key of no ordinary word of
    en de tr ru kk (any form hunspell accepts or unmunch gives, compared on the folded key,
    since the compiled gazetteer stores classes per key: Schuler is no name alone when Schüler
    is a noun) and of no stop word: the names that may stand alone for a person."""
    candidates = sorted(candidates)
    forms = {c: {B.lower_for(c, "tr"), B.lower_for(c, "xx")} for c in candidates}
    lowered = sorted(set().union(*forms.values())) if forms else []
    words = set()
    for language in ALONE_LANGS:
        words |= B.hunspell_accepted(language, lowered)
    blocked = dictionary_keys() | {fold(w) for w in words} | {fold(w) for w in stop_words()}
    return [c for c in candidates if fold(c) not in blocked]


def main():
    if "--check" in sys.argv[1:]:
        print("name-parts.tsv: %d words, valid" % check())
        return
    parts = {}

    def add(word, klass):
        word = unicodedata.normalize("NFC", word.strip())
        if word and " " not in word and not word.startswith("-"):
            parts.setdefault(word, set()).add(klass)

    names = os.path.join(ROOT, "Corpora", "names", "data")
    orgs = os.path.join(ROOT, "Corpora", "orgs", "data")
    common_in = {}
    for fields in rows(os.path.join(names, "given-names.tsv"), 5):
        add(fields[0], "given")
        if fields[4] == "1":
            languages = [l for l in (fields[5].split(",") if len(fields) > 5 else []) if l]
            common_in[fields[0]] = languages or ["en", "de", "tr", "ru"]
            for language in common_in[fields[0]]:
                add(fields[0], "common-" + language)
    for fields in rows(os.path.join(names, "given-names-ru-forms.tsv"), 2):
        add(fields[0], "given")
        for language in common_in.get(fields[1], []):
            add(fields[0], "common-" + language)
    for fields in rows(os.path.join(names, "surnames-ru.tsv"), 2):
        add(fields[0], "surname")
    for word in turkish_words():
        add(word, "word-tr")
    for fields in rows(os.path.join(names, "surnames-listed.tsv"), 2):
        add(fields[0], "surname-listed")
    for fields in rows(os.path.join(names, "patronymics-ru.tsv"), 2):
        add(fields[0], "patronymic")
    for fields in rows(os.path.join(names, "places-orgs-ru.tsv"), 4):
        add(fields[0], "lexicon-" + fields[2])
        if fields[3] == "1":
            add(fields[0], "lexicon-common")
    # Names that may stand alone: given names (nominative), Russian surnames, US Census surnames.
    candidates = set()
    for path, width in (("given-names.tsv", 5), ("surnames-ru.tsv", 2), ("surnames-listed.tsv", 2)):
        for fields in rows(os.path.join(names, path), width):
            name = unicodedata.normalize("NFC", fields[0].strip())
            if " " not in name and "-" not in name and len(name) >= 3 and name[:1].isupper() and not B.is_all_caps(name):
                candidates.add(name)
    for word in alone_names(candidates):
        add(word, "alone")
    for fields in rows(os.path.join(orgs, "org-keywords.tsv"), 3):
        position = fields[2]
        if position not in ("head-last", "head-first", "any"):
            die("org-keywords.tsv: unknown position %r for %r" % (position, fields[0]))
        if position in ("head-last", "any"):
            add(fields[0], "org-head")
        if position in ("head-first", "any"):
            add(fields[0], "org-head-first")
    for fields in rows(os.path.join(orgs, "legal-forms.tsv"), 3):
        add(fields[0], "org-legal")
    for fields in rows(os.path.join(HERE, "sources", "place-heads.tsv"), 3):
        if fields[1] not in ("after", "before"):
            die("place-heads.tsv: position must be after or before, not %r" % fields[1])
        add(fields[0], "place-" + fields[1])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Name parts for the Tilmash tagger's rules; built by Corpora/gazetteer/build_parts.py - do not edit.\n")
        f.write("# Sources: Corpora/names (gender-guesser nam_dict.txt, GNU FDL 1.2+; OpenCorpora, CC BY-SA 3.0),\n")
        f.write("# Corpora/orgs (hand-written keywords and legal forms; cleanco, MIT), sources/place-heads.tsv.\n")
        for word in sorted(parts):
            f.write("%s\t%s\n" % (word, ",".join(c for c in CLASSES if c in parts[word])))
    print("name-parts.tsv: %d words" % check())
    # The organisation lists (Corpora/orgs/data/orgs.tsv: companies, universities, clubs, with
    # the WordNet notice at its top) join the gazetteer as data/orgs-lists.tsv.
    with open(os.path.join(orgs, "orgs.tsv"), encoding="utf-8") as source, \
            open(os.path.join(HERE, "data", "orgs-lists.tsv"), "w", encoding="utf-8") as out:
        out.write(source.read())
    # The surname and patronymic endings are the rules' own knowledge, not a list of names:
    # they ship with the library (Sources/Tilmash/Resources/tagging/name-morphology.tsv).
    morphology = os.path.join(names, "name-morphology.tsv")
    for fields in rows(morphology, 5):
        if fields[1] not in ("Latn", "Cyrl") or fields[2] not in ("surname", "patronymic") or not fields[4].isdigit():
            die("%s: bad row for %r" % (morphology, fields[0]))
    target = os.path.join(ROOT, "Sources", "Tilmash", "Resources", "tagging", "name-morphology.tsv")
    with open(morphology, encoding="utf-8") as source, open(target, "w", encoding="utf-8") as out:
        out.write(source.read())


main()
