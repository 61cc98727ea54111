// Constraint errors as PostgreSQL reports them (SQLSTATE, message, DETAIL, HINT), concurrent unique inserts
// under 2PL, and the foreign-key actions.
#include <chrono>
#include <future>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

struct Expected {
  std::string sql;
  std::string sqlstate;
  std::string message;
  std::string detail;  // "*": not checked
};

void ExpectError(PqConnection& conn, const Expected& e) {
  CAPTURE(e.sql);
  CHECK(conn.Run(e.sql) == e.sqlstate);
  CHECK(conn.error_message() == e.message);
  if (e.detail != "*") CHECK(conn.error_detail() == e.detail);
}

TEST_CASE("constraint violations carry PostgreSQL's SQLSTATE, message and DETAIL") {
  PqConnection conn(SharedTarget::Get().ConnString());
  const std::string p = TableName("cons_p");
  const std::string c = TableName("cons_c");
  conn.Run("DROP TABLE IF EXISTS " + c + ", " + p);
  REQUIRE(conn.Run("CREATE TABLE " + p + " (id int PRIMARY KEY, name text UNIQUE)") == "");
  REQUIRE(conn.Run("CREATE TABLE " + c + " (id int GENERATED ALWAYS AS IDENTITY, pid int REFERENCES " + p +
                   ", n int NOT NULL CHECK (n > 0))") == "");
  REQUIRE(conn.Run("INSERT INTO " + p + " VALUES (1, 'a'), (2, 'b')") == "");
  ExpectError(conn,
              {"INSERT INTO " + p + " VALUES (1, 'z')", "23505",
               "duplicate key value violates unique constraint \"" + p + "_pkey\"", "Key (id)=(1) already exists."});
  ExpectError(conn, {"INSERT INTO " + p + " VALUES (3, 'a')", "23505",
                     "duplicate key value violates unique constraint \"" + p + "_name_key\"",
                     "Key (name)=(a) already exists."});
  ExpectError(conn,
              {"UPDATE " + p + " SET id = 2 WHERE id = 1", "23505",
               "duplicate key value violates unique constraint \"" + p + "_pkey\"", "Key (id)=(2) already exists."});
  // NULLs are never duplicates of each other.
  CHECK(conn.Run("INSERT INTO " + p + " VALUES (3, NULL), (4, NULL)") == "");
  ExpectError(conn, {"INSERT INTO " + c + " (pid, n) VALUES (9, 1)", "23503",
                     "insert or update on table \"" + c + "\" violates foreign key constraint \"" + c + "_pid_fkey\"",
                     "Key (pid)=(9) is not present in table \"" + p + "\"."});
  ExpectError(conn, {"INSERT INTO " + c + " (pid, n) VALUES (1, NULL)", "23502",
                     "null value in column \"n\" of relation \"" + c + "\" violates not-null constraint", "*"});
  CHECK(conn.Run("INSERT INTO " + c + " (pid, n) VALUES (1, 0)") == "23514");
  CHECK(conn.error_message() == "new row for relation \"" + c + "\" violates check constraint \"" + c + "_n_check\"");
  CHECK(conn.Run("INSERT INTO " + c + " (id, pid, n) VALUES (5, 1, 1)") == "428C9");
  CHECK(conn.error_message() == "cannot insert a non-DEFAULT value into column \"id\"");
  CHECK(conn.error_detail() == "Column \"id\" is an identity column defined as GENERATED ALWAYS.");
  CHECK(conn.error_hint() == "Use OVERRIDING SYSTEM VALUE to override.");
  REQUIRE(conn.Run("INSERT INTO " + c + " (pid, n) VALUES (2, 1)") == "");
  ExpectError(conn, {"DELETE FROM " + p + " WHERE id = 2", "23503",
                     "update or delete on table \"" + p + "\" violates foreign key constraint \"" + c +
                         "_pid_fkey\" on table \"" + c + "\"",
                     "Key (id)=(2) is still referenced from table \"" + c + "\"."});
  // Every failed statement left the tables as they were.
  pqxx::connection q(SharedTarget::Get().ConnString());
  CHECK(Scalar(q, "SELECT count(*) FROM " + p) == "4");
  CHECK(Scalar(q, "SELECT count(*) FROM " + c) == "1");
  // Dropping the referenced table needs CASCADE, which drops only the constraint.
  ExpectError(conn, {"DROP TABLE " + p, "2BP01", "cannot drop table " + p + " because other objects depend on it",
                     "constraint " + c + "_pid_fkey on table " + c + " depends on table " + p});
  CHECK(conn.Run("TRUNCATE " + p) == "0A000");
  CHECK(conn.error_message() == "cannot truncate a table referenced in a foreign key constraint");
  CHECK(conn.error_detail() == "Table \"" + c + "\" references \"" + p + "\".");
  CHECK(conn.Run("DROP TABLE " + p + " CASCADE") == "");
  REQUIRE(conn.notice_messages().size() == 1);
  CHECK(conn.notice_messages()[0] == "drop cascades to constraint " + c + "_pid_fkey on table " + c);
  CHECK(conn.Run("INSERT INTO " + c + " (pid, n) VALUES (42, 1)") == "");
  conn.Run("DROP TABLE " + c);
}

TEST_CASE("a second inserter of the same key waits for the first, then fails or succeeds") {
  const std::string t = TableName("cons_conc");
  pqxx::connection setup(SharedTarget::Get().ConnString());
  Exec(setup, "DROP TABLE IF EXISTS " + t);
  Exec(setup, "CREATE TABLE " + t + " (id int PRIMARY KEY, who text)");
  for (bool first_commits : {false, true}) {
    CAPTURE(first_commits);
    Exec(setup, "DELETE FROM " + t);
    PqConnection a(SharedTarget::Get().ConnString());
    REQUIRE(a.Run("BEGIN") == "");
    REQUIRE(a.Run("INSERT INTO " + t + " VALUES (1, 'a')") == "");
    auto second = std::async(std::launch::async, [&] {
      PqConnection b(SharedTarget::Get().ConnString());
      return b.Run("INSERT INTO " + t + " VALUES (1, 'b')");
    });
    // The second insert must block on the first transaction's uncommitted row.
    CHECK(second.wait_for(std::chrono::milliseconds(500)) == std::future_status::timeout);
    REQUIRE(a.Run(first_commits ? "COMMIT" : "ROLLBACK") == "");
    const std::string state = second.get();
    CHECK(state == (first_commits ? "23505" : ""));
    CHECK(Scalar(setup, "SELECT who FROM " + t + " WHERE id = 1") == (first_commits ? "a" : "b"));
    CHECK(Scalar(setup, "SELECT count(*) FROM " + t) == "1");
  }
  Exec(setup, "DROP TABLE " + t);
}

TEST_CASE("foreign key actions: CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string p = TableName("fk_p");
  const std::string c = TableName("fk_c");
  Exec(conn, "DROP TABLE IF EXISTS " + c + ", " + p);
  Exec(conn, "CREATE TABLE " + p + " (id int PRIMARY KEY)");
  Exec(conn, "INSERT INTO " + p + " VALUES (0), (1), (2), (3), (4), (5)");
  Exec(conn, "CREATE TABLE " + c + " (k int, a int REFERENCES " + p +
                 " ON DELETE CASCADE ON UPDATE CASCADE, b int REFERENCES " + p +
                 " ON DELETE SET NULL, d int DEFAULT 0 REFERENCES " + p + " ON DELETE SET DEFAULT, r int REFERENCES " +
                 p + " ON DELETE RESTRICT, n int REFERENCES " + p + ")");
  Exec(conn,
       "INSERT INTO " + c + " VALUES (1, 1, 2, 3, NULL, NULL), (2, 2, 3, 4, NULL, NULL), (3, NULL, NULL, NULL, 5, 4)");
  // ON UPDATE CASCADE follows the new key.
  Exec(conn, "UPDATE " + p + " SET id = 10 WHERE id = 1");
  CHECK(Scalar(conn, "SELECT a FROM " + c + " WHERE k = 1") == "10");
  // ON DELETE CASCADE removes the referencing row.
  Exec(conn, "DELETE FROM " + p + " WHERE id = 10");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + c + " WHERE k = 1") == "0");
  // SET NULL and SET DEFAULT.
  Exec(conn, "DELETE FROM " + p + " WHERE id = 3");
  CHECK(Scalar(conn, "SELECT b IS NULL FROM " + c + " WHERE k = 2") == "t");
  // k=3 still references 4 with NO ACTION: the delete fails, so k=2's SET DEFAULT is undone too.
  CHECK(SqlStateOf(conn, "DELETE FROM " + p + " WHERE id = 4") == "23503");
  CHECK(Scalar(conn, "SELECT d FROM " + c + " WHERE k = 2") == "4");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + p + " WHERE id = 4") == "1");
  Exec(conn, "UPDATE " + c + " SET n = NULL WHERE k = 3");
  Exec(conn, "DELETE FROM " + p + " WHERE id = 4");
  CHECK(Scalar(conn, "SELECT d FROM " + c + " WHERE k = 2") == "0");
  // RESTRICT and NO ACTION refuse to orphan a row.
  CHECK(SqlStateOf(conn, "DELETE FROM " + p + " WHERE id = 5") == "23503");
  Exec(conn, "UPDATE " + c + " SET n = 0 WHERE k = 3");
  CHECK(SqlStateOf(conn, "DELETE FROM " + p + " WHERE id = 0") == "23503");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + p) == "3");
  Exec(conn, "DROP TABLE " + c + ", " + p);
}

}  // namespace
}  // namespace lumadb::integration
