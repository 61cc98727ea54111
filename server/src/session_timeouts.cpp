// The limits side of Session: authentication_timeout, idle_in_transaction_session_timeout,
// idle_session_timeout (postgres.c PostgresMain's idle timers, postinit.c), superuser_reserved_connections,
// and what pg_stat_activity shows of the session (pgstat_report_activity).

#include "server/log.h"
#include "server/session.h"
#include "server/session_backends.h"

namespace lumadb::server {

namespace {

// errcodes.txt's ERRCODE_IDLE_IN_TRANSACTION_SESSION_TIMEOUT and ERRCODE_IDLE_SESSION_TIMEOUT, used only here.
constexpr SqlState kIdleInTransactionSessionTimeout{"25P03"};
constexpr SqlState kIdleSessionTimeout{"57P05"};

}  // namespace

void Session::ArmTimeout(Timeout kind, int64_t ms) {
  if (ms <= 0 || server_.timers == nullptr) return;
  if (!timer_) timer_ = server_.timers->Create();
  timer_->Arm(std::chrono::milliseconds(ms), [this, kind](bool expired) {
    if (expired) timed_out_ = kind;  // else shutdown: the session just ends
    wake_();
  });
}

void Session::BeginAuthenticationTimeout() {
  connection_start_us_ = NowPgMicros();
  ArmTimeout(Timeout::kAuthentication, settings_.GetInt("authentication_timeout") * 1000);
}

void Session::EndAuthenticationTimeout() {
  if (timer_) timer_->Disarm();
  // The read was woken (shutdown(SHUT_RD)) even if authentication got through just in time.
  if (timed_out_ == Timeout::kAuthentication) throw pgwire::ConnectionLost("authentication timeout");
}

void Session::LogAuthenticationTimeout() const {
  // As PostgreSQL, nothing is sent: the client may be stuck or hostile, so it is not told why.
  if (timed_out_ == Timeout::kAuthentication) LogLine(pid(), "FATAL", "canceling authentication due to timeout");
}

void Session::CheckRoleConnectionLimit(const catalog::RoleInfo& role) {
  if (role.connection_limit < 0 || role.superuser) return;
  int sessions = 0;  // this one included, as CountUserBackends counts it
  for (const auto& handle : server_.registry.Sessions()) {
    std::lock_guard lock(handle->activity_mutex);
    if (handle->activity.role_oid == role.oid) ++sessions;
  }
  if (sessions > role.connection_limit) {
    throw DbError(sqlstate::kTooManyConnections, "too many connections for role \"" + role.name + "\"",
                  Severity::kFatal);
  }
}

void Session::CheckReservedConnections() {
  const int reserved = static_cast<int>(settings_.GetInt("superuser_reserved_connections"));
  if (reserved > 0 && !settings_.GetBool("is_superuser") && !server_.registry.HaveFreeSlots(reserved)) {
    throw DbError(sqlstate::kTooManyConnections,
                  "remaining connection slots are reserved for non-replication superuser connections",
                  Severity::kFatal);
  }
}

std::optional<pgwire::FrontendMessage> Session::ReadMessage(bool idle) {
  if (!idle) return pgwire::ReadFrontendMessage(transport_);
  BeginIdle();
  std::optional<pgwire::FrontendMessage> message;
  try {
    message = pgwire::ReadFrontendMessage(transport_);
  } catch (const pgwire::ConnectionLost&) {
    EndIdle();  // a transport may report the woken read as a lost connection: the timeout still says why
    throw;
  }
  // A terminate request woke the read too; the caller reports that (57P01) instead.
  if (!handle_->terminate_requested) EndIdle();
  return message;
}

void Session::ReportIdle() {
  const char status = block_.StatusByte();
  std::lock_guard lock(handle_->activity_mutex);
  SessionActivity& a = handle_->activity;
  a.state = status == 'I' ? "idle" : status == 'T' ? "idle in transaction" : "idle in transaction (aborted)";
  a.state_change_us = NowPgMicros();
  if (status == 'I') a.xact_start_us = 0;
  static const SettingKey kApplicationName("application_name");
  a.application_name = settings_.Get(kApplicationName);
}

void Session::BeginIdle() {
  static const SettingKey kIdleSession("idle_session_timeout");
  static const SettingKey kIdleInTransaction("idle_in_transaction_session_timeout");
  if (block_.StatusByte() == 'I') {
    ArmTimeout(Timeout::kIdleSession, settings_.GetInt(kIdleSession));
  } else {
    ArmTimeout(Timeout::kIdleInTransaction, settings_.GetInt(kIdleInTransaction));
  }
}

void Session::EndIdle() {
  if (timer_) timer_->Disarm();
  const Timeout fired = timed_out_.exchange(Timeout::kNone);
  if (fired == Timeout::kIdleInTransaction) {
    throw DbError(kIdleInTransactionSessionTimeout, "terminating connection due to idle-in-transaction timeout",
                  Severity::kFatal);
  }
  if (fired == Timeout::kIdleSession) {
    throw DbError(kIdleSessionTimeout, "terminating connection due to idle-session timeout", Severity::kFatal);
  }
}

void Session::ReportConnection(const catalog::RoleInfo& role) {
  std::lock_guard lock(handle_->activity_mutex);
  SessionActivity& a = handle_->activity;
  a.role_oid = role.oid;
  a.user = role.name;
  a.superuser = role.superuser;
  a.database = database_.name;
  a.client_addr = client_.family == ClientAddress::Family::kTcp ? client_.ip : "";
  a.client_port = client_.family == ClientAddress::Family::kTcp ? client_.port : -1;
  a.tls = transport_.Tls();
  a.backend_start_us = connection_start_us_;
  a.state = "idle";  // what the ReadyForQuery that follows says
  a.state_change_us = NowPgMicros();
  static const SettingKey kApplicationName("application_name");
  a.application_name = settings_.Get(kApplicationName);
}

void Session::ReportActive() {
  std::lock_guard lock(handle_->activity_mutex);
  SessionActivity& a = handle_->activity;
  a.state = "active";
  a.query = current_query_;
  a.query_start_us = statement_start_us_;
  a.state_change_us = statement_start_us_;
  a.xact_start_us = transaction_start_us_;
}

planner::BackendControl* Session::Backends() {
  if (!backends_) {
    backends_ = std::make_unique<SessionBackends>(
        server_.registry, handle_, [this](const DbError& notice) { SendNotice(notice); },
        [this] { CheckInterruptsWhileRunning(); });
  }
  return backends_.get();
}

}  // namespace lumadb::server
