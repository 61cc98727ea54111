#pragma once
// PgClient: the crash test's minimal libpq connection. It never throws for SQL errors: a crash test must
// tell "the server said no" (a SQLSTATE) from "the server is gone" (a broken connection) for every
// statement, and libpqxx folds both into exceptions of one family.

#include <memory>
#include <string>
#include <vector>

#include <libpq-fe.h>

namespace lumadb::crash {

/// The outcome of one simple-protocol query.
struct PgResult {
  bool ok = false;
  bool connection_lost = false;                // the server went away (no SQLSTATE)
  std::string sqlstate;                        // of the error, "" when ok
  std::string message;                         // the error's primary message
  std::string tag;                             // CommandComplete tag, e.g. "INSERT 0 3", "COMMIT"
  std::vector<std::vector<std::string>> rows;  // text values; NULL reads as ""
};

class PgClient {
 public:
  /// Connects (libpq connection string); connected() tells whether it worked.
  explicit PgClient(const std::string& conninfo);
  bool connected() const;
  /// The connection error, when !connected().
  std::string error() const;
  /// Runs one statement with PQexec.
  PgResult Exec(const std::string& sql);

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

/// "host=127.0.0.1 port=N user=postgres dbname=postgres connect_timeout=5".
std::string LocalConnInfo(int port);

}  // namespace lumadb::crash
