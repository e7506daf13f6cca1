#!/usr/bin/env bash
# public_headers_third_party: quire's public headers include the C++ standard library and each
# other (<quire/...>) only, so that a program using quire needs no other library's headers,
# and the C++20 ones only, so that it builds with -std=c++20.
#
#   check_header_includes.sh DIR...    (the folders of quire's public headers)
set -euo pipefail

if (($# == 0)); then
    echo "usage: $0 DIR..." >&2
    exit 2
fi

# The C++20 standard library headers ([headers], tables 24 and 25), without the C headers'
# deprecated <NAME.h> forms.
standard=" algorithm any array atomic barrier bit bitset charconv chrono codecvt compare complex
  concepts condition_variable coroutine deque exception execution filesystem format
  forward_list fstream functional future initializer_list iomanip ios iosfwd iostream istream
  iterator latch limits list locale map memory memory_resource mutex new numbers numeric
  optional ostream queue random ranges ratio regex scoped_allocator semaphore set shared_mutex
  source_location span sstream stack stdexcept stop_token streambuf string string_view
  strstream syncstream system_error thread tuple type_traits typeindex typeinfo unordered_map
  unordered_set utility valarray variant vector version
  cassert cctype cerrno cfenv cfloat cinttypes climits clocale cmath csetjmp csignal cstdarg
  cstddef cstdint cstdio cstdlib cstring ctime cuchar cwchar cwctype "
standard=$(tr -s '[:space:]' ' ' <<<"$standard")

include='^[[:space:]]*#[[:space:]]*include[[:space:]]*'
headers=0
offenders=()
for dir in "$@"; do
    for header in "$dir"/*.hpp; do
        [[ -e $header ]] || continue
        headers=$((headers + 1))
        line_number=0
        while IFS= read -r line; do
            line_number=$((line_number + 1))
            [[ $line =~ ^[[:space:]]*#[[:space:]]*include ]] || continue
            if [[ $line =~ $include\<quire/[A-Za-z0-9_]+\.hpp\> ]]; then
                continue
            fi
            if [[ $line =~ $include\<([a-z_]+)\> ]] &&
                [[ $standard == *" ${BASH_REMATCH[1]} "* ]]; then
                continue
            fi
            offenders+=("$header:$line_number: $line")
        done <"$header"
    done
done

if ((headers == 0)); then
    echo "check_header_includes.sh: no headers (*.hpp) in $*" >&2
    exit 1
fi
if ((${#offenders[@]} > 0)); then
    echo "public headers that include something other than the C++20 standard library and" \
        "<quire/...> (${#offenders[@]}):" >&2
    printf '  %s\n' "${offenders[@]}" >&2
    exit 1
fi
echo "$headers public headers include the C++ standard library and <quire/...> only"
