#!/usr/bin/env bash
# Runs quire's libFuzzer targets (docs/fuzzing.md).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# Runs each TARGET (default: all; "text" or "fuzz_text") for SECONDS (default 60) with its
# corpus, a working copy under the build folder that grows from run to run
# (BUILD/fuzz/corpus/TARGET/), the seeds made afresh from tests/fixtures/ and tests/fuzz/seeds/
# (BUILD/fuzz/seeds/TARGET/, read only), and its dictionary (tests/fuzz/dict/). Prints, per
# target, executions per second, coverage (cov and ft from libFuzzer's last stats line) and the
# CPU seconds it received (below SECONDS when the machine is busy);
# exits 1 if any target found a crash, a sanitizer report, a leak, a timeout (-timeout=10) or an
# out-of-memory (-rss_limit_mb=2048), printing the reproducer's path
# (BUILD/fuzz/findings/TARGET/crash-…; keep it under tests/fixtures/fuzz/TARGET/, see
# docs/fuzzing.md). The targets must be built first:
#
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DQUIRE_FUZZ=ON \
#       -DQUIRE_BUILD_TESTS=OFF -DQUIRE_BUILD_BENCH=OFF && cmake --build build-fuzz --target fuzz
#
# (or ./build.sh fuzz [SECONDS], which builds and then runs this). Environment:
#   QUIRE_FUZZ_BUILD=DIR     the build folder (default: build-fuzz)
#   QUIRE_FUZZ_PARALLEL=N    targets run at once (default 1)
#   QUIRE_FUZZ_NICE=N        niceness of the fuzzers (default 10)
#   QUIRE_FUZZ_ARGS="..."    more libFuzzer flags for every target (e.g. -use_value_profile=1)
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
ROOT=$PWD
ALL_TARGETS=(text markdown xml style manifest image pipeline)

die() {
    printf 'run.sh: error: %s\n' "$*" >&2
    exit 2
}

seconds=60
if (($# > 0)) && [[ $1 =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
((seconds > 0)) || die "SECONDS must be positive"
targets=()
for t in "$@"; do
    t=${t#fuzz_}
    [[ " ${ALL_TARGETS[*]} " == *" $t "* ]] || die "unknown target '$t' (${ALL_TARGETS[*]})"
    targets+=("$t")
done
((${#targets[@]} > 0)) || targets=("${ALL_TARGETS[@]}")

BUILD=${QUIRE_FUZZ_BUILD:-build-fuzz}
[[ $BUILD == /* ]] || BUILD=$ROOT/$BUILD
OUT=$BUILD/fuzz
PARALLEL=${QUIRE_FUZZ_PARALLEL:-1}
NICE=${QUIRE_FUZZ_NICE:-10}
read -r -a extra_args <<<"${QUIRE_FUZZ_ARGS:-}"

for t in "${targets[@]}"; do
    [[ -x $OUT/fuzz_$t ]] || die "$OUT/fuzz_$t not built; build with:
  CC=clang CXX=clang++ cmake -S . -B ${BUILD#"$ROOT"/} -G Ninja -DQUIRE_FUZZ=ON -DQUIRE_BUILD_TESTS=OFF -DQUIRE_BUILD_BENCH=OFF
  cmake --build ${BUILD#"$ROOT"/} --target fuzz
(or ./build.sh fuzz)"
done

# Sanitizers: stop at the first report, with a stack; fontconfig's caches are not leaks.
export ASAN_OPTIONS="abort_on_error=0:detect_leaks=1:symbolize=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# The seed inputs of a target, one path a line.
seed_files() {
    local f=tests/fixtures
    case $1 in
        text) ls "$f"/*.txt "$f"/*.bin "$f"/scripts/*.txt examples/*.txt ;;
        markdown) ls "$f"/markdown/*.md examples/*.md ;;
        xml) ls examples/*.xml ;;
        style) ls styles/*.yaml ;;
        manifest) ls "$f"/*.yaml ;;
        image) ls "$f"/markdown/*.png "$f"/markdown/*.jpg ;;
        pipeline) ;;  # made by make_seeds
    esac 2>/dev/null
    local d
    for d in tests/fuzz/seeds/$1 tests/fixtures/fuzz/$1; do
        [[ -d $d ]] && find "$d" -type f | sort
    done
}

# make_seeds TARGET DIR: fills DIR (emptied first) with the target's seeds.
make_seeds() {
    local t=$1 dir=$2 f n=0
    rm -rf "$dir"
    mkdir -p "$dir"
    if [[ $t == pipeline ]]; then
        # The first byte chooses format (mod 3: text, Markdown, XML) and style (next, mod 3):
        # each small article once per style.
        local sel fmt base
        while read -r f; do
            [[ -f $f ]] || continue
            (($(stat -c %s "$f") < 4096)) || continue
            case $f in *.txt) fmt=0 ;; *.md) fmt=1 ;; *.xml) fmt=2 ;; *) continue ;; esac
            base=$(basename "$f")
            for style in 0 1 2; do
                sel=$((fmt + 3 * style))
                # shellcheck disable=SC2059 # the format is the selector byte, \xNN
                { printf "\\x$(printf %02x "$sel")"; cat "$f"; } >"$dir/$sel-$base"
                n=$((n + 1))
            done
        done < <(
            ls tests/fixtures/*.txt tests/fixtures/markdown/*.md examples/*
            find tests/fuzz/seeds/xml -type f
        )
        if [[ -d tests/fixtures/fuzz/pipeline ]]; then
            while read -r f; do cp "$f" "$dir/" && n=$((n + 1)); done < <(
                find tests/fixtures/fuzz/pipeline -type f)
        fi
    else
        while read -r f; do
            [[ -f $f ]] || continue
            cp "$f" "$dir/$(echo "$f" | tr / _)"
            n=$((n + 1))
        done < <(seed_files "$t")
    fi
    echo "$n"
}

dict_for() {
    local t=$1 d=$OUT/dict
    mkdir -p "$d"
    case $t in
        pipeline) cat tests/fuzz/dict/text.dict tests/fuzz/dict/markdown.dict \
            tests/fuzz/dict/xml.dict >"$d/pipeline.dict" ;;
        *) cp "tests/fuzz/dict/$t.dict" "$d/$t.dict" ;;
    esac
    echo "$d/$t.dict"
}

# Longest input tried: small for the whole pipeline (the target skips more than 4 KB after the
# selector byte), room for deep nesting in the articles, libFuzzer's choice for the rest.
max_len_for() {
    case $1 in
        pipeline) echo 4097 ;;
        text | markdown | xml) echo 16384 ;;
        *) echo 0 ;;
    esac
}

# run_target TARGET: runs it; writes its one-line result to OUT/results/TARGET.
run_target() {
    local t=$1
    local corpus=$OUT/corpus/$t seeds=$OUT/seeds/$t findings=$OUT/findings/$t
    local log=$OUT/logs/$t.log result=$OUT/results/$t
    mkdir -p "$corpus" "$findings" "$OUT/logs" "$OUT/results"
    local nseeds dict max_len
    nseeds=$(make_seeds "$t" "$seeds")
    dict=$(dict_for "$t")
    max_len=$(max_len_for "$t")
    local -a args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict="$dict"
        -artifact_prefix="$findings/" -print_final_stats=1)
    ((max_len > 0)) && args+=(-max_len="$max_len")
    printf '==> fuzz_%s: %d s, %d seeds, corpus %s\n' "$t" "$seconds" "$nseeds" \
        "${corpus#"$ROOT"/}"
    local rc=0 cpu='?' u sy TIMEFORMAT='%U %S'
    # CPU seconds the fuzzer received (user + system): on a busy machine far below SECONDS.
    { time nice -n "$NICE" "$OUT/fuzz_$t" "${args[@]}" "${extra_args[@]}" "$corpus" "$seeds" \
        >"$log" 2>&1 || rc=$?; } 2>"$log.time"
    read -r u sy <"$log.time" && cpu=$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%.0f", u + s }')

    # "#123 DONE cov: 456 ft: 789 corp: 12/34Kb lim: 4096 exec/s: 21 rss: 345Mb"
    local stats cov='?' ft='?' execs='' eps='' units='?'
    stats=$(grep -E '^#[0-9]+[[:space:]].*cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
    [[ $stats =~ cov:\ ([0-9]+) ]] && cov=${BASH_REMATCH[1]}
    [[ $stats =~ ft:\ ([0-9]+) ]] && ft=${BASH_REMATCH[1]}
    [[ $stats =~ corp:\ ([0-9]+) ]] && units=${BASH_REMATCH[1]}
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    [[ -z $execs && $stats =~ ^#([0-9]+) ]] && execs=${BASH_REMATCH[1]}
    [[ -z $eps && $stats =~ exec/s:\ ([0-9]+) ]] && eps=${BASH_REMATCH[1]}

    local status=ok repro=""
    repro=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    if ((rc != 0)) || [[ -n $repro ]]; then
        local kind
        kind=$(grep -m 1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer): [a-z-]+|runtime error: .*|quire fuzz finding: [^:]*|ALARM: working on the last Unit|out-of-memory' "$log" |
            head -n 1)
        status="FINDING (${kind:-exit status $rc})"
        [[ -z $repro ]] && status="FAILED (exit status $rc; see the log)"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "fuzz_$t" "${execs:-?}" "${eps:-?}" "$cov" "$ft" \
        "$units" "$cpu" "$status" "$repro" >"$result"
}

mkdir -p "$OUT/results"
for t in "${targets[@]}"; do rm -f "$OUT/results/$t"; done
running=0
for t in "${targets[@]}"; do
    if ((running >= PARALLEL)); then
        wait -n
        running=$((running - 1))
    fi
    run_target "$t" &
    running=$((running + 1))
done
wait

echo
printf '%-14s %10s %8s %7s %7s %7s %7s  %s\n' target execs exec/s cov ft corpus cpu-s result
failed=0
summary=$OUT/summary.txt
: >"$summary"
for t in "${targets[@]}"; do
    if [[ ! -f $OUT/results/$t ]]; then
        printf '%-14s did not run\n' "fuzz_$t" | tee -a "$summary"
        failed=1
        continue
    fi
    IFS=$'\t' read -r name execs eps cov ft units cpu status repro <"$OUT/results/$t"
    printf '%-14s %10s %8s %7s %7s %7s %7s  %s\n' "$name" "$execs" "$eps" "$cov" "$ft" "$units" \
        "$cpu" "$status" | tee -a "$summary"
    if [[ $status != ok ]]; then
        failed=1
        [[ -n $repro ]] && printf '%14s reproducer: %s\n' "" "$repro" | tee -a "$summary"
        printf '%14s log: %s\n' "" "$OUT/logs/$t.log" | tee -a "$summary"
    fi
done
if ((failed)); then
    echo "fuzz: FINDINGS (reproduce: $OUT/fuzz_TARGET FILE; keep the file under" \
        "tests/fixtures/fuzz/TARGET/, docs/fuzzing.md)"
    exit 1
fi
echo "fuzz: ${#targets[@]} target(s), ${seconds} s each, no findings"
