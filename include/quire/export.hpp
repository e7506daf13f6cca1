/// \file
/// What the shared library exports, and the ABI's version namespace.
///
/// libquire is compiled with hidden visibility; `QUIRE_API` marks the public API (every function
/// and class declared in include/quire/), the only symbols libquire.so exports. Everything
/// quire declares lives in the inline namespace quire::v0 (written `quire::inline v0`): code says
/// quire::Article, and a program built against one ABI cannot link by mistake against another.
#pragma once

/// \namespace quire
/// Everything quire declares: the article model, the pipeline's calls and their options.
///
/// The declarations are in the inline namespace `quire::v0` (the ABI's version, see
/// quire/export.hpp); code names them quire::Article, quire::typeset() and so on, and this
/// reference does the same. quire/quire.hpp includes the headers of a single article's
/// pipeline; quire/batch.hpp and quire/collection.hpp are included on their own.

#if defined(__GNUC__) || defined(__clang__)
#define QUIRE_API __attribute__((visibility("default")))
#else
#define QUIRE_API
#endif
