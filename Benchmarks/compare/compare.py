#!/usr/bin/env python3
"""Tilmash against the tools a user would pick instead, measured in the same run.

    python3 Benchmarks/compare/compare.py [--install] [--scale-mb 10] [--runs 5]

Runs `tilmash-bench --json` (release build, scratch path .build-bench) and then the same
work through the peers, on the same corpus (Corpora/seeds/*.txt repeated to --scale-mb MB,
one seed file = one document; Kazakh text from Benchmarks/corpus/kk.txt), one core each:

  PyICU      NFKC + Turkish lowercase          vs normalize.search     (target 1.5x)
             NFKC + lowercase + Any-Latin; Latin-ASCII
                                               vs normalize.ascii      (target 10x)
             Kazakh-Latin/BGN on Kazakh text   vs translit.kk-latn-2021 (target 2x)
             de-ASCII                          vs translit.de-ascii    (target 10x)
             Any-Latin                         vs translit.any-latin   (no target)
             word BreakIterator                vs tokenize             (target 5x)
  spaCy      blank tokenizer (spacy.blank)     vs tokenize             (target 10x)
             PhraseMatcher(attr="LOWER")       vs tag                  (no target)
  flashtext  KeywordProcessor                  vs tag                  (target 5x)
  pyahocorasick + word-boundary check          vs tag                  (target 1x)

and pipeline.jobs2 against pipeline (target 1.8x). The taggers all get every alias of the
same gazetteer (Corpora/gazetteer/data/*.tsv, or --gazetteer). Prints each peer's MB/s
beside Tilmash's, the ratio Tilmash/peer and PASS/FAIL per target. A peer that is not
installed (or fails) is reported as skipped. `--install` pip-installs the peers first
(PyICU builds against the system ICU: it needs pkg-config, libicu-dev and a C++ compiler).

MB = 10^6 bytes of UTF-8 input. Like tilmash-bench, a peer too slow to do --runs passes over
the whole corpus within --budget seconds is measured on a prefix (at least 1 MB).
"""

import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PEER_PACKAGES = ["PyICU", "spacy", "flashtext", "pyahocorasick"]
WARM_UP_BYTES = 256 * 1024
MINIMUM_SAMPLE = 1_000_000


# ---------------------------------------------------------------- corpus (as tilmash-bench)

def split_documents(text, target):
    """tilmash-bench's cut: a blank line once a piece has `target` bytes, any line end at
    twice that."""
    pieces, current, size = [], [], 0
    for line in text.split("\n"):
        blank = line.strip() == ""
        if size >= 2 * target or (blank and size >= target):
            pieces.append("".join(current))
            current, size = [], 0
        current.append(line + "\n")
        size += len(line.encode()) + 1
    if current:
        pieces.append("".join(current))
    return [p for p in pieces if p]


def scaled(documents, scale_mb):
    if scale_mb <= 0:
        return list(documents)
    target, total, out = int(scale_mb * 1_000_000), 0, []
    while total < target:
        doc = documents[len(out) % len(documents)]
        out.append(doc)
        total += len(doc.encode())
    return out


def load_seeds(folder, scale_mb):
    names = sorted(glob.glob(os.path.join(folder, "*.txt")))
    if not names:
        sys.exit(f"compare.py: no *.txt files in {folder}")
    docs = [open(n, encoding="utf-8").read() for n in names]
    return scaled(docs, scale_mb)


def load_file(path, scale_mb, doc_kb=4):
    with open(path, encoding="utf-8") as handle:
        return scaled(split_documents(handle.read(), doc_kb * 1024), scale_mb)


def corpus_bytes(docs):
    return sum(len(d.encode()) for d in docs)


def prefix(docs, limit):
    out, total = [], 0
    for d in docs:
        if total >= limit:
            break
        out.append(d)
        total += len(d.encode())
    return out or docs[:1]


# ---------------------------------------------------------------- gazetteer

def load_aliases(path):
    """Every alias text of the gazetteer: `id<TAB>type<TAB>canonical<TAB>aliases`, aliases
    ` | `-separated `lang:text` with an optional `^` after the colon."""
    files = sorted(glob.glob(os.path.join(path, "*.tsv"))) if os.path.isdir(path) else [path]
    aliases = {}
    for name in files:
        with open(name, encoding="utf-8") as handle:
            for line in handle:
                line = line.rstrip("\n").rstrip("\r")
                if not line.strip() or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) != 4:
                    continue
                for item in fields[3].split(" | "):
                    if ":" not in item:
                        continue
                    text = item.split(":", 1)[1].strip().lstrip("^")
                    if text:
                        aliases.setdefault(text, fields[0])
    return aliases


# ---------------------------------------------------------------- timing

def measure(work, docs, runs, budget):
    """Warm-up on the first 256 KB, then `runs` timed passes (over a prefix when the whole
    corpus would not fit in `budget` seconds). Returns MB/s median, min, max, bytes."""
    warm = prefix(docs, WARM_UP_BYTES)
    start = time.perf_counter()
    for d in warm:
        work(d)
    warm_seconds = time.perf_counter() - start
    sample, total = docs, corpus_bytes(docs)
    if budget > 0:
        planned = corpus_bytes(warm) / max(warm_seconds, 1e-9) * budget / runs
        if planned < total * 0.9:
            sample = prefix(docs, max(int(planned), MINIMUM_SAMPLE))
    size = corpus_bytes(sample)
    speeds = []
    for _ in range(runs):
        start = time.perf_counter()
        for d in sample:
            work(d)
        speeds.append(size / 1e6 / (time.perf_counter() - start))
    return {"median": statistics.median(speeds), "min": min(speeds), "max": max(speeds),
            "inputBytes": size, "capped": size < total}


# ---------------------------------------------------------------- peers

def pyicu_peers():
    import icu
    nfkc = icu.Normalizer2.getNFKCInstance()
    turkish, root = icu.Locale("tr"), icu.Locale.getRoot()

    def search(doc):
        return str(icu.UnicodeString(nfkc.normalize(doc)).toLower(turkish))

    to_ascii = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")

    def ascii_chain(doc):
        return to_ascii.transliterate(str(icu.UnicodeString(nfkc.normalize(doc)).toLower(root)))

    def transliterator(name):
        t = icu.Transliterator.createInstance(name)
        return lambda doc: t.transliterate(doc)

    words = icu.BreakIterator.createWordInstance(root)

    def word_break(doc):
        text = icu.UnicodeString(doc)
        words.setText(text)
        tokens, start = [], words.first()
        for end in words:
            piece = str(text[start:end])
            if not piece.isspace():
                tokens.append(piece)
            start = end
        return tokens

    return {
        "pyicu.nfkc-tr-lower": search,
        "pyicu.nfkc-lower-any-latin-ascii": ascii_chain,
        "pyicu.kazakh-latin-bgn": transliterator("Kazakh-Latin/BGN"),
        "pyicu.de-ascii": transliterator("de-ASCII"),
        "pyicu.any-latin": transliterator("Any-Latin"),
        "pyicu.word-break": word_break,
    }


def spacy_peers(aliases):
    import spacy
    from spacy.matcher import PhraseMatcher
    nlp = spacy.blank("xx")
    peers = {"spacy.blank-tokenizer": lambda doc: nlp.tokenizer(doc)}
    if aliases:
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add("ALIAS", list(nlp.tokenizer.pipe(aliases)))
        peers["spacy.phrase-matcher"] = lambda doc: matcher(nlp.make_doc(doc))
    return peers


def flashtext_peer(aliases, docs):
    from flashtext import KeywordProcessor
    processor = KeywordProcessor(case_sensitive=False)
    # flashtext's word characters are ASCII [A-Za-z0-9_] by default, so "Astana" would match
    # inside "Astana’da" but also "Bakü" inside "Bakülü"; a user matching Turkish, German or
    # Cyrillic text adds the letters of the text and the aliases.
    letters = {c for text in list(aliases) + docs[:50] for c in text if c.isalnum() or c == "_"}
    processor.set_non_word_boundaries(processor.non_word_boundaries | letters)
    for alias, entry in aliases.items():
        processor.add_keyword(alias, entry)
    return {"flashtext": lambda doc: processor.extract_keywords(doc, span_info=True)}


def ahocorasick_peer(aliases):
    import ahocorasick
    automaton = ahocorasick.Automaton()
    for alias, entry in aliases.items():
        key = alias.lower()
        automaton.add_word(key, (len(key), entry))
    automaton.make_automaton()

    def tag(doc):
        text = doc.lower()
        found = []
        for end, (length, entry) in automaton.iter(text):
            start = end - length + 1
            if (start == 0 or not text[start - 1].isalnum()) and (end + 1 == len(text) or not text[end + 1].isalnum()):
                found.append((start, end + 1, entry))
        return found

    return {"pyahocorasick.word-boundary": tag}


# (Tilmash stage, peer, corpus, target ratio or None, what)
COMPARISONS = [
    ("normalize.search", "pyicu.nfkc-tr-lower", "main", 1.5, "PyICU NFKC + Turkish lowercase"),
    ("normalize.ascii", "pyicu.nfkc-lower-any-latin-ascii", "main", 10, "PyICU NFKC + lowercase + Any-Latin; Latin-ASCII"),
    ("translit.kk-latn-2021", "pyicu.kazakh-latin-bgn", "kk", 2, "PyICU Kazakh-Latin/BGN (Kazakh text)"),
    ("translit.kk-bgn", "pyicu.kazakh-latin-bgn", "kk", None, "PyICU Kazakh-Latin/BGN (Kazakh text)"),
    ("translit.de-ascii", "pyicu.de-ascii", "main", 10, "PyICU de-ASCII"),
    ("translit.any-latin", "pyicu.any-latin", "main", None, "PyICU Any-Latin"),
    ("tokenize", "pyicu.word-break", "main", 5, "PyICU word BreakIterator"),
    ("tokenize", "spacy.blank-tokenizer", "main", 10, "spaCy blank('xx') tokenizer"),
    ("tag", "flashtext", "main", 5, "flashtext KeywordProcessor"),
    ("tag", "pyahocorasick.word-boundary", "main", 1, "pyahocorasick + word-boundary check"),
    ("tag", "spacy.phrase-matcher", "main", None, "spaCy PhraseMatcher(attr=LOWER)"),
]


def install():
    for package in PEER_PACKAGES:
        print(f"pip install {package} ...", flush=True)
        result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", package],
                                env={**os.environ, "PIP_ROOT_USER_ACTION": "ignore"})
        if result.returncode != 0:
            print(f"  {package}: pip install failed (exit {result.returncode}); its peers will be skipped", flush=True)


def run_bench(args):
    out = os.path.join(ROOT, ".build-bench", "compare-bench.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    command = [args.swift, "run", "-c", "release", "--scratch-path", ".build-bench", "tilmash-bench",
               "--json", out, "--scale-mb", str(args.scale_mb), "--runs", str(args.runs),
               "--budget", str(args.budget), "--jobs", "2", "--seeds", args.seeds]
    if args.gazetteer_given:
        command += ["--gazetteer", args.gazetteer]
    print("$ " + " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"compare.py: tilmash-bench failed (exit {result.returncode})")
    with open(out) as handle:
        return json.load(handle)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--install", action="store_true", help="pip install the peers first")
    parser.add_argument("--scale-mb", type=float, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=4, help="seconds of timed work per stage/peer (0 = whole corpus)")
    parser.add_argument("--seeds", default="Corpora/seeds", help="seed folder, relative to the package root")
    parser.add_argument("--kazakh", default="Benchmarks/corpus/kk.txt", help="Kazakh text for the Kazakh transliterators")
    parser.add_argument("--gazetteer", default=None, help="gazetteer .tsv or folder (default Corpora/gazetteer/data)")
    parser.add_argument("--bench-json", help="use this tilmash-bench --json result instead of running it")
    parser.add_argument("--swift", default="swift")
    parser.add_argument("--json", help="write the comparison as JSON to this file")
    args = parser.parse_args()
    args.gazetteer_given = args.gazetteer is not None
    if args.gazetteer is None:
        args.gazetteer = "Corpora/gazetteer/data"

    if args.install:
        install()

    if args.bench_json:
        with open(args.bench_json) as handle:
            bench = json.load(handle)
    else:
        bench = run_bench(args)
    stages = {s["name"]: s for s in bench["stages"]}

    path = lambda p: p if os.path.isabs(p) else os.path.join(ROOT, p)
    corpora = {"main": load_seeds(path(args.seeds), args.scale_mb), "kk": load_file(path(args.kazakh), args.scale_mb)}
    aliases = load_aliases(path(args.gazetteer)) if os.path.exists(path(args.gazetteer)) else {}
    print(f"\npeers: corpus {corpus_bytes(corpora['main']) / 1e6:.2f} MB in {len(corpora['main'])} documents "
          f"(Tilmash: {bench['corpusBytes'] / 1e6:.2f} MB); Kazakh {corpus_bytes(corpora['kk']) / 1e6:.2f} MB; "
          f"{len(aliases)} gazetteer aliases", flush=True)

    peers, skipped = {}, {}
    builders = [("PyICU", lambda: pyicu_peers(), ["pyicu."]),
                ("spaCy", lambda: spacy_peers(list(aliases)), ["spacy."]),
                ("flashtext", lambda: flashtext_peer(aliases, corpora["main"]), ["flashtext"]),
                ("pyahocorasick", lambda: ahocorasick_peer(aliases), ["pyahocorasick"])]
    for label, build, prefixes in builders:
        try:
            peers.update(build())
        except Exception as error:   # not installed, or broken: skip, do not crash
            for _, peer, _, _, _ in COMPARISONS:
                if any(peer.startswith(p) for p in prefixes):
                    skipped[peer] = f"{label}: {type(error).__name__}: {error}"
    for _, peer, _, _, _ in COMPARISONS:
        if peer.startswith(("flashtext", "pyahocorasick", "spacy.phrase")) and not aliases and peer not in skipped:
            skipped[peer] = f"no gazetteer aliases in {args.gazetteer}"
            peers.pop(peer, None)

    results = {}
    for name, work in peers.items():
        corpus = corpora["kk"] if "kazakh" in name else corpora["main"]
        try:
            results[name] = measure(work, corpus, args.runs, args.budget)
            capped = f" (first {results[name]['inputBytes'] / 1e6:.2f} MB)" if results[name]["capped"] else ""
            print(f"  {name:36} {results[name]['median']:9.2f} MB/s{capped}", flush=True)
        except Exception as error:
            skipped[name] = f"{type(error).__name__}: {error}"

    rows = []
    for stage, peer, _, target, what in COMPARISONS:
        row = {"stage": stage, "peer": peer, "peerDescription": what, "target": target}
        tilmash = stages.get(stage)
        if tilmash and "mbps" in tilmash:
            row["tilmashMBps"] = tilmash["mbps"]["median"]
        else:
            row["tilmashError"] = (tilmash or {}).get("error", "stage not run")
        if peer in results:
            row["peerMBps"] = results[peer]["median"]
            row["peerCapped"] = results[peer]["capped"]
        else:
            row["peerError"] = skipped.get(peer, "not measured")
        if "tilmashMBps" in row and "peerMBps" in row:
            row["ratio"] = row["tilmashMBps"] / row["peerMBps"]
            row["result"] = "info" if target is None else ("PASS" if row["ratio"] >= target else "FAIL")
        else:
            row["result"] = "SKIP"
        rows.append(row)
    single, double = stages.get("pipeline", {}), stages.get("pipeline.jobs2", {})
    scaling = {"stage": "pipeline.jobs2", "peer": "pipeline (1 job)", "peerDescription": "Tilmash pipeline on one thread",
               "target": 1.8}
    if "mbps" in single and "mbps" in double:
        scaling.update(tilmashMBps=double["mbps"]["median"], peerMBps=single["mbps"]["median"])
        scaling["ratio"] = scaling["tilmashMBps"] / scaling["peerMBps"]
        scaling["result"] = "PASS" if scaling["ratio"] >= 1.8 else "FAIL"
        switches = double.get("contextSwitches", {})
        scaling["coresBusy"] = double.get("coresBusy")
        scaling["preemptions"] = switches.get("involuntary")
        scaling["waits"] = switches.get("voluntary")
    else:
        scaling["result"] = "SKIP"
        scaling["tilmashError"] = double.get("error") or single.get("error") or "stage not run"
    rows.append(scaling)

    print()
    print(f"{'Tilmash stage':22} {'MB/s':>8}   {'peer':48} {'MB/s':>8} {'ratio':>7} {'target':>7}  result")
    print("-" * 118)
    for row in rows:
        mine = f"{row['tilmashMBps']:8.2f}" if "tilmashMBps" in row else f"{'-':>8}"
        theirs = f"{row['peerMBps']:8.2f}" if "peerMBps" in row else f"{'-':>8}"
        ratio = f"{row['ratio']:6.2f}x" if "ratio" in row else f"{'-':>7}"
        target = f">={row['target']:g}x" if row["target"] is not None else "-"
        print(f"{row['stage']:22} {mine}   {row['peerDescription'][:48]:48} {theirs} {ratio} {target:>7}  {row['result']}")
    if scaling.get("coresBusy") is not None:
        print(f"  pipeline.jobs2 kept {scaling['coresBusy']:.2f} of 2 cores busy; {scaling['preemptions']} preemptions, "
              f"{scaling['waits']} waits" + ("  <- other processes took a core: the scaling figure is not meaningful"
                                              if scaling["coresBusy"] < 1.6 and scaling["preemptions"] > 5 * max(scaling["waits"], 1)
                                              else ""))
    notes = sorted({(r["peer"], r["peerError"]) for r in rows if "peerError" in r})
    notes += sorted({(r["stage"], r["tilmashError"]) for r in rows if "tilmashError" in r})
    for name, reason in notes:
        print(f"  skipped {name}: {reason}")
    capped = [r["stage"] for r in rows if stages.get(r["stage"], {}).get("capped")]
    capped_peers = [r["peer"] for r in rows if r.get("peerCapped")]
    if capped or capped_peers:
        print("  measured on a prefix (slow for the time budget): " + ", ".join(sorted(set(capped + capped_peers))))
    print(f"  Tilmash peak RSS (tilmash-bench): {bench.get('peakRSSBytes', 0) / 1e6:.1f} MB")
    passed = sum(r["result"] == "PASS" for r in rows)
    failed = sum(r["result"] == "FAIL" for r in rows)
    print(f"  targets: {passed} pass, {failed} fail, {sum(r['result'] == 'SKIP' for r in rows)} skipped")

    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"bench": bench, "peers": results, "skipped": skipped, "comparisons": rows}, handle, indent=2)


if __name__ == "__main__":
    main()
