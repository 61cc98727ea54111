// Server signalling and delay functions (PostgreSQL 15 docs §9.27.2 and §9.9.6): pg_backend_pid,
// pg_cancel_backend, pg_terminate_backend (storage/ipc/signalfuncs.c) and pg_sleep, pg_sleep_for,
// pg_sleep_until (utils/adt/misc.c pg_sleep; the other two are SQL functions over it in system_functions.sql),
// with clock_timestamp(), the clock they read.
#include <chrono>
#include <cmath>
#include <thread>

#include "builtins.h"
#include "common/error.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

constexpr int64_t kUnixToPgEpochUs = 946684800LL * 1000000;
// How long one sleep slice lasts at most: the latency of a cancel, statement_timeout or terminate.
constexpr auto kSleepSlice = std::chrono::milliseconds(10);

// clock_timestamp(): microseconds since 2000-01-01 UTC.
int64_t ClockTimestampMicros() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::microseconds>(now).count() - kUnixToPgEpochUs;
}

BackendControl& Backends(const FunctionEnv& env) {
  if (env.backends == nullptr) {
    throw DbError(sqlstate::kFeatureNotSupported, "server signalling functions need a session");
  }
  return *env.backends;
}

// Sleeps `seconds` (nothing for NaN, zero or less) in slices, running the statement's interrupt check
// before each, as pg_sleep's loop around WaitLatch does, so cancel and statement_timeout end it.
Value SleepSeconds(double seconds, const FunctionEnv& env) {
  if (!(seconds > 0)) {
    if (env.check_interrupts) env.check_interrupts();
    return Value::Void();
  }
  // Capped at ~31 years, so the nanosecond steady clock cannot overflow (Infinity too); nobody waits that long.
  const double capped = std::min(seconds, 1e9);
  // pg_stat_activity shows the sleep as PostgreSQL's Timeout/PgSleep wait, until it ends either way.
  struct WaitReport {
    BackendControl* backends;
    ~WaitReport() {
      if (backends) backends->ReportWait(nullptr, nullptr);
    }
  } report{env.backends};
  if (env.backends) env.backends->ReportWait("Timeout", "PgSleep");
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                          std::chrono::duration<double>(capped));
  while (true) {
    if (env.check_interrupts) env.check_interrupts();
    const auto now = std::chrono::steady_clock::now();
    if (now >= end) break;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(end - now, kSleepSlice));
  }
  return Value::Void();
}

Value PgSleep(const std::vector<Value>& a, const FunctionEnv& env) {
  return SleepSeconds(a[0].GetFloat(), env);
}

// pg_sleep_for(interval): pg_sleep(extract(epoch from clock_timestamp() + $1) - extract(epoch from
// clock_timestamp())); a month counts as 30 days here instead of the calendar month from now.
Value PgSleepFor(const std::vector<Value>& a, const FunctionEnv& env) {
  const Interval& iv = a[0].GetInterval();
  const double seconds = static_cast<double>(iv.time) / 1e6 + static_cast<double>(iv.day) * 86400.0 +
                         static_cast<double>(iv.month) * 30.0 * 86400.0;
  return SleepSeconds(seconds, env);
}

// pg_sleep_until(timestamptz): pg_sleep(extract(epoch from $1) - extract(epoch from clock_timestamp())).
Value PgSleepUntil(const std::vector<Value>& a, const FunctionEnv& env) {
  const int64_t until = a[0].GetInt();
  return SleepSeconds(static_cast<double>(until - ClockTimestampMicros()) / 1e6, env);
}

Value ClockTimestamp(const std::vector<Value>&, const FunctionEnv&) {
  return Value::Timestamp(ClockTimestampMicros(), T::kTimestampTz);
}

Value PgBackendPid(const std::vector<Value>&, const FunctionEnv& env) {
  return Value::Int4(Backends(env).BackendPid());
}

Value PgCancelBackend(const std::vector<Value>& a, const FunctionEnv& env) {
  return Value::Bool(Backends(env).SignalBackend(static_cast<int32_t>(a[0].GetInt()), false, 0));
}

Value PgTerminateBackend(const std::vector<Value>& a, const FunctionEnv& env) {
  const int64_t timeout = a.size() > 1 ? a[1].GetInt() : 0;
  if (timeout < 0) throw DbError(sqlstate::kNumericValueOutOfRange, "\"timeout\" must not be negative");
  return Value::Bool(Backends(env).SignalBackend(static_cast<int32_t>(a[0].GetInt()), true, timeout));
}

}  // namespace

const std::vector<std::pair<std::string, TypeId>>& PgStatSslColumns() {
  static const std::vector<std::pair<std::string, TypeId>> kColumns = {
      {"pid", T::kInt4},  {"ssl", T::kBool},       {"version", T::kText},          {"cipher", T::kText},
      {"bits", T::kInt4}, {"client_dn", T::kText}, {"client_serial", T::kNumeric}, {"issuer_dn", T::kText}};
  return kColumns;
}

const std::vector<std::pair<std::string, TypeId>>& PgStatActivityColumns() {
  static const std::vector<std::pair<std::string, TypeId>> kColumns = {
      {"datid", T::kOid},
      {"datname", T::kName},
      {"pid", T::kInt4},
      {"leader_pid", T::kInt4},
      {"usesysid", T::kOid},
      {"usename", T::kName},
      {"application_name", T::kText},
      {"client_addr", T::kText},
      {"client_hostname", T::kText},
      {"client_port", T::kInt4},
      {"backend_start", T::kTimestampTz},
      {"xact_start", T::kTimestampTz},
      {"query_start", T::kTimestampTz},
      {"state_change", T::kTimestampTz},
      {"wait_event_type", T::kText},
      {"wait_event", T::kText},
      {"state", T::kText},
      {"backend_xid", T::kText},
      {"backend_xmin", T::kText},
      {"query_id", T::kInt8},
      {"query", T::kText},
      {"backend_type", T::kText},
  };
  return kColumns;
}

void AddAdminBuiltins(std::vector<ScalarFunction>& out) {
  // All volatile: they act or read the moment they run, so they are never folded into constants.
  std::vector<ScalarFunction> fns = {
      {"pg_sleep", {T::kFloat8}, T::kVoid, PgSleep, true, false, true},
      {"pg_sleep_for", {T::kInterval}, T::kVoid, PgSleepFor, true, false, true},
      {"pg_sleep_until", {T::kTimestampTz}, T::kVoid, PgSleepUntil, true, false, true},
      {"clock_timestamp", {}, T::kTimestampTz, ClockTimestamp, true, false, true},
      {"pg_backend_pid", {}, T::kInt4, PgBackendPid, true, false, true},
      {"pg_cancel_backend", {T::kInt4}, T::kBool, PgCancelBackend, true, false, true},
      {"pg_terminate_backend", {T::kInt4}, T::kBool, PgTerminateBackend, true, false, true},
      {"pg_terminate_backend", {T::kInt4, T::kInt8}, T::kBool, PgTerminateBackend, true, false, true},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner
