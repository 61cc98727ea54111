// The WAL, checkpoint and lock parameters of issue 3 (PostgreSQL 15 names, defaults, units, contexts) and
// the savepoint marks of Settings (guc.c AtEOSubXact_GUC). Expected strings were checked against
// PostgreSQL 15.
#include <doctest/doctest.h>

#include "common/error.h"
#include "server/settings.h"
#include "support/error_of.h"

using namespace lumadb;
using namespace lumadb::server;

using lumadb::testing::ErrorOf;

TEST_CASE("WAL and lock parameters have PostgreSQL 15's defaults and units") {
  Settings s;
  CHECK(s.Show("synchronous_commit") == "on");
  CHECK(s.Show("fsync") == "on");
  CHECK(s.Show("checkpoint_timeout") == "5min");
  CHECK(s.GetInt("checkpoint_timeout") == 300);
  CHECK(s.Show("max_wal_size") == "1GB");
  CHECK(s.GetInt("max_wal_size") == 1024);
  CHECK(s.Show("deadlock_timeout") == "1s");
  CHECK(s.GetInt("deadlock_timeout") == 1000);
}

TEST_CASE("seconds and megabytes are base units too") {
  Settings s;
  s.SetDefault("checkpoint_timeout", "90", SettingSource::kServerStart);
  CHECK(s.Show("checkpoint_timeout") == "90s");
  s.SetDefault("checkpoint_timeout", "1h", SettingSource::kServerStart);
  CHECK(s.GetInt("checkpoint_timeout") == 3600);
  CHECK(s.Show("checkpoint_timeout") == "1h");
  s.SetDefault("checkpoint_timeout", "1d", SettingSource::kServerStart);
  CHECK(s.Show("checkpoint_timeout") == "1d");
  CHECK(ErrorOf([&] { s.SetDefault("checkpoint_timeout", "10s", SettingSource::kServerStart); }).second ==
        "10 s is outside the valid range for parameter \"checkpoint_timeout\" (30 .. 86400)");
  CHECK(ErrorOf([&] { s.SetDefault("checkpoint_timeout", "10MB", SettingSource::kServerStart); }).first == "22023");
  s.SetDefault("max_wal_size", "2GB", SettingSource::kServerStart);
  CHECK(s.GetInt("max_wal_size") == 2048);
  CHECK(s.Show("max_wal_size") == "2GB");
  s.SetDefault("max_wal_size", "100", SettingSource::kServerStart);
  CHECK(s.Show("max_wal_size") == "100MB");
  CHECK(ErrorOf([&] { s.SetDefault("max_wal_size", "1MB", SettingSource::kServerStart); }).second ==
        "1 MB is outside the valid range for parameter \"max_wal_size\" (2 .. 2147483647)");
}

TEST_CASE("sighup parameters change only at server start") {
  Settings s;
  CHECK(ErrorOf([&] { s.Set("fsync", {"off"}, false); }) ==
        std::pair<std::string, std::string>{"55P02", "parameter \"fsync\" cannot be changed now"});
  CHECK(ErrorOf([&] { s.Set("checkpoint_timeout", {"10min"}, false); }).second ==
        "parameter \"checkpoint_timeout\" cannot be changed now");
  CHECK(ErrorOf([&] { s.SetDefault("max_wal_size", "2GB", SettingSource::kStartupPacket); }).second ==
        "parameter \"max_wal_size\" cannot be changed now");
  s.SetDefault("fsync", "off", SettingSource::kServerStart);
  CHECK(s.Show("fsync") == "off");
}

TEST_CASE("deadlock_timeout is settable by superusers only") {
  Settings s;
  s.SetInternal("is_superuser", "on");  // what a superuser's session gets at connection
  s.Set("deadlock_timeout", {"100ms"}, false);
  CHECK(s.Show("deadlock_timeout") == "100ms");
  CHECK(ErrorOf([&] { s.Set("deadlock_timeout", {"0"}, false); }).second ==
        "0 ms is outside the valid range for parameter \"deadlock_timeout\" (1 .. 2147483647)");
  s.SetInternal("is_superuser", "off");
  CHECK(ErrorOf([&] { s.Set("deadlock_timeout", {"10ms"}, false); }) ==
        std::pair<std::string, std::string>{"42501", "permission denied to set parameter \"deadlock_timeout\""});
  s.ResetAll();  // skips what the user may not set
  CHECK(s.Show("deadlock_timeout") == "100ms");
}

TEST_CASE("synchronous_commit accepts PostgreSQL's values and Boolean spellings") {
  Settings s;
  for (const auto& [given, shown] : std::vector<std::pair<std::string, std::string>>{{"off", "off"},
                                                                                     {"LOCAL", "local"},
                                                                                     {"remote_write", "remote_write"},
                                                                                     {"remote_apply", "remote_apply"},
                                                                                     {"true", "on"},
                                                                                     {"no", "off"},
                                                                                     {"1", "on"},
                                                                                     {"0", "off"}}) {
    CAPTURE(given);
    s.Set("synchronous_commit", {given}, false);
    CHECK(s.Show("synchronous_commit") == shown);
  }
  try {
    s.Set("synchronous_commit", {"bogus"}, false);
    FAIL("no error");
  } catch (const DbError& e) {
    CHECK(e.code().View() == "22023");
    CHECK(e.message() == "invalid value for parameter \"synchronous_commit\": \"bogus\"");
    REQUIRE(e.hint());
    CHECK(*e.hint() == "Available values: local, remote_write, remote_apply, on, off.");
  }
}

TEST_CASE("ROLLBACK TO SAVEPOINT restores settings, SET LOCAL included; abort restores the start") {
  Settings s;
  s.AtTransactionStart();
  s.Set("search_path", {"a"}, false);
  SettingsMark mark = s.Mark();
  s.Set("search_path", {"b"}, false);
  s.Set("work_mem", {"8MB"}, true);
  s.RollbackTo(mark);
  CHECK(s.Show("search_path") == "a");
  CHECK(s.Show("work_mem") == "4MB");
  s.Set("work_mem", {"16MB"}, true);  // a SET LOCAL after the rollback still ends with the transaction
  s.AtTransactionEnd(true);
  CHECK(s.Show("search_path") == "a");
  CHECK(s.Show("work_mem") == "4MB");

  s.AtTransactionStart();
  s.Set("work_mem", {"8MB"}, true);
  SettingsMark after_local = s.Mark();
  s.Set("work_mem", {"2MB"}, false);  // a plain SET outlives the SET LOCAL ...
  s.RollbackTo(after_local);          // ... unless rolled back: the SET LOCAL is in force again
  s.AtTransactionEnd(true);
  CHECK(s.Show("work_mem") == "4MB");
}
