#pragma once
// Authenticator: client authentication after the StartupMessage (PostgreSQL 15's auth.c
// ClientAuthentication). The first matching pg_hba.conf line picks the method:
//
//   no line      -> FATAL 28000 no pg_hba.conf entry for host "...", user "...", database "...", ...
//   reject       -> FATAL 28000 pg_hba.conf rejects connection for host ...
//   trust        -> accepted
//   password     -> R 3 CleartextPassword  <- p password            (checked against the stored form)
//   md5          -> R 5 MD5Password(salt)  <- p "md5"+hex(...)      (SCRAM exchange instead when the
//                                                                    stored password is a SCRAM verifier)
//   scram-sha-256-> R 10 SASL(mechanisms)  <- p SASLInitialResponse(mechanism, client-first)
//                   R 11 SASLContinue(server-first)  <- p SASLResponse(client-final)
//                   R 12 SASLFinal(server-final)
//   cert         -> the TLS client certificate's CN must be the user
//   peer         -> the Unix-socket peer's OS user name must be the user
//
// Unknown roles and roles without a password take the same path as a wrong password (a mock SCRAM
// exchange with a per-cluster deterministic salt), so a client cannot learn which roles exist.
// AuthenticationOk itself is sent by the session after the database is opened.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/password.h"
#include "pgwire/backend_writer.h"
#include "pgwire/frontend.h"
#include "pgwire/transport.h"
#include "server/client_address.h"
#include "server/hba.h"

namespace lumadb::server {

/// A role's pg_authid.rolpassword as authentication sees it.
struct StoredPassword {
  bool role_exists = false;
  std::optional<std::string> password;  // nullopt: NULL (no password assigned)
  bool expired = false;                 // rolvaliduntil has passed: fails like a wrong password (crypt.c)
};

/// An authentication failure: the FATAL the client gets, plus the DETAIL only the server log shows
/// (auth.c's logdetail: why it failed and which pg_hba.conf line matched).
class AuthFailed : public DbError {
 public:
  AuthFailed(DbError error, std::string log_detail) : DbError(std::move(error)), log_detail_(std::move(log_detail)) {}
  /// The DETAIL for the server log (reason, then "Connection matched pg_hba.conf line N: ...").
  const std::string& log_detail() const { return log_detail_; }

 private:
  std::string log_detail_;
};

/// What authentication needs from the rest of the server.
struct AuthInputs {
  /// The rules in force for this connection attempt.
  const HbaRules& rules;
  /// Role membership for +role and samerole.
  RoleMembership is_member;
  /// pg_authid.rolpassword of a role, and whether the role exists at all.
  std::function<StoredPassword(std::string_view role)> stored_password;
  /// Per-cluster secret for the mock SCRAM salt (PostgreSQL keeps it in pg_control).
  std::string mock_nonce;
  /// password_encryption: decides md5 or SCRAM for an unknown role under the md5 method.
  PasswordType password_encryption = PasswordType::kScramSha256;
};

/// Authenticates one connection; see the file comment for the exchanges.
class Authenticator {
 public:
  Authenticator(pgwire::Transport& transport, pgwire::BackendWriter& writer, const ClientAddress& client,
                AuthInputs inputs);

  /// Runs the method pg_hba.conf picks for `user` connecting to `database`. Returns the matched line when
  /// the client is authenticated; throws AuthFailed (28P01, or 28000 for peer/cert), a FATAL DbError (28000
  /// no line or reject, 08P01 protocol) otherwise, or pgwire::ConnectionLost when the client hangs up
  /// instead of answering (psql does so to prompt for a password).
  const HbaLine& Run(std::string_view user, std::string_view database);

 private:
  const HbaLine& MatchLine(std::string_view user, std::string_view database) const;
  void CheckClientCertificatePresent() const;
  bool RunMethod(const HbaLine& line, std::string_view user);
  bool Password(std::string_view user);
  std::optional<std::string> LookUpPassword(std::string_view user);
  bool Md5(std::string_view user, const std::optional<std::string>& stored);
  bool Scram(std::string_view user, const std::optional<std::string>& stored);
  bool Peer(std::string_view user) const;
  pgwire::FrontendMessage ReadResponse(const char* what);
  AuthFailed Failed(const HbaLine& line, std::string_view user) const;
  std::string HostDescription(std::string_view user, std::string_view database) const;

  pgwire::Transport& transport_;
  pgwire::BackendWriter& writer_;
  const ClientAddress& client_;
  AuthInputs inputs_;
  std::string reason_;  // the first line of the log DETAIL when authentication fails
};

}  // namespace lumadb::server
