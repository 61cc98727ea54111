#include "common/error.h"

namespace lumadb {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "ERROR";
    case Severity::kFatal:
      return "FATAL";
    case Severity::kPanic:
      return "PANIC";
    case Severity::kWarning:
      return "WARNING";
    case Severity::kNotice:
      return "NOTICE";
  }
  return "ERROR";
}

}  // namespace lumadb
