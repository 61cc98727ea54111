#pragma once
// ClockReplacer: the clock (second chance) victim choice over buffer frames, as PostgreSQL's
// StrategyGetBuffer does it with usage counts capped at 1. Not thread-safe: BufferPool calls it under mu_.

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace lumadb::storage {

class ClockReplacer {
 public:
  explicit ClockReplacer(size_t frames) : referenced_(frames, false) {}

  /// Gives frame a second chance at the next sweep (it was just used).
  void RecordAccess(size_t frame) { referenced_[frame] = true; }

  /// Sweeps at most twice round the clock for a frame that `evictable` accepts and that was not
  /// referenced since the hand last passed; nullopt if none is evictable.
  std::optional<size_t> Victim(const std::function<bool(size_t)>& evictable) {
    size_t n = referenced_.size();
    for (size_t step = 0; step < 2 * n; ++step) {
      size_t f = hand_;
      hand_ = (hand_ + 1) % n;
      if (!evictable(f)) continue;
      if (referenced_[f]) {
        referenced_[f] = false;
        continue;
      }
      return f;
    }
    return std::nullopt;
  }

 private:
  std::vector<bool> referenced_;
  size_t hand_ = 0;
};

}  // namespace lumadb::storage
