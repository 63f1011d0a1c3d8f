#!/usr/bin/env bash
# The release recipe: a tilmash binary that travels.
#
#   bash .ci/release.sh [OUT_DIR]        (default: .build-release/dist)
#
# Builds `tilmash` with the Swift runtime and Foundation linked in (--static-swift-stdlib,
# so the target machine needs only the system ICU, Debian's libicu72 or the distribution's
# equivalent), puts it in a folder with the two resource bundles it reads at run time
# (Tilmash_Tilmash.resources: rules, models, word lists; Tilmash_TilmashGazetteer.resources:
# the gazetteer), LICENSE and NOTICE, packs that folder as a tarball, and checks the
# artefact: unpacked into an empty folder, `normalize` and `tag` must work, and the binary
# alone must fail with one clear line and exit status 1.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /opt/swift/usr/bin ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi

out="${1:-.build-release/dist}"
version="$(sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/tilmash/main.swift)"
arch="$(uname -m)"
name="tilmash-$version-linux-$arch"

swift build -c release --static-swift-stdlib --scratch-path .build-release --product tilmash 2>&1 | tail -2
bin=".build-release/release"

rm -rf "$out/$name" "$out/$name.tar.gz"
mkdir -p "$out/$name"
cp "$bin/tilmash" "$out/$name/"
cp -R "$bin/Tilmash_Tilmash.resources" "$bin/Tilmash_TilmashGazetteer.resources" "$out/$name/"
cp LICENSE NOTICE "$out/$name/"
tar -C "$out" -czf "$out/$name.tar.gz" "$name"
echo "release: $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1); binary $(du -h "$out/$name/tilmash" | cut -f1))"

# The check: unpack where nothing else is, run from another working directory.
check="$(mktemp -d)"
trap 'rm -rf "$check"' EXIT
tar -C "$check" -xzf "$out/$name.tar.gz"
(
    cd /
    normalized="$(echo 'DIŞİŞLERİ Bakanlığı’nın „Açıklaması“' | "$check/$name/tilmash" normalize --lang tr)"
    [ "$normalized" = "dışişleri bakanlığı'nın \"açıklaması\"" ] || { echo "release: normalize gave: $normalized" >&2; exit 1; }
    tagged="$(echo 'Präsident Tokajew besuchte Astana.' | "$check/$name/tilmash" tag --lang de --format text)"
    echo "$tagged" | grep -q "person:kassym-jomart-tokayev" || { echo "release: tag gave: $tagged" >&2; exit 1; }
    mkdir "$check/alone" && cp "$check/$name/tilmash" "$check/alone/"
    set +e
    message="$(echo x | "$check/alone/tilmash" normalize 2>&1 >/dev/null)"
    status=$?
    set -e
    [ "$status" -eq 1 ] && [ "$(echo "$message" | wc -l)" -eq 1 ] || { echo "release: binary alone: exit $status, $message" >&2; exit 1; }
    # TILMASH_RESOURCES points a lone binary at the bundles.
    TILMASH_RESOURCES="$check/$name" "$check/alone/tilmash" normalize <<<'A' >/dev/null
    echo "release: checked: normalize and tag from an empty folder; the binary alone exits 1 with one line:"
    echo "release:   ${message//$check/\$DIR}"
)
ldd "$out/$name/tilmash" | awk '{print "release: links " $1}' | grep -v -E "linux-vdso|ld-linux" || true
