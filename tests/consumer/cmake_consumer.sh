#!/usr/bin/env bash
# Configures, builds and runs a consumer project (tests/consumer/find_package, .../subdirectory)
# in a fresh build folder; the tests consumer_find_package and consumer_subdirectory.
#
#   cmake_consumer.sh SOURCE BUILD [CMAKE_ARGUMENTS...]
#
# CMAKE names the cmake to use (default: the one on PATH). Two build jobs: the machines that
# run the tests run other tests beside this one.
set -euo pipefail

if (($# < 2)); then
    echo "usage: $0 SOURCE BUILD [CMAKE_ARGUMENTS...]" >&2
    exit 2
fi
source_dir=$1
build_dir=$2
shift 2
cmake=${CMAKE:-cmake}

# Fresh: nothing cached from an earlier run (a found quire, a build type) may hide a failure.
rm -rf "$build_dir"
"$cmake" -S "$source_dir" -B "$build_dir" "$@"
"$cmake" --build "$build_dir" -j 2
"$build_dir/quire_consumer"
