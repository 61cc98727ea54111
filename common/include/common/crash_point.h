#pragma once
// Crash points: deterministic places where a test can make the server die, to exercise crash recovery
// (PostgreSQL's injection points, src/backend/utils/misc/injection_point.c, in their simplest form).
//
// Set the environment variable LUMADB_CRASH_POINT to "name" (crash on the first hit) or "name:N" (crash on
// the N-th hit). When the point is reached the process writes "crash point <name> reached" to stderr and
// ends at once with _exit(134): no destructors, no flushing, exactly like a kill -9 of the server. With the
// variable unset, a crash point costs one load of a static bool.
//
// Points (storage/README.md, "Crash points"): wal-append, after-commit-flush, mid-page-write,
// mid-checkpoint, mid-recovery.

namespace lumadb {

namespace crash_point_detail {
/// True when LUMADB_CRASH_POINT was set at process start.
extern const bool g_enabled;
}  // namespace crash_point_detail

/// True when some crash point is armed (tests set LUMADB_CRASH_POINT).
inline bool CrashPointsEnabled() {
  return crash_point_detail::g_enabled;
}

/// Counts one hit of crash point `name`; true when this hit is the one that must crash. Lets a caller do
/// damage first (e.g. write half a page) before calling CrashNow.
bool CrashPointReached(const char* name);

/// Writes "crash point <name> reached" to stderr and ends the process with _exit(134).
[[noreturn]] void CrashNow(const char* name);

}  // namespace lumadb

/// Crashes here if LUMADB_CRASH_POINT names this point (and this is its N-th hit).
#define LUMADB_CRASH_POINT(name)                                                                       \
  do {                                                                                                 \
    if (::lumadb::CrashPointsEnabled() && ::lumadb::CrashPointReached(name)) ::lumadb::CrashNow(name); \
  } while (0)
