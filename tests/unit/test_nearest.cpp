// Unit tests of base/nearest: the "did you mean" of manifests (and, later, style files).
#include "base/nearest.hpp"

#include <catch2/catch.hpp>

using quire::edit_distance;
using quire::nearest;

TEST_CASE("edit distance counts inserts, deletes, substitutions and swaps", "[base][nearest]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("title", "title") == 0);
    CHECK(edit_distance("title", "Title") == 0);  // ASCII case is not an edit
    CHECK(edit_distance("editr", "editor") == 1);
    CHECK(edit_distance("ttile", "title") == 1);  // neighbours swapped
    CHECK(edit_distance("date", "data") == 1);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("nearest suggests only likely typos", "[base][nearest]") {
    const std::vector<std::string> keys = {"title", "subtitle", "editor", "editors", "articles"};
    CHECK(nearest("editr", keys) == "editor");
    CHECK(nearest("articels", keys) == "articles");
    CHECK(nearest("subtitel", keys) == "subtitle");
    CHECK(nearest("colour", keys).empty());
    CHECK(nearest("x", keys).empty());
    CHECK(nearest("anything", {}).empty());
}
