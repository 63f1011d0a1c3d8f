#!/usr/bin/env python3
"""Coverage of gold ORG mentions by the organisation data (a tuning aid; standard library only).

    python3 Corpora/orgs/coverage.py [GOLD.jsonl]    (default /work/shared/dev/external/gold.jsonl)

GOLD.jsonl: one mention a line, fields file, start, end, text, type; the language is the file name
prefix (kk ru de en tr). Per language it prints, for the ORG mentions:
  gaz      exact case-insensitive alias match in Corpora/gazetteer/data/orgs.tsv
  +orgs    the same in the gazetteer plus data/orgs.tsv
  kw       the mention contains a word of data/org-keywords.tsv (a '-x' compound ending matches a
           longer word ending in x)
  lf       the mention contains a form of data/legal-forms.tsv
  kw|lf    either
  heads    for comparison: contains a word of Sources/Tilmash/Resources/tagging/org-heads.txt
           (ASCII-folded, lower case)
Never add a name because it appears in the gold data: this only measures.
"""

import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GAZ_ORGS = os.path.join(ROOT, "Corpora", "gazetteer", "data", "orgs.tsv")
HEADS = os.path.join(ROOT, "Sources", "Tilmash", "Resources", "tagging", "org-heads.txt")


def fold(s):
    s = unicodedata.normalize("NFC", s).replace("İ", "i").replace("I", "i").replace("ı", "i")
    return re.sub(r"\s+", " ", s.casefold()).strip()


def ascii_fold(s):
    s = fold(s).replace("ı", "i")
    d = unicodedata.normalize("NFKD", s)
    return "".join(c for c in d if not unicodedata.combining(c))


def alias_texts(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            for part in line.rstrip("\n").split("\t")[3].split(" | "):
                out.add(fold(part.split(":", 1)[1].lstrip("^")))
    return out


def first_column(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            out.append(line.split("\t")[0])
    return out


TOKEN_SPLIT = re.compile(r"[\s«»\"“”„()\[\],;:!?]+")


def tokens(text):
    return [t for t in TOKEN_SPLIT.split(fold(text)) if t]


def contains(text, words):
    toks = tokens(text)
    joined = " " + " ".join(toks) + " "
    tokset = set(toks)
    for w in words:
        if w.startswith("-"):
            end = w[1:]
            if any(t.endswith(end) and len(t) > len(end) for t in toks):
                return True
        elif " " in w:
            if " " + w + " " in joined:
                return True
        elif w in tokset:
            return True
    return False


def main():
    gold = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/dev/external/gold.jsonl"
    gaz = alias_texts(GAZ_ORGS)
    mine = alias_texts(os.path.join(HERE, "data", "orgs.tsv"))
    kw = [fold(w) for w in first_column(os.path.join(HERE, "data", "org-keywords.tsv"))]
    lf = [fold(w) for w in first_column(os.path.join(HERE, "data", "legal-forms.tsv"))]
    heads = []
    if os.path.exists(HEADS):
        with open(HEADS, encoding="utf-8") as f:
            heads = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    stats = {}
    with open(gold, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("type") != "ORG":
                continue
            lang = d["file"][:2]
            s = stats.setdefault(lang, [0] * 7)
            t = fold(d["text"])
            s[0] += 1
            g = t in gaz
            s[1] += g
            s[2] += g or t in mine
            k = contains(d["text"], kw)
            l = contains(d["text"], lf)
            s[3] += k
            s[4] += l
            s[5] += k or l
            s[6] += any(h in ascii_fold(d["text"]).split() for h in heads)
    print("lang     n    gaz  +orgs     kw     lf  kw|lf  heads")
    tot = [0] * 7
    for lang in sorted(stats):
        s = stats[lang]
        tot = [a + b for a, b in zip(tot, s)]
        print("%-4s %5d " % (lang, s[0]) + " ".join("%6.3f" % (x / s[0]) for x in s[1:]))
    print("%-4s %5d " % ("all", tot[0]) + " ".join("%6.3f" % (x / tot[0]) for x in tot[1:]))


if __name__ == "__main__":
    main()
