#pragma once
// The session values a thread keeps for itself (each session runs on its own thread, as PostgreSQL keeps
// them per backend): the time zone, DateStyle and its field order, the statement's "now" and
// extra_float_digits. A parallel worker thread evaluates expressions for its session, so it installs the
// session thread's values first (PostgreSQL's parallel workers restore the leader's GUCs).

#include <cstdint>

#include "common/datetime.h"
#include "common/time_zone.h"

namespace lumadb {

/// The calling thread's DateStyle (SetDateStyle's value).
DateStyle CurrentDateStyle();
/// The calling thread's SetInputNow value (0: the clock is read).
int64_t CurrentInputNow();

/// A copy of the calling thread's session values, to install on another thread.
struct ThreadSession {
  /// The calling thread's values; the time zone must outlive every thread that installs them.
  static ThreadSession Capture();
  /// Makes them the calling thread's.
  void Install() const;

  const TimeZone* zone = nullptr;
  DateOrder date_order = DateOrder::kMDY;
  DateStyle date_style = DateStyle::kIso;
  int64_t input_now = 0;
  int extra_float_digits = 1;
};

}  // namespace lumadb
