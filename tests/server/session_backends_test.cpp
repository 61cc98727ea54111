// SessionBackends: pg_cancel_backend / pg_terminate_backend permission rules (signalfuncs.c
// pg_signal_backend), the unknown-pid warning, the terminate wait, pg_stat_activity visibility, and the
// registry's free-slot count behind superuser_reserved_connections.
#include "server/session_backends.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace lumadb::server {
namespace {

struct Fixture {
  SessionRegistry registry{10};
  std::vector<DbError> notices;

  std::shared_ptr<SessionHandle> Add(Oid role, bool superuser, const std::string& user) {
    auto handle = registry.Register(nullptr);
    REQUIRE(handle);
    handle->activity.role_oid = role;
    handle->activity.superuser = superuser;
    handle->activity.user = user;
    handle->activity.query = "SELECT secret";
    handle->activity.state = "active";
    return handle;
  }
  SessionBackends For(std::shared_ptr<SessionHandle> self) {
    return SessionBackends(
        registry, std::move(self), [this](const DbError& n) { notices.push_back(n); }, nullptr);
  }
};

std::string SqlStateOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const DbError& e) {
    return std::string(e.code().View()) + " " + e.message();
  }
  return "";
}

TEST_CASE("superusers signal anyone; other roles only their own role's sessions") {
  Fixture f;
  auto admin = f.Add(10, true, "postgres");
  auto alice = f.Add(20, false, "alice");
  auto alice2 = f.Add(20, false, "alice");
  auto bob = f.Add(30, false, "bob");

  CHECK(f.For(alice).SignalBackend(alice2->pid, false, 0));
  CHECK(alice2->cancel_requested);
  CHECK(SqlStateOf([&] { f.For(alice).SignalBackend(bob->pid, false, 0); }) ==
        "42501 must be a member of the role whose query is being canceled or member of pg_signal_backend");
  CHECK(SqlStateOf([&] { f.For(alice).SignalBackend(bob->pid, true, 0); }) ==
        "42501 must be a member of the role whose process is being terminated or member of pg_signal_backend");
  CHECK(SqlStateOf([&] { f.For(alice).SignalBackend(admin->pid, false, 0); }) ==
        "42501 must be a superuser to cancel superuser query");
  CHECK(SqlStateOf([&] { f.For(alice).SignalBackend(admin->pid, true, 0); }) ==
        "42501 must be a superuser to terminate superuser process");
  CHECK_FALSE(bob->cancel_requested);
  CHECK_FALSE(admin->terminate_requested);

  CHECK(f.For(admin).SignalBackend(bob->pid, true, 0));
  CHECK(bob->terminate_requested);
}

TEST_CASE("an unknown pid warns and gives false; a terminate wait that times out warns too") {
  Fixture f;
  auto admin = f.Add(10, true, "postgres");
  CHECK_FALSE(f.For(admin).SignalBackend(424242, false, 0));
  REQUIRE(f.notices.size() == 1);
  CHECK(f.notices[0].severity() == Severity::kWarning);
  CHECK(f.notices[0].message() == "PID 424242 is not a PostgreSQL backend process");

  auto stuck = f.Add(10, true, "postgres");  // never unregisters
  CHECK_FALSE(f.For(admin).SignalBackend(stuck->pid, true, 1));
  REQUIRE(f.notices.size() == 2);
  CHECK(f.notices[1].message() ==
        "backend with PID " + std::to_string(stuck->pid) + " did not terminate within 1 millisecond");
}

TEST_CASE("pg_stat_activity hides other roles' details from non-superusers") {
  Fixture f;
  auto admin = f.Add(10, true, "postgres");
  auto alice = f.Add(20, false, "alice");
  auto rows = f.For(alice).ActivityRows();
  REQUIRE(rows.size() == 2);
  const Row& of_admin = rows[0][2].GetInt() == admin->pid ? rows[0] : rows[1];
  const Row& of_alice = rows[0][2].GetInt() == alice->pid ? rows[0] : rows[1];
  CHECK(of_admin[20].GetString() == "<insufficient privilege>");
  CHECK(of_admin[16].is_null());  // state
  CHECK(of_admin[5].GetString() == "postgres");
  CHECK(of_alice[20].GetString() == "SELECT secret");
  CHECK(of_alice[16].GetString() == "active");
  for (const Row& row : f.For(admin).ActivityRows()) CHECK(row[20].GetString() == "SELECT secret");
}

TEST_CASE("free slots count every registered session (superuser_reserved_connections)") {
  SessionRegistry registry(4);
  auto a = registry.Register(nullptr);
  CHECK(registry.HaveFreeSlots(3));
  auto b = registry.Register(nullptr);
  CHECK(registry.HaveFreeSlots(2));
  CHECK_FALSE(registry.HaveFreeSlots(3));
  CHECK(registry.Find(b->pid) == b);
  CHECK(registry.Sessions().size() == 2);
  registry.Unregister(b->pid);
  CHECK(registry.Find(b->pid) == nullptr);
  CHECK(registry.HaveFreeSlots(3));
}

}  // namespace
}  // namespace lumadb::server
