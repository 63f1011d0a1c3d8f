#!/usr/bin/env python3
"""Renders `tilmash tag --format html` in headless Chromium and checks the marks.

    python3 Benchmarks/view/render.py [--tilmash PATH] [--screenshot OUT.png] [FILE]

FILE defaults to the first seed. Three checks, each must hold:
1. the page Chromium parsed (its DOM, --dump-dom) has one <mark class="entity TYPE"> per
   entity that `tilmash tag FILE` writes as JSON, with the same id, type and offsets;
2. the marks' text, with the marks taken out of the DOM, gives back the original document;
3. the screenshot shows each type's highlight colour wherever the document has that type
   (pixels of the legend's colour counted in the PNG, decoded here with zlib alone).
Exits 1 on a failed check, 77 when no Chromium is installed (Debian: apt-get install chromium).
"""
import argparse
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLOURS = {"PERSON": (0xAA, 0x9C, 0xFC), "PLACE": (0xFF, 0x95, 0x61), "ORG": (0x7A, 0xEC, 0xEC)}


class Marks(html.parser.HTMLParser):
    """The entity marks of the documents' sections and the text around them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks, self.text, self.depth, self.mark, self.label = [], [], 0, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "text":
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        elif self.depth and tag == "mark":
            self.mark = {"attrs": attrs, "text": ""}
        elif self.depth and tag == "span" and attrs.get("class") == "label":
            self.label = True

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1
        elif self.depth and tag == "mark" and self.mark is not None:
            self.marks.append(self.mark)
            self.mark = None
        elif tag == "span":
            self.label = False

    def handle_data(self, data):
        if not self.depth or self.label:
            return
        self.text.append(data)
        if self.mark is not None:
            self.mark["text"] += data


def png_pixels(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    with open(path, "rb") as handle:
        data = handle.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, "unsupported PNG layout %r" % (header,)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, channels)])
        previous = line
    return width, height, rows


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", default=os.path.join(ROOT, "Corpora/seeds/001_cf9d392c712c68ef.txt"))
    parser.add_argument("--tilmash", default=os.path.join(ROOT, ".build/release/tilmash"))
    parser.add_argument("--screenshot", help="keep the screenshot here")
    args = parser.parse_args()
    browser = chromium()
    if browser is None:
        print("render: no chromium on PATH (Debian: apt-get install chromium); skipped")
        return 77
    work = tempfile.mkdtemp(prefix="tilmash-render-")
    try:
        page = os.path.join(work, "page.html")
        with open(page, "wb") as out:
            subprocess.run([args.tilmash, "tag", "--format", "html", args.file], stdout=out, check=True)
        entities = [json.loads(line) for line in subprocess.run([args.tilmash, "tag", args.file], capture_output=True,
                                                                 check=True, text=True).stdout.splitlines()]
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                 "--user-data-dir=" + os.path.join(work, "profile")]
        dom = subprocess.run([browser] + flags + ["--dump-dom", "file://" + page], capture_output=True, text=True, timeout=120).stdout
        shot = args.screenshot or os.path.join(work, "page.png")
        subprocess.run([browser] + flags + ["--window-size=1280,6000", "--screenshot=" + shot, "file://" + page],
                       capture_output=True, timeout=120)
        problems = []
        marks = Marks()
        marks.feed(dom)
        if len(marks.marks) != len(entities):
            problems.append("%d marks in the rendered page, %d entities in the JSON" % (len(marks.marks), len(entities)))
        for mark, entity in zip(marks.marks, entities):
            a = mark["attrs"]
            got = (a.get("data-id"), a.get("data-type"), int(a.get("data-start", -1)), int(a.get("data-end", -1)), mark["text"])
            want = (entity["id"], entity["type"], entity["start"], entity["end"], entity["text"])
            if got != want or entity["type"] not in a.get("class", "").split():
                problems.append("mark %r, entity %r" % (got, want))
        with open(args.file, encoding="utf-8") as handle:
            original = handle.read()
        if "".join(marks.text) != original.replace("\r\n", "\n").replace("\r", "\n"):
            problems.append("the page's text is not the original document")
        width, height, rows = png_pixels(shot)
        counts = {kind: 0 for kind in COLOURS}
        for row in rows:
            for pixel in row:
                for kind, colour in COLOURS.items():
                    if all(abs(p - c) <= 2 for p, c in zip(pixel, colour)):
                        counts[kind] += 1
        legend_only = 2000  # the legend's swatches alone are fewer pixels than this
        for kind in COLOURS:
            present = sum(1 for e in entities if e["type"] == kind)
            if present and counts[kind] < legend_only:
                problems.append("%s: %d entities but only %d pixels of its colour" % (kind, present, counts[kind]))
        print("render: %s: %d entities, %d marks in Chromium's DOM; screenshot %dx%d with %s"
              % (os.path.basename(args.file), len(entities), len(marks.marks), width, height,
                 ", ".join("%d %s pixels" % (counts[k], k) for k in COLOURS)))
        for problem in problems:
            print("  " + problem)
        print("render: " + ("ok" if not problems else "FAILED"))
        return 1 if problems else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
