#pragma once
// Server logging through spdlog, in PostgreSQL's default log_line_prefix shape ('%m [%p] '):
//
//   2026-11-21 18:00:00.123 UTC [4242] LOG:  database system is ready to accept connections
//
// to stderr, or to <data>/log/lumadb.log when logging_collector = on. Every line is flushed at once:
// tests and operators read the log while the server runs.

#include <filesystem>
#include <string_view>

namespace lumadb::server {

/// Sends log lines to stderr (the default).
void LogToStderr();
/// Sends log lines to `file` (appending; its directory is created). Throws std::runtime_error on failure.
void LogToFile(const std::filesystem::path& file);

/// Writes one line: `level` is PostgreSQL's prefix word ("LOG", "WARNING", "ERROR", "FATAL", "DETAIL",
/// "STATEMENT"); pid is the process or session id shown in brackets.
void LogLine(int pid, std::string_view level, std::string_view message);

/// LogLine with the server's own process id.
void LogServer(std::string_view level, std::string_view message);

}  // namespace lumadb::server
