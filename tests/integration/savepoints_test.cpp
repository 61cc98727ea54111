// Savepoints: libpqxx subtransactions, ROLLBACK TO reviving a failed block, nested and same-named
// savepoints, DDL and settings undone by ROLLBACK TO, the 25P01/25P02/3B001 errors, and CHECKPOINT.
// Every expectation holds against PostgreSQL 15 too (LUMADB_TEST_EXTERNAL).
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

// The ids in table t, in order, as "1,2,3".
std::string Ids(pqxx::connection& conn, const std::string& t) {
  std::string out;
  for (const auto& row : Exec(conn, "SELECT id FROM " + t + " ORDER BY id")) {
    out += (out.empty() ? "" : ",") + row[0].as<std::string>();
  }
  return out;
}

// The primary message of the error `sql` raises ("" if none).
std::string MessageOf(pqxx::connection& conn, const std::string& sql) {
  try {
    Exec(conn, sql);
  } catch (const pqxx::sql_error& e) {
    std::string what = e.what();
    auto start = what.find(":  ");
    auto end = what.find('\n');
    return start == std::string::npos ? what : what.substr(start + 3, end - start - 3);
  }
  return "";
}

TEST_CASE("libpqxx subtransactions commit, abort, and fail without losing the transaction") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("sp_pqxx");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id integer NOT NULL)");
  {
    pqxx::work w(conn);
    w.exec0("INSERT INTO " + t + " VALUES (1)");
    {
      pqxx::subtransaction sub(w, "kept");
      sub.exec0("INSERT INTO " + t + " VALUES (2)");
      sub.commit();
    }
    {
      pqxx::subtransaction sub(w, "undone");
      sub.exec0("INSERT INTO " + t + " VALUES (3)");
      sub.abort();
    }
    std::string code;
    try {
      pqxx::subtransaction sub(w, "failing");
      sub.exec0("INSERT INTO " + t + " VALUES (4)");
      sub.exec0("INSERT INTO " + t + " VALUES (5), (NULL)");  // 23502 after inserting 5
      sub.commit();
    } catch (const pqxx::sql_error& e) {
      code = e.sqlstate();
    }
    CHECK(code == "23502");
    CHECK(w.exec1("SELECT count(*) FROM " + t)[0].as<int>() == 2);
    w.exec0("INSERT INTO " + t + " VALUES (6)");
    w.commit();
  }
  CHECK(Ids(conn, t) == "1,2,6");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("ROLLBACK TO after an error makes the block usable again") {
  PqConnection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("sp_revive");
  conn.Run("DROP TABLE IF EXISTS " + t);
  REQUIRE(conn.Run("CREATE TABLE " + t + " (id integer)") == "");
  CHECK(conn.Run("BEGIN") == "");
  CHECK(conn.Run("INSERT INTO " + t + " VALUES (1)") == "");
  CHECK(conn.Run("SAVEPOINT a") == "");
  CHECK(conn.tag() == "SAVEPOINT");
  CHECK(conn.Run("INSERT INTO " + t + " VALUES (2)") == "");
  CHECK(conn.Run("SELECT 1 / 0") == "22012");
  CHECK(conn.Status() == 'E');
  CHECK(conn.Run("SELECT 1") == "25P02");
  CHECK(conn.Run("SAVEPOINT b") == "25P02");
  CHECK(conn.Run("RELEASE a") == "25P02");
  CHECK(conn.Run("ROLLBACK TO nosuch") == "3B001");
  CHECK(conn.Status() == 'E');
  CHECK(conn.Run("ROLLBACK TO SAVEPOINT a") == "");
  CHECK(conn.tag() == "ROLLBACK");
  CHECK(conn.Status() == 'T');
  CHECK(conn.Run("INSERT INTO " + t + " VALUES (3)") == "");
  CHECK(conn.Run("RELEASE SAVEPOINT a") == "");
  CHECK(conn.tag() == "RELEASE");
  CHECK(conn.Run("COMMIT") == "");
  CHECK(conn.tag() == "COMMIT");
  pqxx::connection check(SharedTarget::Get().ConnString());
  CHECK(Ids(check, t) == "1,3");

  // Without a savepoint an error still dooms the whole block.
  CHECK(conn.Run("BEGIN") == "");
  CHECK(conn.Run("INSERT INTO " + t + " VALUES (4)") == "");
  CHECK(conn.Run("SELECT 1 / 0") == "22012");
  CHECK(conn.Run("ROLLBACK TO a") == "3B001");
  CHECK(conn.Run("COMMIT") == "");
  CHECK(conn.tag() == "ROLLBACK");
  CHECK(Ids(check, t) == "1,3");
  conn.Run("DROP TABLE " + t);
}

TEST_CASE("nested and same-named savepoints: the newest of a name wins, RELEASE drops later ones") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("sp_nested");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id integer)");
  Exec(conn, "BEGIN");
  Exec(conn, "SAVEPOINT a");
  Exec(conn, "INSERT INTO " + t + " VALUES (1)");
  Exec(conn, "SAVEPOINT b");
  Exec(conn, "INSERT INTO " + t + " VALUES (2)");
  Exec(conn, "SAVEPOINT a");
  Exec(conn, "INSERT INTO " + t + " VALUES (3)");
  Exec(conn, "ROLLBACK TO a");  // the newer a
  CHECK(Ids(conn, t) == "1,2");
  Exec(conn, "ROLLBACK TO a");  // it survived the first ROLLBACK TO
  CHECK(Ids(conn, t) == "1,2");
  Exec(conn, "RELEASE a");  // the newer a
  Exec(conn, "UPDATE " + t + " SET id = 20 WHERE id = 2");
  Exec(conn, "ROLLBACK TO b");  // b was taken before 2 went in
  CHECK(Ids(conn, t) == "1");
  Exec(conn, "ROLLBACK TO a");  // the older a: b goes with it
  CHECK(Ids(conn, t) == "");
  CHECK(MessageOf(conn, "RELEASE b") == "savepoint \"b\" does not exist");
  Exec(conn, "ROLLBACK TO a");
  Exec(conn, "INSERT INTO " + t + " VALUES (4)");
  Exec(conn, "RELEASE a");
  Exec(conn, "COMMIT");
  CHECK(Ids(conn, t) == "4");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("savepoint commands outside a block: 25P01 with PostgreSQL's messages") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(SqlStateOf(conn, "SAVEPOINT a") == "25P01");
  CHECK(MessageOf(conn, "SAVEPOINT a") == "SAVEPOINT can only be used in transaction blocks");
  CHECK(MessageOf(conn, "RELEASE SAVEPOINT a") == "RELEASE SAVEPOINT can only be used in transaction blocks");
  CHECK(MessageOf(conn, "ROLLBACK TO a") == "ROLLBACK TO SAVEPOINT can only be used in transaction blocks");
  CHECK(SqlStateOf(conn, "SELECT 1; SAVEPOINT a") == "25P01");  // an implicit block is not enough
  CHECK(SqlStateOf(conn, "BEGIN; RELEASE a") == "3B001");
  Exec(conn, "ROLLBACK");
}

TEST_CASE("DDL after a savepoint disappears on ROLLBACK TO") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string kept = TableName("sp_ddl_kept");
  const std::string gone = TableName("sp_ddl_gone");
  Exec(conn, "DROP TABLE IF EXISTS " + kept + ", " + gone);
  Exec(conn, "BEGIN");
  Exec(conn, "CREATE TABLE " + kept + " (id integer)");  // DDL before the savepoint stays
  Exec(conn, "SAVEPOINT s");
  Exec(conn, "CREATE TABLE " + gone + " (id integer)");
  Exec(conn, "INSERT INTO " + gone + " VALUES (1)");
  Exec(conn, "DROP TABLE " + kept);
  Exec(conn, "ROLLBACK TO s");
  CHECK(SqlStateOf(conn, "SELECT * FROM " + gone) == "42P01");
  Exec(conn, "ROLLBACK TO s");
  Exec(conn, "INSERT INTO " + kept + " VALUES (7)");
  Exec(conn, "CREATE TABLE " + gone + " (other text)");  // the name is free again
  Exec(conn, "INSERT INTO " + gone + " VALUES ('x')");
  Exec(conn, "COMMIT");
  CHECK(Scalar(conn, "SELECT id FROM " + kept) == "7");
  CHECK(Scalar(conn, "SELECT other FROM " + gone) == "x");

  // A table dropped inside a rolled-back savepoint is back, with its rows.
  Exec(conn, "BEGIN");
  Exec(conn, "SAVEPOINT s");
  Exec(conn, "DROP TABLE " + kept);
  Exec(conn, "TRUNCATE " + gone);
  Exec(conn, "ROLLBACK TO s");
  Exec(conn, "COMMIT");
  CHECK(Scalar(conn, "SELECT id FROM " + kept) == "7");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + gone) == "1");
  Exec(conn, "DROP TABLE " + kept + ", " + gone);
}

TEST_CASE("ROLLBACK TO restores settings; isolation level changes are refused inside a savepoint") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "BEGIN");
  Exec(conn, "SAVEPOINT a");
  CHECK(MessageOf(conn, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE") ==
        "SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
  Exec(conn, "ROLLBACK TO a");
  Exec(conn, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED");  // restating the level is fine
  Exec(conn, "SET search_path = one");
  Exec(conn, "SAVEPOINT b");
  Exec(conn, "SET search_path = two");
  Exec(conn, "SET LOCAL work_mem = '8MB'");
  Exec(conn, "ROLLBACK TO b");
  CHECK(Scalar(conn, "SHOW search_path") == "one");
  CHECK(Scalar(conn, "SHOW work_mem") == "4MB");
  Exec(conn, "SAVEPOINT c");
  Exec(conn, "SET search_path = three");
  Exec(conn, "RELEASE c");
  Exec(conn, "COMMIT");
  CHECK(Scalar(conn, "SHOW search_path") == "three");
  Exec(conn, "RESET search_path");
}

TEST_CASE("CHECKPOINT runs in and out of a block; synchronous_commit = off still commits") {
  PqConnection conn(SharedTarget::Get().ConnString());
  CHECK(conn.Run("CHECKPOINT") == "");
  CHECK(conn.tag() == "CHECKPOINT");
  CHECK(conn.Run("BEGIN") == "");
  CHECK(conn.Run("CHECKPOINT") == "");
  CHECK(conn.Status() == 'T');
  CHECK(conn.Run("COMMIT") == "");

  pqxx::connection pq(SharedTarget::Get().ConnString());
  const std::string t = TableName("sp_async");
  Exec(pq, "DROP TABLE IF EXISTS " + t);
  Exec(pq, "CREATE TABLE " + t + " (id integer)");
  Exec(pq, "SET synchronous_commit = off");
  CHECK(Scalar(pq, "SHOW synchronous_commit") == "off");
  Exec(pq, "INSERT INTO " + t + " VALUES (1)");
  Exec(pq, "BEGIN; SET LOCAL synchronous_commit = on; INSERT INTO " + t + " VALUES (2); COMMIT");
  CHECK(Scalar(pq, "SHOW synchronous_commit") == "off");
  Exec(pq, "RESET synchronous_commit");
  pqxx::connection other(SharedTarget::Get().ConnString());
  CHECK(Ids(other, t) == "1,2");
  CHECK(SqlStateOf(pq, "SET fsync = off") == "55P02");
  CHECK(Scalar(pq, "SHOW checkpoint_timeout") == "5min");
  Exec(pq, "DROP TABLE " + t);
}

}  // namespace
}  // namespace lumadb::integration
