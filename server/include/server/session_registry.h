#pragma once
// SessionRegistry: the server-wide table of live sessions (PostgreSQL's ProcArray plus the cancel-key
// lookup of postmaster.c). It enforces max_connections, routes CancelRequests by (pid, secret key),
// counts the sessions of a database for DROP DATABASE, asks every session to end at shutdown and lets
// the server wait until all are gone.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/types.h"
#include "pgwire/transport.h"

namespace lumadb::server {

/// What pg_stat_activity shows of a session (PgBackendStatus): written by the session's own thread,
/// read by others, both under SessionHandle::activity_mutex. Times in microseconds since 2000-01-01 UTC,
/// 0 for NULL.
struct SessionActivity {
  Oid role_oid = 0;  // 0 until authenticated
  std::string user;
  bool superuser = false;
  std::string database;
  std::string application_name;
  std::string client_addr;  // empty: a Unix-domain socket
  int32_t client_port = -1;
  int64_t backend_start_us = 0;
  int64_t xact_start_us = 0;
  int64_t query_start_us = 0;
  int64_t state_change_us = 0;
  std::string state;  // "active", "idle", "idle in transaction", "idle in transaction (aborted)"; "" at startup
  std::string query;  // the running or last statement's text
  std::string wait_event_type;         // "Lock", "Timeout"; empty: not waiting
  std::string wait_event;              // "relation", "transactionid", "PgSleep"
  std::optional<pgwire::TlsInfo> tls;  // pg_stat_ssl; nullopt: plaintext
};

/// The shared, thread-safe part of one session that others may poke.
struct SessionHandle {
  int32_t pid = 0;
  int32_t secret = 0;
  std::atomic<Oid> database_oid{0};              // 0 until the session is connected to a database
  std::atomic<bool> cancel_requested{false};     // CancelRequest: 57014 at the next check
  std::atomic<bool> terminate_requested{false};  // shutdown: FATAL 57P01 at the next check
  std::function<void()> wake;                    // unblocks the session's socket read (shutdown(fd, SHUT_RD))
  mutable std::mutex activity_mutex;
  SessionActivity activity;  // guarded by activity_mutex
};

class SessionRegistry {
 public:
  explicit SessionRegistry(int max_connections) : max_connections_(max_connections) {}

  /// Registers a new session with a fresh pid and random secret. Returns nullptr when max_connections
  /// sessions already exist (the caller answers FATAL 53300 "sorry, too many clients already").
  std::shared_ptr<SessionHandle> Register(std::function<void()> wake);
  /// Removes a session; wakes WaitUntilEmpty when it was the last.
  void Unregister(int32_t pid);

  /// Sets the cancel flag of the session with this pid if the secret matches (silently ignored otherwise,
  /// as PostgreSQL does, so keys cannot be probed).
  void Cancel(int32_t pid, int32_t secret);
  /// The session with this pid, or null.
  std::shared_ptr<SessionHandle> Find(int32_t pid) const;
  /// Every registered session, in pid order.
  std::vector<std::shared_ptr<SessionHandle>> Sessions() const;
  /// Whether at least n more sessions could register (HaveNFreeProcs, for superuser_reserved_connections).
  bool HaveFreeSlots(int n) const;
  /// How many sessions other than `self_pid` are connected to database `db`.
  int CountSessionsInDatabase(Oid db, int32_t self_pid) const;
  /// Asks every session to end (shutdown).
  void TerminateAll();
  /// Blocks until no session is registered.
  void WaitUntilEmpty();
  int size() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable empty_cv_;
  std::map<int32_t, std::shared_ptr<SessionHandle>> sessions_;
  int max_connections_;
  int32_t next_pid_ = 0;
};

}  // namespace lumadb::server
