#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/temp_dir.h"
#include <sys/types.h>

namespace lumadb::integration {

/// A TCP address the server under test listens on.
struct Endpoint {
  std::string host;
  int port = 0;
};

/// A `lumadb serve -D <tmp> -p 0` child process on a private temporary data directory.
///
/// Start() blocks until the server logs `database system is ready to accept connections` and takes the port
/// from its `listening on IPv4 address "...", port N` line. The child's stderr is drained by a thread for the
/// whole run (a full pipe would otherwise stall the server) and kept for failure messages. The directory is
/// removed by the destructor, so Stop() + Start() restarts the server on the same data.
/// Throws std::runtime_error when the binary cannot be run or the server does not become ready in time.
class ServerProcess {
 public:
  /// Creates the temporary data directory and starts the server with `-c` settings such as
  /// "shared_buffers=256kB".
  explicit ServerProcess(std::vector<std::string> settings = {});
  /// Runs `lumadb init -D <data dir> <init_args>` first (throws with its output when it fails), then starts.
  ServerProcess(std::vector<std::string> settings, const std::vector<std::string>& init_args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  /// Spawns the server on the existing data directory and waits until it is ready.
  void Start();
  /// Sends SIGTERM and waits up to 60 s; returns the exit code (128 + signal if killed by one, -1 if it had to
  /// be SIGKILLed after the timeout). A stopped server returns its previous code again.
  int Stop();
  /// Sends `signal` (SIGHUP: reload pg_hba.conf) to the running server.
  void Signal(int signal) const;
  /// Sends SIGKILL (a crash: no shutdown checkpoint) and waits; returns as Stop().
  int Kill();
  /// The address of the running server.
  Endpoint endpoint() const { return {"127.0.0.1", port_}; }
  /// Everything the server has written to stderr so far (for diagnostics).
  std::string Log() const;
  /// The data directory (kept across Stop()/Start()).
  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  void DrainStderr();
  int StopWith(int signal);

  std::vector<std::string> settings_;
  lumadb::testing::TempDir tmp_;
  // The server initialises a *missing* directory, so it gets a fresh path inside tmp_.
  std::filesystem::path data_dir_;
  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
  std::thread drain_;
  mutable std::mutex log_mutex_;
  std::string log_;
};

/// Waits up to 5 s until the server's log holds `text` `times` times (a drain thread collects the log).
bool WaitForLog(const ServerProcess& server, const std::string& text, int times = 1);

/// Runs the lumadb binary with `args` to completion; returns its exit code, with stdout and stderr in `output`.
int RunLumadb(const std::vector<std::string>& args, std::string& output);

/// Path of the lumadb binary: $LUMADB_BINARY, else the build's own (compile definition).
std::string LumadbBinary();

/// True when LUMADB_TEST_EXTERNAL=host:port points the tests at an already running server (for example the
/// real PostgreSQL 15, to prove the tests themselves right). Tests that restart the server skip then.
bool IsExternal();

/// The server shared by the tests that need no private one: the external server (with a scratch database
/// created for this process and dropped at exit) or one lumadb child started on first use.
class SharedTarget {
 public:
  /// The process-wide instance, started on first call.
  static SharedTarget& Get();
  /// A libpq connection string for `database` (default: the scratch database) as `user`.
  std::string ConnString(std::string_view user = "postgres", std::string_view database = "") const;
  /// The address of the shared server.
  Endpoint endpoint() const { return endpoint_; }
  /// The database the tests work in.
  const std::string& database() const { return database_; }
  ~SharedTarget();

 private:
  SharedTarget();
  Endpoint endpoint_;
  std::string database_;
  std::unique_ptr<ServerProcess> server_;
};

/// A libpq connection string for `endpoint`.
std::string ConnString(const Endpoint& endpoint, std::string_view user, std::string_view database);

}  // namespace lumadb::integration
