#pragma once
// The `lumadb init` and `lumadb serve` commands (PostgreSQL's initdb and postgres), called by main.cpp
// after CLI11 parsed the command line. Failures throw std::runtime_error or DbError with a one-line
// message; main prints it and exits 1.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lumadb::server {

struct InitCommand {
  std::filesystem::path data_dir;
  std::string superuser = "postgres";
  std::optional<std::filesystem::path> pwfile;
  std::string auth = "trust";  // trust | password | scram-sha-256 (rejected until the security issue)
};

struct ServeCommand {
  std::filesystem::path data_dir = "lumadb-data";
  std::optional<int> port;             // -p; 0 picks a free port
  std::optional<std::string> listen;   // -h
  std::vector<std::string> overrides;  // -c name=value
};

/// Creates a data directory (catalog::Cluster::Init) and writes <dir>/lumadb.conf with auth_method.
/// Logs initdb's warning for trust. Throws for scram-sha-256 ('authentication method "scram-sha-256" is
/// not supported yet'), for password without --pwfile, and when the directory cannot be created.
void RunInit(const InitCommand& command);

/// Initialises a missing data directory with defaults, loads lumadb.conf and -c overrides, opens the
/// cluster and serves until SIGTERM/SIGINT. Throws on an unusable directory, unknown or invalid settings
/// and listen failures.
void RunServe(const ServeCommand& command);

}  // namespace lumadb::server
