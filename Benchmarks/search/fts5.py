#!/usr/bin/env python3
"""Indexing with a search engine: `tilmash index` records loaded into SQLite FTS5.

Builds an FTS5 table from the index records of the seed corpus and of a few mixed-script
sentences, analyzes each query with `tilmash analyze --query`, and searches three ways:

  text    the original text, FTS5's own unicode61 tokenizer (what a user gets without Tilmash)
  terms   the query's ASCII keys against the records' "ascii" field
  ids     the entity ids the query look-up found against the records' "entity_ids"

and prints the hits of each. `--check` compares the Tilmash hits (terms OR ids) with the
expected documents below and exits 1 on any difference.

    python3 Benchmarks/search/fts5.py [--tilmash PATH] [--check]

Needs only Python's standard library (sqlite3 with FTS5, as Debian's python3 has it) and
a built tilmash (default: .build/release/tilmash, else .build/debug/tilmash).
"""
import argparse
import glob
import json
import os
import sqlite3
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Sentences written for this test: each names one entity in another spelling or script.
SENTENCES = [
    ("ru-tokayev", "ru", "Президент Токаев прибыл в Астану на переговоры."),
    ("de-tokajew", "de", "Präsident Tokajew besuchte Kasachstan und sprach mit Vertretern."),
    ("tr-tokayev", "tr", "Cumhurbaşkanı Tokayev İstanbul’a geldi."),
    ("kk-tokayev", "kk", "Тоқаев Астанада сөз сөйледі."),
    ("tr-caps", "tr", "ISTANBUL’DA BÜYÜK TOPLANTI YAPILDI"),
    ("en-istanbul", "en", "Istanbul hosted the summit of foreign ministers."),
    ("de-kasachstan", "de", "Die Wirtschaft Kasachstans wächst."),
    ("en-other", "en", "The weather in Berlin was mild."),
]

SEEDS = sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "Corpora/seeds/*.txt")))

# Expected hits per query (document ids: seed file names and the sentence ids above),
# checked by hand: the seeds that name Tokayev (grep -il 'tokayev|tokajew|токаев|тоқаев'),
# Istanbul (000: İstanbul, 003: Istanbul), the five seeds that name Kazakhstan in some
# language, and the sentences.
TOKAYEV = ["002_644df2d9510db3b2.txt", "004_ddc9d047bacb3bd0.txt", "de-tokajew", "kk-tokayev", "ru-tokayev", "tr-tokayev"]
ISTANBUL = ["000_cdb847884835670f.txt", "003_e905b970b9dda345.txt", "en-istanbul", "tr-caps", "tr-tokayev"]
KAZAKHSTAN = SEEDS + ["de-kasachstan", "de-tokajew"]
EXPECTED = {
    "Tokayev": TOKAYEV, "Токаев": TOKAYEV, "Tokajew": TOKAYEV,
    "istanbul": ISTANBUL, "ISTANBUL": ISTANBUL, "Kasachstan": KAZAKHSTAN,
}


def tilmash_binary(given):
    if given:
        return given
    for candidate in (".build/release/tilmash", ".build/debug/tilmash"):
        path = os.path.join(ROOT, candidate)
        if os.path.exists(path):
            return path
    sys.exit("fts5.py: build tilmash first (swift build -c release)")


def run(binary, arguments, text=None):
    done = subprocess.run([binary] + arguments, input=text, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"fts5.py: tilmash {' '.join(arguments)} failed: {done.stderr}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def records(binary):
    seeds = run(binary, ["index"] + [os.path.join("Corpora/seeds", name) for name in SEEDS])
    for record in seeds:
        record["id"] = os.path.basename(record["file"])
    lines = "".join(json.dumps({"id": i, "lang": lang, "text": text}, ensure_ascii=False) + "\n"
                    for i, lang, text in SENTENCES)
    return seeds + run(binary, ["index", "--input", "jsonl"], lines)


def fts_phrase(term):
    return '"' + term.replace('"', '""') + '"'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tilmash")
    parser.add_argument("--check", action="store_true")
    options = parser.parse_args()
    binary = tilmash_binary(options.tilmash)

    db = sqlite3.connect(":memory:")
    # Entity ids are one token each: ':' '-' '.' count as token characters.
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, text, ascii, entity_ids, "
               "tokenize=\"unicode61 remove_diacritics 0 tokenchars ':-.'\")")
    for record in records(binary):
        db.execute("INSERT INTO docs VALUES (?, ?, ?, ?)",
                   (record["id"], record["text"], record["ascii"], " ".join(record["entity_ids"])))

    failed = False
    print(f"{'query':<12} {'text':>5} {'tilmash':>8}  expected  documents found by tilmash")
    for query, expected in EXPECTED.items():
        tokens = run(binary, ["analyze", "--query"], query + "\n")
        keys = [t["key"] for t in tokens if t["kind"] in ("word", "number")]
        ids = sorted({t["entity"]["id"] for t in tokens if "entity" in t})
        plain = {row[0] for row in db.execute("SELECT id FROM docs WHERE text MATCH ?", (fts_phrase(query),))}
        found = set()
        if keys:
            match = "ascii : " + " ".join(fts_phrase(k) for k in keys)
            found |= {row[0] for row in db.execute("SELECT id FROM docs WHERE docs MATCH ?", (match,))}
        for entity in ids:
            found |= {row[0] for row in db.execute("SELECT id FROM docs WHERE docs MATCH ?",
                                                   ("entity_ids : " + fts_phrase(entity),))}
        ok = sorted(found) == sorted(expected)
        failed |= not ok
        print(f"{query:<12} {len(plain):>5} {len(found):>8}  {len(expected):>8}  {'ok ' if ok else 'DIFF'} "
              f"{' '.join(sorted(found))}  (ids: {' '.join(ids) or '-'})")
        if not ok:
            print(f"  expected: {' '.join(sorted(expected))}")
    if options.check and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
