#pragma once
// CrashServer: a `lumadb serve -D <dir> -p 0` child that the crash test may SIGKILL, arm with a crash point
// (LUMADB_CRASH_POINT, common/crash_point.h) and restart on the same data directory. Unlike the integration
// harness (tests/integration/test_server.h) a child that dies is an expected outcome here, not an error.

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace lumadb::crash {

/// How a start attempt ended.
enum class StartOutcome {
  kReady,   // logged "database system is ready to accept connections" and its port
  kExited,  // died before becoming ready (for example at the mid-recovery crash point)
};

class CrashServer {
 public:
  /// Uses `data_dir` (created by the first start if missing) and passes `settings` as `-c` options.
  CrashServer(std::filesystem::path data_dir, std::vector<std::string> settings);
  ~CrashServer();
  CrashServer(const CrashServer&) = delete;
  CrashServer& operator=(const CrashServer&) = delete;

  /// Spawns the server with LUMADB_CRASH_POINT=crash_point (removed from the environment when empty) and
  /// waits up to 120 s for it to become ready or to exit. Throws std::runtime_error if it does neither.
  StartOutcome Start(const std::string& crash_point = "");
  /// True while the child has not exited (reaps it if it has).
  bool Alive();
  /// Waits up to `timeout` for the child to exit on its own; true if it did.
  bool WaitForExit(std::chrono::milliseconds timeout);
  /// SIGKILLs the child (kill -9) and reaps it.
  void Kill();
  /// SIGTERM, then waits for a clean shutdown (SIGKILL after 60 s); true if it exited with status 0.
  bool Stop();

  int port() const { return port_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  /// How the last child ended: "exit N", "signal N" or "running".
  std::string ExitDescription() const;
  /// True if the last child wrote `text` (stdout or stderr).
  bool LogContains(std::string_view text) const;
  /// The last `lines` lines the server wrote (stdout and stderr), for failure messages.
  std::string LogTail(size_t lines = 30) const;

 private:
  void Reap(int status);
  void CloseLog();

  std::filesystem::path data_dir_;
  std::vector<std::string> settings_;
  pid_t pid_ = -1;
  int status_ = -1;  // waitpid status of the last child, -1 while running or never started
  int log_fd_ = -1;
  int port_ = 0;
  std::thread drain_;
  mutable std::mutex log_mutex_;
  std::string log_;
};

/// Path of the lumadb binary: $LUMADB_BINARY, else the one of this build.
std::string LumadbBinary();

}  // namespace lumadb::crash
