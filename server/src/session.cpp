#include "server/session.h"

#include <unistd.h>

#include <new>

#include "pgwire/frontend.h"
#include "server/log.h"
#include "txn/transaction.h"
#include "txn/transaction_manager.h"

namespace lumadb::server {

Session::Session(ServerContext& server, pgwire::Transport& transport, std::function<void()> wake, ClientAddress client)
    : server_(server),
      transport_(transport),
      writer_(transport),
      wake_(std::move(wake)),
      client_(std::move(client)),
      settings_(server.settings) {}

Session::~Session() {
  SetRegNameResolver(nullptr);
  portals_.clear();  // their executors point into the transaction
  try {
    FinishTransaction(false);  // the whole transaction, savepoints or not
  } catch (...) {
    // The connection is going away; an abort failure has no one to be reported to.
  }
  if (handle_) server_.registry.Unregister(handle_->pid);
}

int32_t Session::pid() const {
  return handle_ ? handle_->pid : static_cast<int32_t>(::getpid());
}

void Session::Run() {
  try {
    if (settings_.GetBool("log_connections")) LogLine(pid(), "LOG", "connection received: " + client_.LogForm());
    pgwire::StartupPacket packet;
    if (!ReadStartup(packet)) return;
    ApplyStartupParameters(packet);
    std::string user = *packet.Param("user");
    std::string database = packet.Param("database").value_or("");
    Authenticate(user);
    ConnectToDatabase(user, database.empty() ? user : database);
    SendStartupReplies();
    MessageLoop();
  } catch (const pgwire::ConnectionLost&) {
    // The client vanished; PostgreSQL ends the backend the same way, without a report.
  } catch (const pgwire::StartupRejected& e) {
    LogLine(pid(), "LOG", e.what());
  } catch (const DbError& e) {
    LogLine(pid(), SeverityName(e.severity()), e.message());
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
      writer_.RefuseEncryption();  // no TLS yet: the client goes on in plaintext
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

void Session::Authenticate(const std::string& user) {
  if (settings_.Get("auth_method") != "password") return;
  writer_.AuthenticationCleartextPassword();
  writer_.Flush();
  auto message = pgwire::ReadFrontendMessage(transport_);
  if (!message) throw pgwire::ConnectionLost("no password response");  // psql asks the user, then reconnects
  DbError failed(sqlstate::kInvalidPassword, "password authentication failed for user \"" + user + "\"",
                 Severity::kFatal);
  if (message->type != 'p') {
    throw DbError(sqlstate::kProtocolViolation,
                  "expected password response, got message type " + std::to_string(message->type), Severity::kFatal);
  }
  std::string password = pgwire::ParsePasswordMessage(*message);
  auto tx = server_.cluster.transactions().Begin();
  auto role = server_.cluster.LookupRole(*tx, user);
  server_.cluster.transactions().Commit(*tx);
  // Unknown roles fail exactly like wrong passwords, so a client cannot probe role names.
  if (!role || !role->password || *role->password != password) throw failed;
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
  settings_.SetInternal("is_superuser", role->superuser ? "on" : "off");
  settings_.SetInternal("session_authorization", user);
  if (settings_.GetBool("log_connections")) {
    LogLine(pid(), "LOG",
            "connection authorized: user=" + user + " database=" + database +
                (settings_.Get("application_name").empty() ? ""
                                                           : " application_name=" + settings_.Get("application_name")));
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
  while (true) {
    if (send_ready) {
      SendChangedParameterStatus();
      writer_.ReadyForQuery(block_.StatusByte());
      send_ready = false;
    }
    auto message = pgwire::ReadFrontendMessage(transport_);
    if (handle_->terminate_requested) {
      // Shutdown woke us: tell the client why before closing, as PostgreSQL's die() does.
      throw DbError(sqlstate::kAdminShutdown, "terminating connection due to administrator command", Severity::kFatal);
    }
    if (!message) return;  // the client went away
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
