#pragma once
// ClockReplacer: the clock (second chance) victim choice over buffer frames, as PostgreSQL's
// StrategyGetBuffer does it with usage counts capped at 1. RecordAccess is called on every buffer hit
// without the pool's mutex, so the reference bits are atomics (a lost race merely gives a frame one
// chance more or less); Victim and the hand are used under BufferPool::mu_ only.

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>

namespace lumadb::storage {

class ClockReplacer {
 public:
  explicit ClockReplacer(size_t frames) : frames_(frames), referenced_(new std::atomic<bool>[frames]) {
    for (size_t i = 0; i < frames; ++i) referenced_[i].store(false, std::memory_order_relaxed);
  }

  /// Gives frame a second chance at the next sweep (it was just used). Thread-safe.
  void RecordAccess(size_t frame) {
    // Read first: a hit on a frame already marked then leaves its cache line shared between cores.
    if (!referenced_[frame].load(std::memory_order_relaxed)) referenced_[frame].store(true, std::memory_order_relaxed);
  }

  /// Sweeps at most twice round the clock for a frame that `evictable` accepts and that was not
  /// referenced since the hand last passed; nullopt if none is evictable. Callers serialise calls.
  template <class Evictable>
  std::optional<size_t> Victim(const Evictable& evictable) {
    for (size_t step = 0; step < 2 * frames_; ++step) {
      size_t f = hand_;
      hand_ = (hand_ + 1) % frames_;
      if (!evictable(f)) continue;
      if (referenced_[f].load(std::memory_order_relaxed)) {
        referenced_[f].store(false, std::memory_order_relaxed);
        continue;
      }
      return f;
    }
    return std::nullopt;
  }

 private:
  size_t frames_;
  std::unique_ptr<std::atomic<bool>[]> referenced_;
  size_t hand_ = 0;
};

}  // namespace lumadb::storage
