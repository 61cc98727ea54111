// The function library through SQL: to_char/to_number/to_date/to_timestamp, format(), string, float8 and
// numeric functions, make_date/date_bin, with values, SQLSTATEs and messages as PostgreSQL 15 gives them
// (LUMADB_TEST_EXTERNAL=host:port of a PostgreSQL 15 proves them).
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

using Cases = std::vector<std::pair<std::string, std::string>>;

void CheckScalars(pqxx::connection& conn, const Cases& cases) {
  for (const auto& [sql, want] : cases) {
    CAPTURE(sql);
    CHECK(Scalar(conn, "SELECT " + sql) == want);
  }
}

// The first line of the error message `sql` raises.
std::string MessageOf(pqxx::connection& conn, const std::string& sql) {
  try {
    Exec(conn, sql);
  } catch (const pqxx::sql_error& e) {
    std::string message = e.what();
    message = message.substr(0, message.find('\n'));
    return message.rfind("ERROR:  ", 0) == 0 ? message.substr(8) : message;
  }
  return "";
}

TEST_CASE("to_char, to_number, to_date and to_timestamp") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "SET TimeZone = 'UTC'");
  CheckScalars(conn, {
                         {"to_char(timestamp '2020-03-05 14:07:09', 'FMDay, DDth FMMonth YYYY HH12:MI AM')",
                          "Thursday, 05th March 2020 02:07 PM"},
                         {"to_char(date '2020-03-05', 'IYYY-IW-ID')", "2020-10-4"},
                         {"to_char(interval '1 day 02:03:04', 'DD HH24:MI:SS')", "01 02:03:04"},
                         {"to_char(1234.5678, 'FM9,999.99')", "1,234.57"},
                         {"to_char(-42, '999PR')", " <42>"},
                         {"to_char(2024, 'RN')", "         MMXXIV"},
                         {"to_char(0.000123::float8, '9.99EEEE')", " 1.23e-04"},
                         {"to_number('12,454.8-', '99G999D9S')", "-12454.8"},
                         {"to_date('2011 12 18', 'YYYY MM DD')", "2011-12-18"},
                         {"to_timestamp('18 Dec 2011 11:38 PM', 'DD Mon YYYY HH12:MI PM')", "2011-12-18 23:38:00+00"},
                         {"to_timestamp(0)", "1970-01-01 00:00:00+00"},
                     });
  CHECK(SqlStateOf(conn, "SELECT to_date('31 Feb 2000', 'DD Mon YYYY')") == "22008");
  CHECK(MessageOf(conn, "SELECT to_timestamp('13:00', 'HH12:MI')") == "hour \"13\" is invalid for the 12-hour clock");
  CHECK(SqlStateOf(conn, "SELECT to_char(interval '1 day', 'Day')") == "22007");
  CHECK(MessageOf(conn, "SELECT to_char(1, '9.9.9')") == "multiple decimal points");
}

TEST_CASE("format() and the string functions") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CheckScalars(conn, {
                         {"format('%s, %I, %L, %%', 'hi', 'My Col', 'it''s')", "hi, \"My Col\", 'it''s', %"},
                         {"format('%2$s %1$s', 'a', 'b')", "b a"},
                         {"format('|%-5s|%5s|%*s|', 'l', 'r', 3, 'x')", "|l    |    r|  x|"},
                         {"format('%L', NULL)", "NULL"},
                         {"concat_ws('-', 1, NULL, 'x')", "1-x"},
                         {"lpad('hi', 5, 'xy') || rpad('hi', 3)", "xyxhihi "},
                         {"split_part('a,b,c', ',', -2)", "b"},
                         {"translate('12345', '143', 'ax')", "a2x5"},
                         {"initcap('hello WORLD')", "Hello World"},
                         {"reverse('abc') || to_hex(255) || chr(65) || ascii('a')", "cbaffA97"},
                         {"md5('abc')", "900150983cd24fb0d6963f7d28e17f72"},
                         {"quote_ident('select') || quote_literal(E'a\\\\b') || quote_nullable(NULL)",
                          "\"select\"E'a\\\\b'NULL"},
                         {"unistr('d\\0061t\\+000061')", "data"},
                     });
  CHECK(Scalar(conn, "SELECT 'abc' SIMILAR TO '(a|x)%' AND 'a_c' SIMILAR TO 'a#_c' ESCAPE '#'") == "t");
  CHECK(Scalar(conn, "SELECT 'abc' NOT SIMILAR TO '_b_'") == "f");
  CHECK(MessageOf(conn, "SELECT format('%s %s', 'a')") == "too few arguments for format()");
  CHECK(SqlStateOf(conn, "SELECT format('%I', NULL)") == "22004");
  CHECK(MessageOf(conn, "SELECT split_part('a', ',', 0)") == "field position must not be zero");
  CHECK(SqlStateOf(conn, "SELECT chr(0)") == "54000");
}

TEST_CASE("float8 and numeric functions") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CheckScalars(conn, {
                         {"sind(30) + cosd(60) + tand(45)", "2"},
                         {"atan2d(1, 1)", "45"},
                         {"cbrt(64::float8)", "4"},
                         {"power(float8 '-inf', 3)", "-Infinity"},
                         {"sqrt(2.0)", "1.414213562373095"},
                         {"exp(1.0)", "2.7182818284590452"},
                         {"ln(2.0)", "0.6931471805599453"},
                         {"log(2.0, 64.0)", "6.0000000000000000"},
                         {"scale(1.230) || ' ' || min_scale(1.230) || ' ' || trim_scale(1.230)", "3 2 1.23"},
                         {"div(-7.5, 2)", "-3"},
                         {"factorial(20)", "2432902008176640000"},
                         {"gcd(12, 18) * lcm(4, 6)", "72"},
                         {"width_bucket(5.35, 0.024, 10.06, 5)", "3"},
                         {"'4.4e131071'::numeric > 0", "t"},
                     });
  CHECK(MessageOf(conn, "SELECT ln(0.0)") == "cannot take logarithm of zero");
  CHECK(SqlStateOf(conn, "SELECT ln(-1::float8)") == "2201E");
  CHECK(SqlStateOf(conn, "SELECT asind(2)") == "22003");
  CHECK(SqlStateOf(conn, "SELECT width_bucket(1, 1, 1, 1)") == "2201G");
  CHECK(MessageOf(conn, "SELECT '1e131072'::numeric") == "value overflows numeric format");
}

TEST_CASE("make_date, make_time, isfinite and date_bin") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  CheckScalars(conn, {
                         {"make_date(-44, 3, 15)", "0044-03-15 BC"},
                         {"make_time(8, 15, 23.5)", "08:15:23.5"},
                         {"isfinite(date 'infinity')", "f"},
                         {"date_bin('15 minutes', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01')",
                          "2020-02-11 15:30:00"},
                     });
  CHECK(MessageOf(conn, "SELECT make_date(2013, 2, 30)") == "date field value out of range: 2013-02-30");
  CHECK(SqlStateOf(conn, "SELECT date_bin('1 month', timestamp '2020-01-01', timestamp '2001-01-01')") == "0A000");
}

}  // namespace
}  // namespace lumadb::integration
