// uuid, interval, time and timetz through SQL: columns, literals, ORDER BY, indexes (equality and range
// scans, unique checks), arithmetic and casts, with results PostgreSQL 15 gives for the same statements
// (run this file with LUMADB_TEST_EXTERNAL=host:port of a PostgreSQL 15 to prove the expectations), and
// the values surviving a restart (the on-disk tuple and index key formats).
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

void Load(pqxx::connection& conn, const std::string& t) {
  Exec(conn, "CREATE TABLE " + t + " (id int PRIMARY KEY, u uuid, i interval, tm time(3), tz timetz)");
  Exec(conn, "INSERT INTO " + t +
                 " VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '1 day 2 hours', '10:00', '10:00+02'),"
                 " (2, '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12}', '1 mon', '09:30:00.1234', '08:00+00'),"
                 " (3, '00000000000000000000000000000001', '30 days', '23:59:59.9999', '12:00 PST'),"
                 " (4, NULL, '-1 year 2 days -03:00', '00:00', '23:00-05:30'),"
                 " (5, 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'P1Y2M3DT4H5M6S', '24:00', NULL)");
}

TEST_CASE("uuid, interval, time and timetz columns: values, ORDER BY, comparisons") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("dtypes");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Load(conn, t);
  CHECK(Column(conn, "SELECT u FROM " + t + " ORDER BY id") ==
        std::vector<std::string>{"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12",
                                 "00000000-0000-0000-0000-000000000001", "NULL",
                                 "ffffffff-ffff-ffff-ffff-ffffffffffff"});
  CHECK(Column(conn, "SELECT i FROM " + t + " ORDER BY id") ==
        std::vector<std::string>{"1 day 02:00:00", "1 mon", "30 days", "-1 years +2 days -03:00:00",
                                 "1 year 2 mons 3 days 04:05:06"});
  CHECK(Column(conn, "SELECT tm FROM " + t + " ORDER BY id") ==
        std::vector<std::string>{"10:00:00", "09:30:00.123", "24:00:00", "00:00:00", "24:00:00"});
  CHECK(Column(conn, "SELECT tz FROM " + t + " ORDER BY id") ==
        std::vector<std::string>{"10:00:00+02", "08:00:00+00", "12:00:00-08", "23:00:00-05:30", "NULL"});
  // interval orders by 30-day months; timetz by UTC instant, the zone breaking ties (10:00+02 and 08:00+00
  // are both 08:00Z; the zone east of UTC sorts first); uuid bytewise; NULLs last.
  CHECK(Column(conn, "SELECT id FROM " + t + " ORDER BY i, id") == std::vector<std::string>{"4", "1", "2", "3", "5"});
  CHECK(Column(conn, "SELECT id FROM " + t + " ORDER BY tz, id") == std::vector<std::string>{"1", "2", "3", "4", "5"});
  CHECK(Column(conn, "SELECT id FROM " + t + " ORDER BY u DESC, id") ==
        std::vector<std::string>{"4", "5", "2", "1", "3"});
  CHECK(Column(conn, "SELECT id FROM " + t + " ORDER BY tm DESC, id") ==
        std::vector<std::string>{"3", "5", "1", "2", "4"});
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE i = '720 hours'") == "2");
  CHECK(Scalar(conn, "SELECT count(DISTINCT i) FROM " + t) == "4");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE tz = '08:00+00'") == "1");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE tm > '09:00' AND tm < time '23:00'") == "2");
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " (id, u) VALUES (9, 'not-a-uuid')") == "22P02");
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " (id, i) VALUES (9, '1 fortnight')") == "22007");
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " (id, tm) VALUES (9, '25:00')") == "22008");
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " (id, tz) VALUES (9, '10:00+16')") == "22009");
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " (id, i) VALUES (9, '99999999999 years')") == "22015");
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " (id, u) VALUES (9, 1)") == "42804");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("indexes on uuid, interval, time and timetz columns") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("dtidx");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Load(conn, t);
  for (const char* col : {"u", "i", "tm", "tz"})
    Exec(conn, "CREATE INDEX " + t + "_" + col + " ON " + t + " (" + col + ")");
  Exec(conn, "CREATE UNIQUE INDEX " + t + "_uq ON " + t + " (u)");
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE u = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'") ==
        std::vector<std::string>{"2"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE i = '1 mon' ORDER BY id") == std::vector<std::string>{"2", "3"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE i > '1 day' ORDER BY i, id") ==
        std::vector<std::string>{"1", "2", "3", "5"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE tm >= '10:00' ORDER BY tm, id") ==
        std::vector<std::string>{"1", "3", "5"});
  CHECK(Column(conn, "SELECT id FROM " + t + " WHERE tz < '09:00+00' ORDER BY tz") ==
        std::vector<std::string>{"1", "2"});
  CHECK(SqlStateOf(conn, "INSERT INTO " + t + " (id, u) VALUES (6, 'A0EEBC999C0B4EF8BB6D6BB9BD380A11')") == "23505");
  Exec(conn, "INSERT INTO " + t + " (id, u, i) VALUES (6, gen_random_uuid(), '1 day'), (7, gen_random_uuid(), NULL)");
  CHECK(Scalar(conn, "SELECT count(DISTINCT u) FROM " + t + " WHERE id IN (6, 7)") == "2");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE i = '24 hours'") == "1");
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("date/time arithmetic, casts and typed literals agree with PostgreSQL 15") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  auto q = [&](const std::string& expr) { return Scalar(conn, "SELECT " + expr); };
  CHECK(q("timestamp '2024-01-31' + interval '1 month'") == "2024-02-29 00:00:00");
  CHECK(q("date '2024-03-01' - interval '1 day'") == "2024-02-29 00:00:00");
  CHECK(q("timestamptz '2024-01-31 10:00+00' + interval '1 mon 2 hours'") == "2024-02-29 12:00:00+00");
  CHECK(q("timestamp '2024-03-01' - timestamp '2024-01-01 12:00'") == "59 days 12:00:00");
  CHECK(q("timestamp '2024-01-01' - '2023-01-01'") == "365 days");
  CHECK(q("date '2024-01-01' - timestamp '2023-12-31 12:00'") == "12:00:00");
  CHECK(q("time '23:00' + interval '2 hours'") == "01:00:00");
  CHECK(q("time '10:00' + '1 hour'") == "11:00:00");
  CHECK(q("time '10:00' - time '12:30'") == "-02:30:00");
  CHECK(q("timetz '01:00-05' - interval '90 minutes'") == "23:30:00-05");
  CHECK(q("date '2024-01-01' + time '10:00'") == "2024-01-01 10:00:00");
  CHECK(q("date '2024-01-01' + timetz '10:00+02'") == "2024-01-01 08:00:00+00");
  CHECK(q("interval '1 day' + '1 hour'") == "1 day 01:00:00");
  CHECK(q("interval '1 mon 2 days 3 hours' * 2.7") == "2 mons 26 days 17:42:00");
  CHECK(q("interval '7 mons 13 days 01:02:03' / 2.3") == "3 mons 6 days 23:24:22.188939");
  CHECK(q("2 * interval '1 day 1 hour'") == "2 days 02:00:00");
  CHECK(q("- interval '1 year 2 days -03:00'") == "-1 years -2 days +03:00:00");
  CHECK(q("justify_hours(interval '50 hours')") == "2 days 02:00:00");
  CHECK(q("justify_interval(interval '1 mon -1 hour')") == "29 days 23:00:00");
  CHECK(q("interval '1 mon' = interval '30 days'") == "t");
  CHECK(q("time '10:00' = timetz '10:00+00'") == "t");
  CHECK(q("interval '1.5 sec'::interval(0)") == "00:00:02");
  CHECK(q("time(2) '10:00:00.125'") == "10:00:00.13");
  CHECK(q("cast('10:00+05' as time with time zone)") == "10:00:00+05");
  CHECK(q("timestamp '2024-01-01 10:11:12.5'::time") == "10:11:12.5");
  CHECK(q("interval '1 day 25:30'::time") == "01:30:00");
  CHECK(q("time '10:00'::interval") == "10:00:00");
  CHECK(q("uuid 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::text") == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  CHECK(q("length(gen_random_uuid()::text)") == "36");
  CHECK(q("extract(epoch from interval '1 year 1 mon 1 day 1 sec')") == "34236001.000000");
  CHECK(q("EXTRACT(MILLISECOND FROM TIME '2020-05-26 13:30:25.575401')") == "25575.401");
  CHECK(q("extract(week from date '2021-01-01')") == "53");
  CHECK(q("extract(timezone_hour from timetz '10:00-05:30')") == "-5");
  CHECK(q("date_part('julian', timestamp '2020-05-26 13:30:25.575401')") == "2458996.5627960116");
  CHECK(SqlStateOf(conn, "SELECT extract(fortnight from time '10:00')") == "22023");
  CHECK(SqlStateOf(conn, "SELECT date '2024-01-01' + '1'") == "42725");
  CHECK(SqlStateOf(conn, "SELECT time '10:00' + time '11:00'") == "42725");
  CHECK(SqlStateOf(conn, "SELECT interval '1 day' + 1") == "42883");
  CHECK(SqlStateOf(conn, "SELECT interval '1 day' / 0") == "22012");
  CHECK(SqlStateOf(conn, "SELECT timestamp '294276-12-31' + interval '1 day'") == "22008");
  CHECK(SqlStateOf(conn, "SELECT timestamp 'infinity' - timestamp '2024-01-01'") == "22008");
}

TEST_CASE("uuid, interval, time and timetz values and their indexes survive a restart" * doctest::skip(IsExternal())) {
  ServerProcess server;
  {
    pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
    Load(conn, "dt_durable");
    Exec(conn, "CREATE INDEX dt_durable_i ON dt_durable (i)");
    Exec(conn, "CREATE INDEX dt_durable_tz ON dt_durable (tz DESC)");
  }
  CHECK(server.Stop() == 0);
  server.Start();  // on a new port
  pqxx::connection conn(ConnString(server.endpoint(), "postgres", "postgres"));
  CHECK(Column(conn,
               "SELECT i || ' ' || tm || ' ' || coalesce(tz::text, '-') || ' ' || coalesce(u::text, '-') "
               "FROM dt_durable ORDER BY id") ==
        std::vector<std::string>{
            "1 day 02:00:00 10:00:00 10:00:00+02 a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "1 mon 09:30:00.123 08:00:00+00 a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12",
            "30 days 24:00:00 12:00:00-08 00000000-0000-0000-0000-000000000001",
            "-1 years +2 days -03:00:00 00:00:00 23:00:00-05:30 -",
            "1 year 2 mons 3 days 04:05:06 24:00:00 - ffffffff-ffff-ffff-ffff-ffffffffffff",
        });
  CHECK(Column(conn, "SELECT id FROM dt_durable WHERE i = '720 hours' ORDER BY id") ==
        std::vector<std::string>{"2", "3"});
  CHECK(Column(conn, "SELECT id FROM dt_durable WHERE tz > '09:00+00' ORDER BY tz DESC") ==
        std::vector<std::string>{"4", "3"});
}

}  // namespace
}  // namespace lumadb::integration
