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
  std::string auth = "trust";             // -A: both connection types, unless one is given below
  std::optional<std::string> auth_local;  // --auth-local: the `local` lines of pg_hba.conf
  std::optional<std::string> auth_host;   // --auth-host: the `host` lines
};

struct ServeCommand {
  std::filesystem::path data_dir = "lumadb-data";
  std::optional<int> port;             // -p; 0 picks a free port
  std::optional<std::string> listen;   // -h
  std::vector<std::string> overrides;  // -c name=value
};

/// Creates a data directory (catalog::Cluster::Init), writes <dir>/lumadb.conf and initdb's pg_hba.conf,
/// and stores the --pwfile password as a SCRAM-SHA-256 verifier. Logs initdb's warning for trust.
/// Throws initdb's messages for an invalid method, a password method without --pwfile, and when the
/// directory cannot be created.
void RunInit(const InitCommand& command);

/// Initialises a missing data directory with defaults, loads lumadb.conf and -c overrides, opens the
/// cluster and serves until SIGTERM/SIGINT. Throws on an unusable directory, unknown or invalid settings
/// and listen failures.
void RunServe(const ServeCommand& command);

}  // namespace lumadb::server
