#pragma once
// The one internal error style: a function that can fail returns quire::Result<T> (a value or
// the Diagnostic that stopped it), and its caller passes the error on with these macros.
//
// quire's own code throws one exception only: detail::LimitExceeded, raised by a limit or a
// cancel request deep in a stage and caught, with std::bad_alloc, at the library boundary
// (src/api). Exceptions of the libraries quire calls (yaml-cpp, PoDoFo) are turned into a
// Result at the call that may throw them. See docs/architecture.md, "Errors".

#include <quire/diagnostics.hpp>

#include <utility>

#define QUIRE_RESULT_CONCAT_(a, b) a##b
#define QUIRE_RESULT_CONCAT(a, b) QUIRE_RESULT_CONCAT_(a, b)

/// Evaluates `expr` (a Result); if it holds an error, returns that error from the enclosing
/// function (whose return type is a Result, or a Diagnostic-constructible type).
#define QUIRE_TRY(expr)                                                                            \
    do {                                                                                           \
        if (auto quire_try_result_ = (expr); !quire_try_result_) return quire_try_result_.error(); \
    } while (0)

/// Evaluates `expr` (a Result<T>); on an error returns it, else declares `decl` (for example
/// `auto x` or `std::string s`) from its value, moved out.
#define QUIRE_TRY_ASSIGN(decl, expr) \
    QUIRE_TRY_ASSIGN_(QUIRE_RESULT_CONCAT(quire_try_value_, __LINE__), decl, expr)
#define QUIRE_TRY_ASSIGN_(tmp, decl, expr) \
    auto tmp = (expr);                     \
    if (!tmp) return tmp.error();          \
    decl = std::move(tmp).value()
