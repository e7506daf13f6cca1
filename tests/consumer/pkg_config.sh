#!/usr/bin/env bash
# consumer_pkg_config: builds tests/consumer/main.cpp against an installed quire with the
# compiler and pkg-config only (quire.pc), as a Makefile would, and runs it.
#
#   pkg_config.sh PREFIX WORK_DIR
#
# CXX names the compiler (default: c++).
set -euo pipefail

if (($# != 2)); then
    echo "usage: $0 PREFIX WORK_DIR" >&2
    exit 2
fi
prefix=$(cd "$1" && pwd)
work_dir=$2
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# quire.pc lies in GNUInstallDirs' libdir: lib, lib64, or lib/<multiarch> when the prefix was
# /usr on Debian; take whichever the install made, and only one.
mapfile -t pc_files < <(find "$prefix" -path '*/pkgconfig/quire.pc')
if ((${#pc_files[@]} != 1)); then
    echo "pkg_config.sh: expected one quire.pc under $prefix, found ${#pc_files[@]}:" \
        "${pc_files[*]:-none}" >&2
    exit 1
fi
export PKG_CONFIG_PATH=${pc_files[0]%/quire.pc}
echo "PKG_CONFIG_PATH=$PKG_CONFIG_PATH"

# The flags must name the install just made: a quire.pc that still says the prefix the build
# was configured with (cmake --install --prefix installs elsewhere) would point the compiler at
# another quire, or at none.
for var in includedir libdir; do
    dir=$(pkg-config --variable="$var" quire)
    if [[ $dir != "$prefix"/* ]]; then
        echo "pkg_config.sh: quire.pc's $var is $dir, not under the install prefix $prefix" \
            "(the .pc file is not relocatable: its prefix is fixed when the build is configured)" \
            >&2
        exit 1
    fi
done
libdir=$(pkg-config --variable=libdir quire)

# The documented command line (docs/embedding.md); --static for libquire.a's own libraries.
read -r -a flags <<<"$(pkg-config --cflags --libs --static quire)"
mkdir -p "$work_dir"
set -x
"${CXX:-c++}" -std=c++20 -o "$work_dir/quire_consumer" "$source_dir/main.cpp" "${flags[@]}"
# A shared libquire (BUILD_SHARED_LIBS=ON) is found in the prefix, not on the system.
LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$work_dir/quire_consumer"
