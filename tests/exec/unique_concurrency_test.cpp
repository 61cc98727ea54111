// Unique indexes under concurrency (architecture-anchors §2.6): a second inserter of a key another open
// transaction inserted waits for it, then fails with 23505 if it committed or succeeds if it rolled back.
#include <chrono>
#include <future>

#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::DbError;
using lumadb::exec::testing::RecordingSink;
using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;
using namespace std::chrono_literals;

namespace {

/// Runs sql in txn; returns its tag, or "SQLSTATE message | DETAIL" of its error.
std::string Outcome(TestSession& s, lumadb::txn::Transaction& txn, const std::string& sql) {
  RecordingSink sink;
  try {
    return s.RunOn(txn, sql, &sink);
  } catch (const DbError& e) {
    return std::string(e.code().View()) + " " + e.message() + " | " + e.detail().value_or("");
  }
}

}  // namespace

TEST_CASE("the second inserter of a key waits, then gets 23505 when the first commits") {
  TestSession s;
  s.Run("CREATE TABLE u (id int PRIMARY KEY, v text)");
  auto t1 = s.BeginOther();
  auto t2 = s.BeginOther();
  CHECK(Outcome(s, *t1, "INSERT INTO u VALUES (1, 'first')") == "INSERT 0 1");
  auto second = std::async(std::launch::async, [&] { return Outcome(s, *t2, "INSERT INTO u VALUES (1, 'second')"); });
  CHECK(second.wait_for(300ms) == std::future_status::timeout);
  s.CommitOther(*t1);
  CHECK(second.get() ==
        "23505 duplicate key value violates unique constraint \"u_pkey\" | Key (id)=(1) already exists.");
  s.EndOther(*t2);
  CHECK(s.Rows("SELECT v FROM u WHERE id = 1") == Rows{"first"});
}

TEST_CASE("the second inserter of a key succeeds when the first rolls back") {
  TestSession s;
  s.Run("CREATE TABLE u (id int PRIMARY KEY, v text)");
  auto t1 = s.BeginOther();
  auto t2 = s.BeginOther();
  CHECK(Outcome(s, *t1, "INSERT INTO u VALUES (1, 'first'), (2, 'other')") == "INSERT 0 2");
  auto second = std::async(std::launch::async, [&] { return Outcome(s, *t2, "INSERT INTO u VALUES (1, 'second')"); });
  CHECK(second.wait_for(300ms) == std::future_status::timeout);
  s.EndOther(*t1);
  CHECK(second.get() == "INSERT 0 1");
  s.CommitOther(*t2);
  CHECK(s.Rows("SELECT id, v FROM u ORDER BY id") == Rows{"1|second"});
  CHECK(s.Rows("SELECT v FROM u WHERE id = 1") == Rows{"second"});
}

TEST_CASE("a pending delete of the key makes the inserter wait; the delete's commit lets it in") {
  TestSession s;
  s.Run("CREATE TABLE u (id int PRIMARY KEY, v text)");
  s.Run("INSERT INTO u VALUES (1, 'old')");
  auto t1 = s.BeginOther();
  auto t2 = s.BeginOther();
  CHECK(Outcome(s, *t1, "DELETE FROM u WHERE id = 1") == "DELETE 1");
  auto second = std::async(std::launch::async, [&] { return Outcome(s, *t2, "INSERT INTO u VALUES (1, 'new')"); });
  CHECK(second.wait_for(300ms) == std::future_status::timeout);
  s.CommitOther(*t1);
  CHECK(second.get() == "INSERT 0 1");
  s.CommitOther(*t2);
  CHECK(s.Rows("SELECT v FROM u WHERE id = 1") == Rows{"new"});
}

TEST_CASE("concurrent inserters of many keys: every key ends up exactly once") {
  TestSession s;
  s.Run("CREATE TABLE u (id int PRIMARY KEY, who int)");
  auto worker = [&](int who) {
    int inserted = 0;
    for (int k = 0; k < 40; ++k) {
      auto txn = s.BeginOther();
      std::string out =
          Outcome(s, *txn, "INSERT INTO u VALUES (" + std::to_string(k) + ", " + std::to_string(who) + ")");
      if (out == "INSERT 0 1") {
        s.CommitOther(*txn);
        ++inserted;
      } else {
        CHECK(out.rfind("23505 ", 0) == 0);
        s.EndOther(*txn);
      }
    }
    return inserted;
  };
  auto a = std::async(std::launch::async, worker, 1);
  auto b = std::async(std::launch::async, worker, 2);
  CHECK(a.get() + b.get() == 40);
  CHECK(s.Rows("SELECT count(*), count(DISTINCT id) FROM u") == Rows{"40|40"});
}
