#pragma once
// Listener: the accepting side of the server (PostgreSQL's postmaster ServerLoop). One Asio io_context
// on the calling thread accepts on every listen address; each connection gets a detached session
// thread doing blocking I/O. SIGTERM/SIGINT stop accepting, ask every session to end, wait for them,
// flush the cluster, and return.

#include <filesystem>

#include "catalog/cluster.h"
#include "server/server_config.h"

namespace lumadb::server {

/// Listens on listen_addresses:port (port 0 picks a free port, logged and stored back into `config`)
/// and on `.s.PGSQL.<port>` in each unix_socket_directories entry (relative to `data_dir`), logs
/// 'listening on IPv4 address "127.0.0.1", port N' / 'listening on Unix socket "P"' per socket and then
/// 'database system is ready to accept connections', serves until SIGTERM/SIGINT, then shuts down
/// cleanly. config's TLS context (none: ssl off) is offered to TCP clients that send SSLRequest; SIGHUP
/// reloads `config`. Sessions authenticate against its pg_hba.conf and the per-cluster `mock_auth_nonce`.
/// Throws std::runtime_error('could not bind IPv4 address "127.0.0.1": Address already in use', ...)
/// before anything is served.
void ServeConnections(catalog::Cluster& cluster, ServerConfig& config, const std::filesystem::path& data_dir,
                      const std::string& mock_auth_nonce);

}  // namespace lumadb::server
