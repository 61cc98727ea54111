// json and jsonb through SQL: input and output, the operators and functions of issue 5, casts, arrays of
// json, aggregates, errors with their SQLSTATE, message and DETAIL, binary results, and jsonb surviving a
// restart. Every expectation is PostgreSQL 15's output for the same statement (run this file with
// LUMADB_TEST_EXTERNAL=host:port of a PostgreSQL 15 to prove them).
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

/// "SQLSTATE message" of the error `sql` raises, with " / DETAIL" when there is one.
std::string ErrorOf(const std::string& sql) {
  PqConnection pq(SharedTarget::Get().ConnString());
  const std::string state = pq.Run(sql);
  std::string out = state + " " + pq.error_message();
  if (!pq.error_detail().empty()) out += " / " + pq.error_detail();
  return out;
}

/// Each column of the one row `sql` returns, as text ("NULL" for SQL NULL).
std::vector<std::string> Row0(pqxx::connection& conn, const std::string& sql) {
  std::vector<std::string> out;
  const pqxx::result r = Exec(conn, sql);
  for (const auto& field : r.at(0)) out.push_back(field.is_null() ? "NULL" : field.c_str());
  return out;
}

using Strings = std::vector<std::string>;

TEST_CASE("json and jsonb input and output") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Row0(conn, R"(SELECT '{"b":1, "a" : [1, 2.50]}'::json, '{"b":1,"aa":2,"a":3,"a":4,"c":1.0e2}'::jsonb)") ==
        Strings{R"({"b":1, "a" : [1, 2.50]})", R"({"a": 4, "b": 1, "c": 100, "aa": 2})"});
  CHECK(Row0(conn, R"(SELECT '"\u00e9"'::jsonb, '"\u0000"'::json, ' [] '::jsonb, 'null'::jsonb)") ==
        Strings{"\"\xc3\xa9\"", R"("\u0000")", "[]", "null"});
  const std::string t = TableName("jsondoc");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int PRIMARY KEY, j json, b jsonb)");
  Exec(conn, "INSERT INTO " + t +
                 R"( VALUES (1, '{"x": 1}', '{"x": 1, "y": [true, null]}'), (2, '[1, 2]', '[1, 2]'),)" +
                 R"( (3, '"s"', '"s"'), (4, NULL, NULL), (5, '{}', '{"x": 2}'))");
  CHECK(Column(conn, "SELECT b FROM " + t + " ORDER BY b, id") ==
        Strings{"\"s\"", "[1, 2]", R"({"x": 2})", R"({"x": 1, "y": [true, null]})", "NULL"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE b @> '{\"x\": 1}' ORDER BY id") == Strings{"1"});
  CHECK(Column(conn, "SELECT b->>'x' FROM " + t + " WHERE b ? 'x' ORDER BY id") == Strings{"1", "2"});
  CHECK(Scalar(conn, "SELECT count(DISTINCT b) FROM " + t) == "4");
  Exec(conn, "ANALYZE " + t);
  // A btree index on jsonb orders as jsonb's comparison does; json has no btree operator class.
  Exec(conn, "CREATE INDEX " + t + "_b ON " + t + " (b)");
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE b = '{\"x\": 2.0}' ORDER BY id") == Strings{"5"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE b > '[1]' ORDER BY b") == Strings{"2", "5", "1"});
  // PostgreSQL's SQLSTATE is 42704; LumaDB's index contract gives 0A000 for every type without one.
  CHECK(ErrorOf("CREATE INDEX " + t + "_j ON " + t + " (j)")
            .ends_with(R"(data type json has no default operator class for access method "btree")"));
  Exec(conn, "UPDATE " + t + " SET b = jsonb_set(b, '{x}', '3') WHERE id = 5");
  CHECK(Scalar(conn, "SELECT b FROM " + t + " WHERE id = 5") == R"({"x": 3})");
  pqxx::work tx(conn);
  const pqxx::result r = tx.exec("SELECT j, b, ARRAY[j], ARRAY[b] FROM " + t + " WHERE id = 1");
  CHECK(r.column_type(0) == 114);
  CHECK(r.column_type(1) == 3802);
  CHECK(r.column_type(2) == 199);
  CHECK(r.column_type(3) == 3807);
  CHECK(std::string(r[0][3].c_str()) == R"({"{\"x\": 1, \"y\": [true, null]}"})");
}

TEST_CASE("json operators") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Row0(conn, R"(SELECT '{"a": [1,  2]}'::json -> 'a', '{"a": "x\ny"}'::json ->> 'a', '[1,2,3]'::json -> -1,)"
                   R"( '{"a":{"b":[5,6]}}'::json #> '{a,b,1}', '{"a":{"b":"t"}}'::json #>> '{a,b}')") ==
        Strings{"[1,  2]", "x\ny", "3", "6", "t"});
  // json keeps duplicate keys: -> takes the last, a path follows every member of the name.
  CHECK(Row0(conn, R"(SELECT '{"a":1,"a":2}'::json -> 'a', '{"a":{"b":1},"a":{"c":2}}'::json #> '{a,b}',)"
                   R"( '{"a":{"b":1},"a":{"c":2}}'::json #> '{a,c}')") == Strings{"2", "1", "2"});
  CHECK(Row0(conn, R"(SELECT '{"a": [1,  2]}'::jsonb -> 'a', '[1,2,3]'::jsonb -> 1, '[1,2,3]'::jsonb ->> -1,)"
                   R"( '{"a":{"b":[5,6]}}'::jsonb #> '{a,b,1}', '{"a":null}'::jsonb ->> 'a', '{"a":1}'::jsonb -> 'z',)"
                   R"( '{"a":1}'::jsonb #> '{}')") == Strings{"[1, 2]", "2", "3", "6", "NULL", "NULL", R"({"a": 1})"});
  CHECK(Row0(conn, R"(SELECT '{"a":1,"b":[1,2]}'::jsonb @> '{"b":[2]}', '{"a":1}'::jsonb <@ '{"a":1,"b":2}',)"
                   R"( '[1,2,3]'::jsonb @> '1', '{"a":1}'::jsonb @> '[]', '["a","b"]'::jsonb ? 'a',)"
                   R"( '{"a":1,"b":2}'::jsonb ?| '{x,b}', '{"a":1,"b":2}'::jsonb ?& '{a,x}')") ==
        Strings{"t", "t", "t", "f", "t", "t", "f"});
  CHECK(Row0(conn, R"(SELECT '{"a":1}'::jsonb || '{"a":2,"b":3}', '{"a":1}'::jsonb || '[2]', '1'::jsonb || '2',)"
                   R"( '["a",1]'::jsonb - 'a', '{"a":1,"b":2}'::jsonb - '{a}'::text[], '[1,2,3]'::jsonb - -1,)"
                   R"( '[1,[2,3]]'::jsonb #- '{1,0}')") ==
        Strings{R"({"a": 2, "b": 3})", R"([{"a": 1}, 2])", "[1, 2]", "[1]", R"({"b": 2})", "[1, 2]", "[1, [3]]"});
  CHECK(Row0(conn, R"(SELECT '1'::jsonb = '1.0', '[]'::jsonb < 'null', '{"a":1}'::jsonb > '[1,2,3]', )"
                   R"('"a"'::jsonb < '1')") == Strings{"t", "t", "t", "t"});
}

TEST_CASE("json functions") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Row0(conn,
             "SELECT array_to_json('{{1,5},{99,100}}'::int[]), array_to_json('{{1,5},{99,100}}'::int[], true),"
             " array_to_json(ARRAY['a,b','c'], true), array_to_json('{}'::int[], true)") ==
        Strings{"[[1,5],[99,100]]", "[[1,5],\n [99,100]]", "[\"a,b\",\n \"c\"]", "[]"});
  CHECK(SqlStateOf(conn, "SELECT array_to_json(1)") == "42883");
  CHECK(Row0(conn, R"(SELECT json_object('{a,1,b,2,3,NULL,"d e f","a b c"}'), json_object('{{a,1},{b,2}}'), )"
                   R"(json_object('{a,b}','{1,2}'), jsonb_object('{b,a}','{1,NULL}'), jsonb_object('{a,1,a,2}'), )"
                   R"(json_object('{}'))") == Strings{R"({"a" : "1", "b" : "2", "3" : null, "d e f" : "a b c"})",
                                                      R"({"a" : "1", "b" : "2"})", R"({"a" : "1", "b" : "2"})",
                                                      R"({"a": null, "b": "1"})", R"({"a": "2"})", "{}"});
  CHECK(SqlStateOf(conn, "SELECT json_object('{a,b,c}')") == "2202E");
  CHECK(SqlStateOf(conn, "SELECT json_object('{{a,1,2}}')") == "2202E");
  CHECK(SqlStateOf(conn, "SELECT json_object('{{{a,1}}}')") == "2202E");
  CHECK(SqlStateOf(conn, "SELECT json_object('{a,b}','{1}')") == "2202E");
  CHECK(SqlStateOf(conn, "SELECT json_object('{a,NULL}'::text[], '{1,2}')") == "22004");
  CHECK(
      Row0(conn, R"(SELECT json_build_object('a',1,'b','x'), jsonb_build_object('b',1,'a',2,'a',3), )"
                 R"(json_build_array(1,'x',null), jsonb_build_array(), json_build_object(1, 2, true, 3))") ==
      Strings{R"({"a" : 1, "b" : "x"})", R"({"a": 3, "b": 1})", R"([1, "x", null])", "[]", R"({"1" : 2, "true" : 3})"});
  CHECK(Row0(conn,
             "SELECT to_json('2020-01-02 03:04:05.5'::timestamp), to_jsonb('2020-01-02 03:04:05+00'::timestamptz),"
             " to_json(ARRAY[[1,2],[3,4]]), to_jsonb(ARRAY['a',NULL]), to_json('a\"b'::text), to_json(1.50),"
             " to_json('NaN'::float8), to_jsonb(true)") ==
        Strings{R"("2020-01-02T03:04:05.5")", R"("2020-01-02T03:04:05+00:00")", "[[1,2],[3,4]]", R"(["a", null])",
                R"("a\"b")", "1.50", R"("NaN")", "true"});
  CHECK(Row0(conn,
             R"(SELECT json_typeof('{}'), jsonb_typeof('1.5'), jsonb_typeof('null'), json_array_length('[1,[2]]'),)"
             R"( jsonb_array_length('[]'), jsonb_extract_path('{"a":{"b":2}}', 'a', 'b'),)"
             R"( jsonb_extract_path_text('{"a":{"b":"x"}}', 'a', 'b'), json_extract_path('{"a":[1]}', 'a'))") ==
        Strings{"object", "number", "null", "2", "0", "2", "x", "[1]"});
  CHECK(Row0(conn,
             R"(SELECT jsonb_set('{"a":[1,2]}', '{a,5}', '9'), jsonb_set('{"a":[1,2]}', '{a,-5}', '9'),)"
             R"( jsonb_set('{"a":1}', '{b}', '2', false), jsonb_strip_nulls('{"a":null,"b":[null,{"c":null}]}'))") ==
        Strings{R"({"a": [1, 2, 9]})", R"({"a": [9, 1, 2]})", R"({"a": 1})", R"({"b": [null, {}]})"});
  CHECK(
      Scalar(conn, R"(SELECT json_strip_nulls('{"a" : null, "b" : [ 1.50 , null, {"c":null, "d" : "\u00e9\n"} ]}'))") ==
      "{\"b\":[1.50,null,{\"d\":\"\xc3\xa9\\n\"}]}");
  CHECK(Scalar(conn, R"(SELECT jsonb_pretty('{"a":[],"b":{"c":1}}'))") ==
        "{\n    \"a\": [\n    ],\n    \"b\": {\n        \"c\": 1\n    }\n}");
  CHECK(Row0(conn, "SELECT json_agg(x), jsonb_agg(x) FROM (VALUES (1), (NULL), (3)) t(x)") ==
        Strings{"[1, null, 3]", "[1, null, 3]"});
  CHECK(Row0(conn, "SELECT json_agg(x) FROM (VALUES (1)) t(x) WHERE false") == Strings{"NULL"});
  CHECK(Row0(conn, R"(SELECT jsonb_object_agg(k, v), json_object_agg(k, v) FROM )"
                   R"((VALUES ('b', '{"x":1}'::jsonb), ('a', NULL), ('b', '2')) t(k, v))") ==
        Strings{R"({"a": null, "b": 2})", R"({ "b" : {"x": 1}, "a" : null, "b" : 2 })"});
  CHECK(Row0(conn, "SELECT json_object_agg(k, v) FROM (VALUES (1, 'x'), (2.5, 'y')) t(k, v)") ==
        Strings{R"({ "1" : "x", "2.5" : "y" })"});
  CHECK(ErrorOf("SELECT jsonb_object_agg(k, v) FROM (VALUES (NULL, 1)) t(k, v)") ==
        "22023 field name must not be null");
}

TEST_CASE("json casts") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Row0(conn, R"(SELECT '{"b":1,"a":2}'::json::jsonb, '{"b":1,"a":2}'::jsonb::json, '1.5'::jsonb::int,)"
                   R"( '1e3'::jsonb::float8, 'true'::jsonb::bool, '12.30'::jsonb::numeric, '{"a":1}'::jsonb::text,)"
                   R"( '{"a" : 1}'::json::text, '[1,2]'::text::jsonb)") ==
        Strings{R"({"a": 2, "b": 1})", R"({"a": 2, "b": 1})", "2", "1000", "t", "12.30", R"({"a": 1})", R"({"a" : 1})",
                "[1, 2]"});
  CHECK(ErrorOf("SELECT '{\"a\":1}'::jsonb::int") == "22023 cannot cast jsonb object to type integer");
  CHECK(ErrorOf("SELECT 'null'::jsonb::numeric") == "22023 cannot cast jsonb null to type numeric");
  CHECK(ErrorOf("SELECT '\"a\"'::jsonb::bool") == "22023 cannot cast jsonb string to type boolean");
}

TEST_CASE("json errors") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(ErrorOf("SELECT '{\"a\":x}'::json") == "22P02 invalid input syntax for type json / Token \"x\" is invalid.");
  CHECK(ErrorOf("SELECT '[1 2]'::jsonb") ==
        "22P02 invalid input syntax for type json / Expected \",\" or \"]\", but found \"2\".");
  CHECK(ErrorOf("SELECT '\"\\u0000\"'::jsonb") ==
        "22P05 unsupported Unicode escape sequence / \\u0000 cannot be converted to text.");
  CHECK(ErrorOf("SELECT '{}'::json = '{}'::json") == "42883 operator does not exist: json = json");
  CHECK(ErrorOf("SELECT DISTINCT j FROM (VALUES ('1'::json)) t(j)") ==
        "42883 could not identify an equality operator for type json");
  CHECK(ErrorOf("SELECT j FROM (VALUES ('1'::json)) t(j) ORDER BY j") ==
        "42883 could not identify an ordering operator for type json");
  CHECK(ErrorOf("SELECT count(*) FROM (VALUES ('1'::json)) t(j) GROUP BY j") ==
        "42883 could not identify an equality operator for type json");
  CHECK(ErrorOf("SELECT 1 -> 'a'") == "42883 operator does not exist: integer -> unknown");
  CHECK(ErrorOf("SELECT to_json('a')") == "42804 could not determine polymorphic type because input has type unknown");
  CHECK(ErrorOf("SELECT json_agg('a')") == "42804 could not determine polymorphic type because input has type unknown");
  CHECK(ErrorOf("SELECT '{}' -> 'a'") == "42725 operator is not unique: unknown -> unknown");
  CHECK(Scalar(conn, "SELECT '{\"a\": 1}' ? 'a'") == "t");
  CHECK(ErrorOf("SELECT jsonb_array_length('{}')") == "22023 cannot get array length of a non-array");
  CHECK(ErrorOf("SELECT json_array_length('1')") == "22023 cannot get array length of a scalar");
  CHECK(ErrorOf("SELECT '1'::jsonb - 'a'") == "22023 cannot delete from scalar");
  CHECK(ErrorOf("SELECT '{\"a\":1}'::jsonb - 1") == "22023 cannot delete from object using integer index");
  CHECK(ErrorOf("SELECT jsonb_set('[1]', '{x}', '2')") == "22P02 path element at position 1 is not an integer: \"x\"");
  CHECK(ErrorOf("SELECT jsonb_set('1', '{x}', '2')") == "22023 cannot set path in scalar");
  CHECK(ErrorOf("SELECT jsonb_build_object('a')") == "22023 argument list must have even number of elements");
  CHECK(ErrorOf("SELECT jsonb_build_object(null, 1)") == "22023 argument 1: key must not be null");
  CHECK(ErrorOf("SELECT json_build_object(ARRAY[1], 2)") ==
        "22023 key value must be scalar, not array, composite, or json");
}

TEST_CASE("json set-returning functions in FROM") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Column(conn, R"(SELECT value FROM jsonb_array_elements('[1, "a", {"b": null}]'))") ==
        Strings{"1", "\"a\"", R"({"b": null})"});
  CHECK(Column(conn, R"(SELECT value FROM json_array_elements('[1,  "a" ]'))") == Strings{"1", "\"a\""});
  CHECK(Column(conn, R"(SELECT x FROM jsonb_array_elements_text('["a", null, 1]') AS t(x))") ==
        Strings{"a", "NULL", "1"});
  CHECK(Column(conn, R"(SELECT key || '=' || value FROM jsonb_each('{"b": [1], "a": 1}'))") == Strings{"a=1", "b=[1]"});
  CHECK(Column(conn, R"(SELECT t.value FROM json_each_text('{"b": "x", "a": 1}') t)") == Strings{"x", "1"});
  CHECK(Column(conn, R"(SELECT * FROM jsonb_object_keys('{"bb": 1, "a": 2}'))") == Strings{"a", "bb"});
  CHECK(Column(conn, R"(SELECT k FROM json_object_keys('{"bb": 1, "a": 2}') k)") == Strings{"bb", "a"});
  CHECK(ErrorOf("SELECT * FROM jsonb_array_elements('{}')") == "22023 cannot extract elements from an object");
  CHECK(ErrorOf("SELECT * FROM jsonb_each('[]')") == "22023 cannot call jsonb_each on a non-object");
  CHECK(ErrorOf("SELECT * FROM jsonb_object_keys('1')") == "22023 cannot call jsonb_object_keys on a scalar");
  CHECK(ErrorOf("SELECT * FROM json_each('[]')") == "22023 cannot deconstruct an array as an object");
}

// libpq with resultFormat 1: json_send is the text, jsonb_send a version byte 1 and the text.
TEST_CASE("binary json results") {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(SharedTarget::Get().ConnString().c_str()), PQfinish);
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
  std::unique_ptr<PGresult, decltype(&PQclear)> res(
      PQexecParams(conn.get(), R"(SELECT '{"b":1, "a":2}'::json, '{"b":1, "a":2}'::jsonb)", 0, nullptr, nullptr,
                   nullptr, nullptr, 1),
      PQclear);
  REQUIRE(PQresultStatus(res.get()) == PGRES_TUPLES_OK);
  CHECK(std::string(PQgetvalue(res.get(), 0, 0), PQgetlength(res.get(), 0, 0)) == R"({"b":1, "a":2})");
  CHECK(std::string(PQgetvalue(res.get(), 0, 1), PQgetlength(res.get(), 0, 1)) == "\x01{\"a\": 2, \"b\": 1}");
  const std::string param = "\x01[1, 2]";
  const char* values[] = {param.data()};
  const int lengths[] = {static_cast<int>(param.size())};
  const int formats[] = {1};
  const Oid types[] = {3802};
  res.reset(PQexecParams(conn.get(), "SELECT $1 -> 1", 1, types, values, lengths, formats, 0));
  INFO(std::string(PQresultErrorMessage(res.get())));
  REQUIRE(PQresultStatus(res.get()) == PGRES_TUPLES_OK);
  CHECK(std::string(PQgetvalue(res.get(), 0, 0)) == "2");
}

TEST_CASE("jsonb columns survive a restart" * doctest::skip(IsExternal())) {
  ServerProcess server;
  {
    pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
    Exec(conn, "CREATE TABLE json_durable (j json, b jsonb, a jsonb[])");
    Exec(conn, R"(INSERT INTO json_durable VALUES ('{"z":1, "a":2}', '{"z":1, "a":2}', ARRAY['[1]'::jsonb, NULL]))");
  }
  CHECK(server.Stop() == 0);
  server.Start();
  pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
  CHECK(Row0(conn, "SELECT j, b, a FROM json_durable") ==
        Strings{R"({"z":1, "a":2})", R"({"a": 2, "z": 1})", R"({[1],NULL})"});
}

}  // namespace
}  // namespace lumadb::integration
