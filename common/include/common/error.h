#pragma once
// The one exception type of LumaDB. Every user-visible error carries a SQLSTATE and PostgreSQL's message
// wording; only the session loop (server/) catches it, as PostgreSQL's PostgresMain does (postgres.c).

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

#include "common/sqlstate.h"

namespace lumadb {

/// ErrorResponse severities (PostgreSQL protocol §55.8 'S'/'V' fields). NOTICE/WARNING are sent as
/// NoticeResponse and never thrown.
enum class Severity { kError, kFatal, kPanic, kWarning, kNotice };

/// Returns the protocol spelling of a severity: "ERROR", "FATAL", ...
const char* SeverityName(Severity s);

/// An error with a SQLSTATE, thrown anywhere and caught only in the session loop, which reports it
/// (ErrorResponse fields S, V, C, M, D, H, P, W) and rolls the transaction back.
/// There is no default constructor: every error has a code (NoisePage's ErrorData rule).
class DbError : public std::exception {
 public:
  DbError(SqlState code, std::string message, Severity severity = Severity::kError)
      : code_(code), severity_(severity), message_(std::move(message)) {}

  /// Adds a DETAIL line ('D').
  DbError& Detail(std::string d) {
    detail_ = std::move(d);
    return *this;
  }
  /// Adds a HINT line ('H').
  DbError& Hint(std::string h) {
    hint_ = std::move(h);
    return *this;
  }
  /// Sets the 1-based character position in the statement text ('P'); 0 means none.
  DbError& Position(int32_t pos) {
    position_ = pos;
    return *this;
  }
  /// Names the constraint that failed ('n'), as psycopg2's diag reads it.
  DbError& Constraint(std::string c) {
    constraint_ = std::move(c);
    return *this;
  }

  const SqlState& code() const { return code_; }
  Severity severity() const { return severity_; }
  /// Sets the CONTEXT line ('W'), e.g. `COPY t, line 17, column x: "abc"` (PostgreSQL's error context
  /// callbacks; copyfrom.c CopyFromErrorCallback).
  DbError& Context(std::string c) {
    context_ = std::move(c);
    return *this;
  }

  const std::string& message() const { return message_; }
  const std::optional<std::string>& detail() const { return detail_; }
  const std::optional<std::string>& hint() const { return hint_; }
  int32_t position() const { return position_; }
  const std::optional<std::string>& constraint() const { return constraint_; }
  const std::optional<std::string>& context() const { return context_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  SqlState code_;
  Severity severity_;
  std::string message_;
  std::optional<std::string> detail_;
  std::optional<std::string> hint_;
  int32_t position_ = 0;
  std::optional<std::string> constraint_;
  std::optional<std::string> context_;
};

/// Throws XX000 "internal error: <msg>" when cond is false: a broken invariant, never user error.
#define LUMADB_ASSERT(cond, msg)                                                                                       \
  do {                                                                                                                 \
    if (!(cond)) throw ::lumadb::DbError(::lumadb::sqlstate::kInternalError, std::string("internal error: ") + (msg)); \
  } while (0)

}  // namespace lumadb
