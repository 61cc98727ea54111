#pragma once
// WakeTimers over Asio steady_timers (asio_wake_timers.cpp), private to the server module.

#include <memory>

#include "asio.h"
#include "server/wake_timer.h"

namespace lumadb::server {

/// Timers whose callbacks run on the thread running `io`. Arm/Disarm post to `io` and may be called from
/// any thread; `io` must outlive every timer (a timer posted to a stopped io_context never fires).
std::unique_ptr<WakeTimers> MakeAsioWakeTimers(boost::asio::io_context& io);

}  // namespace lumadb::server
