#pragma once
// SessionBackends: the server signalling functions and pg_stat_activity of one session, over the
// SessionRegistry (PostgreSQL's storage/ipc/signalfuncs.c and utils/adt/pgstatfuncs.c
// pg_stat_get_activity).

#include <functional>
#include <memory>
#include <vector>

#include "common/error.h"
#include "planner/function_registry.h"
#include "server/session_registry.h"

namespace lumadb::server {

class SessionBackends : public planner::BackendControl {
 public:
  /// `self` is the calling session; `notice` sends a WARNING to its client; `check_interrupts` is its
  /// statement's interrupt check (the wait of pg_terminate_backend with a timeout runs it).
  SessionBackends(SessionRegistry& registry, std::shared_ptr<SessionHandle> self,
                  std::function<void(const DbError&)> notice, std::function<void()> check_interrupts);

  int32_t BackendPid() const override;
  /// pg_cancel_backend / pg_terminate_backend: superusers may signal anyone, other roles only sessions
  /// of their own role and no superuser's (42501, PostgreSQL 15's wording). A cancel sets the target's
  /// flag (57014 at its next interrupt check); a terminate sets its terminate flag and wakes its read
  /// (FATAL 57P01).
  bool SignalBackend(int32_t pid, bool terminate, int64_t timeout_ms) override;
  /// A row per session; for another role's session a non-superuser sees only datid, pid, usesysid,
  /// application_name and backend_type, and query "<insufficient privilege>", as pg_stat_get_activity.
  std::vector<Row> ActivityRows() override;
  /// pg_stat_ssl: the sessions ActivityRows shows in full (pg_stat_ssl keeps only rows whose client_port
  /// is not NULL), with ssl false and NULLs for plaintext ones.
  std::vector<Row> SslRows() override;
  void ReportWait(const char* type, const char* event) override;

 private:
  /// pg_wait_until_termination: polls until `pid` is gone or timeout_ms pass (WARNING then, false).
  bool WaitUntilGone(int32_t pid, int64_t timeout_ms);
  SessionActivity SelfActivity() const;

  SessionRegistry& registry_;
  std::shared_ptr<SessionHandle> self_;
  std::function<void(const DbError&)> notice_;
  std::function<void()> check_interrupts_;
};

}  // namespace lumadb::server
