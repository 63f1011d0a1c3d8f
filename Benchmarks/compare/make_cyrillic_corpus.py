#!/usr/bin/env python3
"""Derive the Cyrillic benchmark corpora from Debian's translation catalogues.

    python3 Benchmarks/compare/make_cyrillic_corpus.py

reads /usr/share/locale/{kk,ru}/LC_MESSAGES/*.mo (the Kazakh and Russian translations
of the packages installed on a Debian 12 system: coreutils, glib, gtk, apt, dpkg, git,
PackageKit, shadow, iso-codes, ...), keeps the translated messages that are real
Cyrillic prose (format specifiers, accelerators, markup and escapes removed; at least
three words; at least 70% of the letters Cyrillic), drops duplicates, orders them by a
hash (deterministic, no topic runs) and writes

    Benchmarks/corpus/kk.txt   Kazakh, every message kept (~100 KB)
    Benchmarks/corpus/ru.txt   Russian, capped at --ru-kb KB (default 150)

as paragraphs of six messages, so `tilmash-bench` can cut documents at blank lines.
Python 3 standard library only.
"""

import argparse
import glob
import gettext
import hashlib
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "corpus")

FORMAT = re.compile(r"%(\d+\$)?[-+ #0']*(\d+|\*)?(\.(\d+|\*))?(hh|h|ll|l|L|q|j|z|t|I64)?[diouxXeEfgGcspm%]"
                    r"|\$\{[^}]*\}|\{[^}]*\}|<[^>]*>|\\[ntr]|&[a-z]+;")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LETTER = re.compile(r"[^\W\d_]")


def clean(message: str) -> str:
    text = FORMAT.sub(" ", message)
    text = re.sub(r"(?<!\w)[_&](?=\w)", "", text)      # accelerators: _Файл, &Открыть
    text = re.sub(r"\s+", " ", text).strip(" :-*\t")
    return text


def keep(text: str) -> bool:
    letters = LETTER.findall(text)
    if len(text.split()) < 3 or not letters:
        return False
    return len(CYRILLIC.findall(text)) >= 0.7 * len(letters)


def messages(language: str):
    seen = set()
    for path in sorted(glob.glob(f"/usr/share/locale/{language}/LC_MESSAGES/*.mo")):
        try:
            with open(path, "rb") as handle:
                catalogue = gettext.GNUTranslations(handle)
        except Exception:
            continue
        for value in catalogue._catalog.values():
            for part in value.split("\n"):
                text = clean(part)
                if keep(text) and text not in seen:
                    seen.add(text)
                    yield text


def write(language: str, limit: int) -> None:
    ordered = sorted(messages(language), key=lambda s: hashlib.sha1(s.encode()).hexdigest())
    kept, size = [], 0
    for text in ordered:
        if size + len(text.encode()) + 1 > limit:
            break
        kept.append(text)
        size += len(text.encode()) + 1
    paragraphs = ["\n".join(kept[i:i + 6]) for i in range(0, len(kept), 6)]
    path = os.path.join(OUT, f"{language}.txt")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n\n".join(paragraphs) + "\n")
    print(f"{path}: {len(kept)} messages, {os.path.getsize(path)} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ru-kb", type=int, default=150)
    parser.add_argument("--kk-kb", type=int, default=150)
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    write("kk", args.kk_kb * 1024)
    write("ru", args.ru_kb * 1024)


if __name__ == "__main__":
    main()
