#include "server/commands.h"

#include <fstream>
#include <stdexcept>

#include "catalog/cluster.h"
#include "common/error.h"
#include "common/password.h"
#include "server/auth_files.h"
#include "server/config_file.h"
#include "server/data_dir_lock.h"
#include "server/hba_config.h"
#include "server/listener.h"
#include "server/log.h"
#include "server/self_signed_cert.h"
#include "server/server_config.h"
#include "server/setting_values.h"
#include "server/settings.h"
#include "server/tls_context.h"
#include "storage/storage_engine.h"
#include "txn/lock_manager.h"

namespace lumadb::server {

namespace {

constexpr const char* kConfigFileName = "lumadb.conf";

std::string ReadPasswordFile(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("could not open file \"" + file.string() + "\" for reading");
  std::string password;
  std::getline(in, password);
  if (password.empty()) throw std::runtime_error("password file \"" + file.string() + "\" is empty");
  return password;
}

bool IsEmptyOrMissing(const std::filesystem::path& dir) {
  std::error_code ec;
  return !std::filesystem::exists(dir, ec) ||
         (std::filesystem::is_directory(dir, ec) && std::filesystem::is_empty(dir, ec));
}

// The server-wide settings the engine reads, at start and after each reload: WAL and checkpoints (sighup
// context) and the default deadlock_timeout for lock waits that do not bring their session's own.
void ApplyEngineSettings(catalog::Cluster& cluster, const Settings& settings) {
  storage::WalOptions wal;
  wal.fsync = settings.GetBool("fsync");
  wal.checkpoint_timeout_ms = settings.GetInt("checkpoint_timeout") * 1000;
  wal.max_wal_size_bytes = static_cast<uint64_t>(settings.GetInt("max_wal_size")) * 1024 * 1024;
  cluster.storage().SetWalOptions(wal);
  cluster.locks().set_deadlock_timeout_ms(settings.GetInt("deadlock_timeout"));
}

// initdb's check_authmethod_valid, over the methods LumaDB has: `cert` needs hostssl lines and `peer` a
// Unix socket, which the template's host and local lines respectively are not.
std::string ValidatedMethod(const std::string& method, std::string_view connection_type) {
  std::vector<std::string_view> valid = {"trust", "reject", "scram-sha-256", "md5", "password"};
  if (connection_type == "local") valid.push_back("peer");
  if (std::find(valid.begin(), valid.end(), method) == valid.end()) {
    throw std::runtime_error("invalid authentication method \"" + method + "\" for \"" + std::string(connection_type) +
                             "\" connections");
  }
  return method;
}

bool NeedsPassword(std::string_view method) {
  return method == "password" || method == "md5" || method == "scram-sha-256";
}

}  // namespace

void RunInit(const InitCommand& command) {
  std::string local_method = ValidatedMethod(command.auth_local.value_or(command.auth), "local");
  std::string host_method = ValidatedMethod(command.auth_host.value_or(command.auth), "host");
  catalog::InitOptions options;
  options.superuser = command.superuser;
  std::optional<std::string> password;
  if (command.pwfile) password = ReadPasswordFile(*command.pwfile);
  if ((NeedsPassword(local_method) || NeedsPassword(host_method)) && !password) {
    throw std::runtime_error("must specify a password for the superuser to enable password authentication");
  }
  // Stored in password_encryption's default form, SCRAM; a pre-hashed md5 or SCRAM value is kept as given.
  if (password) options.password = EncryptPassword(PasswordType::kScramSha256, command.superuser, *password);
  if (!IsEmptyOrMissing(command.data_dir)) {
    throw std::runtime_error("directory \"" + command.data_dir.string() + "\" exists but is not empty");
  }
  if (local_method == "trust" || host_method == "trust") {
    LogServer("WARNING", "enabling \"trust\" authentication for local connections");
    LogServer("HINT",
              "You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, "
              "the next time you run lumadb init.");
  }
  catalog::Cluster::Init(command.data_dir, options);
  // TLS on by default: a fresh directory serves SSLRequest with no configuration (docs/security.md).
  WriteSelfSignedCertificate(command.data_dir / "server.crt", command.data_dir / "server.key");
  // As initdb, the data directory keeps the machine's zone as the TimeZone default.
  WriteConfigFile(command.data_dir / kConfigFileName, {{"TimeZone", DetectSystemTimeZone()}});
  WriteInitialHbaFile(command.data_dir, local_method, host_method);
  LoadOrCreateMockAuthNonce(command.data_dir);
  LogServer("LOG", "data directory \"" + command.data_dir.string() + "\" initialized");
}

void RunServe(const ServeCommand& command) {
  const std::filesystem::path& dir = command.data_dir;
  Settings validated;  // check -c before anything touches the disk, so a typo creates no directory
  for (const std::string& assignment : command.overrides) ApplyCommandLineOverride(validated, assignment);
  if (!catalog::Cluster::Exists(dir)) {
    if (!IsEmptyOrMissing(dir)) {
      throw std::runtime_error("directory \"" + dir.string() + "\" is not a LumaDB data directory");
    }
    InitCommand init;
    init.data_dir = dir;
    RunInit(init);
  }
  const DataDirLock lock(dir);  // postmaster.pid: one server (or `lumadb verify`) per directory
  Settings settings;
  for (const auto& [name, value] : ReadConfigFile(dir / kConfigFileName)) {
    settings.SetDefault(name, value, SettingSource::kServerStart);
  }
  for (const std::string& assignment : command.overrides) ApplyCommandLineOverride(settings, assignment);
  if (command.listen) settings.SetDefault("listen_addresses", *command.listen, SettingSource::kServerStart);
  if (command.port) {
    if (*command.port < 0 || *command.port > 65535) {
      throw std::runtime_error(std::to_string(*command.port) + " is outside the valid range for parameter \"port\"");
    }
    settings.SetInternal("port", std::to_string(*command.port));  // 0 is allowed here: pick a free port
  }
  HbaConfig hba(dir / kHbaFileName);  // a bad pg_hba.conf refuses to start, as the postmaster
  if (settings.GetBool("logging_collector")) {
    LogServer("LOG", "redirecting log output to logging collector process");
    LogToFile(dir / "log" / "lumadb.log");
  }
  // be_tls_init at postmaster start: a bad certificate or key stops the server before it opens anything.
  std::unique_ptr<TlsContext> tls = TlsContext::Load(settings, dir);
  catalog::Cluster cluster(dir, static_cast<size_t>(settings.GetInt("shared_buffers")));
  ApplyEngineSettings(cluster, settings);
  ServerConfig config(dir, dir / kConfigFileName, std::move(settings), command.overrides, std::move(tls), hba,
                      [&cluster](const Settings& reloaded) { ApplyEngineSettings(cluster, reloaded); });
  ServeConnections(cluster, config, dir, LoadOrCreateMockAuthNonce(dir));
}

}  // namespace lumadb::server
