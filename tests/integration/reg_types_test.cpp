// regclass, regtype and void (PostgreSQL 15 regproc.c) and numeric ±Infinity through SQL: literals, casts,
// columns, indexes, search-path-dependent output, errors; expectations from PostgreSQL 15 for the same
// statements.
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using Strings = std::vector<std::string>;

TEST_CASE("regclass names relations along the search path, qualified when not visible") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "DROP SCHEMA IF EXISTS rs CASCADE; DROP TABLE IF EXISTS rt; DROP TABLE IF EXISTS \"Weird Name\"");
  Exec(conn, "CREATE SCHEMA rs; CREATE TABLE rs.hidden (a int); CREATE TABLE rt (id int PRIMARY KEY, r regclass)");
  Exec(conn, "CREATE TABLE \"Weird Name\" (a int)");
  CHECK(Scalar(conn, "SELECT 'rt'::regclass") == "rt");
  CHECK(Scalar(conn, "SELECT '  RT  '::regclass") == "rt");
  CHECK(Scalar(conn, "SELECT 'rs.hidden'::regclass") == "rs.hidden");
  CHECK(Scalar(conn, "SELECT 'rt_pkey'::regclass") == "rt_pkey");  // an index is a relation too
  CHECK(Scalar(conn, "SELECT '\"Weird Name\"'::regclass") == "\"Weird Name\"");
  CHECK(Scalar(conn, "SELECT 'pg_class'::regclass::oid") == "1259");
  CHECK(Scalar(conn, "SELECT 1259::regclass") == "pg_class");
  CHECK(Scalar(conn, "SELECT 0::regclass") == "-");
  CHECK(Scalar(conn, "SELECT 99999::regclass") == "99999");
  CHECK(Scalar(conn, "SELECT '-'::regclass::oid") == "0");
  CHECK(Scalar(conn, "SELECT count(*) FROM pg_class WHERE oid = 'rt'::regclass") == "1");
  CHECK(Scalar(conn, "SELECT relname FROM pg_class WHERE oid = 'rs.hidden'::regclass") == "hidden");
  CHECK(Scalar(conn, "SELECT 'pg_class'::regclass = 1259") == "t");
  CHECK(Scalar(conn, "SELECT 'pg_class'::regclass::text || '!'") == "pg_class!");
  CHECK(Scalar(conn, "SELECT 'pg_class'::text::regclass::int8") == "1259");
  CHECK(Scalar(conn, "SELECT '{rt,pg_class}'::regclass[]") == "{rt,pg_class}");
  // Stored as an OID: the name printed follows renames and the search path of the reader.
  Exec(conn, "INSERT INTO rt VALUES (1, 'rs.hidden'), (2, 'rt')");
  CHECK(Column(conn, "SELECT r FROM rt ORDER BY id") == Strings{"rs.hidden", "rt"});
  CHECK(Column(conn, "SET search_path = rs, public; SELECT r FROM rt ORDER BY id") == Strings{"hidden", "rt"});
  Exec(conn, "RESET search_path");
  Exec(conn, "ALTER TABLE rs.hidden RENAME TO shown");
  CHECK(Column(conn, "SELECT r FROM rt ORDER BY id") == Strings{"rs.shown", "rt"});

  CHECK(SqlStateOf(conn, "SELECT 'nosuch'::regclass") == "42P01");
  CHECK(SqlStateOf(conn, "SELECT 'public.nosuch'::regclass") == "42P01");
  CHECK(SqlStateOf(conn, "SELECT 'Foo.bar'::regclass") == "3F000");
  CHECK(SqlStateOf(conn, "SELECT 'a..b'::regclass") == "42602");
  CHECK(SqlStateOf(conn, "SELECT ''::regclass") == "42602");
  CHECK(SqlStateOf(conn, "SELECT 'a.b.c'::regclass") == "0A000");
  CHECK(SqlStateOf(conn, "SELECT 'a.b.c.d'::regclass") == "42601");
  try {
    Exec(conn, "SELECT 'NoSuch'::regclass");
    FAIL("no error");
  } catch (const pqxx::sql_error& e) {
    CHECK(std::string(e.what()).find("relation \"nosuch\" does not exist") != std::string::npos);
  }
  Exec(conn, "DROP SCHEMA rs CASCADE; DROP TABLE rt; DROP TABLE \"Weird Name\"");
}

TEST_CASE("regtype reads SQL type names and prints format_type; void prints empty") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Scalar(conn, "SELECT 'int4[]'::regtype") == "integer[]");
  CHECK(Scalar(conn, "SELECT 'varchar(10)'::regtype") == "character varying");
  CHECK(Scalar(conn, "SELECT 'double precision'::regtype") == "double precision");
  CHECK(Scalar(conn, "SELECT '_int4'::regtype") == "integer[]");
  CHECK(Scalar(conn, "SELECT 'pg_catalog.int4'::regtype") == "integer");
  CHECK(Scalar(conn, "SELECT ' int4 '::regtype") == "integer");
  CHECK(Scalar(conn, "SELECT 'timestamptz'::regtype::oid") == "1184");
  CHECK(Scalar(conn, "SELECT 1043::regtype") == "character varying");
  CHECK(Scalar(conn, "SELECT 2278::regtype") == "void");
  CHECK(Scalar(conn, "SELECT 0::regtype") == "-");
  CHECK(Scalar(conn, "SELECT '{int4,text}'::regtype[]") == "{integer,text}");
  CHECK(Scalar(conn, "SELECT 'numeric'::regtype || '!'") == "numeric!");
  CHECK(Scalar(conn, "SELECT typname FROM pg_type WHERE oid = 'regclass'::regtype") == "regclass");
  CHECK(SqlStateOf(conn, "SELECT 'nosuch'::regtype") == "42704");
  CHECK(SqlStateOf(conn, "SELECT 'int4 foo'::regtype") == "42601");

  CHECK(Scalar(conn, "SELECT ''::void") == "");
  CHECK(Scalar(conn, "SELECT ''::void IS NULL") == "f");
  CHECK(Scalar(conn, "SELECT pg_typeof(''::void)") == "void");
  CHECK(Scalar(conn, "SELECT pg_typeof('pg_class'::regclass)") == "regclass");
  CHECK(Column(conn, "SELECT pg_typeof(v) FROM (VALUES (1)) AS t(v) UNION ALL SELECT pg_typeof('a')") ==
        Strings{"integer", "unknown"});
  CHECK(Scalar(conn, "SELECT pg_typeof(1.5::numeric(5,2)) || ' ' || pg_typeof('x'::varchar(3))") ==
        "numeric character varying");
  CHECK(Scalar(conn, "SELECT pg_typeof(ARRAY[1])") == "integer[]");
  CHECK(SqlStateOf(conn, "CREATE TABLE void_col (v void)") == "42P16");
  pqxx::work tx(conn);
  pqxx::result r = tx.exec("SELECT 'pg_class'::regclass, 'int4'::regtype, ''::void");
  CHECK(r.column_type(0) == 2205);
  CHECK(r.column_type(1) == 2206);
  CHECK(r.column_type(2) == 2278);
}

TEST_CASE("current_schemas lists the search path's existing schemas, pg_catalog first when implicit") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Scalar(conn, "SELECT current_schemas(true)") == "{pg_catalog,public}");
  CHECK(Scalar(conn, "SELECT current_schemas(false)") == "{public}");
  CHECK(Scalar(conn, "SELECT pg_typeof(current_schemas(true))") == "name[]");
  CHECK(Scalar(conn, "SELECT current_schemas(NULL)") == "NULL");
  Exec(conn, "SET search_path = nosuch, public, pg_catalog");
  CHECK(Scalar(conn, "SELECT current_schemas(true)") == "{public,pg_catalog}");
  CHECK(Scalar(conn, "SELECT (current_schemas(true))[1]") == "public");
  CHECK(Scalar(conn, "SELECT current_schema()") == "public");
  // pgjdbc's getObject on time and interval columns asks this.
  CHECK(Scalar(conn, "SELECT 'pg_catalog' = ANY(current_schemas(true))") == "t");
  Exec(conn, "RESET search_path");
}

TEST_CASE("numeric Infinity and -Infinity: input, output, ordering, indexes and arithmetic") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("numinf");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int PRIMARY KEY, n numeric)");
  Exec(conn, "CREATE INDEX ON " + t + " (n)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, 'inf'), (2, '-Infinity'), (3, 'NaN'), (4, 42)");
  CHECK(Column(conn, "SELECT n FROM " + t + " ORDER BY n") == Strings{"-Infinity", "42", "Infinity", "NaN"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE n > 1000 ORDER BY n") == Strings{"1", "3"});
  CHECK(Scalar(conn, "SELECT sum(n) FROM " + t + " WHERE id <> 3") == "NaN");
  CHECK(Scalar(conn, "SELECT avg(n) FROM " + t + " WHERE id IN (1, 4)") == "Infinity");
  CHECK(Scalar(conn, "SELECT '{inf,-inf,1.5}'::numeric[]") == "{Infinity,-Infinity,1.5}");
  CHECK(Scalar(conn, "SELECT 'inf'::numeric + '-inf'") == "NaN");
  CHECK(Scalar(conn, "SELECT 1::numeric / 'inf'") == "0");
  CHECK(Scalar(conn, "SELECT 5::numeric % 'inf'") == "5");
  CHECK(Scalar(conn, "SELECT (-2)::numeric ^ 'inf'::numeric") == "Infinity");
  CHECK(Scalar(conn, "SELECT 'inf'::float8::numeric") == "Infinity");
  CHECK(Scalar(conn, "SELECT '-inf'::numeric::float8") == "-Infinity");
  CHECK(Scalar(conn, "SELECT floor('inf'::numeric)") == "Infinity");
  CHECK(Scalar(conn, "SELECT sign('-inf'::numeric)") == "-1");
  CHECK(Scalar(conn, "SELECT sign('nan'::numeric)") == "NaN");
  CHECK(Scalar(conn, "SELECT extract(year from 'infinity'::timestamp)") == "Infinity");
  CHECK(SqlStateOf(conn, "SELECT 'inf'::numeric::int") == "0A000");
  CHECK(SqlStateOf(conn, "SELECT 'inf'::numeric / 0") == "22012");
  CHECK(SqlStateOf(conn, "SELECT 'inf'::numeric(10,2)") == "22003");
  CHECK(SqlStateOf(conn, "SELECT * FROM generate_series(1::numeric, 'inf'::numeric)") == "22023");
  Exec(conn, "DROP TABLE " + t);
}

}  // namespace
}  // namespace lumadb::integration
