// Several clients at once: interleaved sessions, and a garbage startup packet that must only cost its own
// connection.
#include <string>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "raw_client.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

TEST_CASE("two sessions interleave and see each other's committed data") {
  const auto& target = SharedTarget::Get();
  pqxx::connection a(target.ConnString());
  pqxx::connection b(target.ConnString());
  const std::string ta = TableName("sess_a");
  const std::string tb = TableName("sess_b");
  Exec(a, "DROP TABLE IF EXISTS " + ta + ", " + tb);
  Exec(a, "CREATE TABLE " + ta + " (id integer)");
  Exec(b, "CREATE TABLE " + tb + " (id integer)");

  // Separate tables, so even strict 2PL lets both blocks run at once.
  Exec(a, "BEGIN");
  Exec(b, "BEGIN");
  Exec(a, "INSERT INTO " + ta + " VALUES (1), (2)");
  Exec(b, "INSERT INTO " + tb + " VALUES (10)");
  Exec(a, "INSERT INTO " + ta + " VALUES (3)");
  Exec(b, "ROLLBACK");
  Exec(a, "COMMIT");

  CHECK(Scalar(b, "SELECT count(*) FROM " + ta) == "3");
  CHECK(Scalar(a, "SELECT count(*) FROM " + tb) == "0");
  Exec(b, "INSERT INTO " + tb + " VALUES (20)");
  CHECK(Scalar(a, "SELECT sum(id) FROM " + tb) == "20");
  // A failed statement in one session does not disturb the other.
  CHECK(SqlStateOf(a, "SELECT 1 / 0") == "22012");
  CHECK(Scalar(b, "SELECT count(*) FROM " + ta) == "3");
  Exec(a, "DROP TABLE " + ta + ", " + tb);
}

TEST_CASE("extra_float_digits applies to the session's float output until changed") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CHECK(Scalar(conn, "SELECT 1.0 / 3::float8") == "0.3333333333333333");
  Exec(conn, "SET extra_float_digits = 0");
  CHECK(Scalar(conn, "SELECT 1.0 / 3::float8") == "0.333333333333333");
  CHECK(Scalar(conn, "SELECT 123456789::float4") == "1.23457e+08");
  pqxx::connection other(SharedTarget::Get().ConnString());
  CHECK(Scalar(other, "SELECT 1.0 / 3::float8") == "0.3333333333333333");
  Exec(conn, "RESET extra_float_digits");
  CHECK(Scalar(conn, "SELECT 1.0 / 3::float8") == "0.3333333333333333");
}

TEST_CASE("a garbage startup packet closes only its own connection") {
  const auto& target = SharedTarget::Get();
  pqxx::connection before(target.ConnString());

  SUBCASE("HTTP request instead of a startup packet") {
    RawConnection raw(target.endpoint());
    raw.Send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    CHECK(raw.WaitClosed());
  }
  SUBCASE("unknown protocol version") {
    RawConnection raw(target.endpoint());
    raw.Send(std::string("\0\0\0\x08\x12\x34\x56\x78", 8));
    CHECK(raw.WaitClosed());
  }
  SUBCASE("oversized length") {
    RawConnection raw(target.endpoint());
    raw.Send(std::string("\x7f\xff\xff\xff\0\x03\0\0", 8));
    CHECK(raw.WaitClosed());
  }
  SUBCASE("truncated packet then hang-up") {
    RawConnection raw(target.endpoint());
    raw.Send(std::string("\0\0\0\x40\0\x03\0\0user\0", 13));
  }

  // The established session and new sessions keep working.
  CHECK(Scalar(before, "SELECT 1 + 1") == "2");
  pqxx::connection after(target.ConnString());
  CHECK(Scalar(after, "SELECT 'still serving'") == "still serving");
}

}  // namespace
}  // namespace lumadb::integration
