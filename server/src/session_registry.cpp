#include "server/session_registry.h"

#include <unistd.h>

#include <random>

namespace lumadb::server {

std::shared_ptr<SessionHandle> SessionRegistry::Register(std::function<void()> wake) {
  static thread_local std::random_device random;
  std::lock_guard lock(mutex_);
  if (static_cast<int>(sessions_.size()) >= max_connections_) return nullptr;
  // Session ids follow the server's pid, as backend pids follow the postmaster's.
  if (next_pid_ == 0) next_pid_ = static_cast<int32_t>(::getpid());
  auto handle = std::make_shared<SessionHandle>();
  do {
    next_pid_ = next_pid_ >= 0x3fffffff ? 1000 : next_pid_ + 1;
  } while (sessions_.count(next_pid_) > 0);
  handle->pid = next_pid_;
  handle->secret = static_cast<int32_t>(random());
  handle->wake = std::move(wake);
  sessions_[handle->pid] = handle;
  return handle;
}

void SessionRegistry::Unregister(int32_t pid) {
  std::lock_guard lock(mutex_);
  sessions_.erase(pid);
  if (sessions_.empty()) empty_cv_.notify_all();
}

void SessionRegistry::Cancel(int32_t pid, int32_t secret) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(pid);
  if (it != sessions_.end() && it->second->secret == secret) it->second->cancel_requested = true;
}

std::shared_ptr<SessionHandle> SessionRegistry::Find(int32_t pid) const {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(pid);
  return it == sessions_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<SessionHandle>> SessionRegistry::Sessions() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<SessionHandle>> out;
  out.reserve(sessions_.size());
  for (const auto& [pid, handle] : sessions_) out.push_back(handle);
  return out;
}

bool SessionRegistry::HaveFreeSlots(int n) const {
  std::lock_guard lock(mutex_);
  return max_connections_ - static_cast<int>(sessions_.size()) >= n;
}

int SessionRegistry::CountSessionsInDatabase(Oid db, int32_t self_pid) const {
  std::lock_guard lock(mutex_);
  int count = 0;
  for (const auto& [pid, handle] : sessions_) {
    if (pid != self_pid && handle->database_oid == db) ++count;
  }
  return count;
}

void SessionRegistry::TerminateAll() {
  std::lock_guard lock(mutex_);
  for (const auto& [pid, handle] : sessions_) {
    handle->terminate_requested = true;
    if (handle->wake) handle->wake();
  }
}

void SessionRegistry::WaitUntilEmpty() {
  std::unique_lock lock(mutex_);
  empty_cv_.wait(lock, [this] { return sessions_.empty(); });
}

int SessionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(sessions_.size());
}

}  // namespace lumadb::server
