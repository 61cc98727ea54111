#include "server/settings.h"

#include <algorithm>

#include <doctest/doctest.h>

#include "common/error.h"
#include "server/setting_values.h"
#include "support/error_of.h"

using namespace lumadb;
using namespace lumadb::server;

using lumadb::testing::ErrorOf;

TEST_CASE("boot values and SHOW formatting follow PostgreSQL 15") {
  Settings s;
  CHECK(s.Show("DateStyle") == "ISO, MDY");
  CHECK(s.Show("datestyle") == "ISO, MDY");
  CHECK(s.Show("search_path") == "\"$user\", public");
  CHECK(s.Show("shared_buffers") == "128MB");
  CHECK(s.Get("shared_buffers") == "16384");
  CHECK(s.Show("work_mem") == "4MB");
  CHECK(s.Show("lock_timeout") == "0");
  CHECK(s.Show("server_version") == "15.0 (LumaDB 0.1.0)");
  CHECK(s.Show("server_version_num") == "150000");
  CHECK(s.Show("max_connections") == "100");
  CHECK(s.Show("transaction_isolation") == "read committed");
  CHECK(s.Show("standard_conforming_strings") == "on");
  CHECK(s.Show("TimeZone") == "UTC");
}

TEST_CASE("SET converts units and SHOW picks the largest exact unit") {
  Settings s;
  s.Set("lock_timeout", {"1.5s"}, false);
  CHECK(s.Show("lock_timeout") == "1500ms");
  s.Set("lock_timeout", {"100 min"}, false);
  CHECK(s.Show("lock_timeout") == "100min");
  s.Set("lock_timeout", {"3600000"}, false);
  CHECK(s.Show("lock_timeout") == "1h");
  CHECK(s.GetInt("lock_timeout") == 3600000);
  s.Set("work_mem", {"64MB"}, false);
  CHECK(s.Show("work_mem") == "64MB");
  s.Set("work_mem", {"1025"}, false);
  CHECK(s.Show("work_mem") == "1025kB");
  s.Set("work_mem", {"1GB"}, false);
  CHECK(s.Show("work_mem") == "1GB");
  s.Set("extra_float_digits", {"2.6"}, false);
  CHECK(s.Show("extra_float_digits") == "3");
}

TEST_CASE("value errors carry 22023 and PostgreSQL's wording") {
  Settings s;
  CHECK(ErrorOf([&] { s.Set("standard_conforming_strings", {"maybe"}, false); }) ==
        std::pair<std::string, std::string>{"22023",
                                            "parameter \"standard_conforming_strings\" requires a Boolean value"});
  CHECK(ErrorOf([&] { s.Set("extra_float_digits", {"5"}, false); }).second ==
        "5 is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)");
  CHECK(ErrorOf([&] { s.Set("extra_float_digits", {"abc"}, false); }).second ==
        "invalid value for parameter \"extra_float_digits\": \"abc\"");
  CHECK(ErrorOf([&] { s.Set("work_mem", {"10"}, false); }).second ==
        "10 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)");
  CHECK(ErrorOf([&] { s.Set("lock_timeout", {"-1"}, false); }).second ==
        "-1 ms is outside the valid range for parameter \"lock_timeout\" (0 .. 2147483647)");
  CHECK(ErrorOf([&] { s.Set("intervalstyle", {"foo"}, false); }).second ==
        "invalid value for parameter \"intervalstyle\": \"foo\"");
  CHECK(ErrorOf([&] {
          s.Set("application_name", {"1", "2"}, false);
        }).second == "SET application_name takes only one argument");
  CHECK(ErrorOf([&] { s.Set("datestyle", {"bogus"}, false); }).second ==
        "invalid value for parameter \"DateStyle\": \"bogus\"");
  CHECK(ErrorOf([&] { s.Set("timezone", {"Mars/X"}, false); }).first == "22023");
  CHECK(ErrorOf([&] { s.Set("client_encoding", {"foo"}, false); }).first == "22023");
}

TEST_CASE("enum and unit errors carry PostgreSQL's hints") {
  Settings s;
  try {
    s.Set("default_transaction_isolation", {"foo"}, false);
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.hint() == "Available values: serializable, repeatable read, read committed, read uncommitted.");
  }
  try {
    s.Set("lock_timeout", {"10 parsecs"}, false);
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.hint() == "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
  }
}

TEST_CASE("unknown and unchangeable parameters") {
  Settings s;
  CHECK(ErrorOf([&] { s.Show("nosuch"); }) ==
        std::pair<std::string, std::string>{"42704", "unrecognized configuration parameter \"nosuch\""});
  CHECK(ErrorOf([&] { s.Set("nosuch", {"1"}, false); }).first == "42704");
  CHECK(ErrorOf([&] { s.Set("server_version", {"1"}, false); }) ==
        std::pair<std::string, std::string>{"55P02", "parameter \"server_version\" cannot be changed"});
  CHECK(ErrorOf([&] { s.Set("port", {"5"}, false); }).second ==
        "parameter \"port\" cannot be changed without restarting the server");
  CHECK(ErrorOf([&] { s.Reset("is_superuser", false); }).first == "55P02");
  CHECK(ErrorOf([&] { s.Set("log_connections", {"on"}, false); }).second ==
        "parameter \"log_connections\" cannot be set after connection start");
  CHECK(ErrorOf([&] { s.SetDefault("shared_buffers", "1GB", SettingSource::kStartupPacket); }).first == "55P02");
  s.SetDefault("shared_buffers", "1GB", SettingSource::kServerStart);
  CHECK(s.GetInt("shared_buffers") == 131072);
}

TEST_CASE("string parameters are canonicalised") {
  Settings s;
  s.Set("search_path", {"a", "B c", "public"}, false);
  CHECK(s.Show("search_path") == "a, \"B c\", public");
  CHECK(SplitIdentifierList(s.Get("search_path")) == std::vector<std::string>{"a", "B c", "public"});
  s.Set("search_path", {""}, false);
  CHECK(s.Show("search_path") == "\"\"");
  s.Set("DateStyle", {"german"}, false);
  CHECK(s.Show("DateStyle") == "German, DMY");
  s.Set("DateStyle", {"sql", "mdy"}, false);
  CHECK(s.Show("DateStyle") == "SQL, MDY");
  s.Set("timezone", {"-5"}, false);
  CHECK(s.Show("TimeZone") == "<-05>+05");
  s.Set("client_encoding", {"utf-8"}, false);
  CHECK(s.Show("client_encoding") == "UTF8");
  s.Set("standard_conforming_strings", {"yes"}, false);
  CHECK(s.Show("standard_conforming_strings") == "on");
  s.Set("default_transaction_isolation", {"SERIALIZABLE"}, false);
  CHECK(s.Show("default_transaction_isolation") == "serializable");
}

TEST_CASE("RESET returns to the startup value and RESET ALL keeps internals") {
  Settings s;
  s.SetDefault("application_name", "psql", SettingSource::kStartupPacket);
  s.Set("application_name", {"other"}, false);
  s.Set("work_mem", {"64MB"}, false);
  s.Reset("application_name", false);
  CHECK(s.Show("application_name") == "psql");
  s.SetInternal("is_superuser", "on");
  s.ResetAll();
  CHECK(s.Show("work_mem") == "4MB");
  CHECK(s.Show("is_superuser") == "on");
}

TEST_CASE("settings are transactional: abort restores, SET LOCAL ends with the transaction") {
  Settings s;
  s.AtTransactionStart();
  s.Set("work_mem", {"8MB"}, false);
  s.AtTransactionEnd(false);
  CHECK(s.Show("work_mem") == "4MB");

  s.AtTransactionStart();
  s.Set("work_mem", {"8MB"}, false);
  s.Set("extra_float_digits", {"3"}, true);
  CHECK(s.Show("extra_float_digits") == "3");
  s.AtTransactionEnd(true);
  CHECK(s.Show("work_mem") == "8MB");
  CHECK(s.Show("extra_float_digits") == "1");

  s.AtTransactionStart();
  s.Set("transaction_isolation", {"serializable"}, false);
  CHECK(s.Show("transaction_isolation") == "serializable");
  s.AtTransactionEnd(true);
  CHECK(s.Show("transaction_isolation") == "read committed");
}

TEST_CASE("SHOW ALL is sorted, described, and hides GUC_NO_SHOW_ALL parameters") {
  Settings s;
  auto rows = s.ShowAll();
  REQUIRE(rows.size() > 20);
  CHECK(rows.front().name == "application_name");
  bool has_datestyle = false;
  for (size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].name != "is_superuser");
    CHECK_FALSE(rows[i].description.empty());
    if (rows[i].name == "DateStyle") has_datestyle = rows[i].setting == "ISO, MDY";
  }
  CHECK(has_datestyle);
}

TEST_CASE("reported parameters are the ones PostgreSQL 15 sends in ParameterStatus") {
  Settings s;
  std::vector<std::string> names;
  for (const auto& [name, value] : s.Reported()) names.push_back(name);
  for (const char* expected :
       {"application_name", "client_encoding", "DateStyle", "default_transaction_read_only", "in_hot_standby",
        "integer_datetimes", "IntervalStyle", "is_superuser", "server_encoding", "server_version",
        "session_authorization", "standard_conforming_strings", "TimeZone"}) {
    CHECK(std::find(names.begin(), names.end(), expected) != names.end());
  }
  CHECK(names.size() == 13);
}
