// COPY FROM's bulk path under kill -9 (HEAP_MULTI_INSERT redo and undo): a server killed in the middle
// of a COPY, and one killed right after a COPY's COMMIT, must come back with exactly the committed rows,
// heap and primary-key index agreeing, and a clean `lumadb verify`.
#include <chrono>
#include <string>
#include <thread>

#include <doctest/doctest.h>

#include "crash_server.h"
#include "invariants.h"
#include "pg_client.h"
#include "support/temp_dir.h"
#include <libpq-fe.h>

namespace lumadb::crash {
namespace {

// A small pool: the uncommitted COPY's pages are written back (and so must be undone) before the kill.
const std::vector<std::string> kSettings = {"shared_buffers=256kB"};

/// "id,tag,filler id" CSV lines for ids [from, to].
std::string CsvRows(int from, int to, int tag) {
  std::string out;
  for (int i = from; i <= to; ++i) {
    out += std::to_string(i) + "," + std::to_string(tag) + ",filler row " + std::to_string(i) + "\n";
  }
  return out;
}

/// A libpq connection that runs COPY ... FROM STDIN piece by piece.
class CopyConn {
 public:
  explicit CopyConn(int port) : conn_(PQconnectdb(LocalConnInfo(port).c_str()), &PQfinish) {
    REQUIRE(PQstatus(conn_.get()) == CONNECTION_OK);
  }
  /// Runs a statement that must succeed (not a COPY).
  void Exec(const std::string& sql) {
    PGresult* r = PQexec(conn_.get(), sql.c_str());
    const ExecStatusType st = PQresultStatus(r);
    CHECK_MESSAGE((st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK), sql << ": " << PQerrorMessage(conn_.get()));
    PQclear(r);
  }
  void BeginCopy(const std::string& table) {
    PGresult* r = PQexec(conn_.get(), ("COPY " + table + " FROM STDIN (FORMAT csv)").c_str());
    REQUIRE(PQresultStatus(r) == PGRES_COPY_IN);
    PQclear(r);
  }
  void Send(const std::string& data) {
    REQUIRE(PQputCopyData(conn_.get(), data.data(), static_cast<int>(data.size())) == 1);
  }
  /// Ends the COPY; returns its command tag ("COPY n") or the error.
  std::string EndCopy() {
    REQUIRE(PQputCopyEnd(conn_.get(), nullptr) == 1);
    std::string out;
    while (PGresult* r = PQgetResult(conn_.get())) {
      out = PQresultStatus(r) == PGRES_COMMAND_OK ? PQcmdStatus(r) : PQresultErrorMessage(r);
      PQclear(r);
    }
    return out;
  }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

/// The number of rows per tag through a heap scan and through the primary key, as "tag:heap/index ...".
std::string Counts(int port) {
  PgClient c(LocalConnInfo(port));
  std::string out;
  for (int tag = 1; tag <= 3; ++tag) {
    const std::string where = "tag = " + std::to_string(tag);
    PgResult heap = c.Exec("SELECT count(*) FROM copied WHERE " + where);
    PgResult index = c.Exec("SELECT count(*) FROM copied WHERE id BETWEEN 1 AND 1000000 AND " + where);
    out += std::to_string(tag) + ":" + (heap.ok ? heap.rows.at(0).at(0) : heap.message) + "/" +
           (index.ok ? index.rows.at(0).at(0) : index.message) + " ";
  }
  return out;
}

}  // namespace

TEST_CASE("kill -9 in the middle of a COPY and right after a COPY's COMMIT: exactly the committed rows") {
  testing::TempDir tmp;
  CrashServer server(tmp.data(), kSettings);
  REQUIRE(server.Start() == StartOutcome::kReady);
  {
    CopyConn c(server.port());
    c.Exec("CREATE TABLE copied (id integer PRIMARY KEY, tag integer NOT NULL, filler text)");
    c.BeginCopy("copied");  // tag 1: committed by the COPY itself (autocommit)
    c.Send(CsvRows(1, 20000, 1));
    CHECK(c.EndCopy() == "COPY 20000");
  }
  {
    // Tag 2: a COPY whose transaction never commits; a checkpoint meanwhile puts its pages on disk.
    CopyConn c(server.port());
    c.Exec("BEGIN");
    c.BeginCopy("copied");
    c.Send(CsvRows(100001, 130000, 2));
    CHECK(c.EndCopy() == "COPY 30000");
    CopyConn(server.port()).Exec("CHECKPOINT");
    c.BeginCopy("copied");
    c.Send(CsvRows(130001, 160000, 2));  // still being stored when the server dies
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.Kill();
  }
  REQUIRE(server.Start() == StartOutcome::kReady);
  CHECK(server.LogContains("automatic recovery in progress"));
  CHECK(Counts(server.port()) == "1:20000/20000 2:0/0 3:0/0 ");
  {
    // Tag 3: COPY and COMMIT in a transaction block, killed as soon as COMMIT answered.
    CopyConn c(server.port());
    c.Exec("BEGIN");
    c.BeginCopy("copied");
    c.Send(CsvRows(200001, 240000, 3));
    CHECK(c.EndCopy() == "COPY 40000");
    c.Exec("COMMIT");
    server.Kill();
  }
  REQUIRE(server.Start() == StartOutcome::kReady);
  CHECK(server.LogContains("automatic recovery in progress"));
  CHECK(Counts(server.port()) == "1:20000/20000 2:0/0 3:40000/40000 ");
  REQUIRE(server.Stop());
  const VerifyRun verify = RunLumadbVerify(server.data_dir());
  CHECK_MESSAGE(verify.exit_code == 0, verify.output);
}

}  // namespace lumadb::crash
