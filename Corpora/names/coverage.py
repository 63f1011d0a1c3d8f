#!/usr/bin/env python3
"""Coverage of gold PERSON mentions by data/given-names.tsv (a tuning figure; standard library only).

    python3 Corpora/names/coverage.py GOLD.jsonl

GOLD.jsonl has one JSON object a line with fields file, start, end, text, type; the language is the
part of 'file' before the first '_' (kk_1.txt -> kk). Per language it prints the share of PERSON
mentions with at least one word in the given-name list, and the share of multi-word PERSON mentions
whose first word is in it, without and with data/given-names-ru-forms.tsv, and how many of those
first words are marked common. Matching is case-insensitive (also with Turkish I/İ lowering); a
hyphenated word counts when it or one of its parts is listed. Never add names from the gold file.
"""

import collections
import json
import os
import re
import sys

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def keys(w):
    return (w.lower(), w.replace("I", "ı").replace("İ", "i").lower())


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            for k in keys(c[0]):
                out.setdefault(k, c)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    given = load(os.path.join(DATA, "given-names.tsv"))
    common = {k: c[4] == "1" for k, c in given.items()}
    forms = load(os.path.join(DATA, "given-names-ru-forms.tsv"))
    with_forms = dict(common)
    for k, c in forms.items():
        with_forms.setdefault(k, common.get(c[1].lower(), False))

    def find(w, table):
        for k in keys(w):
            if k in table:
                return k
        for p in re.split(r"[-’']", w):
            for k in keys(p) if p else ():
                if k in table:
                    return k
        return None

    n = collections.Counter()
    c = collections.Counter()
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["type"] != "PERSON":
                continue
            lang = d["file"].split("_")[0]
            ws = WORD.findall(d["text"])
            n[lang] += 1
            if any(find(w, common) for w in ws):
                c[lang, "any"] += 1
            if len(ws) < 2:
                continue
            n[lang, "multi"] += 1
            k = find(ws[0], common)
            if k:
                c[lang, "first"] += 1
            k = find(ws[0], with_forms)
            if k:
                c[lang, "first+forms"] += 1
                c[lang, "first+forms common"] += with_forms[k]
    print("lang  mentions  any-word  multi-word  first-word  first-word+ru-forms  (common)")
    for lang in sorted(k for k in n if isinstance(k, str)):
        m = n[lang, "multi"] or 1
        print("%-4s  %8d  %7.1f%%  %10d  %9.1f%%  %18.1f%%  (%4.1f%%)" % (
            lang, n[lang], 100.0 * c[lang, "any"] / n[lang], n[lang, "multi"],
            100.0 * c[lang, "first"] / m, 100.0 * c[lang, "first+forms"] / m,
            100.0 * c[lang, "first+forms common"] / max(1, c[lang, "first+forms"])))


if __name__ == "__main__":
    main()
