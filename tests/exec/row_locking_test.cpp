// Isolation on strict 2PL through the executors: two transactions of the same cluster on two threads.
// Lost updates, dirty reads, READ COMMITTED / REPEATABLE READ / SERIALIZABLE read locks, the WHERE recheck
// after a wait (EvalPlanQual), SELECT ... FOR UPDATE / FOR SHARE with NOWAIT and SKIP LOCKED.
#include <chrono>
#include <future>

#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::DbError;
using lumadb::exec::testing::RecordingSink;
using lumadb::exec::testing::TestSession;
using lumadb::txn::IsolationLevel;
using Rows = std::vector<std::string>;
using namespace std::chrono_literals;

namespace {

/// The SQLSTATE and message of the error sql raises in txn (empty if none).
std::string ErrorOf(TestSession& s, lumadb::txn::Transaction& txn, const std::string& sql, int64_t timeout_ms) {
  RecordingSink sink;
  try {
    s.RunOn(txn, sql, &sink, timeout_ms);
  } catch (const DbError& e) {
    return std::string(e.code().View()) + " " + e.message();
  }
  return "";
}

Rows Query(TestSession& s, lumadb::txn::Transaction& txn, const std::string& sql, int64_t timeout_ms = 0) {
  RecordingSink sink;
  s.RunOn(txn, sql, &sink, timeout_ms);
  return sink.rows_;
}

void Setup(TestSession& s) {
  s.Run("CREATE TABLE acc (id int, bal int)");
  s.Run("INSERT INTO acc VALUES (1, 100), (2, 200), (3, 300)");
}

const std::string kTimeout = "55P03 canceling statement due to lock timeout";

}  // namespace

TEST_CASE("concurrent UPDATE bal = bal + 1 never loses an update") {
  TestSession s;
  Setup(s);
  auto t1 = s.BeginOther();
  auto t2 = s.BeginOther();
  RecordingSink sink1, sink2;
  CHECK(s.RunOn(*t1, "UPDATE acc SET bal = bal + 1 WHERE id = 1", &sink1) == "UPDATE 1");
  auto f =
      std::async(std::launch::async, [&] { return s.RunOn(*t2, "UPDATE acc SET bal = bal + 1 WHERE id = 1", &sink2); });
  CHECK(f.wait_for(200ms) == std::future_status::timeout);  // waits for t1's row X lock
  s.CommitOther(*t1);
  CHECK(f.get() == "UPDATE 1");
  s.CommitOther(*t2);
  CHECK(s.Rows("SELECT bal FROM acc WHERE id = 1") == Rows{"102"});
}

TEST_CASE("readers wait for writers (no dirty reads); rows an UPDATE rejected are released") {
  TestSession s;
  Setup(s);
  auto t1 = s.BeginOther();
  auto t2 = s.BeginOther();
  Query(s, *t1, "UPDATE acc SET bal = 0 WHERE id = 1");
  CHECK(ErrorOf(s, *t2, "SELECT bal FROM acc", 100) == kTimeout);
  CHECK(ErrorOf(s, *t2, "SELECT bal FROM acc WHERE id = 1", 100) == kTimeout);
  // Semi-consistent reads: a locked row that does not match as it is now is skipped without waiting.
  CHECK(Query(s, *t2, "SELECT bal FROM acc WHERE id = 3", 500) == Rows{"300"});
  CHECK(Query(s, *t2, "UPDATE acc SET bal = 7 WHERE id = 2", 500).empty());
  CHECK(Query(s, *t2, "SELECT id FROM acc ORDER BY id FOR UPDATE SKIP LOCKED") == Rows{"2", "3"});
  s.EndOther(*t2);
  auto t3 = s.BeginOther();
  s.EndOther(*t1);  // rolled back: t3 sees the old value
  CHECK(Query(s, *t3, "SELECT bal FROM acc ORDER BY id", 500) == Rows{"100", "200", "300"});
  s.EndOther(*t3);
}

TEST_CASE("READ COMMITTED releases read locks; REPEATABLE READ holds them; SERIALIZABLE blocks inserts") {
  TestSession s;
  Setup(s);
  auto rc = s.BeginOther(IsolationLevel::kReadCommitted);
  CHECK(Query(s, *rc, "SELECT count(*) FROM acc") == Rows{"3"});
  auto w = s.BeginOther();
  CHECK(ErrorOf(s, *w, "UPDATE acc SET bal = 1 WHERE id = 1", 500).empty());
  s.EndOther(*w);
  s.EndOther(*rc);

  auto rr = s.BeginOther(IsolationLevel::kRepeatableRead);
  CHECK(Query(s, *rr, "SELECT bal FROM acc WHERE id = 2") == Rows{"200"});
  auto w2 = s.BeginOther();
  CHECK(ErrorOf(s, *w2, "UPDATE acc SET bal = 1 WHERE id = 2", 100) == kTimeout);
  CHECK(ErrorOf(s, *w2, "INSERT INTO acc VALUES (4, 400)", 500).empty());  // phantoms allowed
  s.EndOther(*w2);
  s.EndOther(*rr);

  auto ser = s.BeginOther(IsolationLevel::kSerializable);
  CHECK(Query(s, *ser, "SELECT count(*) FROM acc WHERE bal > 150") == Rows{"2"});
  auto w3 = s.BeginOther();
  CHECK(ErrorOf(s, *w3, "INSERT INTO acc VALUES (5, 500)", 100) == kTimeout);
  s.EndOther(*w3);
  s.EndOther(*ser);
}

TEST_CASE("the WHERE clause is rechecked on the row version committed while waiting") {
  TestSession s;
  Setup(s);
  auto t1 = s.BeginOther();
  auto t2 = s.BeginOther();
  Query(s, *t1, "UPDATE acc SET bal = bal + 50 WHERE id = 1");
  RecordingSink sink;
  auto f = std::async(std::launch::async, [&] {
    return s.RunOn(*t2, "UPDATE acc SET bal = bal * 2 WHERE bal BETWEEN 120 AND 250", &sink);
  });
  CHECK(f.wait_for(200ms) == std::future_status::timeout);  // row 1 matches as t1 left it: wait
  Query(s, *t1, "UPDATE acc SET bal = 1000 WHERE id = 1");
  s.CommitOther(*t1);
  CHECK(f.get() == "UPDATE 1");  // row 1 no longer matches once t1 committed; row 2 does
  s.CommitOther(*t2);
  CHECK(s.Rows("SELECT bal FROM acc ORDER BY id") == Rows{"1000", "400", "300"});
}

TEST_CASE("a reader waits for an uncommitted delete and sees the row again if it rolls back") {
  TestSession s;
  Setup(s);
  auto d = s.BeginOther();
  auto r = s.BeginOther();
  Query(s, *d, "DELETE FROM acc WHERE id = 2");
  CHECK(Query(s, *d, "SELECT id FROM acc ORDER BY id") == Rows{"1", "3"});  // its own delete
  RecordingSink sink;
  auto f = std::async(std::launch::async, [&] { return s.RunOn(*r, "SELECT id FROM acc ORDER BY id", &sink); });
  CHECK(f.wait_for(200ms) == std::future_status::timeout);
  s.EndOther(*d);
  f.get();
  CHECK(sink.rows_ == Rows{"1", "2", "3"});
  s.EndOther(*r);
}

TEST_CASE("SELECT FOR UPDATE / FOR SHARE with NOWAIT and SKIP LOCKED") {
  TestSession s;
  Setup(s);
  auto t1 = s.BeginOther();
  auto t2 = s.BeginOther();
  CHECK(Query(s, *t1, "SELECT id FROM acc WHERE id = 1 FOR UPDATE") == Rows{"1"});
  CHECK(Query(s, *t1, "SELECT id FROM acc WHERE id = 1 FOR SHARE") == Rows{"1"});  // own lock: no wait
  CHECK(ErrorOf(s, *t2, "SELECT * FROM acc FOR UPDATE NOWAIT", 0) ==
        "55P03 could not obtain lock on row in relation \"acc\"");
  CHECK(Query(s, *t2, "SELECT id FROM acc ORDER BY id FOR SHARE SKIP LOCKED") == Rows{"2", "3"});
  CHECK(ErrorOf(s, *t1, "UPDATE acc SET bal = 0 WHERE id = 2", 100) == kTimeout);  // t2's FOR SHARE
  CHECK(ErrorOf(s, *t2, "SELECT id FROM acc WHERE id = 1 FOR KEY SHARE", 100) == kTimeout);
  s.EndOther(*t2);
  s.EndOther(*t1);
}

TEST_CASE("FOR UPDATE OF picks tables; errors follow PostgreSQL") {
  TestSession s;
  Setup(s);
  s.Run("CREATE TABLE other (id int)");
  s.Run("INSERT INTO other VALUES (1)");
  auto t1 = s.BeginOther();
  auto t2 = s.BeginOther();
  Query(s, *t1, "SELECT * FROM acc a JOIN other o ON a.id = o.id FOR UPDATE OF o");
  CHECK(Query(s, *t2, "SELECT id FROM acc WHERE id = 1 FOR UPDATE", 500) == Rows{"1"});
  CHECK(ErrorOf(s, *t2, "SELECT id FROM other FOR SHARE", 100) == kTimeout);
  s.EndOther(*t2);
  s.EndOther(*t1);
  CHECK(s.Error("SELECT count(*) FROM acc FOR UPDATE").message() ==
        "FOR UPDATE is not allowed with aggregate functions");
  CHECK(s.Error("SELECT DISTINCT id FROM acc FOR SHARE").message() == "FOR SHARE is not allowed with DISTINCT clause");
  CHECK(s.Error("SELECT id FROM acc GROUP BY id FOR KEY SHARE").message() ==
        "FOR KEY SHARE is not allowed with GROUP BY clause");
  CHECK(s.Error("SELECT id FROM acc UNION SELECT id FROM acc FOR UPDATE").message() ==
        "FOR UPDATE is not allowed with UNION/INTERSECT/EXCEPT");
  CHECK(s.Error("VALUES (1) FOR UPDATE").message() == "FOR UPDATE cannot be applied to VALUES");
  CHECK(s.Error("SELECT * FROM acc LEFT JOIN other ON true FOR UPDATE").message() ==
        "FOR UPDATE cannot be applied to the nullable side of an outer join");
  auto e = s.Error("SELECT * FROM acc FOR UPDATE OF x");
  CHECK(e.code().View() == "42P01");
  CHECK(e.message() == "relation \"x\" in FOR UPDATE clause not found in FROM clause");
  CHECK(e.position() == 33);
  CHECK(s.Error("SELECT * FROM acc FOR UPDATE OF public.acc").code().View() == "42601");
}

TEST_CASE("a read-only transaction refuses SELECT FOR UPDATE with 25006") {
  TestSession s;
  Setup(s);
  auto ro = s.BeginOther(IsolationLevel::kReadCommitted, true);
  CHECK(ErrorOf(s, *ro, "SELECT * FROM acc FOR NO KEY UPDATE", 0) ==
        "25006 cannot execute SELECT FOR NO KEY UPDATE in a read-only transaction");
  CHECK(Query(s, *ro, "SELECT count(*) FROM acc") == Rows{"3"});
  s.EndOther(*ro);
}

TEST_CASE("crossing row locks give exactly one 40P01") {
  TestSession s;
  Setup(s);
  s.Run("CREATE TABLE other (id int)");
  s.Run("INSERT INTO other VALUES (1)");
  auto t1 = s.BeginOther();
  auto t2 = s.BeginOther();
  Query(s, *t1, "UPDATE acc SET bal = 1 WHERE id = 1");
  Query(s, *t2, "UPDATE other SET id = 2");
  RecordingSink sink1, sink2;
  auto run = [&](lumadb::txn::Transaction& t, const char* sql, RecordingSink* sink) {
    try {
      s.RunOn(t, sql, sink, 5000, 100);
      return std::string();
    } catch (const DbError& e) {
      s.EndOther(t);  // the victim rolls back, letting the other go on
      return std::string(e.code().View());
    }
  };
  auto f1 = std::async(std::launch::async, [&] { return run(*t1, "SELECT * FROM other", &sink1); });
  auto f2 = std::async(std::launch::async, [&] { return run(*t2, "SELECT * FROM acc", &sink2); });
  std::string e1 = f1.get(), e2 = f2.get();
  CHECK((e1 + e2) == "40P01");
  if (e1.empty()) s.EndOther(*t1);
  if (e2.empty()) s.EndOther(*t2);
}
