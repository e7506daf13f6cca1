/// \file
/// Diagnostics and results.
///
/// Every user-facing problem is a Diagnostic with a severity, a place (file, line, and where it
/// helps a byte offset) and a message. Functions of the public API never throw: they return a
/// `Result<T>`, which holds either a value or the error that stopped them, and they report
/// warnings to a Diagnostics sink the caller owns.
#pragma once

#include <quire/export.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace quire::inline v0 {

/// How serious a diagnostic is.
enum class Severity { note, warning, error };

/// Where in an input something was found. `line` and `column` are 1-based; 0 means unknown.
/// `byte_offset` is the 0-based offset into the file, or -1 when unknown.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Location {
    std::string file;               ///< the file's path as given; empty when there is none
    int line = 0;                   ///< 1-based line; 0: unknown
    int column = 0;                 ///< 1-based column; 0: unknown
    std::int64_t byte_offset = -1;  ///< 0-based offset into the file; -1: unknown
};

/// One message for the user.
/// Thread-safety: a value type: concurrent reads are safe, a write needs exclusive access.
struct QUIRE_API Diagnostic {
    Severity severity = Severity::error;  ///< how serious it is
    Location where;                       ///< where it was found
    std::string message;                  ///< what it says, without the place or severity

    /// "file:line: warning: message" (the form compilers use, so editors can jump to it).
    std::string format() const;
};

/// A sink for diagnostics; not thread-safe (use one per article).
class QUIRE_API Diagnostics {
public:
    /// Appends `d`.
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    /// Appends a note (additional information) at `where`.
    void note(Location where, std::string message) {
        add({Severity::note, std::move(where), std::move(message)});
    }
    /// Appends a warning at `where`.
    void warning(Location where, std::string message) {
        add({Severity::warning, std::move(where), std::move(message)});
    }
    /// Appends an error at `where`.
    void error(Location where, std::string message) {
        add({Severity::error, std::move(where), std::move(message)});
    }

    /// Every diagnostic, in the order they were added.
    const std::vector<Diagnostic>& all() const { return items_; }
    /// How many diagnostics have severity `s`.
    std::size_t count(Severity s) const;
    /// Whether any diagnostic is an error.
    bool has_errors() const { return count(Severity::error) > 0; }
    /// Removes every diagnostic.
    void clear() { items_.clear(); }

private:
    std::vector<Diagnostic> items_;
};

/// The value of an operation, or the error that stopped it.
///
/// Test it (ok(), or as a bool) before taking the value: value(), `*` and `->` on an error throw
/// std::bad_variant_access.
/// Thread-safety: a value type, as T is: concurrent reads are safe, a write needs exclusive access.
template <class T>
class [[nodiscard]] Result {
public:
    /// A result holding `value`.
    Result(T value) : v_(std::move(value)) {}
    /// A result holding an error.
    Result(Diagnostic error) : v_(std::move(error)) {}

    /// Whether it holds a value (else an error).
    bool ok() const { return v_.index() == 0; }
    /// Whether it holds a value: ok().
    explicit operator bool() const { return ok(); }

    /// The value. Precondition: ok().
    T& value() & { return std::get<0>(v_); }
    /// The value. Precondition: ok().
    const T& value() const& { return std::get<0>(v_); }
    /// The value, moved out. Precondition: ok().
    T&& value() && { return std::get<0>(std::move(v_)); }
    /// The value's members. Precondition: ok().
    T* operator->() { return &value(); }
    /// The value's members. Precondition: ok().
    const T* operator->() const { return &value(); }
    /// The value. Precondition: ok().
    T& operator*() & { return value(); }
    /// The value. Precondition: ok().
    const T& operator*() const& { return value(); }

    /// The error. Precondition: !ok().
    const Diagnostic& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Diagnostic> v_;
};

/// The unit type, for Result<Unit> (an operation with no value).
/// Thread-safety: an empty value type.
struct QUIRE_API Unit {};

/// Builds an error diagnostic.
inline Diagnostic make_error(Location where, std::string message) {
    return {Severity::error, std::move(where), std::move(message)};
}

}  // namespace quire::inline v0
