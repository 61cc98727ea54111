#include "server/session_backends.h"

#include <chrono>
#include <thread>

namespace lumadb::server {

namespace {

using T = TypeId;

Value TimestampOrNull(int64_t us) {
  return us == 0 ? Value::Null(T::kTimestampTz) : Value::Timestamp(us, T::kTimestampTz);
}

Value TextOrNull(const std::string& s, TypeId type = T::kText) {
  return s.empty() ? Value::Null(type) : Value::String(s, type);
}

// One pg_stat_activity row (PgStatActivityColumns' order). `visible`: the caller may see the details.
Row ActivityRow(const SessionHandle& handle, const SessionActivity& a, bool visible) {
  const Oid db = handle.database_oid;
  Row row = {db == 0 ? Value::Null(T::kOid) : Value::Oid(db),
             TextOrNull(a.database, T::kName),
             Value::Int4(handle.pid),
             Value::Null(T::kInt4),  // leader_pid: no parallel workers
             a.role_oid == 0 ? Value::Null(T::kOid) : Value::Oid(a.role_oid),
             TextOrNull(a.user, T::kName),
             Value::String(a.application_name),
             TextOrNull(a.client_addr),
             Value::Null(T::kText),  // client_hostname: log_hostname is off
             Value::Int4(a.client_port),
             TimestampOrNull(a.backend_start_us),
             TimestampOrNull(a.xact_start_us),
             TimestampOrNull(a.query_start_us),
             TimestampOrNull(a.state_change_us),
             TextOrNull(a.wait_event_type),
             TextOrNull(a.wait_event),
             TextOrNull(a.state),
             Value::Null(T::kText),  // backend_xid
             Value::Null(T::kText),  // backend_xmin
             Value::Null(T::kInt8),  // query_id: compute_query_id is off
             Value::String(a.query),
             Value::String("client backend")};
  if (!visible) {
    for (size_t i : {3, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}) row[i] = Value::Null(row[i].type());
    row[20] = Value::String("<insufficient privilege>");
  }
  return row;
}

}  // namespace

SessionBackends::SessionBackends(SessionRegistry& registry, std::shared_ptr<SessionHandle> self,
                                 std::function<void(const DbError&)> notice, std::function<void()> check_interrupts)
    : registry_(registry),
      self_(std::move(self)),
      notice_(std::move(notice)),
      check_interrupts_(std::move(check_interrupts)) {}

int32_t SessionBackends::BackendPid() const {
  return self_->pid;
}

SessionActivity SessionBackends::SelfActivity() const {
  std::lock_guard lock(self_->activity_mutex);
  return self_->activity;
}

bool SessionBackends::SignalBackend(int32_t pid, bool terminate, int64_t timeout_ms) {
  std::shared_ptr<SessionHandle> target = registry_.Find(pid);
  if (!target) {
    notice_(DbError(sqlstate::kWarning, "PID " + std::to_string(pid) + " is not a PostgreSQL backend process",
                    Severity::kWarning));
    return false;
  }
  const SessionActivity caller = SelfActivity();
  Oid target_role = 0;
  bool target_superuser = false;
  {
    std::lock_guard lock(target->activity_mutex);
    target_role = target->activity.role_oid;
    target_superuser = target->activity.superuser;
  }
  if (target_superuser && !caller.superuser) {
    throw DbError(sqlstate::kInsufficientPrivilege, terminate ? "must be a superuser to terminate superuser process"
                                                              : "must be a superuser to cancel superuser query");
  }
  // has_privs_of_role without role membership yet: superuser, or the very same role.
  if (!caller.superuser && (target_role == 0 || target_role != caller.role_oid)) {
    throw DbError(sqlstate::kInsufficientPrivilege,
                  terminate ? "must be a member of the role whose process is being terminated or member of "
                              "pg_signal_backend"
                            : "must be a member of the role whose query is being canceled or member of "
                              "pg_signal_backend");
  }
  if (terminate) {
    target->terminate_requested = true;
    if (target->wake) target->wake();
  } else {
    target->cancel_requested = true;
  }
  // Signalling oneself takes effect at once, as the signal PostgreSQL sends itself does: the statement
  // fails (57014) or the session ends (57P01) before the result goes out.
  if (target == self_ && check_interrupts_) check_interrupts_();
  return terminate && timeout_ms > 0 ? WaitUntilGone(pid, timeout_ms) : true;
}

bool SessionBackends::WaitUntilGone(int32_t pid, int64_t timeout_ms) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (registry_.Find(pid) != nullptr) {
    if (check_interrupts_) check_interrupts_();
    const auto now = std::chrono::steady_clock::now();
    if (now >= end) {
      notice_(DbError(sqlstate::kWarning,
                      "backend with PID " + std::to_string(pid) + " did not terminate within " +
                          std::to_string(timeout_ms) + (timeout_ms == 1 ? " millisecond" : " milliseconds"),
                      Severity::kWarning));
      return false;
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(end - now, std::chrono::milliseconds(10)));
  }
  return true;
}

void SessionBackends::ReportWait(const char* type, const char* event) {
  std::lock_guard lock(self_->activity_mutex);
  self_->activity.wait_event_type = type != nullptr ? type : "";
  self_->activity.wait_event = event != nullptr ? event : "";
}

std::vector<Row> SessionBackends::SslRows() {
  const SessionActivity caller = SelfActivity();
  std::vector<Row> rows;
  for (const std::shared_ptr<SessionHandle>& handle : registry_.Sessions()) {
    std::lock_guard lock(handle->activity_mutex);
    const SessionActivity& a = handle->activity;
    if (!caller.superuser && (a.role_oid == 0 || a.role_oid != caller.role_oid)) continue;
    if (!a.tls) {
      rows.push_back({Value::Int4(handle->pid), Value::Bool(false), Value::Null(T::kText), Value::Null(T::kText),
                      Value::Null(T::kInt4), Value::Null(T::kText), Value::Null(T::kNumeric), Value::Null(T::kText)});
      continue;
    }
    const pgwire::TlsInfo& tls = *a.tls;
    rows.push_back(
        {Value::Int4(handle->pid), Value::Bool(true), Value::String(tls.version), Value::String(tls.cipher),
         Value::Int4(tls.bits), TextOrNull(tls.client_dn),
         tls.client_serial.empty() ? Value::Null(T::kNumeric) : Value::Num(Numeric::Parse(tls.client_serial)),
         TextOrNull(tls.issuer_dn)});
  }
  return rows;
}

std::vector<Row> SessionBackends::ActivityRows() {
  const SessionActivity caller = SelfActivity();
  std::vector<Row> rows;
  for (const std::shared_ptr<SessionHandle>& handle : registry_.Sessions()) {
    std::lock_guard lock(handle->activity_mutex);
    const bool visible =
        caller.superuser || (handle->activity.role_oid != 0 && handle->activity.role_oid == caller.role_oid);
    rows.push_back(ActivityRow(*handle, handle->activity, visible));
  }
  return rows;
}

}  // namespace lumadb::server
