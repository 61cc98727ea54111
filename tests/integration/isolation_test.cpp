// Isolation between sessions under strict two-phase locking with row locks (docs/transactions.md): no lost
// updates, no reads of uncommitted data, one victim per deadlock (40P01), no phantoms under SERIALIZABLE,
// and the 55P03 of NOWAIT and lock_timeout. Waits are bounded generously for a loaded 2-core machine; the
// only timed assertions check that a session *is* blocked, which cannot pass by accident when locking
// works. Against PostgreSQL (LUMADB_TEST_EXTERNAL) the blocking checks that MVCC does not share are skipped.
#include <chrono>
#include <future>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using namespace std::chrono_literals;

// How long a blocked session is watched to prove it waits, and how long any wait may take at most.
constexpr auto kBlockedFor = 500ms;
constexpr auto kMaxWait = 60s;

// A connection whose lock waits end in 55P03 after a minute, so a locking bug fails a test instead of
// hanging it.
struct TestConnection : pqxx::connection {
  TestConnection() : pqxx::connection(SharedTarget::Get().ConnString()) { Exec(*this, "SET lock_timeout = '60s'"); }
};

// Runs sql on conn in another thread; the future yields "" or the error's SQLSTATE.
std::future<std::string> RunAsync(pqxx::connection& conn, const std::string& sql) {
  return std::async(std::launch::async, [&conn, sql] { return SqlStateOf(conn, sql); });
}

bool Blocked(std::future<std::string>& f) {
  return f.wait_for(kBlockedFor) == std::future_status::timeout;
}

// A table (id integer PRIMARY KEY, v integer) holding rows (1, 0) .. (rows, 0).
std::string MakeTable(pqxx::connection& conn, const std::string& stem, int rows) {
  const std::string t = TableName(stem);
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id integer PRIMARY KEY, v integer)");
  for (int i = 1; i <= rows; ++i) Exec(conn, "INSERT INTO " + t + " VALUES (" + std::to_string(i) + ", 0)");
  return t;
}

// Retries a transaction body on 40P01/40001, as applications must; returns how many attempts failed.
int WithRetry(pqxx::connection& conn, const std::vector<std::string>& body) {
  for (int failures = 0;; ++failures) {
    std::string code;
    for (const std::string& sql : body) {
      code = SqlStateOf(conn, sql);
      if (!code.empty()) break;
    }
    if (code.empty()) return failures;
    Exec(conn, "ROLLBACK");
    REQUIRE_MESSAGE((code == "40P01" || code == "40001"), "unexpected SQLSTATE " << code);
  }
}

TEST_CASE("concurrent increments lose no update") {
  TestConnection setup;
  const std::string t = MakeTable(setup, "iso_counter", 1);
  constexpr int kPerSession = 40;
  auto worker = [&t](bool read_modify_write) {
    TestConnection conn;
    Exec(conn, "SET deadlock_timeout = '100ms'");
    for (int i = 0; i < kPerSession; ++i) {
      if (read_modify_write) {
        // The application computes the new value itself: FOR UPDATE keeps the row until COMMIT.
        Exec(conn, "BEGIN");
        int v = std::stoi(Scalar(conn, "SELECT v FROM " + t + " WHERE id = 1 FOR UPDATE"));
        Exec(conn, "UPDATE " + t + " SET v = " + std::to_string(v + 1) + " WHERE id = 1");
        Exec(conn, "COMMIT");
      } else {
        WithRetry(conn, {"BEGIN", "UPDATE " + t + " SET v = v + 1 WHERE id = 1", "COMMIT"});
      }
    }
  };
  std::vector<std::future<void>> workers;
  for (bool rmw : {false, false, true, true}) workers.push_back(std::async(std::launch::async, worker, rmw));
  for (auto& w : workers) w.get();  // rethrows a worker's failure
  CHECK(Scalar(setup, "SELECT v FROM " + t + " WHERE id = 1") == std::to_string(4 * kPerSession));
  Exec(setup, "DROP TABLE " + t);
}

TEST_CASE("a reader never sees uncommitted data") {
  TestConnection writer;
  TestConnection reader;
  const std::string t = MakeTable(writer, "iso_dirty", 2);
  Exec(writer, "UPDATE " + t + " SET v = 1 WHERE id = 1");
  for (const std::string end : {"ROLLBACK", "COMMIT"}) {
    CAPTURE(end);
    Exec(writer, "BEGIN");
    Exec(writer, "UPDATE " + t + " SET v = v + 1 WHERE id = 1");
    auto read = std::async(std::launch::async, [&] { return Scalar(reader, "SELECT v FROM " + t + " WHERE id = 1"); });
    if (!IsExternal()) CHECK(read.wait_for(kBlockedFor) == std::future_status::timeout);  // 2PL: it waits
    CHECK(Scalar(writer, "SELECT v FROM " + t + " WHERE id = 1") == "2");
    Exec(writer, end);
    REQUIRE(read.wait_for(kMaxWait) == std::future_status::ready);
    std::string seen = read.get();
    if (IsExternal()) {
      CHECK((seen == "1" || seen == (end == "COMMIT" ? "2" : "1")));
    } else {
      CHECK(seen == (end == "COMMIT" ? "2" : "1"));  // the committed value once the writer ended
    }
  }
  Exec(writer, "DROP TABLE " + t);
}

TEST_CASE("sequential scans and aggregates wait for an uncommitted writer; with none they read without row locks") {
  TestConnection writer;
  TestConnection reader;
  const std::string t = MakeTable(writer, "iso_scan", 300);
  // No writer: the scan's pages are quiet (row_locker.h), the answer is the committed state.
  CHECK(Scalar(reader, "SELECT sum(v) FROM " + t) == "0");
  for (const std::string end : {"ROLLBACK", "COMMIT"}) {
    CAPTURE(end);
    Exec(writer, "BEGIN");
    Exec(writer, "UPDATE " + t + " SET v = v + 1 WHERE id = 250");
    auto sum = std::async(std::launch::async, [&] { return Scalar(reader, "SELECT sum(v) FROM " + t); });
    if (!IsExternal()) CHECK(sum.wait_for(kBlockedFor) == std::future_status::timeout);
    Exec(writer, end);
    REQUIRE(sum.wait_for(kMaxWait) == std::future_status::ready);
    const std::string seen = sum.get();
    if (!IsExternal()) CHECK(seen == (end == "COMMIT" ? "1" : "0"));
  }
  // A row deleted by an open transaction: the scan waits, then counts what was committed.
  Exec(writer, "BEGIN");
  Exec(writer, "DELETE FROM " + t + " WHERE id <= 10");
  auto count = std::async(std::launch::async, [&] { return Scalar(reader, "SELECT count(*) FROM " + t); });
  if (!IsExternal()) CHECK(count.wait_for(kBlockedFor) == std::future_status::timeout);
  Exec(writer, "COMMIT");
  REQUIRE(count.wait_for(kMaxWait) == std::future_status::ready);
  const std::string counted = count.get();
  if (!IsExternal()) CHECK(counted == "290");
  CHECK(Scalar(reader, "SELECT count(*) FROM " + t) == "290");
  Exec(writer, "DROP TABLE " + t);
}

TEST_CASE("a two-session deadlock aborts exactly one of them with 40P01") {
  TestConnection a;
  TestConnection b;
  // One row in each of two tables: scans then lock only the rows each session means to update.
  const std::string ta = MakeTable(a, "iso_deadlock_a", 1);
  const std::string tb = MakeTable(a, "iso_deadlock_b", 1);
  for (pqxx::connection* c : {&a, &b}) Exec(*c, "SET deadlock_timeout = '100ms'");
  Exec(a, "BEGIN");
  Exec(b, "BEGIN");
  Exec(a, "UPDATE " + ta + " SET v = 1");
  Exec(b, "UPDATE " + tb + " SET v = 2");
  auto cross = [](pqxx::connection& conn, const std::string& table) {
    return std::async(std::launch::async, [&conn, table] {
      try {
        Exec(conn, "UPDATE " + table + " SET v = 10 + v");
        return std::string();
      } catch (const pqxx::deadlock_detected&) {
        return std::string("deadlock");
      } catch (const pqxx::sql_error& e) {
        return e.sqlstate();
      }
    });
  };
  auto fa = cross(a, tb);
  auto fb = cross(b, ta);
  REQUIRE(fa.wait_for(kMaxWait) == std::future_status::ready);
  REQUIRE(fb.wait_for(kMaxWait) == std::future_status::ready);
  std::string ra = fa.get();
  std::string rb = fb.get();
  CHECK(((ra == "deadlock" && rb.empty()) || (ra.empty() && rb == "deadlock")));
  pqxx::connection& winner = ra.empty() ? a : b;
  pqxx::connection& victim = ra.empty() ? b : a;
  Exec(victim, "ROLLBACK");
  Exec(winner, "COMMIT");
  // The winner's two updates are in; the victim's are gone.
  std::string expected = ra.empty() ? "1:10" : "10:2";
  TestConnection check;
  CHECK(Scalar(check, "SELECT v FROM " + ta) + ":" + Scalar(check, "SELECT v FROM " + tb) == expected);
  Exec(check, "DROP TABLE " + ta + ", " + tb);
}

TEST_CASE("SERIALIZABLE sees no phantoms: a concurrent INSERT waits for the reader") {
  TestConnection reader;
  TestConnection inserter;
  const std::string t = MakeTable(reader, "iso_phantom", 3);
  Exec(reader, "BEGIN ISOLATION LEVEL SERIALIZABLE");
  CHECK(Scalar(reader, "SELECT count(*) FROM " + t + " WHERE v = 0") == "3");
  auto insert = RunAsync(inserter, "INSERT INTO " + t + " VALUES (4, 0)");
  if (!IsExternal()) CHECK(Blocked(insert));
  CHECK(Scalar(reader, "SELECT count(*) FROM " + t + " WHERE v = 0") == "3");
  Exec(reader, "COMMIT");
  REQUIRE(insert.wait_for(kMaxWait) == std::future_status::ready);
  CHECK(insert.get() == "");
  CHECK(Scalar(reader, "SELECT count(*) FROM " + t + " WHERE v = 0") == "4");
  Exec(reader, "DROP TABLE " + t);
}

TEST_CASE("FOR UPDATE NOWAIT and lock_timeout give 55P03") {
  TestConnection holder;
  TestConnection other;
  const std::string t = MakeTable(holder, "iso_nowait", 2);
  Exec(holder, "BEGIN");
  CHECK(Scalar(holder, "SELECT v FROM " + t + " WHERE id = 1 FOR UPDATE") == "0");
  try {
    Exec(other, "SELECT v FROM " + t + " WHERE id = 1 FOR UPDATE NOWAIT");
    FAIL("NOWAIT did not fail");
  } catch (const pqxx::sql_error& e) {
    CHECK(e.sqlstate() == "55P03");
    CHECK(std::string(e.what()).find("could not obtain lock on row in relation \"" + t + "\"") != std::string::npos);
  }
  Exec(other, "SET lock_timeout = '200ms'");
  try {
    Exec(other, "UPDATE " + t + " SET v = 5 WHERE id = 1");
    FAIL("lock_timeout did not fire");
  } catch (const pqxx::sql_error& e) {
    CHECK(e.sqlstate() == "55P03");
    CHECK(std::string(e.what()).find("canceling statement due to lock timeout") != std::string::npos);
  }
  Exec(other, "RESET lock_timeout");
  Exec(holder, "ROLLBACK");
  CHECK(SqlStateOf(other, "UPDATE " + t + " SET v = 5 WHERE id = 1") == "");
  Exec(other, "DROP TABLE " + t);
}

// Sends rows (id, id) for ids in [from, to] with COPY FROM STDIN on conn, inside whatever transaction conn
// has open (the COPY's rows stay uncommitted when it has one).
void CopyRows(pqxx::connection& conn, const std::string& table, int from, int to) {
  pqxx::nontransaction tx(conn);
  pqxx::stream_to copy(tx, table);
  for (int i = from; i <= to; ++i) copy << std::make_tuple(i, i);
  copy.complete();
}

TEST_CASE("rows of a COPY in progress: readers, writers, FOR UPDATE and unique checks wait for it") {
  TestConnection copier;
  TestConnection other;
  // Two committed rows share the first page with the COPY's first rows (locked one by one); the COPY's
  // other pages are new (one lock per page): both kinds must keep the others out.
  const std::string t = MakeTable(copier, "iso_copy", 2);
  for (pqxx::connection* c : {&copier, &other}) Exec(*c, "SET deadlock_timeout = '100ms'");
  for (const std::string end : {"ROLLBACK", "COMMIT"}) {
    CAPTURE(end);
    Exec(copier, "BEGIN");
    CopyRows(copier, t, 3, 3000);
    CHECK(Scalar(copier, "SELECT count(*) FROM " + t) == "3000");
    if (!IsExternal()) {
      CHECK(SqlStateOf(other, "SELECT v FROM " + t + " WHERE id = 2999 FOR UPDATE NOWAIT") == "55P03");
      CHECK(SqlStateOf(other, "SELECT v FROM " + t + " WHERE id = 3 FOR UPDATE NOWAIT") == "55P03");
      CHECK(SqlStateOf(other, "SELECT v FROM " + t + " WHERE id = 1 FOR UPDATE NOWAIT") == "");  // committed row
    }
    TestConnection reader;
    TestConnection updater;
    TestConnection inserter;
    auto read = std::async(std::launch::async,
                           [&] { return Scalar(reader, "SELECT count(*) FROM " + t + " WHERE id <> 1500"); });
    auto update = RunAsync(updater, "UPDATE " + t + " SET v = -1 WHERE id = 2500");
    auto insert = RunAsync(inserter, "INSERT INTO " + t + " VALUES (1500, 0)");  // the unique check waits
    if (!IsExternal()) {
      CHECK(read.wait_for(kBlockedFor) == std::future_status::timeout);
      CHECK(Blocked(update));
      CHECK(Blocked(insert));
    }
    Exec(copier, end);
    REQUIRE(read.wait_for(kMaxWait) == std::future_status::ready);
    REQUIRE(update.wait_for(kMaxWait) == std::future_status::ready);
    REQUIRE(insert.wait_for(kMaxWait) == std::future_status::ready);
    const bool committed = end == "COMMIT";
    if (!IsExternal()) CHECK(read.get() == (committed ? "2999" : "2"));
    CHECK(update.get() == "");
    CHECK(insert.get() == (committed ? "23505" : ""));
    if (!committed) Exec(other, "DELETE FROM " + t + " WHERE id > 2");
  }
  CHECK(Scalar(other, "SELECT count(*) FROM " + t + " WHERE v = id") == "2997");  // all but id 2500
  Exec(other, "DROP TABLE " + t);
}

TEST_CASE("a deadlock through the rows of a COPY names the transaction waited for") {
  if (IsExternal()) return;  // MVCC readers do not wait for uncommitted rows
  TestConnection copier;
  TestConnection other;
  const std::string t = MakeTable(copier, "iso_copy_deadlock", 1);
  for (pqxx::connection* c : {&copier, &other}) Exec(*c, "SET deadlock_timeout = '100ms'");
  Exec(copier, "BEGIN");
  CopyRows(copier, t, 2, 2000);
  Exec(other, "BEGIN");
  Exec(other, "UPDATE " + t + " SET v = 1 WHERE id = 1");
  auto blocked = RunAsync(other, "UPDATE " + t + " SET v = 1 WHERE id = 1900");  // waits for the COPY
  CHECK(Blocked(blocked));
  std::string error;
  try {
    Exec(copier, "UPDATE " + t + " SET v = 2 WHERE id = 1");
  } catch (const pqxx::deadlock_detected& e) {  // not a pqxx::sql_error in libpqxx 6
    error = e.what();
  }
  REQUIRE(blocked.wait_for(kMaxWait) == std::future_status::ready);
  std::string other_result = blocked.get();
  // The copier completes the cycle, so it is the victim; its DETAIL names the other session's wait for the
  // COPY's transaction as a whole, as PostgreSQL's XactLockTableWait does ("ShareLock on transaction N").
  CHECK(other_result.empty());
  CHECK(error.find("deadlock detected") != std::string::npos);
  CHECK(error.find("waits for ShareLock on transaction ") != std::string::npos);
  Exec(copier, "ROLLBACK");
  Exec(other, "COMMIT");
  CHECK(Scalar(other, "SELECT count(*) FROM " + t) == "1");
  Exec(other, "DROP TABLE " + t);
}

}  // namespace
}  // namespace lumadb::integration
