#pragma once
// The authentication files of a data directory that `lumadb init` writes: pg_hba.conf (initdb's
// template, with the methods from --auth/--auth-local/--auth-host) and the per-cluster mock-SCRAM
// secret (PostgreSQL keeps it as mock_authentication_nonce in pg_control; here a 0600 file).

#include <filesystem>
#include <string>
#include <string_view>

namespace lumadb::server {

/// File name of the host-based authentication rules inside the data directory.
inline constexpr const char* kHbaFileName = "pg_hba.conf";

/// Writes <dir>/pg_hba.conf as initdb does: `local all all` with `local_method`, `host all all` for
/// 127.0.0.1/32 and ::1/128 with `host_method`, and the same three lines for replication.
/// Throws std::runtime_error when the file cannot be written.
void WriteInitialHbaFile(const std::filesystem::path& dir, std::string_view local_method, std::string_view host_method);

/// The cluster's mock-authentication secret (32 random bytes, hex in <dir>/mock_auth_nonce), created
/// when missing (a directory made before it existed). Throws std::runtime_error on I/O failure.
std::string LoadOrCreateMockAuthNonce(const std::filesystem::path& dir);

}  // namespace lumadb::server
