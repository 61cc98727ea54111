#include "common/thread_session.h"

#include "common/float_output.h"

namespace lumadb {

ThreadSession ThreadSession::Capture() {
  ThreadSession s;
  s.zone = &SessionTimeZone();
  s.date_order = CurrentDateOrder();
  s.date_style = CurrentDateStyle();
  s.input_now = CurrentInputNow();
  s.extra_float_digits = ExtraFloatDigits();
  return s;
}

void ThreadSession::Install() const {
  if (zone != nullptr) SetSessionTimeZone(*zone);
  SetDateOrder(date_order);
  SetDateStyle(date_style);
  SetInputNow(input_now);
  SetExtraFloatDigits(extra_float_digits);
}

}  // namespace lumadb
