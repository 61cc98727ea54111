// Cancel, timeouts and limits (issue 6): libpq's PQcancel, pg_cancel_backend and pg_terminate_backend,
// pg_sleep, pg_stat_activity, statement_timeout, lock_timeout, the idle timeouts, authentication_timeout,
// max_connections and superuser_reserved_connections, with PostgreSQL 15's SQLSTATEs and messages.
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "protocol_frames.h"
#include "raw_client.h"
#include "sql_helpers.h"
#include "test_server.h"
#include <libpq-fe.h>

namespace lumadb::integration {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A libpq connection whose statements can be sent without waiting (PQsendQuery), to cancel them.
class AsyncConnection {
 public:
  explicit AsyncConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), &PQfinish) {
    REQUIRE(PQstatus(conn_.get()) == CONNECTION_OK);
  }
  PGconn* get() { return conn_.get(); }
  std::string Pid() {
    PGresult* r = PQexec(conn_.get(), "SELECT pg_backend_pid()");
    std::string pid = PQgetvalue(r, 0, 0);
    PQclear(r);
    return pid;
  }
  void Send(const std::string& sql) { REQUIRE(PQsendQuery(conn_.get(), sql.c_str()) == 1); }
  // The outcome of what Send sent: "" on success, else "SQLSTATE message" of the error.
  std::string Result() {
    std::string outcome;
    while (PGresult* r = PQgetResult(conn_.get())) {
      if (PQresultStatus(r) == PGRES_FATAL_ERROR && outcome.empty()) {
        const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        const char* message = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
        outcome = std::string(state ? state : "?") + " " + (message ? message : PQerrorMessage(conn_.get()));
      }
      PQclear(r);
    }
    return outcome;
  }
  void Cancel() {
    std::unique_ptr<PGcancel, decltype(&PQfreeCancel)> cancel(PQgetCancel(conn_.get()), &PQfreeCancel);
    char error[256];
    REQUIRE(PQcancel(cancel.get(), error, sizeof error) == 1);
  }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

// Waits until session `pid`'s pg_stat_activity row meets `condition` (so it is really running or waiting).
void WaitForActivity(pqxx::connection& observer, const std::string& pid, const std::string& condition) {
  const auto end = Clock::now() + 10s;
  while (Clock::now() < end) {
    if (Scalar(observer, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid + " AND " + condition) == "1") {
      return;
    }
    std::this_thread::sleep_for(20ms);
  }
  FAIL("session " << pid << " never met " << condition);
}

std::string SimpleQuery(const std::string& sql) {
  return Frame('Q', Str(sql));
}

TEST_CASE("PQcancel stops a running pg_sleep and a lock wait with 57014") {
  const auto& target = SharedTarget::Get();
  AsyncConnection victim(target.ConnString());
  pqxx::connection observer(target.ConnString());
  const std::string pid = victim.Pid();

  auto start = Clock::now();
  victim.Send("SELECT pg_sleep(60)");
  WaitForActivity(observer, pid, "wait_event_type = 'Timeout' AND wait_event = 'PgSleep'");
  victim.Cancel();
  CHECK(victim.Result() == "57014 canceling statement due to user request");
  CHECK(Clock::now() - start < 20s);
  victim.Send("SELECT 1");
  CHECK(victim.Result() == "");  // the session goes on

  const std::string t = TableName("cancel_lock");
  Exec(observer, "DROP TABLE IF EXISTS " + t);
  Exec(observer, "CREATE TABLE " + t + " (id integer PRIMARY KEY, v integer)");
  Exec(observer, "INSERT INTO " + t + " VALUES (1, 0)");
  Exec(observer, "BEGIN");
  Exec(observer, "SELECT v FROM " + t + " WHERE id = 1 FOR UPDATE");
  victim.Send("UPDATE " + t + " SET v = 1 WHERE id = 1");
  WaitForActivity(observer, pid, "state = 'active' AND wait_event_type = 'Lock' AND wait_event = 'transactionid'");
  victim.Cancel();
  CHECK(victim.Result() == "57014 canceling statement due to user request");
  Exec(observer, "ROLLBACK");
  Exec(observer, "DROP TABLE " + t);
}

TEST_CASE("pg_cancel_backend and pg_terminate_backend from another session") {
  const auto& target = SharedTarget::Get();
  pqxx::connection admin(target.ConnString());
  AsyncConnection victim(target.ConnString());
  const std::string pid = victim.Pid();

  victim.Send("SELECT pg_sleep(60)");
  WaitForActivity(admin, pid, "state = 'active'");
  CHECK(Scalar(admin, "SELECT pg_cancel_backend(" + pid + ")") == "t");
  CHECK(victim.Result() == "57014 canceling statement due to user request");

  victim.Send("SELECT pg_sleep(60)");
  WaitForActivity(admin, pid, "state = 'active'");
  CHECK(Scalar(admin, "SELECT pg_terminate_backend(" + pid + ")") == "t");
  CHECK(victim.Result() == "57P01 terminating connection due to administrator command");
  CHECK(PQstatus(victim.get()) == CONNECTION_BAD);

  // An idle session ends at once; with a timeout the call waits until it is gone.
  AsyncConnection idle(target.ConnString());
  const std::string idle_pid = idle.Pid();
  CHECK(Scalar(admin, "SELECT pg_terminate_backend(" + idle_pid + ", 10000)") == "t");
  CHECK(Scalar(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + idle_pid) == "0");
  idle.Send("SELECT 1");
  CHECK(idle.Result() != "");
}

TEST_CASE("signalling an unknown pid warns and returns false; a negative timeout is 22003") {
  PqConnection conn(SharedTarget::Get().ConnString());
  CHECK(conn.Run("SELECT pg_cancel_backend(1), pg_terminate_backend(1)") == "");
  REQUIRE(conn.notice_messages().size() == 2);
  CHECK(conn.notices()[0] == "WARNING 01000");
  CHECK(conn.notice_messages()[0] == "PID 1 is not a PostgreSQL backend process");
  CHECK(conn.Run("SELECT pg_terminate_backend(pg_backend_pid(), -1)") == "22003");
  CHECK(conn.error_message() == "\"timeout\" must not be negative");
}

TEST_CASE("a session that signals itself fails or ends at once") {
  PqConnection conn(SharedTarget::Get().ConnString());
  CHECK(conn.Run("SELECT pg_cancel_backend(pg_backend_pid())") == "57014");
  CHECK(conn.error_message() == "canceling statement due to user request");
  CHECK(conn.Run("SELECT 1") == "");
  AsyncConnection ending(SharedTarget::Get().ConnString());
  ending.Send("SELECT pg_terminate_backend(pg_backend_pid())");
  CHECK(ending.Result() == "57P01 terminating connection due to administrator command");
  CHECK(PQstatus(ending.get()) == CONNECTION_BAD);
}

TEST_CASE("pg_stat_activity shows each session's state and query") {
  const auto& target = SharedTarget::Get();
  pqxx::connection a(target.ConnString());
  pqxx::connection b(target.ConnString());
  const std::string b_pid = Scalar(b, "SELECT pg_backend_pid()");
  Exec(b, "BEGIN");
  Exec(b, "SELECT 42");
  pqxx::result all = Exec(a, "SELECT * FROM pg_stat_activity WHERE pid = pg_backend_pid()");
  REQUIRE(all.columns() == 22);
  CHECK(std::string(all.column_name(0)) == "datid");
  CHECK(std::string(all.column_name(21)) == "backend_type");
  CHECK(all[0]["state"].c_str() == std::string("active"));
  CHECK(all[0]["query"].c_str() == std::string("SELECT * FROM pg_stat_activity WHERE pid = pg_backend_pid()"));
  CHECK(all[0]["datname"].c_str() == target.database());
  CHECK(all[0]["usename"].c_str() == std::string("postgres"));
  CHECK(all[0]["backend_type"].c_str() == std::string("client backend"));
  CHECK(all[0]["client_addr"].c_str() == std::string("127.0.0.1"));
  CHECK_FALSE(all[0]["backend_start"].is_null());
  CHECK_FALSE(all[0]["xact_start"].is_null());
  pqxx::result other =
      Exec(a, "SELECT state, query, xact_start IS NOT NULL FROM pg_stat_activity WHERE pid = " + b_pid);
  REQUIRE(other.size() == 1);
  CHECK(other[0][0].c_str() == std::string("idle in transaction"));
  CHECK(other[0][1].c_str() == std::string("SELECT 42"));
  CHECK(other[0][2].c_str() == std::string("t"));
  CHECK(SqlStateOf(b, "SELECT 1 / 0") == "22012");
  CHECK(Scalar(a, "SELECT state FROM pg_stat_activity WHERE pid = " + b_pid) == "idle in transaction (aborted)");
  Exec(b, "ROLLBACK");
  CHECK(Scalar(a, "SELECT state || ' ' || (xact_start IS NULL) FROM pg_stat_activity WHERE pid = " + b_pid) ==
        "idle true");
}

TEST_CASE("statement_timeout stops pg_sleep; pg_sleep_for and pg_sleep_until sleep") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  Exec(conn, "SET statement_timeout = '200ms'");
  const auto start = Clock::now();
  try {
    Exec(conn, "SELECT pg_sleep(30)");
    FAIL("statement_timeout did not fire");
  } catch (const pqxx::sql_error& e) {
    CHECK(e.sqlstate() == "57014");
    CHECK(std::string(e.what()).find("canceling statement due to statement timeout") != std::string::npos);
  }
  CHECK(Clock::now() - start < 10s);
  Exec(conn, "RESET statement_timeout");
  const auto before = Clock::now();
  CHECK(Scalar(conn, "SELECT pg_sleep_for('100 milliseconds')") == "");
  CHECK(Scalar(conn, "SELECT pg_sleep_until(clock_timestamp() + interval '100 ms')") == "");
  CHECK(Scalar(conn, "SELECT pg_sleep(0.1)") == "");
  CHECK(Clock::now() - before >= 290ms);
  CHECK(Scalar(conn,
               "SELECT clock_timestamp() - statement_timestamp() >= interval '20 ms' FROM (SELECT pg_sleep(0.02)) s") ==
        "t");
  // Volatile: evaluated for every row, never folded into one call.
  const auto rows_start = Clock::now();
  CHECK(Scalar(conn, "SELECT count(pg_sleep(0.05)) FROM generate_series(1, 4)") == "4");
  CHECK(Clock::now() - rows_start >= 190ms);
}

TEST_CASE("a relation lock wait: pg_stat_activity shows it, pg_cancel_backend and lock_timeout (55P03) end it") {
  const auto& target = SharedTarget::Get();
  pqxx::connection holder(target.ConnString());
  pqxx::connection other(target.ConnString());
  const std::string t = TableName("lock_timeout_rel");
  Exec(holder, "DROP TABLE IF EXISTS " + t);
  Exec(holder, "CREATE TABLE " + t + " (id integer)");
  Exec(holder, "BEGIN");
  Exec(holder, "SELECT * FROM " + t);
  // A relation lock wait shows as Lock/relation and pg_cancel_backend ends it.
  AsyncConnection waiter(target.ConnString());
  const std::string pid = waiter.Pid();
  waiter.Send("DROP TABLE " + t);
  WaitForActivity(holder, pid, "wait_event_type = 'Lock' AND wait_event = 'relation'");
  CHECK(Scalar(holder, "SELECT pg_cancel_backend(" + pid + ")") == "t");
  CHECK(waiter.Result() == "57014 canceling statement due to user request");
  Exec(other, "SET lock_timeout = '200ms'");
  try {
    Exec(other, "DROP TABLE " + t);
    FAIL("lock_timeout did not fire");
  } catch (const pqxx::sql_error& e) {
    CHECK(e.sqlstate() == "55P03");
    CHECK(std::string(e.what()).find("canceling statement due to lock timeout") != std::string::npos);
  }
  Exec(holder, "ROLLBACK");
  Exec(other, "DROP TABLE " + t);
}

// Reads until the server closes; returns the fields of the FATAL it sent first (empty if none).
std::map<char, std::string> FatalBeforeClose(RawConnection& conn, std::chrono::milliseconds timeout) {
  std::map<char, std::string> fatal;
  while (auto m = conn.Read(timeout)) {
    if (m->type == 'E' && fatal.empty()) fatal = ErrorFields(m->body);
  }
  return fatal;
}

TEST_CASE("idle_session_timeout and idle_in_transaction_session_timeout close the connection") {
  const auto& target = SharedTarget::Get();
  SUBCASE("idle_session_timeout: 57P05") {
    RawConnection conn(target.endpoint());
    REQUIRE(RawStartup(conn, "postgres", target.database(), {{"idle_session_timeout", "300"}}).ready_status == 'I');
    const auto start = Clock::now();
    auto fatal = FatalBeforeClose(conn, 10s);
    CHECK(Clock::now() - start >= 100ms);
    CHECK(fatal['S'] == "FATAL");
    CHECK(fatal['C'] == "57P05");
    CHECK(fatal['M'] == "terminating connection due to idle-session timeout");
  }
  SUBCASE("idle_in_transaction_session_timeout: 25P03, only inside a transaction") {
    RawConnection conn(target.endpoint());
    REQUIRE(RawStartup(conn, "postgres", target.database(), {{"idle_in_transaction_session_timeout", "300"}})
                .ready_status == 'I');
    std::this_thread::sleep_for(600ms);  // idle outside a transaction: no timeout
    REQUIRE(conn.Send(SimpleQuery("BEGIN")));
    bool ready = false;
    while (auto m = conn.Read()) {
      if (m->type == 'Z') {
        CHECK(m->body == "T");
        ready = true;
        break;
      }
    }
    REQUIRE(ready);
    auto fatal = FatalBeforeClose(conn, 10s);
    CHECK(fatal['S'] == "FATAL");
    CHECK(fatal['C'] == "25P03");
    CHECK(fatal['M'] == "terminating connection due to idle-in-transaction timeout");
  }
  SUBCASE("a busy session is not idle") {
    pqxx::connection conn(target.ConnString());
    Exec(conn, "SET idle_session_timeout = '1s'");
    CHECK(Scalar(conn, "SELECT pg_sleep(1.5)") == "");
    CHECK(Scalar(conn, "SELECT 1") == "1");
  }
}

TEST_CASE("authentication_timeout closes a client that never finishes startup") {
  if (IsExternal()) return;  // needs its own server with authentication_timeout = 1s
  ServerProcess server({"authentication_timeout=1"});
  RawConnection silent(server.endpoint());
  const auto start = Clock::now();
  CHECK(FatalBeforeClose(silent, 10s).empty());  // closed without a message, as PostgreSQL does
  CHECK(Clock::now() - start >= 900ms);
  CHECK(Clock::now() - start < 8s);
  pqxx::connection fine(ConnString(server.endpoint(), "postgres", "postgres"));
  CHECK(Scalar(fine, "SELECT 1") == "1");
  CHECK(server.Log().find("canceling authentication due to timeout") != std::string::npos);
}

TEST_CASE("shutdown does not wait for authentication_timeout of a client still in startup") {
  if (IsExternal()) return;
  ServerProcess server;
  RawConnection silent(server.endpoint());
  std::this_thread::sleep_for(200ms);  // the session is blocked reading its startup packet
  const auto start = Clock::now();
  CHECK(server.Stop() == 0);
  CHECK(Clock::now() - start < 10s);
  CHECK(server.Log().find("canceling authentication due to timeout") == std::string::npos);
}

TEST_CASE("max_connections: 53300 beyond it; superusers may use the reserved slots") {
  if (IsExternal()) return;  // needs its own server
  ServerProcess server({"max_connections=4", "superuser_reserved_connections=2"});
  const std::string conninfo = ConnString(server.endpoint(), "postgres", "postgres");
  std::vector<std::unique_ptr<pqxx::connection>> open;
  for (int i = 0; i < 4; ++i) open.push_back(std::make_unique<pqxx::connection>(conninfo));
  RawConnection extra(server.endpoint());
  StartupResult refused = RawStartup(extra, "postgres", "postgres");
  CHECK(refused.error['S'] == "FATAL");
  CHECK(refused.error['C'] == "53300");
  CHECK(refused.error['M'] == "sorry, too many clients already");
  open.pop_back();
  std::this_thread::sleep_for(100ms);  // the closed session unregisters
  pqxx::connection again(conninfo);
  CHECK(Scalar(again, "SELECT count(*) FROM pg_stat_activity") == "4");
}

TEST_CASE("a non-superuser: may not signal a superuser's session, and the reserved slots refuse it") {
  if (IsExternal()) return;  // needs its own server
  ServerProcess server({"max_connections=4", "superuser_reserved_connections=2"});
  pqxx::connection admin(ConnString(server.endpoint(), "postgres", "postgres"));
  pqxx::nontransaction(admin).exec("CREATE ROLE alice LOGIN");
  const std::string admin_pid = Scalar(admin, "SELECT pg_backend_pid()");
  AsyncConnection alice(ConnString(server.endpoint(), "alice", "postgres"));
  auto error_of = [&](const std::string& sql) {
    alice.Send(sql);
    return alice.Result();
  };
  CHECK(error_of("SELECT pg_cancel_backend(" + admin_pid + ")") ==
        "42501 must be a superuser to cancel superuser query");
  CHECK(error_of("SELECT pg_terminate_backend(" + admin_pid + ")") ==
        "42501 must be a superuser to terminate superuser process");
  // Two of four slots are taken; a third session would leave fewer than the two reserved ones free.
  RawConnection extra(server.endpoint());
  StartupResult refused = RawStartup(extra, "alice", "postgres");
  CHECK(refused.error['C'] == "53300");
  CHECK(refused.error['M'] == "remaining connection slots are reserved for non-replication superuser connections");
  pqxx::connection superuser(ConnString(server.endpoint(), "postgres", "postgres"));
  CHECK(Scalar(superuser, "SELECT count(*) FROM pg_stat_activity") == "3");
}

TEST_CASE("superuser_reserved_connections must be less than max_connections") {
  if (IsExternal()) return;
  CHECK_THROWS(ServerProcess({"max_connections=3", "superuser_reserved_connections=3"}));
}

}  // namespace
}  // namespace lumadb::integration
