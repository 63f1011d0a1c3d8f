#!/usr/bin/env bash
# A real scale-out run of `tilmash index` on Spark: every record must come back.
#
#   bash Benchmarks/spark/run.sh [--records N] [--partitions P]     (default 100000, 16)
#
# Installs what is missing — a Java runtime from apt (openjdk-17-jre-headless), pyspark from
# pip into a local venv (.build-spark/venv, or $TILMASH_SPARK_VENV) — takes the release
# tarball ($TILMASH_TARBALL, or builds it with .ci/release.sh), ships it to the executors with
# SparkContext.addFile, and pipes N JSON Lines records made from the seeds and
# Benchmarks/corpus/ (bad lines injected: not JSON, no "text" field, a lone surrogate)
# through `tilmash index --input jsonl --on-error pass`, once with one executor core
# (local[1]) and once with two (local[2]). It checks that every record comes back — the
# count, every id once, entity spans that slice the original text exactly, every bad line
# marked with "error" — prints records/s and MB/s for both runs, and exits non-zero on any
# loss or mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
if [ -d /opt/swift/usr/bin ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v java >/dev/null 2>&1; then
    echo "spark: installing a Java runtime (openjdk-17-jre-headless)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq openjdk-17-jre-headless
fi

venv="${TILMASH_SPARK_VENV:-$root/.build-spark/venv}"
if [ ! -x "$venv/bin/python" ]; then
    echo "spark: creating $venv"
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import pyspark' >/dev/null 2>&1; then
    echo "spark: installing pyspark into $venv"
    "$venv/bin/pip" install -q pyspark
fi

tarball="${TILMASH_TARBALL:-}"
if [ -z "$tarball" ]; then
    version="$(sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/tilmash/main.swift)"
    tarball="$root/.build-release/dist/tilmash-$version-linux-$(uname -m).tar.gz"
    if [ ! -f "$tarball" ] || [ -n "$(find Sources Corpora/gazetteer/data -newer "$tarball" -print -quit)" ]; then
        echo "spark: building the release tarball (.ci/release.sh)"
        bash .ci/release.sh
    fi
fi
[ -f "$tarball" ] || { echo "spark: no tarball at $tarball" >&2; exit 1; }

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
exec "$venv/bin/python" "$root/Benchmarks/spark/job.py" --tarball "$tarball" "$@"
