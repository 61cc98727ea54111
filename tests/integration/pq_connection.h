#pragma once

#include <memory>
#include <string>
#include <vector>

#include <libpq-fe.h>

namespace lumadb::integration {

/// A plain libpq connection, for what libpqxx 6.4 hides: the command tag of CommandComplete and the
/// transaction status byte of ReadyForQuery. Throws std::runtime_error if the connection fails.
class PqConnection {
 public:
  /// Connects with a libpq connection string.
  explicit PqConnection(const std::string& conninfo);
  /// Runs `sql` with the simple query protocol; returns the SQLSTATE of its error, "" on success.
  std::string Run(const std::string& sql);
  /// The command tag of the last Run() ("INSERT 0 3", "ROLLBACK", ...); empty after an error.
  const std::string& tag() const { return tag_; }
  /// The ReadyForQuery status: 'I' idle, 'T' in a block, 'E' in a failed block.
  char Status() const;
  /// "SEVERITY SQLSTATE" of each NoticeResponse since the last Run(), e.g. "WARNING 25P01".
  const std::vector<std::string>& notices() const { return notices_; }
  /// The primary message, DETAIL and HINT of the last Run()'s error (empty when absent).
  const std::string& error_message() const { return error_message_; }
  const std::string& error_detail() const { return error_detail_; }
  const std::string& error_hint() const { return error_hint_; }
  /// The primary message of each NoticeResponse since the last Run().
  const std::vector<std::string>& notice_messages() const { return notice_messages_; }

 private:
  static void OnNotice(void* self, const PGresult* notice);

  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
  std::string tag_;
  std::vector<std::string> notices_;
  std::vector<std::string> notice_messages_;
  std::string error_message_;
  std::string error_detail_;
  std::string error_hint_;
};

/// Runs `sql` on a new connection to the shared target and returns its error as "SQLSTATE message" (a
/// single space when it succeeds), the form the array and set-returning-function tests compare.
std::string ErrorOf(const std::string& sql);

}  // namespace lumadb::integration
