// ALTER TABLE on populated tables: columns added, dropped, renamed and retyped keep the data; constraint
// additions validate the existing rows with PostgreSQL's errors.
#include <string>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

TEST_CASE("ALTER TABLE keeps the data of a populated table") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("alter");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (a int, b text, c int)");
  Exec(conn, "INSERT INTO " + t + " SELECT g, 'v' || g, g * 10 FROM generate_series(1, 500) AS g");
  Exec(conn, "ALTER TABLE " + t + " ADD COLUMN d int");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE d IS NULL") == "500");
  Exec(conn, "ALTER TABLE " + t + " ADD COLUMN e int DEFAULT 7");
  CHECK(Scalar(conn, "SELECT sum(e) FROM " + t) == "3500");
  Exec(conn, "ALTER TABLE " + t + " DROP COLUMN b");
  CHECK(Scalar(conn, "SELECT sum(a) || ':' || sum(c) FROM " + t) == "125250:1252500");
  Exec(conn, "ALTER TABLE " + t + " RENAME COLUMN c TO cc");
  CHECK(Scalar(conn, "SELECT cc FROM " + t + " WHERE a = 3") == "30");
  Exec(conn, "ALTER TABLE " + t + " ALTER COLUMN cc TYPE bigint");
  Exec(conn, "ALTER TABLE " + t + " ALTER COLUMN a TYPE text USING 'x' || a::text");
  CHECK(Scalar(conn, "SELECT cc FROM " + t + " WHERE a = 'x3'") == "30");
  Exec(conn, "INSERT INTO " + t + " (a, cc) VALUES ('big', 5000000000)");  // fits bigint only
  CHECK(Scalar(conn, "SELECT cc FROM " + t + " WHERE a = 'big'") == "5000000000");
  Exec(conn, "DELETE FROM " + t + " WHERE a = 'big'");
  Exec(conn, "ALTER TABLE " + t + " ALTER COLUMN e SET DEFAULT 9");
  Exec(conn, "INSERT INTO " + t + " (a) VALUES ('new')");
  CHECK(Scalar(conn, "SELECT e FROM " + t + " WHERE a = 'new'") == "9");
  Exec(conn, "ALTER TABLE " + t + " RENAME TO " + t + "_r");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + "_r") == "501");
  Exec(conn, "DROP TABLE " + t + "_r");
}

TEST_CASE("ALTER TABLE constraint additions validate the rows") {
  PqConnection raw(SharedTarget::Get().ConnString());
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("alter_c");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, v text, n int)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, NULL, 1), (2, 'x', 1), (2, 'y', 2)");
  CHECK(raw.Run("ALTER TABLE " + t + " ADD PRIMARY KEY (id)") == "23505");
  CHECK(raw.error_message() == "could not create unique index \"" + t + "_pkey\"");
  CHECK(raw.error_detail() == "Key (id)=(2) is duplicated.");
  CHECK(raw.Run("ALTER TABLE " + t + " ALTER COLUMN v SET NOT NULL") == "23502");
  CHECK(raw.error_message() == "column \"v\" of relation \"" + t + "\" contains null values");
  CHECK(raw.Run("ALTER TABLE " + t + " ADD CONSTRAINT n_big CHECK (n > 1)") == "23514");
  CHECK(raw.error_message() == "check constraint \"n_big\" of relation \"" + t + "\" is violated by some row");
  CHECK(raw.Run("ALTER TABLE " + t + " ADD COLUMN id int") == "42701");
  CHECK(raw.Run("ALTER TABLE " + t + " DROP COLUMN nope") == "42703");
  CHECK(raw.Run("ALTER TABLE " + t + " DROP CONSTRAINT nope") == "42704");
  // After fixing the data the same commands succeed, and the key is enforced.
  Exec(conn, "UPDATE " + t + " SET id = 3, v = 'z' WHERE n = 2");
  Exec(conn, "UPDATE " + t + " SET v = 'w' WHERE v IS NULL");
  CHECK(raw.Run("ALTER TABLE " + t + " ADD PRIMARY KEY (id)") == "");
  CHECK(raw.tag() == "ALTER TABLE");
  CHECK(raw.Run("ALTER TABLE " + t + " ALTER COLUMN v SET NOT NULL") == "");
  CHECK(raw.Run("INSERT INTO " + t + " VALUES (3, 'q', 5)") == "23505");
  CHECK(raw.Run("INSERT INTO " + t + " VALUES (4, NULL, 5)") == "23502");
  CHECK(raw.Run("ALTER TABLE " + t + " DROP CONSTRAINT " + t + "_pkey") == "");
  CHECK(raw.Run("INSERT INTO " + t + " VALUES (3, 'q', 5)") == "");
  Exec(conn, "DROP TABLE " + t);
}

}  // namespace
}  // namespace lumadb::integration
