// Set-returning functions in the select list (PostgreSQL's ProjectSet): rows and values as PostgreSQL 15
// gives them (checked with LUMADB_TEST_EXTERNAL against a PostgreSQL 15 server), and the 0A000 errors
// where PostgreSQL forbids them.
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using Strings = std::vector<std::string>;

TEST_CASE("set-returning functions in the select list") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("srf");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, arr int[], j jsonb)");
  Exec(conn, "INSERT INTO " + t +
                 R"( VALUES (1, '{1,2}', '{"a":1,"b":2}'), (2, '{}', '{}'), (3, NULL, '{"c":3}'),)"
                 R"( (4, '{7,8,9}', '{"x":0}'))");
  CHECK(Rows(conn, "SELECT unnest(ARRAY[1,2]), 5") == Strings{"1|5", "2|5"});
  const pqxx::result named = Exec(conn, "SELECT generate_series(1,3) AS g, unnest(ARRAY['a'])");
  CHECK(std::string(named.column_name(0)) == "g");
  CHECK(std::string(named.column_name(1)) == "unnest");
  CHECK(Rows(conn, "SELECT generate_series(1,3) AS g") == Strings{"1", "2", "3"});
  CHECK(Rows(conn, "SELECT id, unnest(arr) FROM " + t + " ORDER BY id") == Strings{"1|1", "1|2", "4|7", "4|8", "4|9"});
  CHECK(Rows(conn, "SELECT jsonb_array_elements('[1,2]')") == Strings{"1", "2"});
  CHECK(Rows(conn, "SELECT jsonb_array_elements_text('[\"a\",null]'), unnest(ARRAY['x'])") ==
        Strings{"a|x", "NULL|NULL"});
  CHECK(Rows(conn, "SELECT id, jsonb_object_keys(j) FROM " + t + " ORDER BY 1, 2") ==
        Strings{"1|a", "1|b", "3|c", "4|x"});
  // Lockstep: the shorter function is padded with NULL.
  CHECK(Rows(conn, "SELECT generate_series(1,2), generate_series(1,3)") == Strings{"1|1", "2|2", "NULL|3"});
  CHECK(Rows(conn, "SELECT generate_series(1, id), id FROM " + t + " WHERE id < 3 ORDER BY 2, 1") ==
        Strings{"1|1", "1|2", "2|2"});
  CHECK(Rows(conn, "SELECT generate_series(1,0)").empty());
  CHECK(Rows(conn, "SELECT unnest(NULL::int[]), 1").empty());
  CHECK(Rows(conn, "SELECT unnest(ARRAY[1,2]) + 1") == Strings{"2", "3"});
  CHECK(Rows(conn, "SELECT unnest(ARRAY[1,2]) + 1, generate_series(1,3) ORDER BY 1 DESC LIMIT 2") ==
        Strings{"NULL|3", "3|2"});
  CHECK(Rows(conn, "SELECT id, unnest(arr) u FROM " + t + " WHERE id > 1 ORDER BY u DESC LIMIT 2") ==
        Strings{"4|9", "4|8"});
  CHECK(Rows(conn, "SELECT DISTINCT unnest(ARRAY[1,1,2]) ORDER BY 1") == Strings{"1", "2"});
  CHECK(Rows(conn, "SELECT * FROM (SELECT unnest(ARRAY[3,4]) AS x) s") == Strings{"3", "4"});
  CHECK(Rows(conn, "SELECT generate_series('2020-01-01'::timestamp, '2020-01-02', '12 hours')") ==
        Strings{"2020-01-01 00:00:00", "2020-01-01 12:00:00", "2020-01-02 00:00:00"});
  CHECK(Rows(conn, "SELECT count(*), generate_series(1,2) FROM " + t) == Strings{"4|1", "4|2"});
  CHECK(Rows(conn, "SELECT id, generate_series(1, count(*)::int) FROM " + t + " WHERE id < 3 GROUP BY id ORDER BY 1") ==
        Strings{"1|1", "2|1"});
  CHECK(Rows(conn, "SELECT sum(id), unnest(ARRAY[1,2]) + sum(id) AS s FROM " + t + " ORDER BY s DESC") ==
        Strings{"10|12", "10|11"});
  CHECK(Rows(conn, "SELECT count(*), generate_series(1,2) FROM " + t + " WHERE false") == Strings{"0|1", "0|2"});
  CHECK(Rows(conn, "EXPLAIN (COSTS OFF) SELECT id, unnest(arr) FROM " + t) ==
        Strings{"ProjectSet", "  ->  Seq Scan on " + t});
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("regexp_matches and regexp_split_to_table") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Rows(conn, "SELECT regexp_matches('foobarbequebaz', '(bar)(beque)')") == Strings{"{bar,beque}"});
  CHECK(Rows(conn, "SELECT regexp_matches('foobarbequebazilbarfbonk', '(b[^b]+)(b[^b]+)', 'g')") ==
        Strings{"{bar,beque}", "{bazil,barf}"});
  CHECK(Rows(conn, "SELECT regexp_matches('abc', 'x')").empty());
  CHECK(Rows(conn, "SELECT regexp_matches('abc', '(a)(x)?')") == Strings{"{a,NULL}"});
  CHECK(Rows(conn, "SELECT regexp_matches('aBcb', 'b', 'gi'), 1") == Strings{"{B}|1", "{b}|1"});
  CHECK(Rows(conn, R"(SELECT * FROM regexp_matches('a1b22c', '\d+', 'g') AS m)") == Strings{"{1}", "{22}"});
  CHECK(Rows(conn, R"(SELECT regexp_split_to_table('hello world  x', '\s+'))") == Strings{"hello", "world", "x"});
  CHECK(Rows(conn, "SELECT foo FROM regexp_split_to_table('abc', '') AS foo") == Strings{"a", "b", "c"});
  CHECK(Rows(conn, "SELECT regexp_matches(NULL, 'a')").empty());
  CHECK(ErrorOf("SELECT regexp_split_to_table('a,b', ',', 'g')") ==
        "22023 regexp_split_to_table() does not support the \"global\" option");
  CHECK(ErrorOf("SELECT regexp_matches('a', 'a', 'z')") == "22023 invalid regular expression option: \"z\"");
}

TEST_CASE("set-returning functions where PostgreSQL forbids them") {
  CHECK(ErrorOf("SELECT 1 WHERE unnest(ARRAY[1]) = 1") == "0A000 set-returning functions are not allowed in WHERE");
  CHECK(ErrorOf("SELECT sum(unnest(ARRAY[1]))") ==
        "0A000 aggregate function calls cannot contain set-returning function calls");
  CHECK(ErrorOf("SELECT count(*) FROM (VALUES (1)) v(x) GROUP BY x HAVING generate_series(1,2) = 1") ==
        "0A000 set-returning functions are not allowed in HAVING");
  CHECK(ErrorOf("SELECT CASE WHEN true THEN unnest(ARRAY[1]) END") ==
        "0A000 set-returning functions are not allowed in CASE");
  CHECK(ErrorOf("SELECT coalesce(unnest(ARRAY[1]), 1)") == "0A000 set-returning functions are not allowed in COALESCE");
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Rows(conn, "SELECT greatest(unnest(ARRAY[1, 5]), 2), nullif(generate_series(1, 2), 1)") ==
        Strings{"2|NULL", "5|2"});
}

}  // namespace
}  // namespace lumadb::integration
