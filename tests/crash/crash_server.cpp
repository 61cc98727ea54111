#include "crash_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <regex>
#include <stdexcept>

#include <sys/wait.h>

extern char** environ;

namespace lumadb::crash {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(120);  // recovery of a large log may take a while
constexpr auto kStopTimeout = std::chrono::seconds(60);
constexpr std::string_view kReadyLine = "database system is ready to accept connections";
constexpr std::string_view kCrashPointVar = "LUMADB_CRASH_POINT";

/// The environment of this process without LUMADB_CRASH_POINT, plus it set to `crash_point` if given.
std::vector<std::string> ChildEnvironment(const std::string& crash_point) {
  std::vector<std::string> env;
  const std::string prefix = std::string(kCrashPointVar) + "=";
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, prefix.c_str(), prefix.size()) != 0) env.emplace_back(*e);
  }
  if (!crash_point.empty()) env.push_back(prefix + crash_point);
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

std::string LumadbBinary() {
  if (const char* env = std::getenv("LUMADB_BINARY"); env != nullptr && *env != '\0') return env;
  return LUMADB_BINARY_DEFAULT;
}

CrashServer::CrashServer(std::filesystem::path data_dir, std::vector<std::string> settings)
    : data_dir_(std::move(data_dir)), settings_(std::move(settings)) {}

CrashServer::~CrashServer() {
  if (pid_ > 0) Kill();
  CloseLog();
}

StartOutcome CrashServer::Start(const std::string& crash_point) {
  if (pid_ > 0) throw std::logic_error("server already running");
  CloseLog();
  std::vector<std::string> args = {LumadbBinary(), "serve", "-D", data_dir_.string(), "-p", "0"};
  for (const std::string& s : settings_) {
    args.push_back("-c");
    args.push_back(s);
  }
  std::vector<std::string> env = ChildEnvironment(crash_point);
  std::vector<char*> argv = Pointers(args);
  std::vector<char*> envp = Pointers(env);  // built before fork: the child only calls async-signal-safe code

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(fds[1]);
  log_fd_ = fds[0];
  status_ = -1;
  port_ = 0;
  {
    std::lock_guard lock(log_mutex_);
    log_.clear();
  }

  const std::regex port_re(R"(listening on IPv4 address "[^"]*", port (\d+))");
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  std::string pending;
  bool ready = false;
  bool eof = false;
  while (!ready && !eof) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd pfd{log_fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&pfd, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[4096];
    const ssize_t n = read(log_fd_, buf, sizeof buf);
    if (n <= 0) {
      eof = true;  // every writer closed the pipe: the child exited
      break;
    }
    pending.append(buf, static_cast<size_t>(n));
    {
      std::lock_guard lock(log_mutex_);
      log_.append(buf, static_cast<size_t>(n));
    }
    for (size_t eol; (eol = pending.find('\n')) != std::string::npos; pending.erase(0, eol + 1)) {
      const std::string line = pending.substr(0, eol);
      std::smatch m;
      if (port_ == 0 && std::regex_search(line, m, port_re)) port_ = std::stoi(m[1].str());
      if (line.find(kReadyLine) != std::string::npos) ready = true;
    }
  }
  drain_ = std::thread([this] {
    char buf[4096];
    for (ssize_t n; (n = read(log_fd_, buf, sizeof buf)) > 0;) {
      std::lock_guard lock(log_mutex_);
      log_.append(buf, static_cast<size_t>(n));
    }
  });
  if (ready && port_ != 0) return StartOutcome::kReady;
  if (eof && WaitForExit(std::chrono::seconds(10))) return StartOutcome::kExited;
  Kill();
  throw std::runtime_error("lumadb neither became ready nor exited; log:\n" + LogTail());
}

void CrashServer::Reap(int status) {
  status_ = status;
  pid_ = -1;
}

bool CrashServer::Alive() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) Reap(status);
  return pid_ > 0;
}

bool CrashServer::WaitForExit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (Alive()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

void CrashServer::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  Reap(status);
}

bool CrashServer::Stop() {
  if (pid_ <= 0) return status_ == 0;
  kill(pid_, SIGTERM);
  if (!WaitForExit(kStopTimeout)) Kill();
  return WIFEXITED(status_) && WEXITSTATUS(status_) == 0;
}

std::string CrashServer::ExitDescription() const {
  if (pid_ > 0) return "running";
  if (WIFEXITED(status_)) return "exit " + std::to_string(WEXITSTATUS(status_));
  if (WIFSIGNALED(status_)) return "signal " + std::to_string(WTERMSIG(status_));
  return "unknown";
}

bool CrashServer::LogContains(std::string_view text) const {
  std::lock_guard lock(log_mutex_);
  return log_.find(text) != std::string::npos;
}

std::string CrashServer::LogTail(size_t lines) const {
  std::lock_guard lock(log_mutex_);
  size_t start = log_.size();
  for (size_t seen = 0; start > 0 && seen <= lines; --start) {
    if (log_[start - 1] == '\n') ++seen;
  }
  return log_.substr(start);
}

void CrashServer::CloseLog() {
  // The drain thread ends when every copy of the pipe's write end is closed, i.e. once the child is gone.
  if (drain_.joinable()) drain_.join();
  if (log_fd_ >= 0) close(log_fd_);
  log_fd_ = -1;
}

}  // namespace lumadb::crash
