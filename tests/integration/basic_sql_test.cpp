// CREATE TABLE / INSERT / SELECT through libpqxx: values, NULLs, type OIDs, table OIDs and command tags.
#include <string>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

// Type OIDs from pg_type.dat; clients pick their decoders by these.
constexpr pqxx::oid kBoolOid = 16;
constexpr pqxx::oid kInt8Oid = 20;
constexpr pqxx::oid kInt2Oid = 21;
constexpr pqxx::oid kInt4Oid = 23;
constexpr pqxx::oid kTextOid = 25;
constexpr pqxx::oid kFloat4Oid = 700;
constexpr pqxx::oid kFloat8Oid = 701;
constexpr pqxx::oid kBpcharOid = 1042;
constexpr pqxx::oid kVarcharOid = 1043;
constexpr pqxx::oid kDateOid = 1082;
constexpr pqxx::oid kTimestampOid = 1114;
constexpr pqxx::oid kNumericOid = 1700;

TEST_CASE("connect and SELECT without FROM") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(conn.is_open());
  const pqxx::result r = Exec(conn, "SELECT 1 AS one, 'two' AS two, NULL::integer AS three");
  REQUIRE(r.size() == 1);
  CHECK(r.column_name(0) == std::string("one"));
  CHECK(r[0][0].as<int>() == 1);
  CHECK(r[0][1].as<std::string>() == "two");
  CHECK(r[0][2].is_null());
  CHECK(r.column_type(0) == kInt4Oid);
  CHECK(r.column_type(1) == kTextOid);
  CHECK(Scalar(conn, "SELECT version()").rfind("PostgreSQL 15.", 0) == 0);
}

TEST_CASE("create, insert, select, update, delete with exact command tags") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  PqConnection pq(SharedTarget::Get().ConnString());
  const std::string t = TableName("basic");
  pq.Run("DROP TABLE IF EXISTS " + t);
  const auto tag_of = [&pq](const std::string& sql) { return pq.Run(sql).empty() ? pq.tag() : "error"; };
  CHECK(tag_of("CREATE TABLE " + t +
               " (id integer PRIMARY KEY, name text NOT NULL, score numeric(10,2), active boolean DEFAULT true)") ==
        "CREATE TABLE");
  CHECK(tag_of("INSERT INTO " + t + " (id, name, score) VALUES (1, 'ann', 10.5), (2, 'bob', NULL), (3, 'cy', 7)") ==
        "INSERT 0 3");

  const pqxx::result r = Exec(conn, "SELECT id, name, score, active FROM " + t + " ORDER BY id");
  REQUIRE(r.size() == 3);
  CHECK(r[0][0].as<int>() == 1);
  CHECK(r[0][1].as<std::string>() == "ann");
  CHECK(r[0][2].as<std::string>() == "10.50");  // numeric(10,2) keeps its scale on output
  CHECK(r[0][3].as<std::string>() == "t");      // DEFAULT true; boolean output is t/f
  CHECK(r[1][2].is_null());
  CHECK(r[2][2].as<std::string>() == "7.00");
  CHECK(r.column_type(0) == kInt4Oid);
  CHECK(r.column_type(1) == kTextOid);
  CHECK(r.column_type(2) == kNumericOid);
  CHECK(r.column_type(3) == kBoolOid);
  // Plain columns carry their table's OID in RowDescription; expressions carry 0.
  CHECK(r.column_table(0) != 0);
  CHECK(r.column_table(0) == r.column_table(3));
  CHECK(Exec(conn, "SELECT id + 1 FROM " + t + " LIMIT 1").column_table(0) == 0);

  CHECK(tag_of("SELECT * FROM " + t) == "SELECT 3");
  CHECK(tag_of("UPDATE " + t + " SET score = score + 1 WHERE score IS NOT NULL") == "UPDATE 2");
  CHECK(Scalar(conn, "SELECT sum(score) FROM " + t) == "19.50");
  CHECK(tag_of("DELETE FROM " + t + " WHERE id = 2") == "DELETE 1");
  CHECK(tag_of("DELETE FROM " + t + " WHERE id = 99") == "DELETE 0");
  CHECK(tag_of("INSERT INTO " + t + " (id, name) SELECT id + 10, name FROM " + t) == "INSERT 0 2");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE active") == "4");
  CHECK(tag_of("TRUNCATE " + t) == "TRUNCATE TABLE");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "0");
  CHECK(tag_of("DROP TABLE " + t) == "DROP TABLE");
  CHECK(tag_of("DROP TABLE IF EXISTS " + t) == "DROP TABLE");  // with a NOTICE, not an error
}

TEST_CASE("column types round-trip through text I/O") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("types");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t +
                 " (b boolean, s smallint, i integer, g bigint, r real, d double precision, n numeric(20,5), "
                 "tx text, vc varchar(10), c char(4), dt date, ts timestamp)");
  Exec(conn, "INSERT INTO " + t +
                 " VALUES (false, -32768, 2147483647, -9223372036854775808, 1.5, 0.1, 12345678901234.5, "
                 "'hello', 'abc', 'ab', '2024-02-29', '2024-02-29 13:45:01.5')");
  const pqxx::result r = Exec(conn, "SELECT * FROM " + t);
  REQUIRE(r.size() == 1);
  const pqxx::oid expected_types[] = {kBoolOid,    kInt2Oid, kInt4Oid,    kInt8Oid,   kFloat4Oid, kFloat8Oid,
                                      kNumericOid, kTextOid, kVarcharOid, kBpcharOid, kDateOid,   kTimestampOid};
  const char* expected_text[] = {"f",   "-32768", "2147483647",           "-9223372036854775808",
                                 "1.5", "0.1",    "12345678901234.50000", "hello",
                                 "abc", "ab  ",   "2024-02-29",           "2024-02-29 13:45:01.5"};
  for (int col = 0; col < 12; ++col) {
    CAPTURE(col);
    CHECK(r.column_type(col) == expected_types[col]);
    CHECK(r[0][col].as<std::string>() == expected_text[col]);
  }
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("joins, grouping, ordering and limits") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string a = TableName("dept");
  const std::string b = TableName("emp");
  Exec(conn, "DROP TABLE IF EXISTS " + a + ", " + b);
  Exec(conn, "CREATE TABLE " + a + " (id integer, name text)");
  Exec(conn, "CREATE TABLE " + b + " (id integer, dept integer, salary integer)");
  Exec(conn, "INSERT INTO " + a + " VALUES (1, 'eng'), (2, 'ops'), (3, 'empty')");
  Exec(conn, "INSERT INTO " + b + " VALUES (1, 1, 100), (2, 1, 200), (3, 2, 50), (4, NULL, 10)");
  const pqxx::result r = Exec(conn, "SELECT d.name, count(*) AS n, sum(e.salary) AS total FROM " + a + " d JOIN " + b +
                                        " e ON e.dept = d.id GROUP BY d.name HAVING count(*) >= 1 "
                                        "ORDER BY total DESC");
  REQUIRE(r.size() == 2);
  CHECK(r[0][0].as<std::string>() == "eng");
  CHECK(r[0][1].as<std::string>() == "2");
  CHECK(r[0][2].as<std::string>() == "300");
  CHECK(r.column_type(1) == kInt8Oid);  // count(*) is bigint
  CHECK(r.column_type(2) == kInt8Oid);  // sum(integer) is bigint
  CHECK(Scalar(conn, "SELECT id FROM " + b + " ORDER BY dept NULLS FIRST, id LIMIT 1") == "4");
  CHECK(Scalar(conn, "SELECT id FROM " + b + " ORDER BY id DESC LIMIT 1 OFFSET 1") == "3");
  CHECK(Exec(conn, "SELECT DISTINCT dept FROM " + b + " WHERE dept IS NOT NULL").size() == 2);
  CHECK(Scalar(conn, "SELECT avg(salary) FROM " + b) == "90.0000000000000000");
  Exec(conn, "DROP TABLE " + a + ", " + b);
}

}  // namespace
}  // namespace lumadb::integration
