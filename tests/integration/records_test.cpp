// The anonymous record type through the wire, as PostgreSQL 15 gives it: ROW(...) and whole-row
// references in text (record_out) and binary (record_send, libpq format 1), RowDescription's type OID
// 2249, row comparisons, row_to_json, json_to_record with a column definition list, and SEARCH / CYCLE of
// WITH RECURSIVE. Run with LUMADB_TEST_EXTERNAL=host:port of a PostgreSQL 15 to prove the expectations.
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"
#include <libpq-fe.h>

namespace lumadb::integration {
namespace {

TEST_CASE("record values in text: ROW(...), whole-row references, record_out quoting") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("records");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, name text)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, 'x'), (2, NULL), (3, 'a b'), (4, ''), (5, 'q\"\\(')");
  // PostgreSQL types the whole-row reference r as the table's row type, LumaDB as record: only ROW's OID is
  // checked.
  const pqxx::result r = Exec(conn, "SELECT r, ROW(id, name) FROM " + t + " r ORDER BY id");
  CHECK(r.column_type(1) == 2249);
  std::vector<std::string> rows;
  for (const auto& row : r) rows.push_back(row[0].c_str());
  CHECK(rows == std::vector<std::string>{"(1,x)", "(2,)", "(3,\"a b\")", "(4,\"\")", "(5,\"q\"\"\\\\(\")"});
  CHECK(Column(conn, "SELECT row_to_json(r) FROM " + t + " r WHERE id < 3 ORDER BY id") ==
        std::vector<std::string>{"{\"id\":1,\"name\":\"x\"}", "{\"id\":2,\"name\":null}"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE (id, name) > (3, 'a') ORDER BY id") ==
        std::vector<std::string>{"3", "4", "5"});
  CHECK(Scalar(conn, "SELECT count(DISTINCT ROW(id % 2)) FROM " + t) == "2");
  CHECK(Scalar(conn, "SELECT 2249::regtype") == "record");
  CHECK(ErrorOf(conn, "SELECT (1, 2) = (1, 2, 3)") == "42601: unequal number of entries in row expressions");
  CHECK(ErrorOf(conn, "SELECT '(1,2)'::record") == "0A000: input of anonymous composite types is not implemented");
  Exec(conn, "DROP TABLE " + t);
}

// libpq with resultFormat 1: the bytes are record_send's (count, then OID, length and bytes per field).
TEST_CASE("record values in binary") {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(SharedTarget::Get().ConnString().c_str()), PQfinish);
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
  std::unique_ptr<PGresult, decltype(&PQclear)> res(
      PQexecParams(conn.get(), "SELECT ROW(1, 'a b'::text, NULL::int), ROW()", 0, nullptr, nullptr, nullptr, nullptr,
                   1),
      PQclear);
  REQUIRE(PQresultStatus(res.get()) == PGRES_TUPLES_OK);
  CHECK(PQftype(res.get(), 0) == 2249);
  CHECK(std::string(PQgetvalue(res.get(), 0, 0), PQgetlength(res.get(), 0, 0)) ==
        std::string("\0\0\0\3\0\0\0\x17\0\0\0\4\0\0\0\1\0\0\0\x19\0\0\0\3a b\0\0\0\x17\xff\xff\xff\xff", 35));
  CHECK(std::string(PQgetvalue(res.get(), 0, 1), PQgetlength(res.get(), 0, 1)) == std::string("\0\0\0\0", 4));
}

TEST_CASE("json_to_record with a column definition list") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Rows(conn,
             "SELECT * FROM json_to_record('{\"a\": 1, \"b\": \"x y\", \"c\": [1, 2]}') AS x(a int, b text, "
             "c int[], d text)") == std::vector<std::string>{"1|x y|{1,2}|NULL"});
  CHECK(Rows(conn, "SELECT * FROM jsonb_to_recordset('[{\"a\": 1}, {\"a\": 2, \"b\": true}]') AS (a int, b bool)") ==
        std::vector<std::string>{"1|NULL", "2|t"});
  CHECK(ErrorOf(conn, "SELECT * FROM json_to_record('{}')") ==
        "42601: a column definition list is required for functions returning \"record\"");
}

TEST_CASE("WITH RECURSIVE ... SEARCH and CYCLE") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("graph");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (f int, t int)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, 2), (1, 3), (2, 4), (4, 1)");
  CHECK(Rows(conn, "WITH RECURSIVE s(f, t) AS (SELECT f, t FROM " + t + " WHERE f = 1 UNION ALL SELECT g.f, g.t FROM " +
                       t +
                       " g JOIN s ON g.f = s.t) SEARCH DEPTH FIRST BY f, t SET seq CYCLE f, t SET c USING p "
                       "SELECT f, t, seq, c FROM s ORDER BY seq") ==
        std::vector<std::string>{"1|2|{\"(1,2)\"}|f", "2|4|{\"(1,2)\",\"(2,4)\"}|f",
                                 "4|1|{\"(1,2)\",\"(2,4)\",\"(4,1)\"}|f",
                                 "1|2|{\"(1,2)\",\"(2,4)\",\"(4,1)\",\"(1,2)\"}|t",
                                 "1|3|{\"(1,2)\",\"(2,4)\",\"(4,1)\",\"(1,3)\"}|f", "1|3|{\"(1,3)\"}|f"});
  CHECK(Rows(conn,
             "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 3) "
             "SEARCH BREADTH FIRST BY n SET o SELECT * FROM s ORDER BY o") ==
        std::vector<std::string>{"1|(0,1)", "2|(1,2)", "3|(2,3)"});
  Exec(conn, "DROP TABLE " + t);
}

}  // namespace
}  // namespace lumadb::integration
