// Every SQLSTATE the walking skeleton promises, each followed by proof that the session goes on.
#include <string>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

struct ErrorCase {
  const char* sqlstate;
  std::string sql;
};

TEST_CASE("errors carry PostgreSQL's SQLSTATE and leave the session usable") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("errs");
  const std::string u = TableName("errs_other");
  Exec(conn, "DROP TABLE IF EXISTS " + t + ", " + u);
  Exec(conn, "CREATE TABLE " + t + " (id integer NOT NULL, name varchar(3), n smallint)");
  Exec(conn, "CREATE TABLE " + u + " (id integer)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, 'abc', 1)");
  Exec(conn, "INSERT INTO " + u + " VALUES (1)");

  const ErrorCase cases[] = {
      {"42601", "SELEC 1"},                                       // syntax_error
      {"42601", "SELECT * FROM " + t + " WHERE"},                 // syntax error at end of input
      {"42P01", "SELECT * FROM no_such_table_xyz"},               // undefined_table
      {"42703", "SELECT no_such_column FROM " + t},               // undefined_column
      {"42702", "SELECT id FROM " + t + ", " + u},                // ambiguous_column
      {"42804", "SELECT 1 FROM " + t + " WHERE 1"},               // datatype_mismatch
      {"42883", "SELECT 'a'::text + 1"},                          // undefined_function (operator)
      {"42883", "SELECT no_such_function(1)"},                    // undefined_function
      {"22012", "SELECT 1 / 0"},                                  // division_by_zero
      {"22003", "SELECT 2147483647 + 1"},                         // numeric_value_out_of_range
      {"22003", "INSERT INTO " + t + " VALUES (2, 'x', 40000)"},  // smallint out of range
      {"22P02", "SELECT 'abc'::integer"},                         // invalid_text_representation
      {"22P02", "INSERT INTO " + t + " VALUES ('two', 'x', 1)"},  // bad integer literal for a column
      {"23502", "INSERT INTO " + t + " (name) VALUES ('x')"},     // not_null_violation
      {"23502", "UPDATE " + t + " SET id = NULL"},                // not_null_violation on update
      {"22001", "INSERT INTO " + t + " VALUES (3, 'abcd', 1)"},   // string_data_right_truncation
      {"42P07", "CREATE TABLE " + t + " (x integer)"},            // duplicate_table
  };
  for (const auto& c : cases) {
    CAPTURE(c.sql);
    CHECK(SqlStateOf(conn, c.sql) == c.sqlstate);
    // The session goes on, outside any transaction block, and the failed statement changed nothing.
    CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "1");
  }
  CHECK(Scalar(conn, "SELECT name FROM " + t) == "abc");
  Exec(conn, "DROP TABLE " + t + ", " + u);
}

TEST_CASE("syntax errors report the position of the offending token") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  try {
    Exec(conn, "SELECT 1 FROM WHERE");
    FAIL("syntax error expected");
  } catch (const pqxx::syntax_error& e) {
    CHECK(e.sqlstate() == "42601");
    CHECK(e.error_position == 15);  // 1-based character offset of WHERE
    CHECK(std::string(e.what()).find("syntax error at or near \"WHERE\"") != std::string::npos);
  }
}

}  // namespace
}  // namespace lumadb::integration
