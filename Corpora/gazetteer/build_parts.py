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
  org-head       an organisation head noun that ends a name (Bank, Partisi, Ministerium)
  org-head-first an organisation head noun that starts one (Ministry, Министерство)
  org-legal      a legal form (GmbH, ООО, A.Ş.)
  place-after    a place designator after the name (oblysy, ili, district)
  place-before   a place designator before the name (Kreis, улица)
Only one-word items are listed (the compiler matches words). Deterministic. A malformed
input line stops the build with its file and line.
"""
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
OUT = os.path.join(HERE, "data", "parts", "name-parts.tsv")
CLASSES = ["given", "surname", "patronymic", "org-head", "org-head-first",
           "org-legal", "place-after", "place-before", "common-en", "common-de", "common-tr", "common-ru", "surname-listed", "word-tr"]


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
