// quire: diagnostics and results.
//
// Every user-facing problem is a Diagnostic with a severity, a place (file, line, and where it
// helps a byte offset) and a message. Functions of the public API never throw: they return a
// Result<T>, which holds either a value or the error that stopped them, and they report
// warnings to a Diagnostics sink the caller owns.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace quire {

/// How serious a diagnostic is.
enum class Severity { note, warning, error };

/// Where in an input something was found. `line` and `column` are 1-based; 0 means unknown.
/// `byte_offset` is the 0-based offset into the file, or -1 when unknown.
struct Location {
    std::string file;
    int line = 0;
    int column = 0;
    std::int64_t byte_offset = -1;
};

/// One message for the user.
struct Diagnostic {
    Severity severity = Severity::error;
    Location where;
    std::string message;

    /// "file:line: warning: message" (the form compilers use, so editors can jump to it).
    std::string format() const;
};

/// A sink for diagnostics; not thread-safe (use one per article).
class Diagnostics {
public:
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    void note(Location where, std::string message) {
        add({Severity::note, std::move(where), std::move(message)});
    }
    void warning(Location where, std::string message) {
        add({Severity::warning, std::move(where), std::move(message)});
    }
    void error(Location where, std::string message) {
        add({Severity::error, std::move(where), std::move(message)});
    }

    const std::vector<Diagnostic>& all() const { return items_; }
    std::size_t count(Severity s) const;
    bool has_errors() const { return count(Severity::error) > 0; }
    void clear() { items_.clear(); }

private:
    std::vector<Diagnostic> items_;
};

/// The value of an operation, or the error that stopped it.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Diagnostic error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    /// The value. Precondition: ok().
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    /// The error. Precondition: !ok().
    const Diagnostic& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Diagnostic> v_;
};

/// The unit type, for Result<Unit> (an operation with no value).
struct Unit {};

/// Builds an error diagnostic.
inline Diagnostic make_error(Location where, std::string message) {
    return {Severity::error, std::move(where), std::move(message)};
}

}  // namespace quire
