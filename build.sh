#!/usr/bin/env bash
# quire: install dependencies, build, test and benchmark.
#
#   ./build.sh [example]   deps + Release build of the CLI + the example article as PDF and EPUB
#                          in out/, and the example report as PDF, print PDF and EPUB
#   ./build.sh test        deps + format check + warnings-as-errors build and ctest (build/)
#                          + AddressSanitizer/UBSan build and ctest (build-asan/)
#                          + ThreadSanitizer build and ctest of the tests that run threads
#                          (build-tsan/)
#                          + every libFuzzer target for 60 s (build-fuzz/, QUIRE_FUZZ_SECONDS)
#   ./build.sh fuzz [SECONDS] [TARGET...]
#                          deps + clang libFuzzer build (build-fuzz/) + tests/fuzz/run.sh: each
#                          fuzz target for SECONDS (default 60); docs/fuzzing.md
#   ./build.sh bench [--runs N]
#                          deps + Release build + build/bench/quire_bench on the example article
#   ./build.sh deps        install the Debian packages in debian-packages.txt (apt-get)
#
# Environment: QUIRE_SKIP_DEPS=1 skips the package step; QUIRE_JOBS=N sets build parallelism
# (default: nproc); QUIRE_FUZZ_SECONDS=N the fuzzing time per target in `test` (default 60).
# QUIRE_SKIP_TSAN=1 leaves out the ThreadSanitizer step of `test`.
# CI runs `./build.sh test` through .ci/run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
JOBS=${QUIRE_JOBS:-$(nproc 2>/dev/null || echo 2)}
EXAMPLE=examples/ukraine-policy-of-japan.txt
REPORT=examples/report/report.md

log() { printf '==> %s\n' "$*"; }
warn() { printf 'build.sh: warning: %s\n' "$*" >&2; }
die() {
    printf 'build.sh: error: %s\n' "$*" >&2
    exit 1
}

usage() {
    sed -n '2,/^[^#]/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

# ---------------------------------------------------------------------------------------------
# deps

# The package names in debian-packages.txt, without comments and blank lines.
package_list() {
    sed -e 's/#.*//' debian-packages.txt | tr -s '[:space:]' '\n' | sed '/^$/d'
}

# The listed packages that dpkg does not show as installed.
missing_packages() {
    local pkg status
    while read -r pkg; do
        # shellcheck disable=SC2016 # ${Status} is dpkg-query's field, not a shell variable
        status=$(dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null || true)
        [[ $status == *"install ok installed"* ]] || printf '%s\n' "$pkg"
    done < <(package_list)
}

deps() {
    if [[ ${QUIRE_SKIP_DEPS:-0} == 1 ]]; then
        log "deps: skipped (QUIRE_SKIP_DEPS=1)"
        return 0
    fi
    [[ -f debian-packages.txt ]] || die "debian-packages.txt not found in $ROOT"
    local -a packages missing
    mapfile -t packages < <(package_list)
    if ! command -v dpkg-query >/dev/null 2>&1; then
        die "dpkg-query not found: this is not a Debian system; install these by hand:" \
            "${packages[*]} (or set QUIRE_SKIP_DEPS=1)"
    fi
    mapfile -t missing < <(missing_packages)
    if ((${#missing[@]} == 0)); then
        log "deps: all ${#packages[@]} packages in debian-packages.txt are installed"
        return 0
    fi

    local -a as_root=()
    if ((EUID != 0)); then
        if command -v sudo >/dev/null 2>&1; then
            as_root=(sudo)
        else
            die "need to install ${missing[*]} but not root and no sudo;" \
                "run as root: apt-get install ${missing[*]}"
        fi
    fi
    log "deps: installing ${#missing[@]} package(s): ${missing[*]}"
    "${as_root[@]}" apt-get -o Acquire::Retries=3 update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get -o Acquire::Retries=3 install -y --no-install-recommends "${missing[@]}"

    mapfile -t missing < <(missing_packages)
    ((${#missing[@]} == 0)) || die "still not installed after apt-get: ${missing[*]}"
    log "deps: done"
}

# ---------------------------------------------------------------------------------------------
# configure and build

# configure DIR CMAKE_ARGS...: Ninja when available, else Make. An existing build folder keeps
# its generator, unless that generator is gone or the folder belongs to another source tree.
configure() {
    local dir=$1
    shift
    local cache=$dir/CMakeCache.txt
    if [[ -f $cache ]]; then
        local generator home
        generator=$(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$cache")
        home=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$cache")
        if [[ $generator == Ninja ]] && ! command -v ninja >/dev/null 2>&1; then
            log "$dir: was configured for Ninja, which is gone; configuring afresh"
            rm -rf "$cache" "$dir/CMakeFiles"
        elif [[ -n $home && $home != "$ROOT" ]]; then
            log "$dir: was configured for $home; configuring afresh"
            rm -rf "$cache" "$dir/CMakeFiles"
        fi
    fi
    local -a generator_args=()
    if [[ ! -f $cache ]]; then
        if command -v ninja >/dev/null 2>&1; then
            generator_args=(-G Ninja)
        else
            generator_args=(-G "Unix Makefiles")
        fi
    fi
    log "configure $dir: $*"
    cmake -S . -B "$dir" "${generator_args[@]}" "$@"
}

# A command that builds and ctest run under (an array; empty: none). The ThreadSanitizer step
# sets it to `setarch ARCH -R` (see tsan_wrap), for the build too: test discovery runs the test
# binaries.
WRAP=()

# build DIR [cmake --build args...]
build() {
    local dir=$1
    shift
    log "build $dir (-j$JOBS) $*"
    "${WRAP[@]}" cmake --build "$dir" -j "$JOBS" "$@"
}

# ---------------------------------------------------------------------------------------------
# test

TESTS_PASSED=0
TESTS_FAILED=0
SUMMARY=()

# run_ctest DIR [CTEST ARGS...]: runs the tests; adds the counts from ctest's summary line to
# the totals.
run_ctest() {
    local dir=$1 log_file=$1/ctest-output.log rc=0
    shift
    log "ctest $dir $*"
    "${WRAP[@]}" ctest --test-dir "$dir" --output-on-failure --no-tests=error -j2 "$@" 2>&1 |
        tee "$log_file" || rc=$?
    local line failed total
    line=$(grep -E '[0-9]+ tests? failed out of [0-9]+' "$log_file" | tail -n 1 || true)
    if [[ $line =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
        failed=${BASH_REMATCH[1]}
        total=${BASH_REMATCH[2]}
        TESTS_PASSED=$((TESTS_PASSED + total - failed))
        TESTS_FAILED=$((TESTS_FAILED + failed))
        SUMMARY+=("$dir: $((total - failed))/$total tests passed")
    else
        SUMMARY+=("$dir: ctest ran no tests")
    fi
    if ((rc != 0)); then
        # ctest failing without a failed test (no tests, a crash of ctest) still fails the run.
        [[ $line =~ ^100% || -z $line ]] && TESTS_FAILED=$((TESTS_FAILED + 1))
        return 1
    fi
}

# Files under include/ src/ tests/ bench/ that clang-format (with .clang-format) would change.
format_check() {
    if ! command -v clang-format >/dev/null 2>&1; then
        echo "clang-format not found (it is in debian-packages.txt: run ./build.sh deps)" >&2
        return 1
    fi
    local -a dirs=() files=() bad=()
    local d f
    for d in include src tests bench; do [[ -d $d ]] && dirs+=("$d"); done
    ((${#dirs[@]} > 0)) || return 0
    mapfile -t files < <(find "${dirs[@]}" -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort)
    for f in "${files[@]}"; do
        clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
    done
    if ((${#bad[@]} > 0)); then
        printf 'clang-format: %d file(s) not formatted (fix: clang-format -i FILE...):\n' \
            "${#bad[@]}" >&2
        printf '  %s\n' "${bad[@]}" >&2
        return 1
    fi
    log "format: ${#files[@]} files clean ($(clang-format --version | head -n 1))"
}

# test_build [-R CTEST_INCLUDE] DIR CTEST_EXCLUDE CMAKE ARGS...: configure, build everything,
# run ctest (only the tests matching the CTEST_INCLUDE regex, if given, less the tests matching
# the CTEST_EXCLUDE regex, if not empty). Failures are counted, not fatal.
test_build() {
    local -a select=()
    if [[ $1 == -R ]]; then
        select+=(-R "$2")
        shift 2
    fi
    local dir=$1 exclude=$2
    shift 2
    if [[ -n $exclude ]]; then
        select+=(-E "$exclude")
    fi
    local start=$SECONDS
    if ! configure "$dir" "$@"; then
        SUMMARY+=("$dir: configure FAILED")
        TESTS_FAILED=$((TESTS_FAILED + 1))
        return 1
    fi
    if ! build "$dir"; then
        SUMMARY+=("$dir: build FAILED")
        TESTS_FAILED=$((TESTS_FAILED + 1))
        return 1
    fi
    local rc=0
    run_ctest "$dir" "${select[@]}" || rc=$?
    SUMMARY[-1]+=" ($((SECONDS - start)) s)"
    return "$rc"
}

# ThreadSanitizer (build-tsan/, docs/building.md): the tests that run threads, and only they,
# since TSan slows a program 5-15 times. Only these test sources are built (QUIRE_TEST_FILES);
# of them run the batch and anthology tests, whose quire processes convert articles on worker
# threads sharing one FontLibrary and its caches (less epubcheck, and the four anthology tests
# that only read the book `quire anthology` makes on one thread), the Hyphenator used from four
# threads, the SharedCache tests (one from four threads) and the preview renderer (poppler) from
# two threads. The other tests of the cache files run on one thread, where TSan has nothing to
# find.
TSAN_TEST_FILES='test_batch|test_anthology|test_speed_caches|test_hyphenate|test_preview'
TSAN_TESTS='^integration\.|^unit\.(hyphenation is the same from four threads|SharedCache|Previews: two PDFs)'
TSAN_EXCLUDE='epubcheck|^integration\.anthology: (the contents|pdfcheck|one bookmark|the EPUB has)'
TSAN_WRAP=()
TSAN_PROBLEM=""
TSAN_RND_BITS_RESTORE=""

# tsan_probe PROGRAM... : whether the probe runs, five times (a TSan program that cannot map its
# shadow memory fails at start, depending on where the kernel put the libraries).
tsan_probe() {
    for _ in 1 2 3 4 5; do
        "$@" build-tsan/tsan-probe >build-tsan/tsan-probe.log 2>&1 || return 1
    done
}

# tsan_wrap: sets TSAN_WRAP to what TSan programs run under here, or TSAN_PROBLEM and fails.
# gcc 12's TSan wants its shadow memory at fixed addresses, and aborts ("FATAL: ThreadSanitizer:
# unexpected memory mapping") when address space randomisation puts a library there, as recent
# kernels with a high vm.mmap_rnd_bits do. So: setarch -R (randomisation off for the build and
# ctest and every program they start) where personality() is allowed; else without it if the
# probe runs; else, as root, with vm.mmap_rnd_bits lowered to 28 for the step (restored after).
tsan_wrap() {
    local arch bits
    arch=$(uname -m)
    TSAN_WRAP=()
    mkdir -p build-tsan
    if ! printf '#include <thread>\nint main() { std::thread([] {}).join(); }\n' |
        g++ -std=c++20 -fsanitize=thread -x c++ - -o build-tsan/tsan-probe \
            >build-tsan/tsan-probe.log 2>&1; then
        TSAN_PROBLEM="g++ -fsanitize=thread cannot build a program (is libtsan2 installed?): $(
            head -n 2 build-tsan/tsan-probe.log | tr '\n' ' ')"
        return 1
    fi
    if tsan_probe setarch "$arch" -R; then
        TSAN_WRAP=(setarch "$arch" -R)
        log "tsan: programs run under setarch $arch -R (no address space randomisation)"
        return 0
    fi
    warn "setarch $arch -R does not run the TSan probe here:" \
        "$(head -n 1 build-tsan/tsan-probe.log)"
    if tsan_probe; then
        log "tsan: programs run with address space randomisation (the probe runs)"
        return 0
    fi
    local why
    why=$(grep -m 1 -E 'FATAL|ERROR' build-tsan/tsan-probe.log ||
        head -n 1 build-tsan/tsan-probe.log)
    bits=$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || true)
    if [[ -n $bits ]] && ((bits > 28)) && { echo 28 >/proc/sys/vm/mmap_rnd_bits; } 2>/dev/null; then
        TSAN_RND_BITS_RESTORE=$bits
        if tsan_probe; then
            log "tsan: vm.mmap_rnd_bits lowered from $bits to 28 for this step"
            return 0
        fi
    fi
    TSAN_PROBLEM="a TSan program does not start ($why); setarch -R is not allowed here, and "
    if [[ -n $bits ]] && ((bits <= 28)); then
        TSAN_PROBLEM+="vm.mmap_rnd_bits is $bits already"
    else
        TSAN_PROBLEM+="vm.mmap_rnd_bits (${bits:-?}) could not be lowered to 28 (as root: sysctl -w"
        TSAN_PROBLEM+=" vm.mmap_rnd_bits=28)"
    fi
    TSAN_PROBLEM+="; QUIRE_SKIP_TSAN=1 leaves the step out"
    return 1
}

# test_tsan: the ThreadSanitizer build and its tests (see TSAN_TESTS).
test_tsan() {
    if [[ ${QUIRE_SKIP_TSAN:-0} == 1 ]]; then
        log "tsan: skipped (QUIRE_SKIP_TSAN=1)"
        SUMMARY+=("build-tsan: skipped (QUIRE_SKIP_TSAN=1)")
        return 0
    fi
    local rc=0
    if tsan_wrap; then
        # The first race fails the process with status 66: the test binaries and the quire
        # processes that the integration tests start (they inherit TSAN_OPTIONS), whose report
        # on standard error also fails the test (tests/support/process.hpp). tests/tsan.supp:
        # false positives in uninstrumented system libraries.
        local options="halt_on_error=1:exitcode=66:second_deadlock_stack=1"
        options+=":suppressions=$ROOT/tests/tsan.supp"
        export TSAN_OPTIONS="$options${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
        WRAP=("${TSAN_WRAP[@]}")
        test_build -R "$TSAN_TESTS" build-tsan "$TSAN_EXCLUDE" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DQUIRE_TSAN=ON \
            -DQUIRE_SANITIZE=OFF -DQUIRE_WERROR=OFF -DQUIRE_BUILD_TESTS=ON -DQUIRE_BUILD_BENCH=OFF \
            "-DQUIRE_TEST_FILES=$TSAN_TEST_FILES" || rc=$?
        WRAP=()
    else
        SUMMARY+=("build-tsan: ThreadSanitizer cannot run here: $TSAN_PROBLEM")
        TESTS_FAILED=$((TESTS_FAILED + 1))
        rc=1
    fi
    if [[ -n $TSAN_RND_BITS_RESTORE ]]; then
        echo "$TSAN_RND_BITS_RESTORE" >/proc/sys/vm/mmap_rnd_bits 2>/dev/null ||
            warn "could not set vm.mmap_rnd_bits back to $TSAN_RND_BITS_RESTORE"
    fi
    return "$rc"
}

cmd_test() {
    deps
    log "tools: $(cmake --version | head -n 1); $(g++ --version | head -n 1)"
    local failed=0

    if format_check; then
        SUMMARY+=("format: clean")
    else
        SUMMARY+=("format: FAILED")
        TESTS_FAILED=$((TESTS_FAILED + 1))
        failed=1
    fi

    test_build build "" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUIRE_WERROR=ON -DQUIRE_SANITIZE=OFF \
        -DQUIRE_BUILD_TESTS=ON -DQUIRE_BUILD_BENCH=ON || failed=1

    # Sanitizers: set for the build too, since catch_discover_tests runs the test binaries.
    export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
    if [[ -f tests/lsan.supp ]]; then
        export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
    fi
    # The epubcheck tests run a JVM for seconds per book to validate output of the same code;
    # they run once, in the first build (the other EPUB tests run under the sanitizers).
    test_build build-asan epubcheck -DCMAKE_BUILD_TYPE=Debug -DQUIRE_SANITIZE=ON -DQUIRE_WERROR=OFF \
        -DQUIRE_BUILD_TESTS=ON -DQUIRE_BUILD_BENCH=OFF || failed=1

    # ThreadSanitizer: the tests that run threads (build-tsan/, TSAN_TESTS above).
    test_tsan || failed=1

    # A short, bounded fuzzing run: every target from its seeds (docs/fuzzing.md).
    test_fuzz "${QUIRE_FUZZ_SECONDS:-60}" || failed=1

    local joined
    joined=$(printf '%s; ' "${SUMMARY[@]}")
    echo
    log "summary: ${joined%; }"
    if ((failed)); then
        log "test: FAILED"
    else
        log "test: all checks passed"
    fi
    # The closing line, in the plain form CI reads: tests from the ctest runs and the fuzz
    # targets (one each), plus one failure for each failed step that is not a test (format,
    # configure, build).
    echo "test: $TESTS_PASSED passed, $TESTS_FAILED failed"
    return "$failed"
}

# ---------------------------------------------------------------------------------------------
# fuzz

# build_fuzz: the libFuzzer targets in build-fuzz/: clang, the library instrumented for coverage
# and under ASan/UBSan, no tests, no jemalloc (tests/fuzz/CMakeLists.txt).
build_fuzz() {
    if ! command -v clang++ >/dev/null 2>&1; then
        echo "clang++ not found (it is in debian-packages.txt: run ./build.sh deps)" >&2
        return 1
    fi
    CC=clang CXX=clang++ configure build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUIRE_FUZZ=ON \
        -DQUIRE_SANITIZE=OFF -DQUIRE_JEMALLOC=OFF -DQUIRE_WERROR=OFF -DQUIRE_BUILD_TESTS=OFF \
        -DQUIRE_BUILD_BENCH=OFF && build build-fuzz --target fuzz
}

# test_fuzz SECONDS: builds and runs every fuzz target for SECONDS; a target that finds nothing
# counts as a passed test, one with a finding (or that did not run) as a failed one.
test_fuzz() {
    local seconds=$1 start=$SECONDS
    if ! build_fuzz; then
        SUMMARY+=("build-fuzz: build FAILED")
        TESTS_FAILED=$((TESTS_FAILED + 1))
        return 1
    fi
    local rc=0
    QUIRE_FUZZ_BUILD=build-fuzz tests/fuzz/run.sh "$seconds" || rc=$?
    local total=0 clean=0 line
    while read -r line; do
        [[ $line == fuzz_* ]] || continue
        total=$((total + 1))
        [[ $line =~ \ ok$ ]] && clean=$((clean + 1))
    done <build-fuzz/fuzz/summary.txt
    if ((total == 0)); then
        SUMMARY+=("build-fuzz: no fuzz target ran")
        TESTS_FAILED=$((TESTS_FAILED + 1))
        return 1
    fi
    TESTS_PASSED=$((TESTS_PASSED + clean))
    TESTS_FAILED=$((TESTS_FAILED + total - clean))
    SUMMARY+=("build-fuzz: $clean/$total fuzz targets without findings, $seconds s each" \
        "($((SECONDS - start)) s)")
    ((rc == 0 && clean == total))
}

cmd_fuzz() {
    local seconds=60
    if (($# > 0)); then
        [[ $1 =~ ^[1-9][0-9]*$ ]] || die "fuzz: SECONDS must be a positive number, not '$1'"
        seconds=$1
        shift
    fi
    deps
    build_fuzz || die "the fuzzing build failed"
    QUIRE_FUZZ_BUILD=build-fuzz tests/fuzz/run.sh "$seconds" "$@"
}

# ---------------------------------------------------------------------------------------------
# example and bench

RELEASE_ARGS=(-DCMAKE_BUILD_TYPE=Release -DQUIRE_WERROR=OFF -DQUIRE_SANITIZE=OFF)

cmd_example() {
    deps
    configure build "${RELEASE_ARGS[@]}"
    build build --target quire_cli
    mkdir -p out
    local marker
    marker=$(mktemp)
    log "build/quire build $EXAMPLE -o out/"
    local rc=0
    build/quire build "$EXAMPLE" -o out/ || rc=$?
    # The example report: front pages, figures, tables, cross-references, and a print file.
    log "build/quire build $REPORT -o out/ --style examples/report/style.yaml --format pdf,print-pdf,epub"
    ((rc != 0)) || build/quire build "$REPORT" -o out/ --style examples/report/style.yaml \
        --format pdf,print-pdf,epub || rc=$?
    local -a made
    mapfile -t made < <(find out -maxdepth 1 \( -name '*.pdf' -o -name '*.epub' \) -newer "$marker" |
        sort)
    rm -f "$marker"
    ((rc == 0)) || die "build/quire failed (exit status $rc)"
    if ((${#made[@]} >= 2)); then
        local f
        for f in "${made[@]}"; do log "${f##*.}: $ROOT/$f"; done
    else
        warn "build/quire succeeded but did not write a new PDF and EPUB into out/"
    fi
}

cmd_bench() {
    deps
    configure build "${RELEASE_ARGS[@]}" -DQUIRE_BUILD_BENCH=ON
    build build --target quire_bench
    log "build/bench/quire_bench $EXAMPLE $*"
    build/bench/quire_bench "$EXAMPLE" "$@"
}

# ---------------------------------------------------------------------------------------------

mode=${1:-example}
(($# > 0)) && shift
case $mode in
    example) (($# == 0)) || die "example takes no arguments"; cmd_example ;;
    test) (($# == 0)) || die "test takes no arguments"; cmd_test ;;
    bench) cmd_bench "$@" ;;
    fuzz) cmd_fuzz "$@" ;;
    deps) (($# == 0)) || die "deps takes no arguments"; deps ;;
    -h | --help | help) usage ;;
    *)
        printf "build.sh: error: unknown mode '%s'\n\n" "$mode" >&2
        usage >&2
        exit 2
        ;;
esac
