// Subscripted assignment (UPDATE ... SET a[i][j] / a[lo:hi]), array_agg and
// ARRAY(SELECT) over arrays, string_to_table, array_fill and unique indexes on array columns, through
// the real server, as PostgreSQL 15 gives them. Run with LUMADB_TEST_EXTERNAL=host:port of a PostgreSQL 15
// to prove the expectations.
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using Strings = std::vector<std::string>;

TEST_CASE("UPDATE of array elements and slices") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("arr_assign");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int PRIMARY KEY, a int[], b int[])");
  Exec(conn, "INSERT INTO " + t + " (id) VALUES (1), (2)");
  Exec(conn, "UPDATE " + t + " SET a[1:3] = '{1,2,3}', b[1:2][1:2] = '{{1,2},{3,4}}' WHERE id = 1");
  Exec(conn, "UPDATE " + t + " SET a[2] = 20, a[4] = 40 WHERE id = 2");
  CHECK(Rows(conn, "SELECT a, b FROM " + t + " ORDER BY id") ==
        Strings{"{1,2,3}|{{1,2},{3,4}}", "[2:4]={20,NULL,40}|NULL"});
  Exec(conn, "UPDATE " + t + " SET a[5] = 50, b[2][1] = 30 WHERE id = 1");
  Exec(conn, "UPDATE " + t + " SET a[-1:0] = '{-1,0}' WHERE id = 2");
  CHECK(Rows(conn, "SELECT a, b FROM " + t + " ORDER BY id") ==
        Strings{"{1,2,3,NULL,50}|{{1,2},{30,4}}", "[-1:4]={-1,0,NULL,20,NULL,40}|NULL"});
  Exec(conn, "UPDATE " + t + " SET b[1:2][2:] = '{9,8}' WHERE id = 1");
  CHECK(Scalar(conn, "SELECT b FROM " + t + " WHERE id = 1") == "{{1,9},{30,8}}");
  CHECK(ErrorOf(conn, "UPDATE " + t + " SET b[3][1] = 1 WHERE id = 1") == "2202E: array subscript out of range");
  CHECK(ErrorOf(conn, "UPDATE " + t + " SET b[1:2][2] = '{1}' WHERE id = 1") == "2202E: source array too small");
  CHECK(ErrorOf(conn, "UPDATE " + t + " SET a[NULL] = 1") == "22004: array subscript in assignment must not be null");
  CHECK(ErrorOf(conn, "UPDATE " + t + " SET a[1:2] = 7") ==
        "42804: subscripted assignment to \"a\" requires type integer[] but expression is of type integer");
  CHECK(SqlStateOf(conn, "UPDATE " + t + " SET a[2147483646:2147483647] = array[4,2] WHERE id = 2") == "54000");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("array_agg and ARRAY(SELECT) over arrays, string_to_table and array_fill") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Scalar(conn, "SELECT array_agg(ar) FROM (VALUES ('{1,2}'::int[]), ('{3,4}'::int[])) v(ar)") == "{{1,2},{3,4}}");
  CHECK(Scalar(conn, "SELECT array(SELECT array[i, i * 10] FROM generate_series(1, 3) i)") == "{{1,10},{2,20},{3,30}}");
  CHECK(ErrorOf(conn, "SELECT array_agg(ar) FROM (VALUES ('{1,2}'::int[]), ('{3}'::int[])) v(ar)") ==
        "2202E: cannot accumulate arrays of different dimensionality");
  CHECK(Column(conn, "SELECT v FROM string_to_table('1,2,,4', ',', '') AS v") == Strings{"1", "2", "NULL", "4"});
  CHECK(Scalar(conn, "SELECT array_fill(7, array[2,2], array[0,3])") == "[0:1][3:4]={{7,7},{7,7}}");
  CHECK(Scalar(conn, "SELECT width_bucket(5, array[1,3,5,7])") == "3");
}

TEST_CASE("unique index on an array column orders and dedups arrays as array_cmp") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("arr_unique");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (f1 int[] UNIQUE)");
  Exec(conn, "INSERT INTO " + t + " VALUES ('{1,2,3}'), ('{1,2}'), ('{2,3,4}'), ('{1,5,3}'), ('{1,2,10}')");
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " VALUES ('{1,2,3}')") == "23505");
  CHECK(Column(conn, "SELECT f1 FROM " + t + " WHERE f1 > '{1,2,3}' AND f1 <= '{1,5,3}' ORDER BY f1") ==
        Strings{"{1,2,10}", "{1,5,3}"});
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("INSERT with subscripted target columns") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("arr_insert");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, a int[], b int[])");
  Exec(conn, "INSERT INTO " + t + " (id, a[1:3], b[1:2][1:2]) VALUES (1, '{1,2,3}', '{{1,2},{3,4}}')");
  Exec(conn, "INSERT INTO " + t + " (id, a[2], a[4]) VALUES (2, 20, 40)");
  Exec(conn, "INSERT INTO " + t + " (id, a[1][2]) SELECT 3, 5");
  Exec(conn, "INSERT INTO " + t + " (id, a[1:2]) VALUES (6, '{6,7,8}')");
  CHECK(Rows(conn, "SELECT id, a, b FROM " + t + " ORDER BY id") ==
        Strings{"1|{1,2,3}|{{1,2},{3,4}}", "2|[2:4]={20,NULL,40}|NULL", "3|[1:1][2:2]={{5}}|NULL", "6|{6,7}|NULL"});
  CHECK(ErrorOf(conn, "INSERT INTO " + t + " (id, a, a[1]) VALUES (4, '{1}', 2)") ==
        "42701: column \"a\" specified more than once");
  CHECK(ErrorOf(conn, "INSERT INTO " + t + " (id, a[0:2147483647]) VALUES (5, '{}')") ==
        "54000: array size exceeds the maximum allowed (134217727)");
  Exec(conn, "DROP TABLE " + t);
}

}  // namespace
}  // namespace lumadb::integration
