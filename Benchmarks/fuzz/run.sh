#!/usr/bin/env bash
# Builds the libFuzzer binary and runs the Tilmash fuzz targets one after the other.
#
#   bash Benchmarks/fuzz/run.sh [SECONDS] [TARGET...]     (defaults: 600 s; all seven)
#
# Targets: normalize translit tokenize tag gazetteer json sources. Work files go to .build-fuzz/fuzz/<target>/
# (corpus/, artifacts/, log.txt); a crash input lands in artifacts/ and should be copied
# into Tests/TilmashTests/Fixtures/fuzz-regressions/<target>-<name> (see README.md).
# Extra libFuzzer flags: FUZZ_FLAGS="-max_len=2048" bash Benchmarks/fuzz/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -d /opt/swift/usr/bin ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi

seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(normalize translit tokenize tag gazetteer json sources); fi

TILMASH_FUZZ=1 swift build -c debug --scratch-path .build-fuzz --product tilmash-fuzz \
    -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -v "Cannot export local symbol" | tail -3
binary=.build-fuzz/debug/tilmash-fuzz

for target in "${targets[@]}"; do
    work=".build-fuzz/fuzz/$target"
    mkdir -p "$work/corpus" "$work/artifacts"
    if [ -z "$(ls -A "$work/corpus")" ]; then
        python3 Benchmarks/fuzz/make_seeds.py "$work/corpus"
    fi
    echo "fuzz: $target for $seconds s (log: $work/log.txt)"
    # -timeout: one input may take at most 20 s (a quadratic step shows up as a timeout);
    # -rss_limit_mb: AddressSanitizer's shadow memory included.
    TILMASH_FUZZ_TARGET="$target" nice -n 19 "$binary" "$work/corpus" \
        -dict=Benchmarks/fuzz/tilmash.dict -max_total_time="$seconds" -timeout=20 \
        -rss_limit_mb=3072 -max_len=4096 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" ${FUZZ_FLAGS:-} >"$work/log.txt" 2>&1 || {
        echo "fuzz: $target stopped with a finding; see $work/log.txt and $work/artifacts/"
        tail -40 "$work/log.txt"
        exit 1
    }
    grep -E "^stat::number_of_executed_units|^Done" "$work/log.txt" || true
done
