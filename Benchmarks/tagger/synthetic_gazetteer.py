#!/usr/bin/env python3
"""Writes a synthetic gazetteer of N entries in the Tilmash TSV format, for measuring the
tagger at a scale no real list here has (tilmash-bench --gazetteer, tag.startup).

    python3 Benchmarks/tagger/synthetic_gazetteer.py ENTRIES OUT.tsv [--aliases-per-entry K]

Each entry gets K aliases (default 4): a two- or three-word name and its last word, half of
them in Latin and the rest in Cyrillic (which `gazetteer compile` also spells in five Latin
schemes). One word in five is a capitalised word of the seed corpus, so that the matcher
meets real prefixes in real text and does real work, not only misses. Deterministic: the
same arguments give the same file.
"""
import os
import random
import re
import sys

def main():
    args = sys.argv[1:]
    per = 4
    if "--aliases-per-entry" in args:
        i = args.index("--aliases-per-entry")
        per = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2 or not args[0].isdigit() or per < 1:
        sys.exit("usage: synthetic_gazetteer.py ENTRIES OUT.tsv [--aliases-per-entry K]")
    count, out = int(args[0]), args[1]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    seeds = os.path.join(root, "Corpora", "seeds")
    words = set()
    for name in sorted(os.listdir(seeds)):
        text = open(os.path.join(seeds, name), encoding="utf-8").read()
        words.update(w for w in re.findall(r"\b[A-ZÇĞİÖŞÜÄ][a-zçğıöşüäß]{3,}\b", text))
    corpus_words = sorted(words)
    rng = random.Random(20261202)
    latin = ["ka", "ra", "mo", "ta", "bek", "ul", "an", "sar", "din", "ov", "lan", "mir", "za", "ger", "tor", "el", "is", "nur", "bay", "sul"]
    cyrillic = ["ка", "ра", "мо", "та", "бек", "ул", "ан", "сар", "дин", "ов", "лан", "мир", "за", "жан", "тор", "ел", "ис", "нұр", "бай", "сұл"]
    def word(script):
        if script == "Latn" and rng.random() < 0.2:
            return rng.choice(corpus_words)
        syllables = latin if script == "Latn" else cyrillic
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
    with open(out, "w", encoding="utf-8") as f:
        f.write("# synthetic gazetteer: %d entries, %d aliases each (Benchmarks/tagger/synthetic_gazetteer.py)\n" % (count, per))
        for n in range(count):
            aliases = []
            for k in range(per):
                script = "Latn" if k % 2 == 0 else "Cyrl"
                lang = rng.choice(["en", "tr", "de"]) if script == "Latn" else rng.choice(["ru", "kk"])
                if k % 4 == 3 and aliases:
                    lang, name = aliases[-1][0], aliases[-1][1].split(" ")[-1]
                else:
                    name = " ".join(word(script) for _ in range(rng.randint(2, 3)))
                aliases.append((lang, name))
            seen, items = set(), []
            for lang, name in aliases:
                if name not in seen:
                    seen.add(name)
                    items.append("%s:%s" % (lang, name))
            kind = ["PERSON", "PLACE", "ORG"][n % 3]
            canonical = items[0].split(":", 1)[1]
            f.write("synthetic:%d\t%s\t%s\t%s\n" % (n, kind, canonical, " | ".join(items)))

main()
