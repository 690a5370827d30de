#!/bin/sh
# Builds a runnable study folder for examples/busi-benign-malignant and runs it with `radfleet run`.
#
# usage (from anywhere):
#   scripts/busi_study.sh [STUDY_DIR] [BUSI_DIR] [-- extra radfleet run options, e.g. --workers 2]
#     STUDY_DIR  where the study folder is made (default: ./busi-study); it must not exist yet
#     BUSI_DIR   the shared BUSI folder (default: ../shared/data/busi beside the repository)
#   RADFLEET=/path/to/radfleet overrides the executable (default: radfleet on PATH, else .build/release/radfleet).
#
# The folder holds study.yaml, params.yaml and cohort.csv copied from the example, and `busi`, a symbolic link to
# BUSI_DIR: the workers read images only below the study folder (their data root), and the cohort names every
# image as busi/<file>. Outputs go to STUDY_DIR/results (features.csv, results.json, report.html, figures/, tables/).
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
example="$repo/examples/busi-benign-malignant"
study_dir=busi-study
busi="$repo/../shared/data/busi"
if [ $# -ge 1 ] && [ "$1" != "--" ]; then study_dir=$1; shift; fi
if [ $# -ge 1 ] && [ "$1" != "--" ]; then busi=$1; shift; fi
if [ $# -ge 1 ] && [ "$1" = "--" ]; then shift; fi

if [ ! -f "$busi/cohort.csv" ]; then
    echo "busi_study.sh: no BUSI cohort at $busi/cohort.csv (give the shared BUSI folder as the second argument)" >&2
    exit 1
fi
if [ -e "$study_dir" ]; then
    echo "busi_study.sh: $study_dir exists; give a new folder (or remove it)" >&2
    exit 1
fi

if [ -n "${RADFLEET:-}" ]; then
    radfleet=$RADFLEET
elif command -v radfleet >/dev/null 2>&1; then
    radfleet=radfleet
elif [ -x "$repo/.build/release/radfleet" ]; then
    radfleet="$repo/.build/release/radfleet"
else
    echo "busi_study.sh: no radfleet executable (swift build -c release --product radfleet, or set RADFLEET)" >&2
    exit 1
fi

mkdir -p "$study_dir"
cp "$example/study.yaml" "$example/params.yaml" "$example/cohort.csv" "$study_dir/"
ln -s "$(cd "$busi" && pwd)" "$study_dir/busi"

echo "busi_study.sh: study folder $study_dir (images through $study_dir/busi -> $(cd "$busi" && pwd))"
"$radfleet" run "$study_dir/study.yaml" "$@"
echo "busi_study.sh: outputs in $study_dir/results (results.json, features.csv, report.html)"
