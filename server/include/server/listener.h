#pragma once
// Listener: the accepting side of the server (PostgreSQL's postmaster ServerLoop). One Asio io_context
// on the calling thread accepts on every listen address; each connection gets a detached session
// thread doing blocking I/O. SIGTERM/SIGINT stop accepting, ask every session to end, wait for them,
// flush the cluster, and return.

#include "catalog/cluster.h"
#include "server/hba_config.h"
#include "server/settings.h"

namespace lumadb::server {

/// Listens on listen_addresses:port (port 0 picks a free port, logged and stored back into `settings`),
/// logs 'listening on IPv4 address "127.0.0.1", port N' per socket and then 'database system is ready
/// to accept connections', serves until SIGTERM/SIGINT, then shuts down cleanly. SIGHUP reloads `hba`;
/// sessions authenticate against it and the per-cluster `mock_auth_nonce`.
/// Throws std::runtime_error('could not bind IPv4 address "127.0.0.1": Address already in use', ...)
/// before anything is served.
void ServeConnections(catalog::Cluster& cluster, Settings& settings, HbaConfig& hba,
                      const std::string& mock_auth_nonce);

}  // namespace lumadb::server
