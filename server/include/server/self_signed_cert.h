#pragma once
// The certificate `lumadb init` writes so that a fresh data directory serves TLS with no configuration,
// as a packager's `make-ssl-cert` snakeoil does for PostgreSQL: a self-signed X.509 v3 certificate for
// CN=localhost with subjectAltName DNS:localhost and IP:127.0.0.1 and an ECDSA P-256 key, signed with
// SHA-256. Clients verify it by trusting the file itself (sslmode=verify-full sslrootcert=<data>/server.crt).

#include <filesystem>

namespace lumadb::server {

/// How long the generated certificate is valid, from the moment it is made (days).
inline constexpr int kSelfSignedValidityDays = 3650;

/// Writes the PEM certificate to `cert_file` (mode 0644) and the PEM private key to `key_file` (mode
/// 0600, which TlsContext insists on). Both files must not exist yet. Throws std::runtime_error
/// ('could not create file "...": File exists', or the OpenSSL step that failed).
void WriteSelfSignedCertificate(const std::filesystem::path& cert_file, const std::filesystem::path& key_file);

}  // namespace lumadb::server
