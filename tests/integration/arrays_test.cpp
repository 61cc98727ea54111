// One-dimensional (and multi-dimensional) arrays through SQL, as PostgreSQL 15 gives them: array columns
// inserted, selected, updated and surviving a restart; RowDescription type OIDs; text and binary (libpq
// format 1) results and parameters; ARRAY[...], subscripts and slices, = ANY / <> ALL, ||, @> <@ &&,
// ordering and grouping; the array functions with their NULL cases; errors with SQLSTATE and message.
// Run with LUMADB_TEST_EXTERNAL=host:port of a PostgreSQL 15 to prove the expectations.
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"
#include <libpq-fe.h>

namespace lumadb::integration {
namespace {

std::vector<std::string> Row0(pqxx::connection& conn, const std::string& sql) {
  std::vector<std::string> out;
  const pqxx::result r = Exec(conn, sql);
  for (const auto& field : r.at(0)) out.push_back(field.is_null() ? "NULL" : field.c_str());
  return out;
}

/// "SQLSTATE message" of the error `sql` raises.
void Load(pqxx::connection& conn, const std::string& t) {
  Exec(conn, "CREATE TABLE " + t + " (id int PRIMARY KEY, a int[], b text[], c varchar(3) ARRAY, n numeric[])");
  Exec(conn, "INSERT INTO " + t +
                 " VALUES (1, '{1,2,3}', '{\"a b\",\"\",NULL,\"NULL\"}', '{abc}', '{1.5,NULL}'),"
                 " (2, ARRAY[4,5], ARRAY['x'], ARRAY['de'], ARRAY[2]),"
                 " (3, '[0:1]={7,8}', '{}', NULL, '{{1,2},{3,4}}'),"
                 " (4, NULL, ARRAY[NULL]::text[], '{}', NULL)");
}

TEST_CASE("array columns: values, RowDescription OIDs, UPDATE, ORDER BY and GROUP BY") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("arrays");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Load(conn, t);
  const pqxx::result r = Exec(conn, "SELECT a, b, c, n FROM " + t + " ORDER BY id");
  CHECK(r.column_type(0) == 1007);
  CHECK(r.column_type(1) == 1009);
  CHECK(r.column_type(2) == 1015);
  CHECK(r.column_type(3) == 1231);
  CHECK(Column(conn, "SELECT a FROM " + t + " ORDER BY id") ==
        std::vector<std::string>{"{1,2,3}", "{4,5}", "[0:1]={7,8}", "NULL"});
  CHECK(Column(conn, "SELECT b FROM " + t + " ORDER BY id") ==
        std::vector<std::string>{R"({"a b","",NULL,"NULL"})", "{x}", "{}", "{NULL}"});
  CHECK(Column(conn, "SELECT n FROM " + t + " ORDER BY id") ==
        std::vector<std::string>{"{1.5,NULL}", "{2}", "{{1,2},{3,4}}", "NULL"});
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " (id, c) VALUES (9, '{abcd}')") == "22001");
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " (id, a) VALUES (9, '{1,x}')") == "22P02");
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " (id, a) VALUES (9, ARRAY['1'::text])") == "42804");
  Exec(conn, "UPDATE " + t + " SET a = a || 10 WHERE id = 2");
  CHECK(Scalar(conn, "SELECT a FROM " + t + " WHERE id = 2") == "{4,5,10}");
  Exec(conn, "UPDATE " + t + " SET a = array_append(a, 0) WHERE id = 4");
  CHECK(Scalar(conn, "SELECT a FROM " + t + " WHERE id = 4") == "{0}");
  CHECK(Column(conn, "SELECT id FROM " + t + " ORDER BY a, id") == std::vector<std::string>{"4", "1", "2", "3"});
  CHECK(Column(conn, "SELECT id FROM " + t + " ORDER BY a DESC, id") == std::vector<std::string>{"3", "2", "1", "4"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE a = '{1,2,3}'") == std::vector<std::string>{"1"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE 5 = ANY(a) OR 'x' = ANY(b) ORDER BY id") ==
        std::vector<std::string>{"2"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE a @> ARRAY[2] ORDER BY id") == std::vector<std::string>{"1"});
  CHECK(Column(conn, "SELECT count(*) FROM (VALUES (ARRAY[1]), (ARRAY[1]), ('{2}')) v(x) GROUP BY x ORDER BY x") ==
        std::vector<std::string>{"2", "1"});
  CHECK(Scalar(conn, "SELECT count(DISTINCT x) FROM (VALUES (ARRAY[1,NULL]), (ARRAY[1,NULL]), ('{}')) v(x)") == "2");
  CHECK(Column(conn, "SELECT x FROM unnest((SELECT a FROM " + t + " WHERE id = 1)) AS u(x)") ==
        std::vector<std::string>{"1", "2", "3"});
  CHECK(Scalar(conn, "SELECT array_agg(id) FROM " + t + " WHERE id < 3") == "{1,2}");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("array literals, constructors, subscripts and casts") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Row0(conn,
             "SELECT '[0:1]={1,2}'::int[], '{{1,2},{3,4}}'::int[], ARRAY[]::int[], ARRAY[NULL], "
             "ARRAY[[1,2],[3,4]], ARRAY[ARRAY[1],ARRAY[2]], ARRAY[1,2.5], '{1,2}'::text[]::int[]") ==
        std::vector<std::string>{"[0:1]={1,2}", "{{1,2},{3,4}}", "{}", "{NULL}", "{{1,2},{3,4}}", "{{1},{2}}",
                                 "{1,2.5}", "{1,2}"});
  const pqxx::result types = Exec(conn, "SELECT ARRAY[1,2.5], ARRAY['a','b'], ARRAY[1::int2, 2], ARRAY[1::int8]");
  CHECK(types.column_type(0) == 1231);
  CHECK(types.column_type(1) == 1009);
  CHECK(types.column_type(2) == 1007);
  CHECK(types.column_type(3) == 1016);
  CHECK(Row0(conn,
             "SELECT (ARRAY[1,2,3])[2], (ARRAY[1,2,3])[5], (ARRAY[1,2,3])[2:3], (ARRAY[1,2,3])[:2], "
             "(ARRAY[1,2,3])[2:], (ARRAY[1,2,3])[NULL], (ARRAY[1,2,3])[3:1], "
             "('[0:2]={1,2,3}'::int[])[0:1], ('{1,2}'::int[])['1'], ('{1,2}'::int[])[1.6]") ==
        std::vector<std::string>{"2", "NULL", "{2,3}", "{1,2}", "{2,3}", "NULL", "{}", "{1,2}", "1", "2"});
  // Several subscripts address one multi-dimensional element; in a slice a plain [i] means [1:i].
  CHECK(Row0(conn,
             "SELECT ('{{1,2,3},{4,5,6}}'::int[])[2][3], ('{{1,2,3},{4,5,6}}'::int[])[1:2][2:3], "
             "('{{1,2,3},{4,5,6}}'::int[])[2][1:2], ('{{1,2},{3,4}}'::int[])[1], "
             "('{{1,2,3},{4,5,6}}'::int[])[:][2:], ('{{1,2},{3,4}}'::int[])[NULL][1]") ==
        std::vector<std::string>{"6", "{{2,3},{5,6}}", "{{1,2},{4,5}}", "NULL", "{{2,3},{5,6}}", "NULL"});
  const pqxx::result names = Exec(conn, "SELECT ARRAY[1], x[1], 1 = ANY(x) FROM (SELECT ARRAY[1]) s(x)");
  CHECK(std::string(names.column_name(0)) == "array");
  CHECK(std::string(names.column_name(1)) == "x");
  CHECK(std::string(names.column_name(2)) == "?column?");
}

TEST_CASE("ARRAY(subquery): the rows' values in order, {} for none, named array") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Row0(conn,
             "SELECT ARRAY(SELECT 1 UNION SELECT 2), ARRAY(SELECT 'a'::text WHERE false), "
             "ARRAY(SELECT g FROM generate_series(1, 3) AS g ORDER BY g DESC), ARRAY(SELECT NULL::int)") ==
        std::vector<std::string>{"{1,2}", "{}", "{3,2,1}", "{NULL}"});
  const pqxx::result r = Exec(conn, "SELECT ARRAY(SELECT 'x'::text)");
  CHECK(std::string(r.column_name(0)) == "array");
  CHECK(r.column_type(0) == 1009);
  CHECK(ErrorOf("SELECT ARRAY(SELECT 1, 2)") == "42601 subquery must return only one column");
}

TEST_CASE("= ANY, <> ALL, IN and the array operators with PostgreSQL's NULL semantics") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Row0(conn,
             "SELECT 1 = ANY(ARRAY[1,2]), 3 = ANY(ARRAY[1,NULL]), NULL = ANY('{}'::int[]), "
             "1 <> ALL(ARRAY[2,3]), 1 <> ALL(ARRAY[1,NULL]), 2 <> ALL(ARRAY[1,NULL]), 1 = ANY(NULL::int[]), "
             "'a' = ANY('{a,b}'), 1.5 = ANY(ARRAY[1,2]), 2 IN (1, 2), 2 > ALL('{1,1}')") ==
        std::vector<std::string>{"t", "NULL", "f", "t", "f", "NULL", "NULL", "t", "f", "t", "t"});
  CHECK(Row0(conn,
             "SELECT ARRAY[1,2] @> ARRAY[1], ARRAY[1] <@ ARRAY[1,2], ARRAY[1,2] && ARRAY[2,3], "
             "ARRAY[1,NULL] @> ARRAY[NULL::int], ARRAY[1,2] || 3, 0 || ARRAY[1], ARRAY[1] || ARRAY[2.5], "
             "ARRAY[1] || '{4}', '{1}'::int[] < '{1,2}'::int[], '{NULL}'::int[] > '{5}'::int[], "
             "'{1,2}'::int[] = '[0:1]={1,2}'::int[]") ==
        std::vector<std::string>{"t", "t", "t", "f", "{1,2,3}", "{0,1}", "{1,2.5}", "{1,4}", "t", "t", "f"});
}

TEST_CASE("array functions and their NULL cases") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Row0(conn,
             "SELECT array_length(ARRAY[1,2], 1), array_length(ARRAY[1,2], 2), array_length('{}'::int[], 1), "
             "array_upper('[2:5]={1,2,3,4}'::int[], 1), array_lower('[2:5]={1,2,3,4}'::int[], 1), "
             "array_ndims('{{1},{2}}'::int[]), array_ndims('{}'::int[]), cardinality('{{1,2},{3,4}}'::int[]), "
             "cardinality('{}'::int[]), array_length(NULL::int[], 1), array_dims('[2:5]={1,2,3,4}'::int[]), "
             "array_dims('{{1},{2}}'::int[]), array_dims('{}'::int[])") ==
        std::vector<std::string>{"2", "NULL", "NULL", "5", "2", "2", "NULL", "4", "0", "NULL", "[2:5]", "[1:2][1:1]",
                                 "NULL"});
  CHECK(Row0(conn,
             "SELECT array_prepend(0, '[3:4]={1,2}'::int[]), array_append('[3:4]={1,2}'::int[], 5), "
             "array_cat('[3:4]={1,2}'::int[], '[7:7]={9}'), array_remove('[3:5]={1,2,1}'::int[], 1), "
             "array_remove('{1}'::int[], 1), array_append(ARRAY[1], 2.5), array_cat(NULL, ARRAY[1]), "
             "array_append(NULL::int[], 1), array_prepend(1, NULL), array_remove(ARRAY[1,NULL], NULL)") ==
        std::vector<std::string>{"[3:5]={0,1,2}", "[3:5]={1,2,5}", "[3:5]={1,2,9}", "[3:3]={2}", "{}", "{1,2.5}", "{1}",
                                 "{1}", "{1}", "{1}"});
  CHECK(Row0(conn,
             "SELECT array_cat('{{1,2}}'::int[], '{3,4}'::int[]), array_position('[2:4]={5,6,5}'::int[], 5, 3), "
             "array_position(ARRAY['a','b'], 'b'), array_position(ARRAY[1], 2), "
             "array_positions(ARRAY[1,NULL,1,NULL], NULL), array_positions(ARRAY[1], 2)") ==
        std::vector<std::string>{"{{1,2},{3,4}}", "4", "2", "NULL", "{2,4}", "{}"});
  CHECK(Row0(conn,
             "SELECT array_to_string(ARRAY[1,NULL,3], ','), array_to_string(ARRAY[1,NULL,3], ',', '*'), "
             "string_to_array('a,b,,c', ','), string_to_array('abc', NULL), string_to_array('abc', ''), "
             "string_to_array('', ','), string_to_array('a,*,c', ',', '*'), string_to_array(NULL, ',')") ==
        std::vector<std::string>{"1,3", "1,*,3", R"({a,b,"",c})", "{a,b,c}", "{abc}", "{}", "{a,NULL,c}", "NULL"});
  CHECK(Row0(conn, "SELECT array_agg(x), array_agg(DISTINCT x) FROM (VALUES (2),(NULL),(1),(2)) v(x)") ==
        std::vector<std::string>{"{2,NULL,1,2}", "{1,2,NULL}"});
  CHECK(Scalar(conn, "SELECT array_agg(x) FROM (VALUES (1)) v(x) WHERE false") == "NULL");
  CHECK(Column(conn, "SELECT * FROM unnest(ARRAY['a','b'])") == std::vector<std::string>{"a", "b"});
  CHECK(Column(conn, "SELECT u FROM unnest('{{1,2},{3,NULL}}'::int[]) AS u") ==
        std::vector<std::string>{"1", "2", "3", "NULL"});
}

TEST_CASE("array errors: SQLSTATE and message as PostgreSQL 15") {
  CHECK(ErrorOf("SELECT '{1,2'::int[]") == R"(22P02 malformed array literal: "{1,2")");
  CHECK(ErrorOf("SELECT '[2:1]={}'::int[]") == "2202E upper bound cannot be less than lower bound");
  CHECK(ErrorOf("SELECT ARRAY[]") == "42P18 cannot determine type of empty array");
  CHECK(ErrorOf("SELECT ARRAY[1, 'a']") == R"(22P02 invalid input syntax for type integer: "a")");
  CHECK(ErrorOf("SELECT ARRAY[[1,2],[3]]") ==
        "2202E multidimensional arrays must have array expressions with matching dimensions");
  CHECK(ErrorOf("SELECT 1 = ANY(1)") == "42809 op ANY/ALL (array) requires array on right side");
  CHECK(ErrorOf("SELECT '{1}'::int[] = '{1}'::numeric[]") == "42883 operator does not exist: integer[] = numeric[]");
  CHECK(ErrorOf("SELECT array_length('{1,2}', 1)") ==
        "42804 could not determine polymorphic type because input has type unknown");
  CHECK(ErrorOf("SELECT array_append(ARRAY[1], 'x')") == R"(22P02 invalid input syntax for type integer: "x")");
  CHECK(ErrorOf("SELECT array_append('{{1}}'::int[], 2)") == "22000 argument must be empty or one-dimensional array");
  CHECK(ErrorOf("SELECT array_cat('{{1,2}}'::int[], '{1,2,3}'::int[])") ==
        "2202E cannot concatenate incompatible arrays");
  CHECK(ErrorOf("SELECT array_position('{{1}}'::int[], 1)") ==
        "0A000 searching for elements in multidimensional arrays is not supported");
  CHECK(ErrorOf("SELECT array_position('{1}'::int[], 1, NULL)") == "22004 initial position must not be null");
  CHECK(ErrorOf("SELECT array_remove('{{1}}'::int[], 1)") ==
        "0A000 removing elements from multidimensional arrays is not supported");
  CHECK(ErrorOf("SELECT ARRAY[1] || 'x'") == R"(22P02 malformed array literal: "x")");
  CHECK(ErrorOf("SELECT (1)[1]") == "42804 cannot subscript type integer because it does not support subscripting");
  CHECK(ErrorOf("SELECT array_length(1, 1)") == "42883 function array_length(integer, integer) does not exist");
}

// libpq with resultFormat 1 and a binary parameter: the bytes are array_send's.
TEST_CASE("binary array results and parameters") {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(SharedTarget::Get().ConnString().c_str()), PQfinish);
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
  std::unique_ptr<PGresult, decltype(&PQclear)> res(
      PQexecParams(conn.get(), "SELECT '{1,NULL,3}'::int[], '[0:1]={a,b}'::text[], '{a}'::varchar(3)[]", 0, nullptr,
                   nullptr, nullptr, nullptr, 1),
      PQclear);
  REQUIRE(PQresultStatus(res.get()) == PGRES_TUPLES_OK);
  CHECK(PQftype(res.get(), 0) == 1007);
  CHECK(PQftype(res.get(), 1) == 1009);
  CHECK(PQftype(res.get(), 2) == 1015);
  CHECK(PQfmod(res.get(), 2) == 7);
  CHECK(std::string(PQgetvalue(res.get(), 0, 0), PQgetlength(res.get(), 0, 0)) ==
        std::string("\0\0\0\1\0\0\0\1\0\0\0\x17\0\0\0\3\0\0\0\1\0\0\0\4\0\0\0\1\xff\xff\xff\xff\0\0\0\4\0\0\0\3", 40));
  CHECK(std::string(PQgetvalue(res.get(), 0, 1), PQgetlength(res.get(), 0, 1)) ==
        std::string("\0\0\0\1\0\0\0\0\0\0\0\x19\0\0\0\2\0\0\0\0\0\0\0\1a\0\0\0\1b", 30));
  const std::string param("\0\0\0\1\0\0\0\0\0\0\0\x17\0\0\0\2\0\0\0\1\0\0\0\4\0\0\0\7\0\0\0\4\0\0\0\x09", 36);
  const char* values[] = {param.data()};
  const int lengths[] = {static_cast<int>(param.size())};
  const int formats[] = {1};
  const Oid types[] = {1007};
  res.reset(PQexecParams(conn.get(), "SELECT $1, array_length($1, 1), $1[2]", 1, types, values, lengths, formats, 0));
  INFO(std::string(PQresultErrorMessage(res.get())));
  REQUIRE(PQresultStatus(res.get()) == PGRES_TUPLES_OK);
  CHECK(std::string(PQgetvalue(res.get(), 0, 0)) == "{7,9}");
  CHECK(std::string(PQgetvalue(res.get(), 0, 1)) == "2");
  CHECK(std::string(PQgetvalue(res.get(), 0, 2)) == "9");
}

TEST_CASE("array_replace replaces every element not distinct from the search value") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Row0(conn,
             "SELECT array_replace(ARRAY[1,2,5,4],5,3), array_replace(ARRAY['AB',NULL,'CDE'],NULL,'12'),"
             " array_replace('{{1,5},{5,2}}'::int[], 5, NULL), array_replace('[0:1]={1,5}'::int[], 5, 9),"
             " array_replace(NULL::int[], 1, 2)") ==
        std::vector<std::string>{"{1,2,3,4}", "{AB,12,CDE}", "{{1,NULL},{NULL,2}}", "[0:1]={1,9}", "NULL"});
}

TEST_CASE("UPDATE ... SET a[i] = v assigns one element, growing the array as PostgreSQL 15") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("arrset");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, a int[], t text[], n int)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, '{1,2,3}', NULL, 0), (2, '{}', '{x}', 0)");
  CHECK(Exec(conn, "UPDATE " + t + " SET a[5] = 9, t[2] = 'y'").affected_rows() == 2);
  CHECK(Column(conn, "SELECT a::text || ' ' || coalesce(t::text, '-') || ' ' || array_lower(a, 1) FROM " + t +
                         " ORDER BY id") ==
        std::vector<std::string>{"{1,2,3,NULL,9} [2:2]={y} 1", "[5:5]={9} {x,y} 5"});
  Exec(conn, "UPDATE " + t + " SET a[-1] = 0");
  CHECK(Column(conn, "SELECT a FROM " + t + " ORDER BY id") ==
        std::vector<std::string>{"[-1:5]={0,NULL,1,2,3,NULL,9}", "[-1:5]={0,NULL,NULL,NULL,NULL,NULL,9}"});
  Exec(conn, "UPDATE " + t + " SET a['2'] = '5', a[3] = a[3] + 100 WHERE id = 1");
  CHECK(Scalar(conn, "SELECT a FROM " + t + " WHERE id = 1") == "[-1:5]={0,NULL,1,5,103,NULL,9}");
  CHECK(SqlStateOf(conn, "UPDATE " + t + " SET a[NULL] = 1") == "22004");
  CHECK(SqlStateOf(conn, "UPDATE " + t + " SET n[1] = 1") == "42804");
  CHECK(SqlStateOf(conn, "UPDATE " + t + " SET a[1] = 'x'") == "22P02");
  CHECK(SqlStateOf(conn, "UPDATE " + t + " SET a = '{1}', a[1] = 2") == "42601");
  Exec(conn, "UPDATE " + t + " SET a = '{{1,2},{3,4}}' WHERE id = 2");
  CHECK(SqlStateOf(conn, "UPDATE " + t + " SET a[1] = 7 WHERE id = 2") == "2202E");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("array columns survive a restart" * doctest::skip(IsExternal())) {
  ServerProcess server;
  {
    pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
    Load(conn, "arr_durable");
  }
  CHECK(server.Stop() == 0);
  server.Start();
  pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
  CHECK(Column(conn,
               "SELECT coalesce(a::text, '-') || ' ' || b::text || ' ' || coalesce(c::text, '-') || ' ' || "
               "coalesce(n::text, '-') FROM arr_durable ORDER BY id") ==
        std::vector<std::string>{R"({1,2,3} {"a b","",NULL,"NULL"} {abc} {1.5,NULL})", "{4,5} {x} {de} {2}",
                                 "[0:1]={7,8} {} - {{1,2},{3,4}}", "- {NULL} {} -"});
}

}  // namespace
}  // namespace lumadb::integration
