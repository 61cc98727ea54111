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

#include "common/types.h"

namespace lumadb::server {

/// The shared, thread-safe part of one session that others may poke.
struct SessionHandle {
  int32_t pid = 0;
  int32_t secret = 0;
  std::atomic<Oid> database_oid{0};              // 0 until the session is connected to a database
  std::atomic<bool> cancel_requested{false};     // CancelRequest: 57014 at the next check
  std::atomic<bool> terminate_requested{false};  // shutdown: FATAL 57P01 at the next check
  std::function<void()> wake;                    // unblocks the session's socket read (shutdown(fd, SHUT_RD))
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
