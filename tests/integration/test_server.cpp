#include "test_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <regex>
#include <stdexcept>
#include <thread>

#include <pqxx/pqxx>

#include <sys/wait.h>

namespace lumadb::integration {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(60);
constexpr auto kStopTimeout = std::chrono::seconds(60);
constexpr std::string_view kReadyLine = "database system is ready to accept connections";

// Starts args[0] with `args`; its stdout and stderr both go to a pipe whose read end lands in `out_fd`.
pid_t Spawn(std::vector<std::string> args, int& out_fd) {
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // Child: dup2 clears O_CLOEXEC on the copies.
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  out_fd = fds[0];
  return pid;
}

}  // namespace

bool WaitForLog(const ServerProcess& server, const std::string& text, int times) {
  for (int i = 0; i < 200; ++i) {
    std::string log = server.Log();
    int found = 0;
    for (size_t at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) ++found;
    if (found >= times) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

std::string LumadbBinary() {
  if (const char* env = std::getenv("LUMADB_BINARY"); env != nullptr && *env != '\0') return env;
  return LUMADB_BINARY_DEFAULT;
}

bool IsExternal() {
  const char* env = std::getenv("LUMADB_TEST_EXTERNAL");
  return env != nullptr && *env != '\0';
}

std::string ConnString(const Endpoint& endpoint, std::string_view user, std::string_view database) {
  return "host=" + endpoint.host + " port=" + std::to_string(endpoint.port) + " user=" + std::string(user) +
         " dbname=" + std::string(database) + " connect_timeout=10 application_name=lumadb_it";
}

ServerProcess::ServerProcess(std::vector<std::string> settings)
    : settings_(std::move(settings)), data_dir_(tmp_.data()) {
  Start();
}

ServerProcess::ServerProcess(std::vector<std::string> settings, const std::vector<std::string>& init_args)
    : settings_(std::move(settings)), data_dir_(tmp_.data()) {
  std::vector<std::string> args = {"init", "-D", data_dir_.string()};
  args.insert(args.end(), init_args.begin(), init_args.end());
  std::string output;
  if (RunLumadb(args, output) != 0) throw std::runtime_error("lumadb init failed:\n" + output);
  Start();
}

void ServerProcess::Signal(int signal) const {
  if (pid_ > 0) kill(pid_, signal);
}

int RunLumadb(const std::vector<std::string>& args, std::string& output) {
  std::vector<std::string> all = {LumadbBinary()};
  all.insert(all.end(), args.begin(), args.end());
  int out_fd = -1;
  pid_t pid = Spawn(all, out_fd);
  output.clear();
  char buf[4096];
  ssize_t n;
  while ((n = read(out_fd, buf, sizeof buf)) > 0) output.append(buf, static_cast<size_t>(n));
  close(out_fd);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

ServerProcess::~ServerProcess() {
  Stop();
}

void ServerProcess::Start() {
  if (pid_ > 0) throw std::logic_error("server already running");
  std::vector<std::string> args = {LumadbBinary(), "serve", "-D", data_dir_.string(), "-p", "0"};
  for (const auto& setting : settings_) {
    args.push_back("-c");
    args.push_back(setting);
  }
  pid_ = Spawn(args, stderr_fd_);
  {
    std::lock_guard lock(log_mutex_);
    log_.clear();
  }
  exit_code_ = -1;
  port_ = 0;

  // Read the log until the ready line; the port line comes before it.
  const std::regex port_re(R"(listening on IPv4 address "[^"]*", port (\d+))");
  const auto deadline = std::chrono::steady_clock::now() + kReadyTimeout;
  std::string pending;
  bool ready = false;
  while (!ready) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd pfd{stderr_fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&pfd, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[4096];
    const ssize_t n = read(stderr_fd_, buf, sizeof buf);
    if (n <= 0) break;  // the child exited before becoming ready
    pending.append(buf, static_cast<size_t>(n));
    {
      std::lock_guard lock(log_mutex_);
      log_.append(buf, static_cast<size_t>(n));
    }
    size_t eol;
    while ((eol = pending.find('\n')) != std::string::npos) {
      const std::string line = pending.substr(0, eol);
      pending.erase(0, eol + 1);
      std::smatch m;
      if (port_ == 0 && std::regex_search(line, m, port_re)) port_ = std::stoi(m[1].str());
      if (line.find(kReadyLine) != std::string::npos) ready = true;
    }
  }
  if (!ready || port_ == 0) {
    Stop();
    throw std::runtime_error("lumadb did not become ready (binary " + args[0] + "); log:\n" + Log());
  }
  drain_ = std::thread([this] { DrainStderr(); });
}

void ServerProcess::DrainStderr() {
  char buf[4096];
  ssize_t n;
  while ((n = read(stderr_fd_, buf, sizeof buf)) > 0) {
    std::lock_guard lock(log_mutex_);
    log_.append(buf, static_cast<size_t>(n));
  }
}

int ServerProcess::Stop() {
  return StopWith(SIGTERM);
}

int ServerProcess::Kill() {
  return StopWith(SIGKILL);
}

int ServerProcess::StopWith(int signal) {
  if (pid_ <= 0) return exit_code_;
  kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  int status = 0;
  pid_t r;
  while ((r = waitpid(pid_, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (r == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    exit_code_ = -1;
  } else if (WIFEXITED(status)) {
    exit_code_ = WEXITSTATUS(status);
  } else {
    exit_code_ = 128 + WTERMSIG(status);
  }
  pid_ = -1;
  if (drain_.joinable()) drain_.join();
  close(stderr_fd_);
  stderr_fd_ = -1;
  return exit_code_;
}

std::string ServerProcess::Log() const {
  std::lock_guard lock(log_mutex_);
  return log_;
}

SharedTarget& SharedTarget::Get() {
  static SharedTarget target;
  return target;
}

SharedTarget::SharedTarget() {
  if (!IsExternal()) {
    server_ = std::make_unique<ServerProcess>();
    endpoint_ = server_->endpoint();
    database_ = "postgres";
    return;
  }
  const std::string spec = std::getenv("LUMADB_TEST_EXTERNAL");
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("LUMADB_TEST_EXTERNAL must be host:port");
  endpoint_ = {spec.substr(0, colon), std::stoi(spec.substr(colon + 1))};
  // A scratch database per process keeps the external server's own databases untouched.
  database_ = "lumadb_it_" + std::to_string(getpid());
  pqxx::connection admin(ConnString("postgres", "postgres"));
  pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS " + database_);
  pqxx::nontransaction(admin).exec("CREATE DATABASE " + database_);
}

SharedTarget::~SharedTarget() {
  if (server_ != nullptr) {
    server_->Stop();
    return;
  }
  try {
    pqxx::connection admin(ConnString("postgres", "postgres"));
    pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // Best effort at exit: a leftover scratch database is harmless and named after the pid.
  }
}

std::string SharedTarget::ConnString(std::string_view user, std::string_view database) const {
  return integration::ConnString(endpoint_, user, database.empty() ? std::string_view(database_) : database);
}

}  // namespace lumadb::integration
