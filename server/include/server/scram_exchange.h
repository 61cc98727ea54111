#pragma once
// ScramExchange: the server side of SASL SCRAM-SHA-256 and SCRAM-SHA-256-PLUS (RFC 5802, RFC 7677;
// PostgreSQL's auth-scram.c). The messages travel inside SASLInitialResponse / SASLResponse ('p') and
// AuthenticationSASLContinue / AuthenticationSASLFinal ('R' 11 / 12):
//
//   client-first  = gs2-header client-first-bare
//     gs2-header  = ( "n" | "y" | "p=tls-server-end-point" ) "," [ "a=" authzid ] ","
//     bare        = "n=" user-name "," "r=" client-nonce [ "," extensions ]
//   server-first  = "r=" client-nonce server-nonce "," "s=" base64(salt) "," "i=" iterations
//   client-final  = "c=" base64(gs2-header [ cbind-data ]) "," "r=" nonce [ "," extensions ] "," "p=" proof
//   server-final  = "v=" base64(ServerSignature)
//
//   AuthMessage     = client-first-bare "," server-first "," client-final-without-proof
//   ClientSignature = HMAC(StoredKey, AuthMessage);  proof = ClientKey XOR ClientSignature
//   accepted when     SHA-256(proof XOR ClientSignature) == StoredKey
//   ServerSignature = HMAC(ServerKey, AuthMessage)
//
// The user name in client-first is ignored (libpq sends "n=", pgjdbc and node-postgres "n=*"): the role
// is the StartupMessage's user. cbind-data is the transport's tls-server-end-point hash (RFC 5929).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/password.h"
#include "pgwire/transport.h"

namespace lumadb::server {

/// One SCRAM exchange for one connection attempt.
class ScramExchange {
 public:
  static constexpr std::string_view kMechanism = "SCRAM-SHA-256";
  static constexpr std::string_view kMechanismPlus = "SCRAM-SHA-256-PLUS";

  /// The mechanisms AuthenticationSASL offers on `transport`: SCRAM-SHA-256-PLUS first when it is TLS.
  static std::vector<std::string> Mechanisms(const pgwire::Transport& transport);

  /// The salt of the mock exchange for a role that does not exist or has no usable secret
  /// (auth-scram.c scram_mock_salt): the first 16 bytes of SHA-256(user || cluster mock nonce), so the
  /// same unknown user always sees the same salt and cannot be told from a real one.
  static std::string MockSalt(std::string_view user, std::string_view mock_nonce);

  /// Starts an exchange for the mechanism the client chose. `secret` is the role's verifier, or nullopt
  /// for a mock exchange that always fails (with `mock_salt` in the server-first-message). Throws FATAL
  /// 08P01 "client selected an invalid SASL authentication mechanism" for anything else offered.
  ScramExchange(const pgwire::Transport& transport, std::string_view mechanism, std::optional<ScramSecret> secret,
                std::string mock_salt);

  /// Uses `nonce` (printable, no ',') as the server's part of the nonce instead of 18 random bytes in
  /// base64; for tests against published exchanges. Call before HandleClientFirst.
  void InjectServerNonce(std::string nonce) { server_nonce_ = std::move(nonce); }

  /// Parses client-first and returns server-first. Throws FATAL 08P01 "malformed SCRAM message" (with
  /// PostgreSQL's detail), "SCRAM channel binding negotiation error", "unsupported SCRAM channel-binding
  /// type", and 0A000 for an authzid or a mandatory extension.
  std::string HandleClientFirst(std::string_view message);

  /// Parses client-final and checks the proof: server-final on success, nullopt when the proof is wrong or
  /// the exchange is a mock (the caller reports 28P01). Throws FATAL 08P01 for malformed messages and a
  /// nonce mismatch, 28000 "SCRAM channel binding check failed".
  std::optional<std::string> HandleClientFinal(std::string_view message);

 private:
  void ParseGs2Header(std::string_view& input);
  void CheckChannelBinding(std::string_view attribute) const;

  const pgwire::Transport& transport_;
  bool channel_binding_ = false;  // the client chose SCRAM-SHA-256-PLUS over TLS
  char cbind_flag_ = 0;           // 'n', 'y' or 'p' from the gs2 header
  bool doomed_ = false;           // mock exchange: fails whatever the client proves
  ScramSecret secret_;
  std::string server_nonce_;
  std::string client_nonce_;
  std::string client_first_bare_;
  std::string server_first_;
};

}  // namespace lumadb::server
