#!/usr/bin/env bash
# shared_exports_self_test: check_exports.sh fails on a library that leaks, and names each
# leak (tests/consumer/leaky.cpp exports one of each kind, besides the API the check requires).
#
#   check_exports_self_test.sh CHECK_EXPORTS LEAKY_LIBRARY PUBLIC_HEADER_DIR
set -euo pipefail

if (($# != 3)); then
    echo "usage: $0 CHECK_EXPORTS LEAKY_LIBRARY PUBLIC_HEADER_DIR" >&2
    exit 2
fi
check=$1
library=$2
header_dir=$3

status=0
output=$("$check" "$library" "$header_dir" 2>&1) || status=$?
printf '%s\n' "$output"
if ((status != 1)); then
    echo "check_exports_self_test.sh: check_exports.sh exited with $status on a leaky library," \
        "not 1" >&2
    exit 1
fi

expected=(
    "HarfBuzz: hb_leaky_shape"
    "a C++ standard library instantiation: std::vector<quire::v0::Item"
    "internal (namespace quire::v0::text): quire::v0::text::shape(int)"
    "internal (an Impl): quire::v0::Document::Impl::pages()"
    "internal (shape_runs: in no public header): quire::v0::shape_runs(int)"
    "not in a QUIRE_ version node (version 'none'): quire::v0::typeset(int)"
)
missed=0
for leak in "${expected[@]}"; do
    if [[ $output != *"$leak"* ]]; then
        echo "check_exports_self_test.sh: check_exports.sh did not report: $leak" >&2
        missed=1
    fi
done
# The leaks alone fail it: the API it requires is there.
if [[ $output == *"is not exported"* ]]; then
    echo "check_exports_self_test.sh: check_exports.sh missed a required symbol" >&2
    missed=1
fi
exit "$missed"
