#pragma once
// The one way into Boost.Asio. Boost 1.74 with g++ 12 needs <utility> before <boost/asio.hpp>
// (std::exchange in awaitable.hpp); each TU that includes this costs ~10 s of compile, so only
// listener.cpp, tls_stream.cpp (with <boost/asio/ssl.hpp>) and asio_wake_timers.cpp do (architecture-anchors §0).

#include <utility>

#include <boost/asio.hpp>
