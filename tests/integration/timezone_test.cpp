// The TimeZone setting through SQL: SET/SHOW forms, timestamptz text output and input in IANA zones (DST
// gaps and overlaps, LMT offsets), casts, AT TIME ZONE, extract, date_trunc, ± interval, make_timestamptz,
// the extended protocol and COPY, and TimeZone in the startup packet and ParameterStatus. Expected strings
// are PostgreSQL 15's (LUMADB_TEST_EXTERNAL=host:port of a PostgreSQL 15 proves them).
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "raw_client.h"
#include "sql_helpers.h"
#include "support/wire_bytes.h"
#include "test_server.h"
#include <libpq-fe.h>

namespace lumadb::integration {
namespace {

// The values of one row, as text.
std::vector<std::string> Row(pqxx::connection& conn, const std::string& sql) {
  const pqxx::result r = Exec(conn, sql);
  std::vector<std::string> out;
  for (const auto& field : r.at(0)) out.push_back(field.is_null() ? "NULL" : field.c_str());
  return out;
}

TEST_CASE("SET TIME ZONE forms and SHOW TimeZone") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"SET timezone = 'europe/berlin'", "Europe/Berlin"},
      {"SET TIME ZONE 'America/New_York'", "America/New_York"},
      {"SET TIME ZONE 'utc'", "UTC"},
      {"SET TIME ZONE -7", "<-07>+07"},
      {"SET TIME ZONE '-3.5'", "<-03:30>+03:30"},
      {"SET TIME ZONE 5.5", "<+05:30>-05:30"},
      {"SET TIME ZONE 'UTC+3'", "UTC+3"},
      {"SET TIME ZONE '+3'", "<+03>-03"},
      {"SET TIME ZONE '<+05>-5'", "<+05>-5"},
      {"SET TIME ZONE 'EST5EDT'", "EST5EDT"},
      {"SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE", "<+05:30>-05:30"},
      {"SET TIME ZONE INTERVAL '-03:30'", "<-03:30>+03:30"},
      {"SET TIME ZONE INTERVAL '01:00:30'", "<+01:00:30>-01:00:30"},
      {"SET timezone TO 'zulu'", "Zulu"},
      {"SET timezone = 100", "<+100>-100"},
  };
  for (const auto& [set, shown] : cases) {
    CAPTURE(set);
    Exec(conn, set);
    CHECK(Scalar(conn, "SHOW TimeZone") == shown);
  }
  Exec(conn, "SET TIME ZONE 'Asia/Tokyo'");
  Exec(conn, "SET TIME ZONE LOCAL");
  const std::string startup = Scalar(conn, "SHOW TimeZone");
  CHECK(startup != "Asia/Tokyo");
  Exec(conn, "SET TIME ZONE 'Asia/Tokyo'");
  Exec(conn, "SET TIME ZONE DEFAULT");
  CHECK(Scalar(conn, "SHOW TimeZone") == startup);
  CHECK(ErrorOf(conn, "SET TIME ZONE 'Foo/Bar'") == "22023: invalid value for parameter \"TimeZone\": \"Foo/Bar\"");
  CHECK(ErrorOf(conn, "SET TIME ZONE 'PST'") == "22023: invalid value for parameter \"TimeZone\": \"PST\"");
  CHECK(ErrorOf(conn, "SET TIME ZONE 168") == "22023: invalid value for parameter \"TimeZone\": \"168\"");
  CHECK(ErrorOf(conn, "SET TIME ZONE INTERVAL '1 day'") ==
        "22023: invalid value for parameter \"TimeZone\": \"INTERVAL '1 day'\"");
}

TEST_CASE("timestamptz output in the session zone") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "SET TimeZone = 'Europe/Berlin'");
  CHECK(Row(conn,
            "SELECT '2024-07-01 12:00+00'::timestamptz, '2024-01-01 12:00+00'::timestamptz, "
            "'1850-01-01 00:00'::timestamptz, '1850-01-01 00:00'::timestamptz::text, 'epoch'::timestamptz, "
            "'infinity'::timestamptz, '-infinity'::timestamptz") ==
        std::vector<std::string>{"2024-07-01 14:00:00+02", "2024-01-01 13:00:00+01", "1850-01-01 00:00:00+00:53:28",
                                 "1850-01-01 00:00:00+00:53:28", "1970-01-01 01:00:00+01", "infinity", "-infinity"});
  Exec(conn, "SET TimeZone = 'Asia/Kolkata'");
  CHECK(Scalar(conn, "SELECT '2024-07-01 12:00+00'::timestamptz") == "2024-07-01 17:30:00+05:30");
  Exec(conn, "SET TimeZone = 'America/St_Johns'");
  CHECK(Scalar(conn, "SELECT '2024-01-01 12:00+00'::timestamptz") == "2024-01-01 08:30:00-03:30");
  Exec(conn, "SET TimeZone = 'Australia/Lord_Howe'");
  CHECK(Row(conn, "SELECT '2024-01-01 12:00+00'::timestamptz, '2024-07-01 12:00+00'::timestamptz") ==
        std::vector<std::string>{"2024-01-01 23:00:00+11", "2024-07-01 22:30:00+10:30"});
  Exec(conn, "SET TIME ZONE -7");
  CHECK(Scalar(conn, "SELECT '2024-07-01 12:00'::timestamptz") == "2024-07-01 12:00:00-07");
  Exec(conn, "SET TIME ZONE 'UTC+3'");
  CHECK(Scalar(conn, "SELECT '2024-07-01 12:00'::timestamptz") == "2024-07-01 12:00:00-03");
  Exec(conn, "SET TIME ZONE INTERVAL '01:00:30'");
  CHECK(Scalar(conn, "SELECT '2024-07-01 12:00'::timestamptz") == "2024-07-01 12:00:00+01:00:30");
}

TEST_CASE("date, timestamp and timestamptz output in every DateStyle") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "SET TimeZone = 'Europe/Berlin'");
  const std::string values =
      "SELECT '2024-07-01'::date, '2024-07-01 12:00:00.5'::timestamp, '2024-07-01 12:00'::timestamptz, "
      "'0044-03-15 10:00 BC'::timestamptz, '1850-01-01'::timestamptz, 'infinity'::timestamptz";
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"ISO, MDY",
       {"2024-07-01", "2024-07-01 12:00:00.5", "2024-07-01 12:00:00+02", "0044-03-15 10:00:00+00:53:28 BC",
        "1850-01-01 00:00:00+00:53:28", "infinity"}},
      {"SQL, MDY",
       {"07/01/2024", "07/01/2024 12:00:00.5", "07/01/2024 12:00:00 CEST", "03/15/0044 10:00:00 LMT BC",
        "01/01/1850 00:00:00 LMT", "infinity"}},
      {"SQL, DMY",
       {"01/07/2024", "01/07/2024 12:00:00.5", "01/07/2024 12:00:00 CEST", "15/03/0044 10:00:00 LMT BC",
        "01/01/1850 00:00:00 LMT", "infinity"}},
      {"Postgres, MDY",
       {"07-01-2024", "Mon Jul 01 12:00:00.5 2024", "Mon Jul 01 12:00:00 2024 CEST", "Fri Mar 15 10:00:00 0044 LMT BC",
        "Tue Jan 01 00:00:00 1850 LMT", "infinity"}},
      {"Postgres, DMY",
       {"01-07-2024", "Mon 01 Jul 12:00:00.5 2024", "Mon 01 Jul 12:00:00 2024 CEST", "Fri 15 Mar 10:00:00 0044 LMT BC",
        "Tue 01 Jan 00:00:00 1850 LMT", "infinity"}},
      {"German",
       {"01.07.2024", "01.07.2024 12:00:00.5", "01.07.2024 12:00:00 CEST", "15.03.0044 10:00:00 LMT BC",
        "01.01.1850 00:00:00 LMT", "infinity"}},
  };
  for (const auto& [style, expected] : cases) {
    CAPTURE(style);
    Exec(conn, "SET DateStyle = '" + style + "'");
    CHECK(Row(conn, values) == expected);
  }
  Exec(conn, "SET DateStyle = 'SQL, MDY'");
  Exec(conn, "SET TimeZone = 'America/Los_Angeles'");
  CHECK(Row(conn, "SELECT '2024-01-15 10:00+00'::timestamptz, '2024-07-15 10:00+00'::timestamptz") ==
        std::vector<std::string>{"01/15/2024 02:00:00 PST", "07/15/2024 03:00:00 PDT"});
  Exec(conn, "SET TIME ZONE -7");
  CHECK(Scalar(conn, "SELECT '2024-07-01 10:00+00'::timestamptz") == "07/01/2024 03:00:00 -07");
  Exec(conn, "SET DateStyle = 'Postgres'");
  Exec(conn, "SET TIME ZONE INTERVAL '+05:30'");
  CHECK(Scalar(conn, "SELECT '2024-07-01 10:00+00'::timestamptz") == "Mon Jul 01 15:30:00 2024 +05:30");
}

TEST_CASE("timestamptz input: zones, DST gaps and overlaps, special words") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "SET TimeZone = 'Europe/Berlin'");
  CHECK(Row(conn,
            "SELECT '2024-03-31 02:30'::timestamptz, '2024-10-27 02:30'::timestamptz, "
            "'2024-03-31 01:59:59'::timestamptz, '2024-10-27 03:00'::timestamptz") ==
        std::vector<std::string>{"2024-03-31 03:30:00+02", "2024-10-27 02:30:00+01", "2024-03-31 01:59:59+01",
                                 "2024-10-27 03:00:00+01"});
  CHECK(Row(conn,
            "SELECT '2024-01-01 12:00 Europe/Paris'::timestamptz, '2024-01-01 12:00 america/new_york'::timestamptz, "
            "'2024-07-01 12:00 PST'::timestamptz, '2024-07-01 12:00 UTC+3'::timestamptz, "
            "'2024-07-01 12:00 EST5EDT'::timestamptz, '2024-07-01 12:00-03:30'::timestamptz") ==
        std::vector<std::string>{"2024-01-01 12:00:00+01", "2024-01-01 18:00:00+01", "2024-07-01 22:00:00+02",
                                 "2024-07-01 17:00:00+02", "2024-07-01 18:00:00+02", "2024-07-01 17:30:00+02"});
  CHECK(ErrorOf(conn, "SELECT '2024-01-01 12:00 Foo/Bar'::timestamptz") ==
        "22023: time zone \"foo/bar\" not recognized");
  CHECK(ErrorOf(conn, "SELECT '2024-01-01 12:00 foo'::timestamptz") ==
        "22007: invalid input syntax for type timestamp with time zone: \"2024-01-01 12:00 foo\"");
  Exec(conn, "SET TimeZone = 'America/New_York'");
  CHECK(Row(conn, "SELECT '2024-03-10 02:30'::timestamptz, '2024-11-03 01:30'::timestamptz") ==
        std::vector<std::string>{"2024-03-10 03:30:00-04", "2024-11-03 01:30:00-05"});
  CHECK(Row(conn,
            "SELECT 'today'::timestamptz = date_trunc('day', now()), 'tomorrow'::timestamptz - 'today'::timestamptz "
            "IN ('1 day', '23:00:00', '25:00:00'), 'now'::timestamptz::date = current_date, "
            "'yesterday'::timestamptz < 'today'::timestamptz") == std::vector<std::string>{"t", "t", "t", "t"});
  Exec(conn, "SET TimeZone = 'UTC'");
  CHECK(Row(conn,
            "SELECT 'tomorrow EST'::timestamptz - 'tomorrow'::timestamptz, 'today zulu'::timestamptz = 'today', "
            "'tomorrow EST'::timestamp = 'tomorrow'::timestamp") == std::vector<std::string>{"05:00:00", "t", "t"});
  {
    pqxx::work tx(conn);  // 'now' is the transaction's start, as now()
    tx.exec("SELECT count(*) FROM generate_series(1, 200000)");
    CHECK(std::string(tx.exec("SELECT 'now'::timestamptz = now()")[0][0].c_str()) == "t");
  }
}

TEST_CASE("casts between timestamp, timestamptz, date, time and timetz use the session zone") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "SET TimeZone = 'Europe/Berlin'");
  CHECK(Row(conn,
            "SELECT '2024-07-01 12:00'::timestamp::timestamptz, '2024-07-01 12:00+00'::timestamptz::timestamp, "
            "'2024-07-01'::date::timestamptz, '2024-07-01 23:30+00'::timestamptz::date, "
            "'2024-07-01 23:30+00'::timestamptz::time, '2024-07-01 23:30+00'::timestamptz::timetz, "
            "'2024-01-01 12:00 Europe/Berlin'::timetz, "
            "'2024-03-31 02:30'::timestamp::timestamptz") ==
        std::vector<std::string>{"2024-07-01 12:00:00+02", "2024-07-01 14:00:00", "2024-07-01 00:00:00+02",
                                 "2024-07-02", "01:30:00", "01:30:00+02", "12:00:00+01", "2024-03-31 03:30:00+02"});
  CHECK(ErrorOf(conn, "SELECT '12:00 Europe/Berlin'::timetz") ==
        "22007: invalid input syntax for type time with time zone: \"12:00 Europe/Berlin\"");
  CHECK(Row(conn,
            "SELECT now()::date = current_date, localtimestamp = now()::timestamp, current_time::time = localtime") ==
        std::vector<std::string>{"t", "t", "t"});
}

TEST_CASE("AT TIME ZONE and timezone(zone, ts)") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "SET TimeZone = 'Europe/Berlin'");
  CHECK(Row(conn,
            "SELECT '2024-07-01 12:00+00'::timestamptz AT TIME ZONE 'America/New_York', "
            "'2024-07-01 12:00'::timestamp AT TIME ZONE 'America/New_York', "
            "'2024-07-01 12:00+00'::timestamptz AT TIME ZONE 'PST', "
            "timezone('pst', '2024-07-01 12:00+00'::timestamptz), "
            "'2024-07-01 12:00+00'::timestamptz AT TIME ZONE INTERVAL '+05:30', "
            "'2024-07-01 12:00+00'::timestamptz AT TIME ZONE '+05', "
            "'2024-07-01 12:00+00'::timestamptz AT TIME ZONE 'UTC+3', "
            "'2024-03-31 02:30'::timestamp AT TIME ZONE 'Europe/Berlin', "
            "'2024-10-27 02:30'::timestamp AT TIME ZONE 'Europe/Berlin', "
            "timestamp '2024-07-01 12:00' AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Tokyo'") ==
        std::vector<std::string>{"2024-07-01 08:00:00", "2024-07-01 18:00:00+02", "2024-07-01 04:00:00",
                                 "2024-07-01 04:00:00", "2024-07-01 17:30:00", "2024-07-01 07:00:00",
                                 "2024-07-01 09:00:00", "2024-03-31 03:30:00+02", "2024-10-27 02:30:00+01",
                                 "2024-07-01 21:00:00"});
  CHECK(Row(conn,
            "SELECT '10:00+02'::timetz AT TIME ZONE 'UTC', '10:00+02'::timetz AT TIME ZONE 'Asia/Tokyo', "
            "timezone(INTERVAL '+05:30', '10:00+02'::timetz)") ==
        std::vector<std::string>{"08:00:00+00", "17:00:00+09", "13:30:00+05:30"});
  CHECK(ErrorOf(conn, "SELECT now() AT TIME ZONE 'foo'") == "22023: time zone \"foo\" not recognized");
  CHECK(ErrorOf(conn, "SELECT now() AT TIME ZONE INTERVAL '1 day'") ==
        "22023: interval time zone \"1 day\" must not include months or days");
}

TEST_CASE("extract, date_trunc, timestamptz ± interval and make_timestamptz in the session zone") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "SET TimeZone = 'Europe/Berlin'");
  CHECK(Row(conn,
            "SELECT extract(hour from '2024-07-01 12:00+00'::timestamptz), "
            "extract(timezone from '2024-07-01 12:00+00'::timestamptz), "
            "extract(timezone_hour from '2024-07-01 12:00+00'::timestamptz), "
            "extract(timezone_minute from '2024-07-01 12:00+00'::timestamptz), "
            "extract(epoch from '2024-07-01 12:00+00'::timestamptz), "
            "extract(day from '2024-07-01 23:00+00'::timestamptz), "
            "date_part('hour', '2024-01-01 12:00+00'::timestamptz)") ==
        std::vector<std::string>{"14", "7200", "2", "0", "1719835200.000000", "2", "13"});
  CHECK(Row(conn,
            "SELECT date_trunc('day', '2024-03-31 12:00+00'::timestamptz), "
            "date_trunc('day', '2024-03-31 12:00+00'::timestamptz, 'America/New_York'), "
            "date_trunc('month', '2024-03-31 12:00+00'::timestamptz), "
            "date_trunc('hour', '2024-03-31 12:34+00'::timestamptz), "
            "date_trunc('week', '2024-03-31 12:00'::timestamptz), "
            "date_trunc('year', '2024-10-27 02:30'::timestamptz)") ==
        std::vector<std::string>{"2024-03-31 00:00:00+01", "2024-03-31 06:00:00+02", "2024-03-01 00:00:00+01",
                                 "2024-03-31 14:00:00+02", "2024-03-25 00:00:00+01", "2024-01-01 00:00:00+01"});
  CHECK(ErrorOf(conn, "SELECT date_trunc('dow', now())") ==
        "22023: unit \"dow\" not recognized for type timestamp with time zone");
  CHECK(Row(conn,
            "SELECT '2024-03-30 12:00'::timestamptz + interval '1 day', "
            "'2024-03-30 12:00'::timestamptz + interval '24 hours', "
            "'2024-02-29 12:00'::timestamptz + interval '1 month', "
            "'2024-03-31 12:00'::timestamptz - interval '1 day', "
            "'2024-03-31 12:00'::timestamptz - '2024-03-30 12:00'::timestamptz") ==
        std::vector<std::string>{"2024-03-31 12:00:00+02", "2024-03-31 13:00:00+02", "2024-03-29 12:00:00+01",
                                 "2024-03-30 12:00:00+01", "23:00:00"});
  CHECK(
      Row(conn,
          "SELECT make_timestamptz(2024, 7, 1, 12, 0, 0), make_timestamptz(2024, 7, 1, 12, 0, 0, 'America/New_York'), "
          "make_timestamptz(2024, 3, 31, 2, 30, 0), make_timestamptz(2024, 7, 1, 12, 0, 0, '+05')") ==
      std::vector<std::string>{"2024-07-01 12:00:00+02", "2024-07-01 18:00:00+02", "2024-03-31 03:30:00+02",
                               "2024-07-01 09:00:00+02"});
}

TEST_CASE("generate_series over timestamptz steps on the session zone's wall clock") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "SET TimeZone = 'Europe/Berlin'");
  CHECK(Column(conn,
               "SELECT * FROM generate_series('2024-03-30 12:00'::timestamptz, '2024-04-01 12:00'::timestamptz, "
               "interval '1 day')") ==
        std::vector<std::string>{"2024-03-30 12:00:00+01", "2024-03-31 12:00:00+02", "2024-04-01 12:00:00+02"});
  CHECK(Column(conn,
               "SELECT * FROM generate_series('2024-03-31 00:00'::timestamptz, '2024-03-31 04:00'::timestamptz, "
               "'1 hour')") == std::vector<std::string>{"2024-03-31 00:00:00+01", "2024-03-31 01:00:00+01",
                                                        "2024-03-31 03:00:00+02", "2024-03-31 04:00:00+02"});
  CHECK(Column(conn, "SELECT * FROM generate_series('2024-01-31'::timestamp, '2024-05-01', '1 month') g") ==
        std::vector<std::string>{"2024-01-31 00:00:00", "2024-02-29 00:00:00", "2024-03-29 00:00:00",
                                 "2024-04-29 00:00:00"});
  CHECK(Column(conn, "SELECT x FROM generate_series('2024-01-03'::timestamp, '2024-01-01', '-1 day') g(x)") ==
        std::vector<std::string>{"2024-01-03 00:00:00", "2024-01-02 00:00:00", "2024-01-01 00:00:00"});
  CHECK(Column(conn, "SELECT * FROM generate_series('2024-01-01'::date, '2024-01-02'::date, interval '12 hours')") ==
        std::vector<std::string>{"2024-01-01 00:00:00+01", "2024-01-01 12:00:00+01", "2024-01-02 00:00:00+01"});
  CHECK(ErrorOf(conn, "SELECT * FROM generate_series('2024-01-01'::timestamptz, '2024-01-02', interval '0')") ==
        "22023: step size cannot equal zero");
}

TEST_CASE("the extended protocol and COPY print timestamptz in the session zone; binary stays UTC") {
  const auto& target = SharedTarget::Get();
  pqxx::connection conn(target.ConnString());
  const std::string t = TableName("tz");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int PRIMARY KEY, ts timestamptz)");
  Exec(conn, "INSERT INTO " + t + " VALUES (1, '2024-07-01 12:00+00'), (2, '2024-01-01 12:00+00')");
  Exec(conn, "SET TimeZone = 'America/New_York'");
  {
    pqxx::nontransaction work(conn);
    const pqxx::result r =
        work.exec_params("SELECT ts, $1::timestamptz FROM " + t + " WHERE id = 1", "2024-07-01 12:00");
    CHECK(std::string(r[0][0].c_str()) == "2024-07-01 08:00:00-04");
    CHECK(std::string(r[0][1].c_str()) == "2024-07-01 12:00:00-04");
  }

  std::unique_ptr<PGconn, decltype(&PQfinish)> pq(PQconnectdb(target.ConnString().c_str()), PQfinish);
  REQUIRE(PQstatus(pq.get()) == CONNECTION_OK);
  PQclear(PQexec(pq.get(), "SET TimeZone = 'Asia/Kolkata'"));
  PGresult* res = PQexec(pq.get(), ("COPY (SELECT id, ts FROM " + t + " ORDER BY id) TO STDOUT").c_str());
  REQUIRE(PQresultStatus(res) == PGRES_COPY_OUT);
  PQclear(res);
  std::string copied;
  char* line = nullptr;
  while (PQgetCopyData(pq.get(), &line, 0) > 0) {
    copied += line;
    PQfreemem(line);
  }
  PQclear(PQgetResult(pq.get()));
  CHECK(copied == "1\t2024-07-01 17:30:00+05:30\n2\t2024-01-01 17:30:00+05:30\n");

  // Binary timestamptz is microseconds since 2000-01-01 UTC whatever the zone.
  const char* values[] = {"2000-01-01 05:30:01+05:30"};
  PGresult* bin = PQexecParams(pq.get(), "SELECT $1::timestamptz", 1, nullptr, values, nullptr, nullptr, 1);
  REQUIRE(PQresultStatus(bin) == PGRES_TUPLES_OK);
  CHECK(std::string(PQgetvalue(bin, 0, 0), PQgetlength(bin, 0, 0)) == std::string("\0\0\0\0\0\x0f\x42\x40", 8));
  PQclear(bin);
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("TimeZone in the startup packet is honoured and a change is reported by ParameterStatus") {
  RawConnection raw(SharedTarget::Get().endpoint());
  const StartupResult r =
      RawStartup(raw, "postgres", SharedTarget::Get().database(), {{"TimeZone", "america/new_york"}});
  REQUIRE(r.error.empty());
  CHECK(r.parameters.at("TimeZone") == "America/New_York");
  REQUIRE(raw.Send(testing::Frame('Q', std::string("SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE") + '\0')));
  std::string reported;
  while (auto msg = raw.Read()) {
    const std::string prefix = std::string("TimeZone") + '\0';
    if (msg->type == 'S' && msg->body.rfind(prefix, 0) == 0) reported = msg->body.substr(prefix.size());
    if (msg->type == 'Z') break;
  }
  CHECK(reported == std::string("<+05:30>-05:30") + '\0');

  RawConnection bad(SharedTarget::Get().endpoint());
  const StartupResult e = RawStartup(bad, "postgres", SharedTarget::Get().database(), {{"TimeZone", "Foo/Bar"}});
  REQUIRE(!e.error.empty());
  CHECK(e.error.at('C') == "22023");
  CHECK(e.error.at('M') == "invalid value for parameter \"TimeZone\": \"Foo/Bar\"");
}

}  // namespace
}  // namespace lumadb::integration
