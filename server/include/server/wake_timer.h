#pragma once
// WakeTimer: a one-shot timer whose callback runs on the server's main thread (its Asio io_context).
// Sessions block in a socket read while idle or authenticating, so idle_in_transaction_session_timeout,
// idle_session_timeout and authentication_timeout cannot be checked by the session thread itself; the
// callback records which timeout expired and calls the session's wake (shutdown(fd, SHUT_RD)), which
// makes the read return. PostgreSQL does the same with SIGALRM handlers that set a flag and the latch
// (utils/misc/timeout.c).

#include <chrono>
#include <functional>
#include <memory>

namespace lumadb::server {

class WakeTimer {
 public:
  virtual ~WakeTimer() = default;
  /// Arms the timer, replacing an armed one: on_fire(true) runs on the timer thread after `delay` unless
  /// Disarm or another Arm comes first, or on_fire(false) at shutdown (WakeTimers::WakeAll).
  virtual void Arm(std::chrono::milliseconds delay, std::function<void(bool expired)> on_fire) = 0;
  /// Disarms the timer. Once it returns, on_fire has either finished or will never run, so on_fire may
  /// point into the caller.
  virtual void Disarm() = 0;
};

/// Makes WakeTimers (listener.cpp's are Asio steady_timers on the main io_context).
class WakeTimers {
 public:
  virtual ~WakeTimers() = default;
  virtual std::unique_ptr<WakeTimer> Create() = 0;
  /// At shutdown, on the timer thread: runs every armed timer's on_fire(false) now and drops its wait, so
  /// that sessions blocked before they registered (which SessionRegistry::TerminateAll cannot reach) end
  /// too, and no pending wait keeps the io_context running.
  virtual void WakeAll() = 0;
};

}  // namespace lumadb::server
