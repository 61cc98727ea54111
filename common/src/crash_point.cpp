#include "common/crash_point.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace lumadb {

namespace {

/// The armed point, parsed once from LUMADB_CRASH_POINT ("name" or "name:N").
struct Armed {
  std::string name;
  long hit = 1;
  std::atomic<long> count{0};

  Armed() {
    const char* env = std::getenv("LUMADB_CRASH_POINT");
    if (env == nullptr) return;
    name = env;
    size_t colon = name.rfind(':');
    if (colon != std::string::npos) {
      hit = std::max(1L, std::strtol(name.c_str() + colon + 1, nullptr, 10));
      name.resize(colon);
    }
  }
};

Armed& ArmedPoint() {
  static Armed armed;
  return armed;
}

}  // namespace

namespace crash_point_detail {
const bool g_enabled = std::getenv("LUMADB_CRASH_POINT") != nullptr;
}  // namespace crash_point_detail

bool CrashPointReached(const char* name) {
  Armed& armed = ArmedPoint();
  if (armed.name != name) return false;
  return armed.count.fetch_add(1) + 1 == armed.hit;
}

void CrashNow(const char* name) {
  std::fprintf(stderr, "crash point %s reached\n", name);
  std::fflush(stderr);
  ::_exit(134);
}

}  // namespace lumadb
