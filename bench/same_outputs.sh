#!/usr/bin/env bash
# Refactoring guard: converts every example and fixture article in each built-in style (and
# with endnotes), plus an anthology and the XML of each (quire convert), with two quire programs, and compares the outputs byte for
# byte. A change meant to keep the output (a code-structure change) must print "identical".
#
#   bench/same_outputs.sh OLD_QUIRE NEW_QUIRE [WORKDIR]
#
# OLD_QUIRE is a copy of the program before the change (cp build/quire /tmp/quire-before).
# Outputs are reproducible (SOURCE_DATE_EPOCH is fixed here), so any difference is the change's.
set -euo pipefail
old=${1:?usage: same_outputs.sh OLD_QUIRE NEW_QUIRE [WORKDIR]}
new=${2:?usage: same_outputs.sh OLD_QUIRE NEW_QUIRE [WORKDIR]}
work=${3:-$(mktemp -d)}
mkdir -p "$work"
root=$(cd "$(dirname "$0")/.." && pwd)
export SOURCE_DATE_EPOCH=1700000000

inputs=("$root"/examples/*.txt "$root"/examples/*.md "$root"/examples/*.xml
        "$root"/tests/fixtures/*.txt "$root"/tests/fixtures/scripts/*.txt
        "$root"/tests/fixtures/markdown/*.md)
make() {  # PROGRAM TAG
    local prog=$1 tag=$2
    for style in report book letter; do
        "$prog" build "${inputs[@]}" -o "$work/$tag/$style" --style "$style" -q --force \
            --allow-path "$root" > /dev/null 2>&1 || true
    done
    "$prog" build "${inputs[@]}" -o "$work/$tag/endnotes" --endnotes -q --force \
        --allow-path "$root" > /dev/null 2>&1 || true
    "$prog" anthology "$root"/examples/ukraine-policy-of-japan.txt "$root"/tests/fixtures/scripts/*.txt \
        -o "$work/$tag/anthology" -q --force > /dev/null 2>&1 || true
    mkdir -p "$work/$tag/xml"
    for f in "${inputs[@]}"; do  # quire's XML of each (quire convert)
        "$prog" convert "$f" -o "$work/$tag/xml/$(basename "$f").xml" > /dev/null 2>&1 || true
    done
    find "$work/$tag" -name .quire -prune -o -type f -print | sed "s|^$work/$tag/||" | sort
}
make "$old" old > "$work/old.list"
make "$new" new > "$work/new.list"
if ! diff -u "$work/old.list" "$work/new.list"; then
    echo "different: not the same files"
    exit 1
fi
differ=0
while read -r f; do
    if ! cmp -s "$work/old/$f" "$work/new/$f"; then
        echo "differs: $f"
        differ=$((differ + 1))
    fi
done < "$work/old.list"
count=$(wc -l < "$work/old.list")
if [ "$differ" -eq 0 ]; then
    echo "identical: $count files ($work)"
else
    echo "different: $differ of $count files ($work)"
    exit 1
fi
