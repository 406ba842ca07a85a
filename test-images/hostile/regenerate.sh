#!/bin/bash
# regenerate.sh: rewrites the hostile-image corpus in ../src/test/resources/hostile/ (NAME.img.xz and cases.txt)
# from HostileCases: each case's damage on a fresh good image that ulvm makes. Run from anywhere; needs Maven with
# the project's dependencies (offline). A case the fuzzer finds goes into HostileCases, then into the corpus here.
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
OUT=$HERE/../src/test/resources/hostile
NEW=$(mktemp -d)
trap 'rm -rf "$NEW"' EXIT
cd "$HERE/../.."
mvn -q -B -ntp -o test -pl test-images -am -Dtest=HostileCorpusWriter -Dsurefire.failIfNoSpecifiedTests=false \
  -Dulvm.hostile.regenerate="$NEW"
[ -s "$NEW/cases.txt" ] || { echo "regenerate.sh: nothing written" >&2; exit 1; }
rm -rf "$OUT"; mkdir -p "$OUT"; cp "$NEW"/* "$OUT"/
echo "hostile corpus: $(ls "$OUT"/*.img.xz | wc -l) images, $(du -cb "$OUT"/* | tail -1 | cut -f1) bytes" >&2
