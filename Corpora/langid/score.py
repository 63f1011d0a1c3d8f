#!/usr/bin/env python3
"""Reference scorer for the Tilmash language identifier.

Reads Sources/Tilmash/Resources/langid/ngrams.tsv (written by train.py) and
classifies text.  This file is the executable specification of the scoring
procedure; the Swift port must reproduce `normalize`, `features` and
`Model.classify` exactly (see the comment header of ngrams.tsv and
Corpora/langid/README.md).

Usage:
    score.py [--model PATH] [--lines] [--all] [FILE ...]     (stdin if no FILE)

Output, one line per input (file, or line with --lines):
    LANG <TAB> CONFIDENCE <TAB> MARGIN <TAB> NAME
LANG is an ISO 639-1 code from the model or "und".

Python 3 standard library only.
"""

import math
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_MODEL = os.path.normpath(
    os.path.join(HERE, "..", "..", "Sources", "Tilmash", "Resources", "langid", "ngrams.tsv"))

# Apostrophe-like characters.  Between two letters they become "'" (a
# word-internal character, e.g. Uzbek o'zbek, Turkish Bakü'de, English
# don't); anywhere else they become a space.
APOSTROPHES = frozenset("'`\u00b4\u02bb\u02bc\u2018\u2019")

BOUNDARY = "_"
LETTER_CATEGORIES = frozenset(("Lu", "Ll", "Lt", "Lm", "Lo"))
MARK_CATEGORIES = frozenset(("Mn", "Mc", "Me"))


def is_letter(ch):
    """A letter: Unicode general category L* (Lu Ll Lt Lm Lo), except the
    apostrophe-like characters (U+02BB/U+02BC are category Lm)."""
    return ch not in APOSTROPHES and unicodedata.category(ch) in LETTER_CATEGORIES


def lower_char(ch, turkic=False):
    """Lowercase one scalar.  The scorer always uses turkic=False:
    U+0130 (I with dot) -> "i", every other scalar -> its full Unicode
    lowercase mapping taken scalar by scalar (no context rules such as
    Greek final sigma), so "I" -> "i".  Training text of tr/az additionally
    uses turkic=True (I -> dotless i)."""
    if ch == "\u0130":
        return "i"
    if turkic and ch == "I":
        return "\u0131"
    return ch.lower()


def normalize(text, turkic=False):
    """Return the list of normalised words of `text` (no boundary markers).

    1. NFC.
    2. Scalar by scalar (neighbours are taken from the NFC text):
       - apostrophe-like (APOSTROPHES): "'" if both neighbours are letters,
         else a space;
       - combining mark (Mn, Mc, Me): dropped;
       - letter (see is_letter): lowercased with lower_char;
       - anything else (digits, punctuation, symbols, "_", whitespace): space.
    3. Split on spaces; empty pieces are discarded.
    """
    s = unicodedata.normalize("NFC", text)
    out = []
    n = len(s)
    for i, ch in enumerate(s):
        if ch in APOSTROPHES:
            if 0 < i < n - 1 and is_letter(s[i - 1]) and is_letter(s[i + 1]):
                out.append("'")
            else:
                out.append(" ")
        elif unicodedata.category(ch) in MARK_CATEGORIES:
            continue
        elif is_letter(ch):
            out.append(lower_char(ch, turkic))
        else:
            out.append(" ")
    return "".join(out).split()


def features(words, orders=(1, 2, 3, 4)):
    """All character n-grams of the words, each word padded as "_word_".
    n-grams never cross words; the 1-gram "_" is not a feature.  Lengths
    are counted in Unicode scalars.  Duplicates are kept (a multiset)."""
    feats = []
    for w in words:
        p = BOUNDARY + w + BOUNDARY
        L = len(p)
        for n in orders:
            for i in range(0, L - n + 1):
                g = p[i:i + n]
                if g != BOUNDARY:
                    feats.append(g)
    return feats


def letter_count(words):
    return sum(1 for w in words for ch in w if ch != "'")


class Model:
    def __init__(self, langs, tables, unk, params):
        self.langs = list(langs)          # file order = tie-break order
        self.tables = tables              # lang -> {ngram: logprob}
        self.unk = unk                    # lang -> logprob for absent n-grams
        self.params = params              # name -> str
        self.orders = tuple(int(x) for x in params.get("orders", "1,2,3,4").split(","))
        self.min_letters = int(params.get("min_letters", "3"))
        self.min_confidence = float(params.get("min_confidence", "0"))
        self.temperature = float(params.get("temperature", "12"))
        self._index = None

    @classmethod
    def load(cls, path=DEFAULT_MODEL):
        langs, tables, unk, params = [], {}, {}, {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line:
                    continue
                if line.startswith("#"):
                    if line.startswith("#!"):
                        k, _, v = line[2:].strip().partition("=")
                        params[k.strip()] = v.strip()
                    continue
                lang, gram, lp = line.split("\t")
                if lang not in tables:
                    langs.append(lang)
                    tables[lang] = {}
                if gram == "<unk>":
                    unk[lang] = float(lp)
                else:
                    tables[lang][gram] = float(lp)
        return cls(langs, tables, unk, params)

    def index(self):
        """n-gram -> tuple of log-probabilities in self.langs order."""
        if self._index is None:
            allg = set()
            for t in self.tables.values():
                allg.update(t)
            self._index = {
                g: tuple(self.tables[l].get(g, self.unk[l]) for l in self.langs)
                for g in allg}
        return self._index

    def scores(self, feats):
        """Sum of log-probabilities per language (same order as self.langs),
        accumulated in feature order in double precision."""
        idx = self.index()
        base = tuple(self.unk[l] for l in self.langs)
        tot = [0.0] * len(self.langs)
        r = range(len(tot))
        for g in feats:
            v = idx.get(g, base)
            for k in r:
                tot[k] += v[k]
        return tot

    def classify(self, text):
        """Return (lang, confidence, margin, details).

        S_L  = sum over the feature multiset of logprob_L(g) (unk_L if g is
               not listed for L).
        best = argmax S_L (ties: earlier language in the file wins).
        confidence = 1 / sum_L exp((S_L - S_best) / temperature), i.e. the
               softmax of S_L / temperature evaluated at best.
        margin = (S_best - S_second) / letters  (informational).
        "und" if letters < min_letters or confidence < min_confidence."""
        words = normalize(text)
        nl = letter_count(words)
        if nl == 0:
            return "und", 0.0, 0.0, {}
        tot = self.scores(features(words, self.orders))
        order = sorted(range(len(tot)), key=lambda k: (-tot[k], k))
        b, s = order[0], order[1]
        margin = (tot[b] - tot[s]) / nl
        m = tot[b]
        z = sum(math.exp((t - m) / self.temperature) for t in tot)
        conf = 1.0 / z
        details = {self.langs[k]: tot[k] for k in range(len(tot))}
        if nl < self.min_letters or conf < self.min_confidence:
            return "und", conf, margin, details
        return self.langs[b], conf, margin, details


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--lines", action="store_true", help="classify each line separately")
    ap.add_argument("--all", action="store_true", help="also print every language's total score")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args(argv)
    model = Model.load(a.model)

    def emit(text, name):
        lang, conf, margin, det = model.classify(text)
        extra = ""
        if a.all:
            extra = "\t" + " ".join("%s=%.2f" % (l, det[l]) for l in model.langs if l in det)
        print("%s\t%.4f\t%.4f\t%s%s" % (lang, conf, margin, name, extra))

    inputs = a.files or ["-"]
    for fn in inputs:
        if fn == "-":
            data = sys.stdin.read()
        else:
            with open(fn, encoding="utf-8", errors="replace") as f:
                data = f.read()
        if a.lines:
            for i, line in enumerate(data.splitlines(), 1):
                if line.strip():
                    emit(line, "%s:%d" % (fn, i))
        else:
            emit(data, fn)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
