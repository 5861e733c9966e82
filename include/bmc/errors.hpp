// The one error hierarchy of bmc. Every failure a user can cause or meet is one of these; the cli
// layer catches them once, prints "bmc: error: <what> — <what to do>" and exits with code().
#pragma once

#include <stdexcept>
#include <string>

namespace bmc {

// Exit codes, documented in docs/cli.md.
inline constexpr int exit_ok = 0;
inline constexpr int exit_runtime = 1; // not found, ambiguous, invalid data, database
inline constexpr int exit_usage = 2;   // bad flags or argument values

class Error : public std::runtime_error {
public:
    // `what` says what was wrong; `hint` says what to do next (may be empty); `details` are
    // extra lines printed below the message, e.g. the candidates for an ambiguous name.
    Error(const std::string& what, std::string hint = {}, std::string details = {})
        : std::runtime_error(what), m_hint(std::move(hint)), m_details(std::move(details)) {}

    const std::string& hint() const { return m_hint; }
    const std::string& details() const { return m_details; }
    virtual int code() const { return exit_runtime; }

private:
    std::string m_hint;
    std::string m_details;
};

// A malformed command line or argument value (a bad date, duration, strength...). Exit code 2.
class UsageError : public Error {
public:
    using Error::Error;
    int code() const override { return exit_usage; }
};

// A person, follow-up or setting that does not exist, or a name that matches several people.
class NotFoundError : public Error {
public:
    using Error::Error;
};

// Data that cannot be accepted: a bad import record, a refused change.
class DataError : public Error {
public:
    using Error::Error;
};

// The database cannot be opened, is not a bmc database, is too new, or a statement failed.
class DatabaseError : public Error {
public:
    using Error::Error;
};

} // namespace bmc
