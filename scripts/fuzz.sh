#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (a separate SwiftPM package, its own build folder Fuzz/.build) with
# -sanitize=fuzzer,address and runs each on a scratch copy of its committed seed corpus (Fuzz/Corpus/<target>),
# so a run never grows the committed corpus. Exits non-zero when any target finds a crash, a leak, a timeout or
# an out-of-memory input; the input is kept in Fuzz/.build/fuzz-artifacts/<target>/ and its path printed.
#
#   scripts/fuzz.sh [--runs N | --seconds S] [--keep] [target ...] [-- libFuzzer flags ...]
#
#   --runs N      stop each target after N executions (libFuzzer -runs)
#   --seconds S   stop each target after S seconds (libFuzzer -max_total_time); default 30
#   --keep        keep the grown scratch corpus (Fuzz/.build/fuzz-corpus/<target>) and reuse it next time
#   target        FuzzMessageDecoder, FuzzPNGLoader, FuzzParameterFile (default: all three)
#
# CI runs a short pass (README "Fuzzing"); a long run is e.g.
#   nice -n 10 scripts/fuzz.sh --runs 10000000 --keep FuzzPNGLoader
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ALL_TARGETS=(FuzzMessageDecoder FuzzPNGLoader FuzzParameterFile)
LIMIT=(-max_total_time=30)
KEEP=0
TARGETS=()
EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) LIMIT=(-runs="$2"); shift 2 ;;
        --seconds) LIMIT=(-max_total_time="$2"); shift 2 ;;
        --keep) KEEP=1; shift ;;
        --) shift; EXTRA=("$@"); break ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        Fuzz*) TARGETS+=("$1"); shift ;;
        *) echo "fuzz.sh: unknown argument '$1' (targets: ${ALL_TARGETS[*]})" >&2; exit 2 ;;
    esac
done
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")

# SwiftPM names a path dependency after its folder: a checkout folder called "Fuzz" would clash with Fuzz/ itself.
if [ "$(basename "$ROOT" | tr '[:upper:]' '[:lower:]')" = fuzz ]; then
    echo "fuzz.sh: the repository folder must not be named 'fuzz' (SwiftPM package identity clash with Fuzz/)" >&2
    exit 2
fi

# One build for all targets. The sanitizer flags go to every module compiled here (the decoders and what they use,
# Yams included), never to the main package's own build folder.
mkdir -p Fuzz/.build
if ! swift build -c release --package-path Fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library > Fuzz/.build/fuzz-build.log 2>&1; then
    cat Fuzz/.build/fuzz-build.log >&2
    echo "fuzz.sh: build failed" >&2
    exit 1
fi
tail -1 Fuzz/.build/fuzz-build.log
BIN=$(swift build -c release --package-path Fuzz --show-bin-path)

WORK=Fuzz/.build/fuzz-corpus
ARTIFACTS=Fuzz/.build/fuzz-artifacts
mkdir -p "$WORK" "$ARTIFACTS"
# libFuzzer handles the crash signals itself (and writes the input); the Swift runtime's backtracer must not.
export SWIFT_BACKTRACE=enable=no
# No allocation stacks in reports (half the time of a Yams-heavy input goes to recording them); to see them, rerun
# the input with ASAN_OPTIONS=malloc_context_size=30.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:malloc_context_size=0}

failed=()
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
printf '%-20s %12s %10s %8s %8s  %s\n' target executions exec/s cov corpus result > "$summary"
for target in "${TARGETS[@]}"; do
    [ -d "Fuzz/Corpus/$target" ] || { echo "fuzz.sh: no target '$target'" >&2; exit 2; }
    corpus="$WORK/$target"
    if [ "$KEEP" = 0 ] || [ ! -d "$corpus" ]; then rm -rf "$corpus"; mkdir -p "$corpus"; fi
    cp -n "Fuzz/Corpus/$target"/* "$corpus"/ 2>/dev/null || true
    mkdir -p "$ARTIFACTS/$target"
    log="$WORK/$target.log"
    echo "== $target: ${LIMIT[*]} ${EXTRA[*]:-}"
    start=$(date +%s)
    status=0
    "$BIN/$target" "${LIMIT[@]}" -dict="Fuzz/Dictionaries/$target.dict" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$target/" ${EXTRA[@]+"${EXTRA[@]}"} "$corpus" > "$log" 2>&1 || status=$?
    seconds=$(( $(date +%s) - start ))
    runs=$(grep -a 'stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
    rate=$(grep -a 'stat::average_exec_per_sec' "$log" | awk '{print $2}' | tail -1)
    cov=$(grep -aoE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
    units=$(grep -aoE 'corp: [0-9]+' "$log" | tail -1 | awk '{print $2}')
    if [ "$status" = 0 ]; then
        result="ok (${seconds} s)"
    else
        result="FAILED (exit $status): $(grep -aE 'ERROR:|Fatal error|SUMMARY:' "$log" | head -2 | tr '\n' ' ')"
        result+=" input: $(grep -aoE 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //')"
        failed+=("$target")
        tail -40 "$log" >&2
    fi
    printf '%-20s %12s %10s %8s %8s  %s\n' "$target" "${runs:-?}" "${rate:-?}" "${cov:-?}" "$units" "$result" | tee -a "$summary"
done
echo
cat "$summary"
echo "fuzz: $(( ${#TARGETS[@]} - ${#failed[@]} )) passed, ${#failed[@]} failed"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: ${#failed[@]} target(s) failed: ${failed[*]} (logs in $WORK, inputs in $ARTIFACTS)" >&2
    exit 1
fi
