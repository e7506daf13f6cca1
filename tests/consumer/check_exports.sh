#!/usr/bin/env bash
# shared_exports: a shared libquire exports quire's public API and nothing else.
#
#   check_exports.sh LIBRARY [PUBLIC_HEADER_DIR]
#
# Fails, listing the offenders, when a defined dynamic symbol (nm -D --defined-only) is
#   - not quire's: a dependency's (PoDoFo, HarfBuzz, ICU, FreeType, fontconfig, tinyxml2,
#     yaml-cpp, cmark, libdeflate, libpng, libjpeg, libhyphen) or the C++ standard library's
#     template instantiations, which every user of quire makes for itself;
#   - quire's, but internal: in a namespace within quire::v0 (text::, layout::, pdf::, epub::,
#     import::, detail::, an anonymous one, ...; the public API has none), or the inside of a
#     public class (an Impl);
#   - with PUBLIC_HEADER_DIR: of a name that no public header declares;
#   - not in a QUIRE_ version node (the version script, cmake/quire.map, was not applied);
# and when the library exports nothing, or not the calls every program makes (typeset, ...).
# Namespaces are read from the mangled names (quire::v0::text:: is N5quire2v04text...), which
# say exactly which entity a symbol is, and shown demangled.
set -euo pipefail

if (($# < 1 || $# > 2)); then
    echo "usage: $0 LIBRARY [PUBLIC_HEADER_DIR]" >&2
    exit 2
fi
library=$1
header_dir=${2:-}
[[ -f $library ]] || {
    echo "check_exports.sh: $library: no such file" >&2
    exit 2
}

# The public API every program uses: a library without these exports too little.
required=(version parse_text_article typeset write_pdf write_epub)

# "NAME[@[@]VERSION] TYPE VALUE [SIZE]", in the symbol table's order.
mapfile -t table < <(nm -D --defined-only --no-sort --format=posix "$library")
names=() types=() versions=()
for line in "${table[@]}"; do
    read -r symbol type _ <<<"$line"
    name=${symbol%%@*}
    version=""
    [[ $symbol == *@* ]] && version=${symbol##*@}
    names+=("$name")
    types+=("$type")
    versions+=("$version")
done
demangled=()
if ((${#names[@]} > 0)); then
    mapfile -t demangled < <(printf '%s\n' "${names[@]}" | c++filt)
fi

# What a symbol that is not quire's comes from, by its (demangled) name.
origin() {
    local d=$1
    case $d in
        *PoDoFo*) echo "PoDoFo" ;;
        hb_*) echo "HarfBuzz" ;;
        *icu_* | *icu::* | u_* | ubidi_* | ubrk_* | ucnv_* | unorm2_* | uscript_*) echo "ICU" ;;
        FT_* | ft_*) echo "FreeType" ;;
        Fc*) echo "fontconfig" ;;
        *tinyxml2::*) echo "tinyxml2" ;;
        *YAML::*) echo "yaml-cpp" ;;
        cmark*) echo "cmark" ;;
        libdeflate_*) echo "libdeflate" ;;
        png_*) echo "libpng" ;;
        jpeg_* | jinit_* | jcopy_*) echo "libjpeg" ;;
        hnj_*) echo "libhyphen" ;;
        *std::* | *__gnu_cxx::*) echo "a C++ standard library instantiation" ;;
        *) echo "not in quire::v0" ;;
    esac
}

# Whether `word` is declared in a public header (appears there as a whole word).
declared() {
    grep -rqw --include='*.hpp' -- "$1" "$header_dir"
}

offenders=()
exported=0
for i in "${!names[@]}"; do
    m=${names[$i]} d=${demangled[$i]} type=${types[$i]} version=${versions[$i]}
    # The version node itself (an absolute symbol named after it).
    [[ $type == A && $m == QUIRE_* && -z $version ]] && continue
    exported=$((exported + 1))

    # The encoding of the entity the symbol belongs to: without the prefixes of vtables,
    # typeinfo (name), VTTs, guard variables and thunks, and the Z of a function's local entity.
    e=""
    if [[ $m =~ ^_ZT[VISTC](.*)$ || $m =~ ^_ZGV(.*)$ ]]; then
        e=${BASH_REMATCH[1]}
    elif [[ $m =~ ^_ZThn?[0-9]+_(.*)$ || $m =~ ^_ZTvn?[0-9]+_n?[0-9]+_(.*)$ ]]; then
        e=${BASH_REMATCH[1]}
    elif [[ $m =~ ^_Z(.*)$ ]]; then
        e=${BASH_REMATCH[1]}
    fi
    e=${e#Z}

    if [[ ! $e =~ ^N[rVKRO]*5quire(.*)$ ]]; then
        offenders+=("$(origin "$d"): $d")
        continue
    fi
    if [[ ! $e =~ ^N[rVKRO]*5quire2v0(.*)$ ]]; then
        offenders+=("in quire:: but not in the ABI namespace quire::v0: $d")
        continue
    fi
    after=${BASH_REMATCH[1]}
    # The first name within quire::v0: <length><identifier>, then what follows it.
    if [[ $after =~ ^([0-9]+) ]]; then
        length=${BASH_REMATCH[1]}
        first=${after:${#length}:$length}
        next=${after:$((${#length} + length)):1}
        if [[ $first == _GLOBAL__N* ]]; then
            offenders+=("internal (an anonymous namespace): $d")
            continue
        fi
        # A lower-case name followed by another name or a constructor/destructor is a
        # namespace (or a lower-case class): the public API has neither.
        if [[ $first =~ ^[a-z] && $next =~ [0-9CD] ]]; then
            offenders+=("internal (namespace quire::v0::$first): $d")
            continue
        fi
        if [[ -n $header_dir ]] && ! declared "$first"; then
            offenders+=("internal ($first: in no public header): $d")
            continue
        fi
    fi
    if [[ $d == *Impl* ]]; then
        offenders+=("internal (an Impl): $d")
        continue
    fi
    if [[ $version != QUIRE_* ]]; then
        offenders+=("not in a QUIRE_ version node (version '${version:-none}'): $d")
        continue
    fi
done

status=0
echo "$library: $exported exported symbols"
if ((exported == 0)); then
    echo "check_exports.sh: the library exports nothing" >&2
    status=1
fi
for name in "${required[@]}"; do
    found=0
    # quire::v0::NAME(...), or quire::v0::NAME[abi:cxx11](...) for a function returning a string
    pattern="^quire::v0::$name(\\[abi:[a-z0-9]+\\])?\\("
    for i in "${!names[@]}"; do
        if [[ ${types[$i]} == [TW] && ${demangled[$i]} =~ $pattern ]]; then
            found=1
            break
        fi
    done
    if ((found == 0)); then
        echo "check_exports.sh: quire::v0::$name() is not exported" >&2
        status=1
    fi
done
if ((${#offenders[@]} > 0)); then
    echo "check_exports.sh: ${#offenders[@]} exported symbols are not quire's public API:" >&2
    printf '  %s\n' "${offenders[@]}" | sort >&2
    status=1
fi
exit "$status"
