// Catalog queries drivers send by themselves: pg_type of the built-in types, and pgjdbc's field-metadata query
// (ResultSetMetaData.getColumnTypeName/isAutoIncrement/isNullable), which joins pg_class, pg_namespace,
// pg_attribute, pg_type and pg_attrdef through pg_get_expr. Expected rows are PostgreSQL 15's.
#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

TEST_CASE("pg_type has PostgreSQL's rows for the built-in types") {
  TestSession s;
  CHECK(s.Rows("SELECT typname, typlen, typbyval, typtype, typcategory, typelem, typarray FROM pg_type "
               "WHERE oid IN (19, 1700, 705) ORDER BY oid") ==
        Rows{"name|64|f|b|S|18|1003", "unknown|-2|f|p|X|0|0", "numeric|-1|f|b|N|0|1231"});
  CHECK(s.Rows("SELECT t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid "
               "WHERE n.nspname = 'pg_catalog' AND t.oid = 2950") == Rows{"uuid"});
  CHECK(s.Rows("SELECT count(*) FROM pg_type WHERE typispreferred") == Rows{"6"});
  // The array types, linked both ways to their elements.
  CHECK(s.Rows("SELECT typname, typlen, typbyval, typtype, typcategory, typelem, typarray, typalign, typstorage, "
               "typcollation FROM pg_type WHERE oid IN (1007, 1009, 1003, 1016, 2951) ORDER BY oid") ==
        Rows{"_name|-1|f|b|A|19|0|i|x|950", "_int4|-1|f|b|A|23|0|i|x|0", "_text|-1|f|b|A|25|0|i|x|100",
             "_int8|-1|f|b|A|20|0|d|x|0", "_uuid|-1|f|b|A|2950|0|i|x|0"});
  CHECK(s.Rows("SELECT count(*) FROM pg_type e JOIN pg_type a ON a.oid = e.typarray AND a.typelem = e.oid") ==
        Rows{"25"});
  CHECK(s.Rows("SELECT oid, typname, typlen, typcategory, typelem, typarray, typalign, typstorage FROM pg_type "
               "WHERE oid IN (114, 199, 3802, 3807) ORDER BY oid") ==
        Rows{"114|json|-1|U|0|199|i|x", "199|_json|-1|A|114|0|i|x", "3802|jsonb|-1|U|0|3807|i|x",
             "3807|_jsonb|-1|A|3802|0|i|x"});
}

TEST_CASE("pgjdbc's field-metadata query: serial, NOT NULL and a plain default") {
  TestSession s;
  s.Run("CREATE TABLE up (id serial PRIMARY KEY, v varchar(20) NOT NULL, q int DEFAULT 7)");
  // pgjdbc writes the table OID of RowDescription as an integer literal.
  const std::string oid = s.Rows("SELECT oid FROM pg_class WHERE relname = 'up'").at(0);
  CHECK(s.Rows("SELECT a.attnum, a.attname, c.relname, n.nspname, a.attnotnull OR (t.typtype = 'd' AND "
               "t.typnotnull), a.attidentity != '' OR pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%', "
               "t.typname, pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace "
               "n ON (c.relnamespace = n.oid) JOIN pg_catalog.pg_attribute a ON (c.oid = a.attrelid) JOIN "
               "pg_catalog.pg_type t ON (a.atttypid = t.oid) LEFT JOIN pg_catalog.pg_attrdef d ON (d.adrelid = "
               "a.attrelid AND d.adnum = a.attnum) JOIN (SELECT " +
               oid + " AS oid, 1 AS attnum UNION ALL SELECT " + oid + ", 2 UNION ALL SELECT " + oid +
               ", 3) vals ON (c.oid = vals.oid AND a.attnum = vals.attnum) ORDER BY 1") ==
        Rows{"1|id|up|public|t|t|int4|nextval('up_id_seq'::regclass)", "2|v|up|public|t|NULL|varchar|NULL",
             "3|q|up|public|f|f|int4|7"});
}

TEST_CASE("oid compares with integers as oid, and is the common type of oid and integers") {
  TestSession s;
  CHECK(s.Rows("SELECT x FROM (SELECT 5::oid AS x UNION ALL SELECT 7) u ORDER BY x") == Rows{"5", "7"});
  CHECK(s.sink().columns_.at(0).type.id == lumadb::TypeId::kOid);
  CHECK(s.Rows("SELECT 5::oid = 5::int8, 5::oid < 7, 4294967295::oid > 1, 5::oid = 5::int2, 4294967295::oid = -1") ==
        Rows{"t|t|t|t|t"});
}
