// api/impl: the private halves of the public handle types.
#pragma once

#include "layout/frame.hpp"
#include "text/font.hpp"

#include <quire/quire.hpp>

namespace quire {

struct FontLibrary::Impl {
    text::FontBook book;
};

struct Document::Impl {
    Article article;
    layout::PagedDocument pages;
    std::shared_ptr<FontLibrary> fonts;  ///< keeps the faces the pages point to alive
};

}  // namespace quire
