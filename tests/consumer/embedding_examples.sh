#!/usr/bin/env bash
# The embedding examples (examples/embedding/, docs/embedding.md) built against an installed
# quire and run on real input; the tests embedding_examples_* (tests/CMakeLists.txt).
#
#   embedding_examples.sh build SOURCE BUILD [CMAKE_ARGUMENTS...]
#       configures and builds the examples in a fresh BUILD folder (as cmake_consumer.sh does),
#       after checking that docs/embedding.md shows SOURCE/memory.cpp as it is
#   embedding_examples.sh memory BUILD WORK IMAGE.png
#       runs `memory IMAGE.png WORK/out`: out.pdf passes qpdf --check and shows the image,
#       out.epub passes epubcheck
#   embedding_examples.sh batch BUILD WORK INPUT...
#       runs `batch WORK/out INPUT...`: every article converted (each INPUT that is a file one
#       article), each PDF passes qpdf --check and each EPUB epubcheck; a second run skips them
#       all as up to date
#   embedding_examples.sh cancel BUILD WORK ARTICLE.txt
#       runs `batch` over 200 copies of the article and sends SIGINT once the first is
#       reported: exit status 130, the articles not made reported "cancelled", no temporary
#       file left behind, the PDFs that were made complete
#
# WORK is emptied first. CMAKE names the cmake to use (default: the one on PATH); epubcheck is
# run as the other tests run it, java -jar /usr/share/java/epubcheck.jar (Debian's epubcheck
# and default-jre-headless, both in debian-packages.txt).
set -euo pipefail

usage() {
    sed -n '5,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
(($# >= 2)) || usage
mode=$1
shift

fail() {
    echo "embedding_examples.sh $mode: $*" >&2
    exit 1
}

# qpdf --check: 0 is clean (2 errors, 3 warnings).
check_pdf() {
    qpdf --check "$1" >"$1.qpdf.txt" 2>&1 || {
        cat "$1.qpdf.txt" >&2
        fail "qpdf --check $1 failed"
    }
}

# epubcheck: no fatal error, no error, no warning.
check_epub() {
    local jar=/usr/share/java/epubcheck.jar
    if [[ ! -f $jar ]] || ! command -v java >/dev/null; then
        fail "epubcheck cannot run: install epubcheck and default-jre-headless (debian-packages.txt)"
    fi
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" "$1" --json "$1.check.json" \
        >"$1.check.txt" 2>&1 || true
    local count name
    for name in nFatal nError nWarning; do
        count=$(grep -o "\"$name\" *: *[0-9]*" "$1.check.json" 2>/dev/null | grep -o '[0-9]*$' ||
            true)
        if [[ $count != 0 ]]; then
            cat "$1.check.txt" >&2
            fail "epubcheck $1: $name is ${count:-missing}"
        fi
    done
    echo "epubcheck $1: no errors or warnings"
}

case $mode in
build)
    (($# >= 2)) || usage
    source_dir=$1
    build_dir=$2
    shift 2
    cmake=${CMAKE:-cmake}
    # The program in the docs is memory.cpp from its first #include on, word for word.
    doc=$source_dir/../../docs/embedding.md
    diff <(sed -n '/^#include <quire\/quire.hpp>/,$p' "$source_dir/memory.cpp") \
        <(sed -n '/^#include <quire\/quire.hpp>/,/^```/p' "$doc" | sed '$d') >&2 ||
        fail "docs/embedding.md does not show examples/embedding/memory.cpp as it is (above)"
    rm -rf "$build_dir"
    "$cmake" -S "$source_dir" -B "$build_dir" "$@"
    "$cmake" --build "$build_dir" -j 2
    ;;

memory)
    (($# == 3)) || usage
    build_dir=$1
    work=$2
    image=$3
    rm -rf "$work" && mkdir -p "$work/out"
    "$build_dir/memory" "$image" "$work/out" 2>"$work/stderr.txt" || {
        cat "$work/stderr.txt" >&2
        fail "memory failed"
    }
    cat "$work/stderr.txt"
    check_pdf "$work/out/out.pdf"
    # The image came through the resolver: one image in the PDF, its fonts only Noto Serif.
    images=$(pdfimages -list "$work/out/out.pdf" | tail -n +3 | wc -l)
    ((images == 1)) || fail "out.pdf has $images images, not 1"
    if pdffonts "$work/out/out.pdf" | tail -n +3 | grep -v NotoSerif; then
        fail "out.pdf has a font that is not one of the Noto Serif faces added"
    fi
    check_epub "$work/out/out.epub"
    ;;

batch)
    (($# >= 3)) || usage
    build_dir=$1
    work=$2
    shift 2
    rm -rf "$work" && mkdir -p "$work"
    "$build_dir/batch" "$work/out" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || {
        cat "$work/stdout.txt" "$work/stderr.txt" >&2
        fail "batch failed"
    }
    cat "$work/stdout.txt" "$work/stderr.txt"
    mapfile -t pdfs < <(find "$work/out" -maxdepth 1 -name '*.pdf' | sort)
    mapfile -t epubs < <(find "$work/out" -maxdepth 1 -name '*.epub' | sort)
    converted=$(grep -c ': converted ' "$work/stdout.txt" || true)
    ((converted > 0 && ${#pdfs[@]} == converted && ${#epubs[@]} == converted)) ||
        fail "$converted articles converted, ${#pdfs[@]} PDFs and ${#epubs[@]} EPUBs written"
    # Inputs that are all files: one article each.
    files=0
    for input in "$@"; do [[ -f $input ]] && files=$((files + 1)); done
    ((files != $# || converted == files)) || fail "$converted articles converted, not $files"
    grep -q "^$converted/$converted done, 0 failed" "$work/stderr.txt" ||
        fail "no progress line '$converted/$converted done, 0 failed'"
    for f in "${pdfs[@]}"; do check_pdf "$f"; done
    for f in "${epubs[@]}"; do check_epub "$f"; done
    # Again: everything is up to date.
    "$build_dir/batch" "$work/out" "$@" >"$work/again.txt" 2>/dev/null ||
        fail "the second batch failed"
    grep -q "^converted 0, skipped $converted " "$work/again.txt" || {
        cat "$work/again.txt" >&2
        fail "the second batch did not skip the $converted articles"
    }
    ;;

cancel)
    (($# == 3)) || usage
    build_dir=$1
    work=$2
    article=$3
    rm -rf "$work" && mkdir -p "$work/in"
    # Many articles, each with its own title (its first line), so that the batch is still
    # running when the signal comes.
    n=200
    for ((k = 1; k <= n; k++)); do
        {
            printf 'Article %03d: ' "$k"
            cat "$article"
        } >"$work/in/a$k.txt"
    done
    "$build_dir/batch" "$work/out" "$work/in" >"$work/stdout.txt" 2>"$work/stderr.txt" &
    pid=$!
    for ((i = 0; i < 1200; i++)); do
        grep -q '^\[' "$work/stdout.txt" && break
        sleep 0.05
    done
    kill -INT "$pid"
    status=0
    wait "$pid" || status=$?
    cat "$work/stdout.txt"
    ((status == 130)) || fail "exit status $status, not 130 (cancelled)"
    cancelled=$(grep -c ': failed: .*cancelled' "$work/stdout.txt" || true)
    made=$(find "$work/out" -maxdepth 1 -name '*.pdf' | wc -l)
    ((cancelled > 0 && made < n)) ||
        fail "$cancelled articles reported cancelled, $made of $n PDFs made"
    leftovers=$(find "$work/out" -maxdepth 1 -name '.*.pdf.*' -o -maxdepth 1 -name '.*.epub.*')
    [[ -z $leftovers ]] || fail "temporary files left behind: $leftovers"
    find "$work/out" -maxdepth 1 -name '*.pdf' | while read -r f; do check_pdf "$f"; done
    echo "cancelled: $cancelled of $n articles; $made PDFs made, complete"
    ;;

*)
    usage
    ;;
esac
