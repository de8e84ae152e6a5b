#pragma once
// Errors are values: a Status or a Result<T> carries either success or an Error
// whose message a person can act on ("connect to 127.0.0.1:5432 failed: ...").

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "core/util/ConnectErrorClass.h"

namespace poolscope {

/// An error with a human-readable message. `fatal` is set by drivers when the
/// error means the connection it happened on can no longer be used (the pool
/// then destroys that connection instead of returning it to the idle set).
struct Error {
    std::string message;
    bool fatal = false;
    /// Set by drivers on a failed connect: why, as far as the client library
    /// says (the pool keeps it beside the last connect error).
    ConnectErrorClass connectClass = ConnectErrorClass::Unknown;
};

/// Success or an Error. Cheap to return on success (no allocation).
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error e) : error_(std::move(e)) {}  // NOLINT: implicit by design
    static Status ok() { return {}; }
    static Status fail(std::string message, bool fatal = false) {
        return Status(Error{std::move(message), fatal});
    }
    bool isOk() const { return !error_.has_value(); }
    explicit operator bool() const { return isOk(); }
    /// Precondition: !isOk().
    const Error& error() const {
        assert(error_);
        return *error_;
    }
    const std::string& message() const { return error().message; }

private:
    std::optional<Error> error_;
};

/// A value of type T or an Error.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
    Result(Error e) : v_(std::move(e)) {}      // NOLINT: implicit by design
    Result(Status s) : v_(s.error()) { assert(!s.isOk()); }  // NOLINT
    bool isOk() const { return std::holds_alternative<T>(v_); }
    explicit operator bool() const { return isOk(); }
    T& value() & {
        assert(isOk());
        return std::get<T>(v_);
    }
    const T& value() const& {
        assert(isOk());
        return std::get<T>(v_);
    }
    T&& value() && {
        assert(isOk());
        return std::get<T>(std::move(v_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    /// Precondition: !isOk().
    const Error& error() const {
        assert(!isOk());
        return std::get<Error>(v_);
    }
    const std::string& message() const { return error().message; }
    Status status() const { return isOk() ? Status::ok() : Status(error()); }

private:
    std::variant<T, Error> v_;
};

}  // namespace poolscope
