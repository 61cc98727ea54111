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

 private:
  static void OnNotice(void* self, const PGresult* notice);

  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
  std::string tag_;
  std::vector<std::string> notices_;
};

}  // namespace lumadb::integration
