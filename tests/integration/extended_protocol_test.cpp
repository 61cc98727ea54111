// The extended query protocol as clients use it: libpqxx exec_params and prepared statements, the exact
// message sequences for Describe, max_rows/PortalSuspended, errors skipping to Sync and malformed messages
// (raw bytes). Run with LUMADB_TEST_EXTERNAL against PostgreSQL 15 to prove the expectations. pgbench in
// every -M mode is tests/clients/pgbench_test.sh.
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "protocol_frames.h"
#include "raw_client.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

// Fails at execution, not when planned (PostgreSQL folds a constant 1/0 already at Bind).
const std::string kDivideByZero = "SELECT 1/g FROM generate_series(0, 0) AS g";

TEST_CASE("exec_params with int, text and NULL parameters") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("xp");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int PRIMARY KEY, name text, score int)");
  {
    pqxx::work w(conn);
    w.exec_params("INSERT INTO " + t + " VALUES ($1, $2, $3)", 1, "one", 10);
    w.exec_params("INSERT INTO " + t + " VALUES ($1, $2, $3)", 2, nullptr, nullptr);
    w.exec_params("INSERT INTO " + t + " VALUES ($1, $2, $3)", 3, "it's \"three\"", -5);
    w.commit();
  }
  pqxx::work w(conn);
  pqxx::row r = w.exec_params1("SELECT name, score FROM " + t + " WHERE id = $1", 3);
  CHECK(r[0].as<std::string>() == "it's \"three\"");
  CHECK(r[1].as<int>() == -5);
  r = w.exec_params1("SELECT name IS NULL, score IS NULL FROM " + t + " WHERE id = $1", 2);
  CHECK(r[0].as<bool>());
  CHECK(r[1].as<bool>());
  CHECK(w.exec_params1("SELECT count(*) FROM " + t + " WHERE score > $1", 0)[0].as<int>() == 1);
  CHECK(w.exec_params1("SELECT $1::int + $2::int", 40, 2)[0].as<int>() == 42);
  CHECK(w.exec_params1("SELECT $1::text IS NULL", nullptr)[0].as<bool>());
  // libpqxx sends a binarystring as a binary (format 1) parameter.
  const pqxx::binarystring bytes(std::string("\0\1\xff", 3));
  CHECK(w.exec_params1("SELECT $1::bytea = '\\x0001ff'::bytea", bytes)[0].as<bool>());
  pqxx::result all = w.exec_params("SELECT id FROM " + t + " WHERE id >= $1 ORDER BY id", 2);
  REQUIRE(all.size() == 2);
  CHECK(all[1][0].as<int>() == 3);
  // A bad text parameter is the type's input error.
  CHECK_THROWS_AS(w.exec_params("SELECT id FROM " + t + " WHERE id = $1", "x"), pqxx::data_exception);
  w.abort();
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("prepared statements run many times and survive catalog changes") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("prep");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, v text)");
  conn.prepare("ins", "INSERT INTO " + t + " VALUES ($1, $2)");
  conn.prepare("get", "SELECT v FROM " + t + " WHERE id = $1");
  conn.prepare("cnt", "SELECT count(*) FROM " + t);
  {
    pqxx::work w(conn);
    for (int i = 1; i <= 20; ++i) w.exec_prepared("ins", i, "v" + std::to_string(i));
    w.commit();
  }
  {
    pqxx::work w(conn);
    CHECK(w.exec_prepared1("get", 7)[0].as<std::string>() == "v7");
    CHECK(w.exec_prepared1("cnt")[0].as<int>() == 20);
    CHECK(w.exec_prepared("get", 99).empty());
    w.commit();
  }
  // An index appears: the statement is planned again and still answers the same.
  Exec(conn, "CREATE INDEX ON " + t + " (id)");
  {
    pqxx::work w(conn);
    CHECK(w.exec_prepared1("get", 8)[0].as<std::string>() == "v8");
    w.commit();
  }
  // Dropping the table under a prepared statement: 42P01 at the next use, as PostgreSQL re-plans.
  Exec(conn, "DROP TABLE " + t);
  pqxx::work w(conn);
  CHECK_THROWS_AS(w.exec_prepared("cnt"), pqxx::undefined_table);
}

TEST_CASE("Describe statement and portal, binary results") {
  Raw raw;
  CHECK(raw.Round(Parse("s1", "SELECT $1::int4 AS a, $2::text AS b", {23, 0}) + Describe('S', "s1") + kSync) == "1tTZ");
  CHECK(raw.Nth('t').body == Int16(2) + Int32(23) + Int32(25));
  CHECK(raw.Round(Bind("", "s1", {"42", "hi"}, {1}) + Describe('P', "") + Execute("") + kSync) == "2TDCZ");
  // RowDescription of the portal shows format 1 for both columns; the DataRow is binary.
  const std::string& desc = raw.Nth('T').body;
  CHECK(desc.substr(desc.size() - 2) == Int16(1));
  auto values = Values(raw.Nth('D').body);
  REQUIRE(values.size() == 2);
  CHECK(values[0] == std::optional<std::string>(Int32(42)));
  CHECK(values[1] == std::optional<std::string>("hi"));
  CHECK(raw.Nth('C').body == Str("SELECT 1"));
  // Mixed result formats, a binary parameter and a NULL.
  CHECK(raw.Round(Bind("", "s1", {Int32(-7), std::nullopt}, {0, 1}, {1, 0}) + Execute("") + kSync) == "2DCZ");
  values = Values(raw.Nth('D').body);
  CHECK(values[0] == std::optional<std::string>("-7"));
  CHECK_FALSE(values[1].has_value());
  // A statement without result: NoData.
  CHECK(raw.Round(Parse("", "SET application_name = 'x'") + Describe('S', "") + Bind("", "", {}) + Describe('P', "") +
                  Execute("") + kSync) == "1tn2nCZ");
  CHECK(raw.Nth('C').body == Str("SET"));
  // Statement-level RowDescription always says text; SHOW describes its column.
  CHECK(raw.Round(Parse("", "SHOW application_name") + Describe('S', "") + Bind("", "", {}, {1}) + Execute("") +
                  kSync) == "1tT2DCZ");
  CHECK(Values(raw.Nth('D').body)[0] == std::optional<std::string>("x"));
  CHECK(raw.Round(Close('S', "s1") + kSync) == "3Z");
}

TEST_CASE("Execute with max_rows suspends and resumes; named portals live until the block ends") {
  Raw raw;
  CHECK(raw.Round(Parse("g", "SELECT g FROM generate_series(1, 5) AS g") + Bind("", "g", {}) + Execute("", 2) +
                  Execute("", 2) + Execute("", 2) + kSync) == "12DDsDDsDCZ");
  CHECK(raw.Nth('C').body == Str("SELECT 1"));
  CHECK(raw.Round(Frame('Q', Str("BEGIN"))) == "CZ");
  CHECK(raw.Round(Bind("cur", "g", {}) + Execute("cur", 3) + kSync) == "2DDDsZ");
  CHECK(raw.Status() == 'T');
  CHECK(raw.Round(Execute("cur", 0) + kSync) == "DDCZ");  // survives Sync inside the block
  // FETCH reads a Bind portal too (PerformPortalFetch), from where Execute left it, forward only.
  CHECK(raw.Round(Bind("cur2", "g", {}) + Execute("cur2", 2) + kSync) == "2DDsZ");
  CHECK(raw.Round(Frame('Q', Str("FETCH 2 FROM cur2"))) == "TDDCZ");
  CHECK(Values(raw.Nth('D', 1).body)[0] == std::optional<std::string>("4"));
  CHECK(raw.Nth('C').body == Str("FETCH 2"));
  CHECK(raw.Round(Frame('Q', Str("FETCH PRIOR FROM cur2"))) == "EZ");
  CHECK(raw.Code() == "55000");
  CHECK(raw.Round(Frame('Q', Str("ROLLBACK; BEGIN"))) == "CCZ");
  CHECK(raw.Round(Bind("cur3", "g", {}) + kSync) == "2Z");
  CHECK(raw.Round(Frame('Q', Str("MOVE ALL IN cur3"))) == "CZ");
  CHECK(raw.Nth('C').body == Str("MOVE 5"));
  CHECK(raw.Round(Frame('Q', Str("COMMIT"))) == "CZ");
  CHECK(raw.Round(Execute("cur", 0) + kSync) == "EZ");
  CHECK(raw.Code() == "34000");
  CHECK(raw.Message() == "portal \"cur\" does not exist");
  // Outside a block a portal ends with the implicit transaction at Sync.
  CHECK(raw.Round(Bind("p2", "g", {}) + Execute("p2", 1) + kSync) == "2DsZ");
  CHECK(raw.Round(Execute("p2", 1) + kSync) == "EZ");
  CHECK(raw.Code() == "34000");
}

TEST_CASE("an error skips to Sync; names already taken or missing") {
  Raw raw;
  // After the error every message up to Sync is ignored (no ParseComplete for the second Parse).
  CHECK(raw.Round(Parse("", kDivideByZero) + Bind("", "", {}) + Execute("") + Parse("", "SELECT 1") + kSync) == "12EZ");
  CHECK(raw.Code() == "22012");
  CHECK(raw.Round(Parse("dup", "SELECT 1") + kSync) == "1Z");
  CHECK(raw.Round(Parse("dup", "SELECT 2") + kSync) == "EZ");
  CHECK(raw.Code() == "42P05");
  CHECK(raw.Message() == "prepared statement \"dup\" already exists");
  CHECK(raw.Round(Bind("", "nope", {}) + kSync) == "EZ");
  CHECK(raw.Code() == "26000");
  CHECK(raw.Message() == "prepared statement \"nope\" does not exist");
  CHECK(raw.Round(Describe('S', "nope") + kSync) == "EZ");
  CHECK(raw.Code() == "26000");
  CHECK(raw.Round(Describe('P', "nope") + kSync) == "EZ");
  CHECK(raw.Code() == "34000");
  CHECK(raw.Round(Frame('Q', Str("BEGIN"))) == "CZ");
  CHECK(raw.Round(Bind("p", "dup", {}) + Bind("p", "dup", {}) + kSync) == "2EZ");
  CHECK(raw.Code() == "42P03");
  CHECK(raw.Message() == "cursor \"p\" already exists");
  CHECK(raw.Status() == 'E');
  // In a failed block only COMMIT/ROLLBACK get through.
  CHECK(raw.Round(Bind("", "dup", {}) + kSync) == "EZ");
  CHECK(raw.Code() == "25P02");
  CHECK(raw.Round(Parse("", "ROLLBACK") + Bind("", "", {}) + Execute("") + kSync) == "12CZ");
  CHECK(raw.Status() == 'I');
  // Closing what does not exist is fine; then the name is free again.
  CHECK(raw.Round(Close('S', "dup") + Close('S', "dup") + Close('P', "zz") + Parse("dup", "SELECT 3") + kSync) ==
        "3331Z");
  // Several commands, an empty query.
  CHECK(raw.Round(Parse("", "SELECT 1; SELECT 2") + kSync) == "EZ");
  CHECK(raw.Code() == "42601");
  CHECK(raw.Message() == "cannot insert multiple commands into a prepared statement");
  CHECK(raw.Round(Parse("", "") + Bind("", "", {}) + Describe('P', "") + Execute("") + kSync) == "12nIZ");
}

TEST_CASE("malformed and inconsistent Bind messages are 08P01 errors, then Sync recovers") {
  Raw raw;
  CHECK(raw.Round(Parse("two", "SELECT $1::int + $2::int") + kSync) == "1Z");
  CHECK(raw.Round(Bind("", "two", {"1"}) + kSync) == "EZ");
  CHECK(raw.Code() == "08P01");
  CHECK(raw.Message() == "bind message supplies 1 parameters, but prepared statement \"two\" requires 2");
  CHECK(raw.Round(Bind("", "two", {"1", "2"}, {}, {0, 0, 0}) + kSync) == "EZ");
  CHECK(raw.Code() == "08P01");
  CHECK(raw.Message() == "bind message has 3 parameter formats but 2 parameters");
  CHECK(raw.Round(Bind("", "two", {"1", "2"}, {0, 0}) + kSync) == "EZ");
  CHECK(raw.Code() == "08P01");
  CHECK(raw.Message() == "bind message has 2 result formats but query has 1 columns");
  // Truncated: the value claims 100 bytes.
  std::string truncated = Str("") + Str("two") + Int16(0) + Int16(2) + Int32(100) + "1";
  CHECK(raw.Round(Frame('B', truncated) + kSync) == "EZ");
  CHECK(raw.Code() == "08P01");
  CHECK(raw.Message() == "insufficient data left in message");
  // A binary int4 of 3 bytes.
  CHECK(raw.Round(Bind("", "two", {std::string("\0\0\1", 3), "2"}, {}, {1}) + kSync) == "EZ");
  CHECK(raw.Code() == "08P01");
  CHECK(raw.Round(Bind("", "two", {"1", "2"}) + Execute("") + kSync) == "2DCZ");
  CHECK(Values(raw.Nth('D').body)[0] == std::optional<std::string>("3"));
  CHECK(raw.Round(Frame('D', "X" + Str("two")) + kSync) == "EZ");
  CHECK(raw.Message() == "invalid DESCRIBE message subtype 88");
}

TEST_CASE("implicit transaction: the Executes between Syncs commit together, an error undoes them") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("xpimp");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int)");
  Raw raw;
  CHECK(raw.Round(Parse("ins", "INSERT INTO " + t + " VALUES ($1)") + Bind("", "ins", {"1"}) + Execute("") +
                  Bind("", "ins", {"2"}) + Execute("") + Parse("", kDivideByZero) + Bind("", "", {}) + Execute("") +
                  kSync) == "12C2C12EZ");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "0");
  CHECK(raw.Round(Bind("", "ins", {"1"}) + Execute("") + Bind("", "ins", {"2"}) + Execute("") + kSync) == "2C2CZ");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "2");
  // BEGIN and END through the extended protocol, as pgbench -M prepared sends them.
  CHECK(raw.Round(Parse("b", "BEGIN;") + kSync) == "1Z");
  CHECK(raw.Round(Parse("e", "END;") + kSync) == "1Z");
  CHECK(raw.Round(Bind("", "b", {}) + Execute("") + kSync) == "2CZ");
  CHECK(raw.Status() == 'T');
  CHECK(raw.Round(Bind("", "ins", {"3"}) + Execute("") + kSync) == "2CZ");
  CHECK(raw.Round(Bind("", "e", {}) + Execute("") + kSync) == "2CZ");
  CHECK(raw.Nth('C').body == Str("COMMIT"));
  CHECK(raw.Status() == 'I');
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "3");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("COPY through Parse/Bind/Execute, as libpq's PQexecParams sends it") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("xpcopy");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, name text)");
  Raw raw;
  // The Sync libpq sends right after Execute arrives during copy-in and is ignored; the one after
  // CopyDone ends the cycle.
  CHECK(raw.Round(Parse("", "COPY " + t + " FROM STDIN") + Bind("", "", {}) + Describe('P', "") + Execute("") + kSync +
                  Frame('d', "1\tone\n2\t") + Frame('d', "two\n") + Frame('c', "") + kSync) == "12nGCZ");
  CHECK(raw.Nth('C').body == Str("COPY 2"));
  CHECK(raw.Round(Parse("", "COPY " + t + " TO STDOUT (FORMAT csv)") + Bind("", "", {}) + Describe('P', "") +
                  Execute("") + kSync) == "12nHddcCZ");
  CHECK(raw.Nth('d', 0).body == "1,one\n");
  CHECK(raw.Nth('d', 1).body == "2,two\n");
  CHECK(raw.Nth('C').body == Str("COPY 2"));
  // Bad data aborts the implicit transaction: nothing of that COPY stays.
  CHECK(raw.Round(Parse("", "COPY " + t + " FROM STDIN") + Bind("", "", {}) + Execute("") + kSync +
                  Frame('d', "3\tthree\nx\tbad\n") + Frame('c', "") + kSync) == "12GEZ");
  CHECK(raw.Code() == "22P02");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "2");
  Exec(conn, "DROP TABLE " + t);
}

}  // namespace
}  // namespace lumadb::integration
