// How core reports failure: a value carrying an error kind to branch on and a message for
// people, with context added at each layer ("open store: wrong passphrase"). No exceptions
// cross core's public API.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace c5 {

enum class ErrorKind {
    InvalidInput,     // the caller's data is wrong: a bad file, field or value
    NotFound,         // a file, record or unit that does not exist
    Io,               // the file system or database refused
    WrongPassphrase,  // a key could not be unwrapped with what was given
    Damaged,          // stored bytes failed authentication or do not decode
    Conflict,         // the operation clashes with the current state
    Unsupported,      // a version or feature this build does not know
    Internal,         // a broken invariant: a bug in c5kit
};

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::string message;

    // Returns the same error with "context: " put before its message.
    [[nodiscard]] Error with_context(std::string_view context) const {
        return Error{kind, std::string(context) + ": " + message};
    }

    bool operator==(const Error&) const = default;
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand for returning an error from a function that returns Result<T>.
inline std::unexpected<Error> fail(ErrorKind kind, std::string message) {
    return std::unexpected(Error{kind, std::move(message)});
}

// Adds context to the error of a failed result, leaving a success untouched.
template <class T>
Result<T> with_context(Result<T> result, std::string_view context) {
    if (!result) return std::unexpected(result.error().with_context(context));
    return result;
}

}  // namespace c5
