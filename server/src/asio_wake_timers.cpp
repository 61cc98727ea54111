#include "asio_wake_timers.h"

#include <cstdint>
#include <mutex>
#include <vector>

namespace lumadb::server {

namespace {

namespace asio = boost::asio;

// The part the io_context's handlers share with the session: a timer is destroyed by its session while
// a wait may still be pending on the main thread.
struct TimerState {
  explicit TimerState(asio::io_context& io) : timer(io) {}
  std::mutex mutex;
  uint64_t generation = 0;            // bumped by every Arm and Disarm: an older wait finds it changed
  std::function<void(bool)> on_fire;  // null when not armed
  asio::steady_timer timer;           // touched only on the io_context's thread
};

// Runs the armed callback of an Arm of this generation (any generation: 0). Under the mutex, so Disarm
// returns only once a firing callback has finished.
void Fire(TimerState& state, uint64_t generation, bool expired) {
  std::lock_guard lock(state.mutex);
  if ((generation != 0 && state.generation != generation) || !state.on_fire) return;
  std::function<void(bool)> fire = std::move(state.on_fire);
  state.on_fire = nullptr;
  fire(expired);
}

class AsioWakeTimer : public WakeTimer {
 public:
  AsioWakeTimer(asio::io_context& io, std::shared_ptr<TimerState> state) : io_(io), state_(std::move(state)) {}
  ~AsioWakeTimer() override { Disarm(); }
  AsioWakeTimer(const AsioWakeTimer&) = delete;
  AsioWakeTimer& operator=(const AsioWakeTimer&) = delete;

  void Arm(std::chrono::milliseconds delay, std::function<void(bool)> on_fire) override {
    uint64_t generation = 0;
    {
      std::lock_guard lock(state_->mutex);
      generation = ++state_->generation;
      state_->on_fire = std::move(on_fire);
    }
    asio::post(io_, [state = state_, delay, generation] {
      state->timer.expires_after(delay);  // cancels the wait of an earlier Arm
      state->timer.async_wait([state, generation](const boost::system::error_code& ec) {
        if (!ec) Fire(*state, generation, true);
      });
    });
  }

  void Disarm() override {
    {
      std::lock_guard lock(state_->mutex);
      if (!state_->on_fire) return;
      ++state_->generation;
      state_->on_fire = nullptr;
    }
    // A pending wait would keep the io_context busy (and shutdown waiting) until it expired.
    asio::post(io_, [state = state_] { state->timer.cancel(); });
  }

 private:
  asio::io_context& io_;
  std::shared_ptr<TimerState> state_;
};

class AsioWakeTimers : public WakeTimers {
 public:
  explicit AsioWakeTimers(asio::io_context& io) : io_(io) {}

  std::unique_ptr<WakeTimer> Create() override {
    auto state = std::make_shared<TimerState>(io_);
    std::lock_guard lock(mutex_);
    std::erase_if(states_, [](const std::weak_ptr<TimerState>& s) { return s.expired(); });
    states_.push_back(state);
    return std::make_unique<AsioWakeTimer>(io_, std::move(state));
  }

  void WakeAll() override {
    std::vector<std::shared_ptr<TimerState>> live;
    {
      std::lock_guard lock(mutex_);
      for (const auto& weak : states_) {
        if (auto state = weak.lock()) live.push_back(std::move(state));
      }
    }
    for (const auto& state : live) {
      Fire(*state, 0, false);
      state->timer.cancel();  // WakeAll runs on the io_context's thread, the only one touching timers
    }
  }

 private:
  asio::io_context& io_;
  std::mutex mutex_;
  std::vector<std::weak_ptr<TimerState>> states_;  // every timer made, for WakeAll; expired ones pruned
};

}  // namespace

std::unique_ptr<WakeTimers> MakeAsioWakeTimers(boost::asio::io_context& io) {
  return std::make_unique<AsioWakeTimers>(io);
}

}  // namespace lumadb::server
