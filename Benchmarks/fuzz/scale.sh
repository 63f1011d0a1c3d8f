#!/usr/bin/env bash
# Memory and speed of `tilmash normalize` (plain text), `tilmash tag --input jsonl`, and
# `tag` and `tokenize` reading the text file as one document (in pieces), on a
# large input built from the seed and benchmark corpora, peak memory by /usr/bin/time.
#
#   bash Benchmarks/fuzz/scale.sh [MEGABYTES] [WORKDIR]    (defaults: 1000 MB, /tmp/tilmash-scale)
#
# Needs a release build (`swift build -c release`; set TILMASH=path/to/tilmash to use
# another binary). Runs under `nice -n 19`.
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes="${1:-1000}"
work="${2:-/tmp/tilmash-scale}"
tilmash="${TILMASH:-.build/release/tilmash}"
mkdir -p "$work"

python3 - "$megabytes" "$work" <<'PY'
import glob, json, os, sys
megabytes, work = int(sys.argv[1]), sys.argv[2]
target = megabytes * 1_000_000
paragraphs = []
for path in sorted(glob.glob("Corpora/seeds/*.txt") + glob.glob("Benchmarks/corpus/*.txt")):
    paragraphs += [p for p in open(path, encoding="utf-8").read().split("\n") if p.strip()]
text_path, jsonl_path = os.path.join(work, "input.txt"), os.path.join(work, "input.jsonl")
for path, make in [(text_path, lambda i, p: p + "\n"),
                   (jsonl_path, lambda i, p: json.dumps({"id": i, "text": p}, ensure_ascii=False) + "\n")]:
    if os.path.exists(path) and os.path.getsize(path) >= target:
        continue
    with open(path, "wb") as f:
        written, i = 0, 0
        while written < target:
            line = make(i, paragraphs[i % len(paragraphs)]).encode()
            f.write(line)
            written += len(line)
            i += 1
    print("wrote %s (%d MB, %d lines)" % (path, written // 1_000_000, i))
PY

run() {
    local label="$1"; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/rss.txt" nice -n 19 "$tilmash" "$@" --progress > "$work/out.txt"
    end=$(date +%s.%N)
    awk -v label="$label" -v start="$start" -v end="$end" -v size="$(stat -c %s "${@: -1}")" \
        -v rss="$(cat "$work/rss.txt")" -v out="$(stat -c %s "$work/out.txt")" 'BEGIN {
        printf "%s: %d MB in %.1f s, %.1f MB/s, peak RSS %.1f MB, output %d MB\n",
            label, size / 1e6, end - start, size / 1e6 / (end - start), rss / 1024, out / 1e6 }'
}
run "normalize (search, auto)" normalize "$work/input.txt"
run "tag --input jsonl" tag --input jsonl "$work/input.jsonl"
run "tag (the text file as one document)" tag "$work/input.txt"
run "tokenize --format jsonl (one document)" tokenize --format jsonl "$work/input.txt"
