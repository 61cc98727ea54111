#include "server/log.h"

#include <unistd.h>

#include <memory>
#include <mutex>
#include <string>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace lumadb::server {

namespace {

std::mutex logger_mutex;
std::shared_ptr<spdlog::logger> logger;

void Install(std::shared_ptr<spdlog::sinks::sink> sink) {
  auto l = std::make_shared<spdlog::logger>("lumadb", std::move(sink));
  l->set_pattern("%Y-%m-%d %H:%M:%S.%e UTC %v", spdlog::pattern_time_type::utc);
  l->flush_on(spdlog::level::trace);
  std::lock_guard lock(logger_mutex);
  logger = std::move(l);
}

std::shared_ptr<spdlog::logger> Current() {
  std::lock_guard lock(logger_mutex);
  if (!logger) {
    auto l = std::make_shared<spdlog::logger>("lumadb", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    l->set_pattern("%Y-%m-%d %H:%M:%S.%e UTC %v", spdlog::pattern_time_type::utc);
    l->flush_on(spdlog::level::trace);
    logger = l;
  }
  return logger;
}

}  // namespace

void LogToStderr() {
  Install(std::make_shared<spdlog::sinks::stderr_sink_mt>());
}

void LogToFile(const std::filesystem::path& file) {
  std::filesystem::create_directories(file.parent_path());
  Install(std::make_shared<spdlog::sinks::basic_file_sink_mt>(file.string()));
}

void LogLine(int pid, std::string_view level, std::string_view message) {
  // PostgreSQL pads the level word with two spaces before the message ("LOG:  ...").
  Current()->info("[{}] {}:  {}", pid, level, message);
}

void LogServer(std::string_view level, std::string_view message) {
  LogLine(static_cast<int>(::getpid()), level, message);
}

}  // namespace lumadb::server
