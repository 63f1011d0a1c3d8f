#!/usr/bin/env bash
# Records what `tilmash tag` says on text the project may not ship, and compares a later
# build with the recording — the engine-change check for ../shared/dev/external/docs/
# (the seeds and Benchmarks/corpus are pinned by CompiledGazetteerTests instead).
#
#   bash Benchmarks/tagger/regression.sh record  DIR   # writes DIR/<name>.jsonl
#   bash Benchmarks/tagger/regression.sh compare DIR   # exit 1 and a diff on any change
#
# Inputs: Corpora/seeds, Benchmarks/corpus and, when present, ../shared/dev/external/docs.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -d /opt/swift/usr/bin ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi
mode="${1:?record or compare}"
dir="${2:?a folder for the recordings}"
mkdir -p "$dir"
swift build -c release --product tilmash >/dev/null
tilmash=.build/release/tilmash
sets=(seeds:Corpora/seeds corpus:Benchmarks/corpus)
if [ -d ../shared/dev/external/docs ]; then sets+=(external:../shared/dev/external/docs); fi
status=0
for set in "${sets[@]}"; do
    name="${set%%:*}"; folder="${set#*:}"
    out="$dir/$name.jsonl"
    if [ "$mode" = record ]; then
        "$tilmash" tag "$folder"/*.txt > "$out"
        echo "recorded $(wc -l < "$out") entities of $folder in $out"
    else
        if "$tilmash" tag "$folder"/*.txt | diff "$out" - > "$dir/$name.diff"; then
            echo "same: $folder ($(wc -l < "$out") entities)"
        else
            echo "DIFFERENT: $folder ($(grep -c '^[<>]' "$dir/$name.diff") lines, $dir/$name.diff)"
            status=1
        fi
    fi
done
exit $status
