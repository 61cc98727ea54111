#include "server/session.h"

#include <unistd.h>

#include <new>
#include <vector>

#include "catalog/role_graph.h"
#include "pgwire/frontend.h"
#include "server/authenticator.h"
#include "server/log.h"
#include "txn/transaction.h"
#include "txn/transaction_manager.h"

namespace lumadb::server {

namespace {

// What log_connections appends for a TLS connection, as PostgreSQL words it.
std::string TlsLogText(const pgwire::Transport& transport) {
  auto tls = transport.Tls();
  if (!tls) return {};
  return " SSL enabled (protocol=" + tls->version + ", cipher=" + tls->cipher + ", bits=" + std::to_string(tls->bits) +
         ")";
}

}  // namespace

Session::Session(ServerContext& server, pgwire::Transport& transport, std::function<void()> wake, ClientAddress client)
    : server_(server),
      transport_(transport),
      writer_(transport),
      wake_(std::move(wake)),
      client_(std::move(client)),
      server_settings_version_(server.config.version()),  // before the snapshot: a reload in between is seen
      server_settings_(server.config.settings()),
      settings_(*server_settings_) {}

Session::~Session() {
  timer_.reset();  // its callback points here, and its io_context may go once the registry is empty
  SetRegNameResolver(nullptr);
  portals_.clear();  // their executors point into the transaction
  try {
    FinishTransaction(false);  // the whole transaction, savepoints or not
  } catch (...) {
    // The connection is going away; an abort failure has no one to be reported to.
  }
  DropTempTables();
  if (handle_) server_.registry.Unregister(handle_->pid);
}

void Session::DropTempTables() {
  if (!temp_tables_ || !temp_tables_->created || catalog_ == nullptr) return;
  try {
    exec::SessionContext ctx = StatementContext();
    exec::DropTempSchema(ctx);
    FinishTransaction(true);
  } catch (...) {
    // The next server start drops what is left (Cluster::OpenDatabase).
    try {
      FinishTransaction(false);
    } catch (...) {
    }
  }
}

int32_t Session::pid() const {
  return handle_ ? handle_->pid : static_cast<int32_t>(::getpid());
}

void Session::Run() {
  try {
    if (settings_.GetBool("log_connections")) LogLine(pid(), "LOG", "connection received: " + client_.LogForm());
    BeginAuthenticationTimeout();
    pgwire::StartupPacket packet;
    if (!ReadStartup(packet)) return LogAuthenticationTimeout();
    ApplyStartupParameters(packet);
    std::string user = *packet.Param("user");
    std::string database = packet.Param("database").value_or("");
    if (database.empty()) database = user;
    Authenticate(user, database);
    ConnectToDatabase(user, database);
    ApplyStartupParameters(packet);  // again: the client's values outrank the role's and database's
    EndAuthenticationTimeout();
    CheckReservedConnections();
    SendStartupReplies();
    MessageLoop();
  } catch (const pgwire::ConnectionLost&) {
    // The client vanished; PostgreSQL ends the backend the same way, without a report.
    LogAuthenticationTimeout();
  } catch (const pgwire::StartupRejected& e) {
    LogLine(pid(), "LOG", e.what());
  } catch (const DbError& e) {
    LogLine(pid(), SeverityName(e.severity()), e.message());
    if (const auto* auth = dynamic_cast<const AuthFailed*>(&e)) LogLine(pid(), "DETAIL", auth->log_detail());
    try {
      writer_.ErrorOrNotice(e);
      writer_.Flush();
    } catch (const pgwire::ConnectionLost&) {
      // Nothing more can be done for a client that is gone.
    }
  } catch (const std::exception& e) {
    LogLine(pid(), "FATAL", std::string("internal error: ") + e.what());
  }
}

bool Session::ReadStartup(pgwire::StartupPacket& packet) {
  bool ssl_done = false;
  bool gss_done = false;
  while (true) {
    auto read = pgwire::ReadStartupPacket(transport_);
    if (!read) return false;
    packet = std::move(*read);
    using Kind = pgwire::StartupPacket::Kind;
    if ((packet.kind == Kind::kSslRequest && !ssl_done) || (packet.kind == Kind::kGssEncRequest && !gss_done)) {
      (packet.kind == Kind::kSslRequest ? ssl_done : gss_done) = true;
      if (packet.kind == Kind::kSslRequest && transport_.TlsAvailable()) {
        NegotiateTls();
      } else {
        writer_.RefuseEncryption();  // GSSAPI, ssl=off or a Unix socket: the client goes on in plaintext
      }
      continue;
    }
    if (packet.kind == Kind::kCancel) {
      server_.registry.Cancel(packet.cancel_pid, packet.cancel_secret);
      return false;
    }
    if (packet.kind != Kind::kStartup) {
      int32_t code = packet.kind == Kind::kSslRequest ? pgwire::kSslRequestCode : pgwire::kGssEncRequestCode;
      throw DbError(sqlstate::kFeatureNotSupported,
                    "unsupported frontend protocol " + std::to_string(code >> 16) + "." +
                        std::to_string(code & 0xffff) + ": server supports 3.0 to 3.0",
                    Severity::kFatal);
    }
    break;
  }
  handle_ = server_.registry.Register(wake_);
  if (!handle_) throw DbError(sqlstate::kTooManyConnections, "sorry, too many clients already", Severity::kFatal);
  if ((packet.protocol & 0xffff) != 0 || !packet.protocol_options.empty()) {
    writer_.NegotiateProtocolVersion(0, packet.protocol_options);
  }
  if (!packet.Param("user") || packet.Param("user")->empty()) {
    throw DbError(sqlstate::kInvalidAuthorizationSpecification, "no PostgreSQL user name specified in startup packet",
                  Severity::kFatal);
  }
  return true;
}

void Session::NegotiateTls() {
  writer_.AcceptEncryption();
  // ProcessStartupPacket: bytes that came before the handshake were not encrypted and may have been
  // injected by a man in the middle (CVE-2021-23214); the FATAL goes out over the new TLS channel.
  if (transport_.StartTls() > 0) {
    throw DbError(sqlstate::kProtocolViolation, "received unencrypted data after SSL request", Severity::kFatal)
        .Detail("This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.");
  }
}

void Session::ApplyStartupParameters(const pgwire::StartupPacket& packet) {
  try {
    for (const auto& [name, value] : packet.params) {
      if (name == "user" || name == "database" || name == "replication") continue;
      if (name == "options") {
        ApplyCommandLineOptions(value);
      } else {
        settings_.SetDefault(name, value, SettingSource::kStartupPacket);
      }
    }
  } catch (const DbError& e) {
    DbError fatal(e.code(), e.message(), Severity::kFatal);
    if (e.hint()) fatal.Hint(*e.hint());
    throw fatal;
  }
}

void Session::ApplyCommandLineOptions(const std::string& options) {
  // pg_split_opts: whitespace separates arguments, a backslash escapes the next character.
  std::vector<std::string> args;
  std::string current;
  bool in_arg = false;
  for (size_t i = 0; i < options.size(); ++i) {
    char c = options[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_arg) args.push_back(current), current.clear(), in_arg = false;
      continue;
    }
    if (c == '\\' && i + 1 < options.size()) c = options[++i];
    current += c;
    in_arg = true;
  }
  if (in_arg) args.push_back(current);
  for (size_t i = 0; i < args.size(); ++i) {
    std::string assignment;
    if (args[i] == "-c" && i + 1 < args.size()) {
      assignment = args[++i];
    } else if (args[i].rfind("-c", 0) == 0 && args[i].size() > 2) {
      assignment = args[i].substr(2);
    } else if (args[i].rfind("--", 0) == 0) {
      assignment = args[i].substr(2);
    } else {
      throw DbError(sqlstate::kSyntaxError, "invalid command-line argument for server process: " + args[i]);
    }
    size_t eq = assignment.find('=');
    if (eq == std::string::npos) throw DbError(sqlstate::kSyntaxError, "-c " + assignment + " requires a value");
    std::string name = assignment.substr(0, eq);
    std::replace(name.begin(), name.end(), '-', '_');
    settings_.SetDefault(name, assignment.substr(eq + 1), SettingSource::kStartupPacket);
  }
}

void Session::Authenticate(const std::string& user, const std::string& database) {
  std::shared_ptr<const HbaRules> rules = server_.config.hba().Current();
  AuthInputs inputs{
      .rules = *rules,
      .is_member = [this](std::string_view member, std::string_view role) { return IsRoleMember(member, role); },
      .stored_password =
          [this](std::string_view role) {
            auto tx = server_.cluster.transactions().Begin();
            auto info = server_.cluster.LookupRole(*tx, role);
            server_.cluster.transactions().Commit(*tx);
            if (!info) return StoredPassword{};
            const bool expired = info->valid_until && *info->valid_until < NowPgMicros();
            return StoredPassword{.role_exists = true, .password = info->password, .expired = expired};
          },
      .mock_nonce = server_.mock_auth_nonce,
      .password_encryption =
          settings_.Get("password_encryption") == "md5" ? PasswordType::kMd5 : PasswordType::kScramSha256};
  const HbaLine& line = Authenticator(transport_, writer_, client_, std::move(inputs)).Run(user, database);
  if (settings_.GetBool("log_connections") && line.method != HbaAuthMethod::kTrust) {
    LogLine(pid(), "LOG",
            "connection authenticated: identity=\"" + user + "\" method=" + std::string(HbaMethodName(line.method)) +
                " (" + server_.config.hba().file().string() + ":" + std::to_string(line.line_number) + ")");
  }
}

// The one place pg_hba.conf's +role and samerole ask about membership (pg_auth_members).
bool Session::IsRoleMember(std::string_view user, std::string_view role) {
  if (user == role) return true;
  auto tx = server_.cluster.transactions().Begin();
  catalog::RoleGraph graph = catalog::RoleGraph::Load(server_.cluster, *tx);
  server_.cluster.transactions().Commit(*tx);
  const catalog::RoleInfo* member = graph.ByName(user);
  const catalog::RoleInfo* group = graph.ByName(role);
  if (member == nullptr || group == nullptr) return false;
  // hba.c is_member: any chain of grants, INHERIT or not, and no superuser shortcut.
  return graph.IsMemberOfNoSuper(member->oid, group->oid);
}

bool Session::ReloadConfig() {
  // PostgreSQL 15 grants EXECUTE on pg_reload_conf() to superusers only.
  if (settings_.Get("is_superuser") != "on") {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied for function pg_reload_conf");
  }
  LogLine(pid(), "LOG", "received SIGHUP, reloading configuration files");
  server_.config.Reload();
  return true;
}

void Session::FollowConfigReload() {
  uint64_t version = server_.config.version();
  if (version == server_settings_version_) return;
  std::shared_ptr<const Settings> next = server_.config.settings();
  settings_.Reloaded(*server_settings_, *next);
  server_settings_ = std::move(next);
  server_settings_version_ = version;
}

void Session::ConnectToDatabase(const std::string& user, const std::string& database) {
  auto& manager = server_.cluster.transactions();
  auto tx = manager.Begin();
  auto role = server_.cluster.LookupRole(*tx, user);
  auto db = role ? server_.cluster.LookupDatabase(*tx, database) : std::nullopt;
  manager.Commit(*tx);
  if (!role) {
    throw DbError(sqlstate::kInvalidAuthorizationSpecification, "role \"" + user + "\" does not exist",
                  Severity::kFatal);
  }
  if (!role->can_login) {
    throw DbError(sqlstate::kInvalidAuthorizationSpecification, "role \"" + user + "\" is not permitted to log in",
                  Severity::kFatal);
  }
  if (!db) {
    throw DbError(sqlstate::kInvalidCatalogName, "database \"" + database + "\" does not exist", Severity::kFatal);
  }
  CheckConnectPrivilege(*role, *db);
  user_ = user;
  database_ = *db;
  catalog_ = &server_.cluster.OpenDatabase(database_);
  reg_names_ = std::make_unique<planner::CatalogRegNames>(*catalog_);
  SetRegNameResolver(reg_names_.get());
  handle_->database_oid = database_.oid;
  ReportConnection(*role);
  CheckRoleConnectionLimit(*role);
  role_superuser_[user] = role->superuser;
  ApplyRoleSettings(role->oid);
  settings_.SetInternal("is_superuser", role->superuser ? "on" : "off");
  settings_.SetInternal("session_authorization", user);
  if (settings_.GetBool("log_connections")) {
    LogLine(pid(), "LOG",
            "connection authorized: user=" + user + " database=" + database +
                (settings_.Get("application_name").empty() ? ""
                                                           : " application_name=" + settings_.Get("application_name")) +
                TlsLogText(transport_));
  }
}

void Session::SendStartupReplies() {
  writer_.AuthenticationOk();
  SendChangedParameterStatus();
  writer_.BackendKeyData(handle_->pid, handle_->secret);
  writer_.ReadyForQuery(block_.StatusByte());
}

void Session::SendChangedParameterStatus() {
  if (settings_.version() == reported_version_) return;  // nothing changed since the last comparison
  reported_version_ = settings_.version();
  for (const auto& [name, value] : settings_.Reported()) {
    auto it = reported_.find(name);
    if (it != reported_.end() && it->second == value) continue;
    writer_.ParameterStatus(name, value);
    reported_[name] = value;
  }
}

void Session::SendNotice(const DbError& notice) {
  const std::string& min = settings_.Get("client_min_messages");
  bool is_warning = notice.severity() == Severity::kWarning;
  if (min == "error" || (min == "warning" && !is_warning)) return;
  writer_.ErrorOrNotice(notice);
}

void Session::CheckInterrupts() {
  if (handle_->terminate_requested) {
    throw DbError(sqlstate::kAdminShutdown, "terminating connection due to administrator command", Severity::kFatal);
  }
  if (handle_->cancel_requested.exchange(false)) {
    throw DbError(sqlstate::kQueryCanceled, "canceling statement due to user request");
  }
}

void Session::MessageLoop() {
  bool send_ready = false;
  bool idle = true;  // SendStartupReplies sent ReadyForQuery
  while (true) {
    if (send_ready) {
      SendChangedParameterStatus();
      ReportIdle();
      writer_.ReadyForQuery(block_.StatusByte());
      send_ready = false;
      idle = true;
    }
    auto message = ReadMessage(idle);
    idle = false;
    if (handle_->terminate_requested) {
      // Shutdown or pg_terminate_backend woke us: tell the client why before closing, as PostgreSQL's
      // die() does.
      throw DbError(sqlstate::kAdminShutdown, "terminating connection due to administrator command", Severity::kFatal);
    }
    if (!message) return;  // the client went away
    FollowConfigReload();
    bool extended = std::string_view("PBDECH").find(message->type) != std::string_view::npos;
    try {
      switch (message->type) {
        case 'Q':
          handle_->cancel_requested = false;  // a cancel that arrived while idle is void, as in PostgreSQL
          // exec_simple_query drops the unnamed statement and portal.
          statements_.erase("");
          portals_.erase("");
          SimpleQuery(pgwire::ParseQuery(*message));
          send_ready = true;
          break;
        case 'X':
          return;
        case 'S':
          ignore_till_sync_ = false;
          ExtendedSync(*message);
          send_ready = true;
          break;
        case 'P':
        case 'B':
        case 'D':
        case 'E':
        case 'C':
        case 'H':
          if (!ignore_till_sync_) ExtendedMessage(*message);
          break;
        case 'd':
        case 'c':
        case 'f':
          break;  // COPY messages outside COPY are ignored, for protocol-sync recovery (postgres.c)
        case 'p':
          throw DbError(sqlstate::kProtocolViolation, "invalid frontend message type 112", Severity::kFatal);
        default:
          if (ignore_till_sync_) break;
          throw DbError(sqlstate::kFeatureNotSupported, "fastpath function calls are not supported yet");
      }
    } catch (const pgwire::ConnectionLost&) {
      throw;
    } catch (const DbError& e) {
      if (e.severity() == Severity::kFatal || e.severity() == Severity::kPanic) throw;
      HandleError(e);
      if (extended) ignore_till_sync_ = true;
      send_ready = !extended;
    } catch (const std::bad_alloc&) {
      HandleError(DbError(sqlstate::kOutOfMemory, "out of memory"));
      if (extended) ignore_till_sync_ = true;
      send_ready = !extended;
    } catch (const std::exception& e) {
      HandleError(DbError(sqlstate::kInternalError, std::string("internal error: ") + e.what()));
      if (extended) ignore_till_sync_ = true;
      send_ready = !extended;
    }
  }
}

void Session::HandleError(const DbError& error) {
  LogLine(pid(), "ERROR", error.message());
  if (error.detail()) LogLine(pid(), "DETAIL", *error.detail());
  if (!current_query_.empty()) LogLine(pid(), "STATEMENT", current_query_);
  writer_.ErrorOrNotice(error);
  AbortTransaction();
}

}  // namespace lumadb::server
