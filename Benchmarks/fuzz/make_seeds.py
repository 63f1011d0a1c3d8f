#!/usr/bin/env python3
"""Writes a starting corpus for the Tilmash fuzz targets: paragraphs of the seed documents
and of the benchmark corpus, the test tables' inputs and hand-made damage (invalid UTF-8,
lone surrogates, NUL, BOM, combining-mark runs). Each file's first byte picks the language
(see Sources/Fuzz.swift): byte % 10 == 0 is auto, then tr az de en kk ru uz ky und."""
import os, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
samples = []
for folder in ["Corpora/seeds", "Benchmarks/corpus"]:
    for name in sorted(os.listdir(os.path.join(root, folder))):
        data = open(os.path.join(root, folder, name), "rb").read()
        paragraphs = [p for p in data.split(b"\n") if p.strip()]
        for i in range(0, len(paragraphs), 3):
            samples.append(b"\n".join(paragraphs[i:i + 3])[:1500])
for name in ["kk-latn-2021.tsv", "ru-de.tsv", "ru-tr.tsv"]:
    for line in open(os.path.join(root, "Tests/TilmashTests/Fixtures/translit", name), "rb"):
        if not line.startswith(b"#") and b"\t" in line:
            samples.append(line.split(b"\t")[0])
samples += [
    b"", b"\xff\xfe\xc3", b"a\xed\xa0\x80b", b"a\x00b\x00", b"ab\xef\xbb\xbfcd", b"a\r\nb\r\n",
    ("e" + "\u0301" * 300).encode(),
    "İstanbul’da DIŞİŞLERİ Bakanlığı’nın „Açıklaması“".encode(),
    "die Zusammen-\narbeit der Kazak-\nRus Gruppe ﬁnden Straße ẞ".encode(),
    "Präsident Tokajew besuchte Astana. Dr. Aliyev 12. Dezember’de".encode(),
    "https://www.commvisory.de/ info@x.kz #Astana2025 @akorda 2,5 %20 13-25 10.09.2015".encode(),
    "Қасым-Жомарт Тоқаев Астанада. Шавкат Мирзиёев, Чолпон".encode(),
    "Vertrauen и Dialog, Kаzakhstan (Cyrillic а)".encode(),
]
# Gazetteer source lines (the sources target reads them as a user's .tsv; the others as text).
for name in ["persons.tsv", "countries.tsv", "orgs.tsv"]:
    lines = [l for l in open(os.path.join(root, "Corpora/gazetteer/data", name), "rb") if not l.startswith(b"#")]
    for i in range(0, min(len(lines), 60), 6):
        samples.append(b"".join(lines[i:i + 6]))
samples.append(b"person:a\tPERSON\tAli Veli\ten:Ali Veli\ncity:x\tPLACE\tX\txx:^Van | ru:\xd0\x92\xd0\xb0\xd0\xbd\n")
for index, sample in enumerate(samples):
    with open(os.path.join(out, "seed-%04d" % index), "wb") as f:
        f.write(bytes([index % 10]) + sample)
print("%d seeds in %s" % (len(samples), out))
