#pragma once
// Units and helpers shared by the interval and time-of-day code of common/ (private to the module).

#include <cstdint>
#include <string>

#include "common/datetime.h"

namespace lumadb {

inline constexpr int64_t kUsecsPerSecond = 1000000;
inline constexpr int64_t kUsecsPerMinute = 60 * kUsecsPerSecond;
inline constexpr int64_t kUsecsPerHour = 60 * kUsecsPerMinute;

/// a / b rounded toward negative infinity (days of a negative timestamp, ...).
inline int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/// Throws 22008 "interval out of range".
[[noreturn]] void ThrowIntervalOutOfRange();

/// Throws 22008 "timestamp out of range".
[[noreturn]] void ThrowTimestampRange();

/// AppendSeconds' fraction: "" for 0, else "." and the microseconds of |fsec| without trailing zeros.
std::string AppendFraction(int64_t fsec);

}  // namespace lumadb
