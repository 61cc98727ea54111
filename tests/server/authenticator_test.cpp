// Authenticator over in-memory transports: hostssl/cert/clientcert with a fake TLS transport, peer on a
// Unix socket, reject and no-match messages, and the mechanisms a SCRAM exchange offers.
#include "server/authenticator.h"

#include <pwd.h>
#include <unistd.h>

#include <doctest/doctest.h>

using namespace lumadb;
using namespace lumadb::server;

namespace {

// A TLS connection whose client certificate has Common Name `cn` (empty: no certificate).
class FakeTlsTransport : public pgwire::MemoryTransport {
 public:
  explicit FakeTlsTransport(std::string cn) : cn_(std::move(cn)) {}
  bool IsTls() const override { return true; }
  std::string TlsServerEndPoint() const override { return std::string(32, '\x11'); }
  std::string PeerCertificateCommonName() const override { return cn_; }

 private:
  std::string cn_;
};

HbaRules Rules(std::string_view text) {
  std::vector<HbaError> errors;
  HbaRules rules = HbaRules::Parse(text, errors);
  REQUIRE(errors.empty());
  return rules;
}

const ClientAddress kTcp{.family = ClientAddress::Family::kTcp, .ip = "10.0.0.5", .port = 4000, .peer_uid = {}};

// Runs authentication and returns "" on success, else "SQLSTATE message".
std::string Authenticate(pgwire::MemoryTransport& transport, const HbaRules& rules, const ClientAddress& client,
                         std::string_view user) {
  pgwire::BackendWriter writer(transport);
  AuthInputs inputs{.rules = rules,
                    .is_member = [](std::string_view u, std::string_view r) { return u == r; },
                    .stored_password = [](std::string_view) { return StoredPassword{}; },
                    .mock_nonce = "nonce",
                    .password_encryption = PasswordType::kScramSha256};
  try {
    Authenticator(transport, writer, client, std::move(inputs)).Run(user, "db");
  } catch (const DbError& e) {
    return std::string(e.code().View()) + " " + e.message();
  }
  return "";
}

std::string CurrentOsUser() {
  passwd* entry = getpwuid(getuid());
  return entry ? entry->pw_name : "";
}

}  // namespace

TEST_CASE("cert: the client certificate's CN must be the user, over hostssl only") {
  HbaRules rules = Rules("hostssl all all 0.0.0.0/0 cert\n");
  FakeTlsTransport alice("alice");
  CHECK(Authenticate(alice, rules, kTcp, "alice").empty());
  FakeTlsTransport mallory("mallory");
  CHECK(Authenticate(mallory, rules, kTcp, "alice") == "28000 certificate authentication failed for user \"alice\"");
  FakeTlsTransport none("");
  CHECK(Authenticate(none, rules, kTcp, "alice") == "28000 connection requires a valid client certificate");
  pgwire::MemoryTransport plain;
  CHECK(Authenticate(plain, rules, kTcp, "alice") ==
        "28000 no pg_hba.conf entry for host \"10.0.0.5\", user \"alice\", database \"db\", no encryption");
}

TEST_CASE("clientcert=verify-full adds the CN check to another method") {
  HbaRules rules = Rules("hostssl all all 0.0.0.0/0 trust clientcert=verify-full\n");
  FakeTlsTransport bob("bob");
  CHECK(Authenticate(bob, rules, kTcp, "bob").empty());
  FakeTlsTransport other("other");
  CHECK(Authenticate(other, rules, kTcp, "bob").starts_with("28P01 "));
  HbaRules ca = Rules("hostssl all all 0.0.0.0/0 trust clientcert=verify-ca\n");
  FakeTlsTransport any("anyone");
  CHECK(Authenticate(any, ca, kTcp, "bob").empty());
  FakeTlsTransport none("");
  CHECK(Authenticate(none, ca, kTcp, "bob") == "28000 connection requires a valid client certificate");
}

TEST_CASE("reject and no matching line say SSL encryption over TLS, [local] for a Unix socket") {
  HbaRules rules = Rules("host all all 10.0.0.0/8 reject\nlocal all bob trust\n");
  FakeTlsTransport tls("x");
  CHECK(Authenticate(tls, rules, kTcp, "u") ==
        "28000 pg_hba.conf rejects connection for host \"10.0.0.5\", user \"u\", database \"db\", SSL encryption");
  pgwire::MemoryTransport plain;
  ClientAddress local{.family = ClientAddress::Family::kUnix, .ip = "", .port = 0, .peer_uid = 1};
  CHECK(Authenticate(plain, rules, local, "u") ==
        "28000 no pg_hba.conf entry for host \"[local]\", user \"u\", database \"db\", no encryption");
}

TEST_CASE("peer: the Unix-socket peer's OS user must be the role") {
  HbaRules rules = Rules("local all all peer\n");
  std::string me = CurrentOsUser();
  REQUIRE_FALSE(me.empty());
  ClientAddress local{.family = ClientAddress::Family::kUnix, .ip = "", .port = 0, .peer_uid = getuid()};
  pgwire::MemoryTransport a;
  CHECK(Authenticate(a, rules, local, me).empty());
  pgwire::MemoryTransport b;
  CHECK(Authenticate(b, rules, local, me + "x") == "28000 Peer authentication failed for user \"" + me + "x\"");
  ClientAddress unknown_uid{.family = ClientAddress::Family::kUnix, .ip = "", .port = 0, .peer_uid = {}};
  pgwire::MemoryTransport c;
  CHECK(Authenticate(c, rules, unknown_uid, me) == "28000 Peer authentication failed for user \"" + me + "\"");
}

TEST_CASE("scram-sha-256 offers SCRAM-SHA-256-PLUS first over TLS, and a hang-up ends quietly") {
  HbaRules rules = Rules("host all all 0.0.0.0/0 scram-sha-256\n");
  FakeTlsTransport tls("");
  CHECK_THROWS_AS(Authenticate(tls, rules, kTcp, "u"), pgwire::ConnectionLost);
  std::string sasl = tls.Output();
  // 'R', length, code 10, then the mechanism names, each NUL-terminated, and a final NUL.
  REQUIRE(sasl.size() > 9);
  CHECK(sasl[0] == 'R');
  CHECK(sasl.substr(5, 4) == std::string("\0\0\0\x0a", 4));
  CHECK(sasl.substr(9) == std::string("SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0", 34));
  pgwire::MemoryTransport plain;
  CHECK_THROWS_AS(Authenticate(plain, rules, kTcp, "u"), pgwire::ConnectionLost);
  CHECK(plain.Output().substr(9) == std::string("SCRAM-SHA-256\0\0", 15));
}

TEST_CASE("a failed password names the reason and the matching line in the log detail only") {
  HbaRules rules = Rules("# header\nhost all all 0.0.0.0/0 password\n");
  auto attempt = [&](std::optional<std::string> stored, const std::string& sent) {
    pgwire::MemoryTransport transport;
    std::string body = sent + '\0';
    uint32_t length = static_cast<uint32_t>(body.size() + 4);
    transport.Feed(std::string("p") + static_cast<char>(length >> 24) + static_cast<char>(length >> 16) +
                   static_cast<char>(length >> 8) + static_cast<char>(length) + body);
    pgwire::BackendWriter writer(transport);
    bool exists = stored.has_value();
    AuthInputs inputs{.rules = rules,
                      .is_member = [](std::string_view u, std::string_view r) { return u == r; },
                      .stored_password =
                          [&](std::string_view) {
                            return StoredPassword{exists, stored};
                          },
                      .mock_nonce = "nonce"};
    try {
      Authenticator(transport, writer, kTcp, std::move(inputs)).Run("u", "db");
    } catch (const AuthFailed& e) {
      CHECK(e.message() == "password authentication failed for user \"u\"");
      CHECK_FALSE(e.detail().has_value());  // nothing extra for the client
      return e.log_detail();
    }
    return std::string("authenticated");
  };
  std::string matched = "Connection matched pg_hba.conf line 2: \"host all all 0.0.0.0/0 password\"";
  CHECK(attempt(EncryptPassword(PasswordType::kScramSha256, "u", "right"), "right") == "authenticated");
  CHECK(attempt(EncryptPassword(PasswordType::kScramSha256, "u", "right"), "wrong") ==
        "Password does not match for user \"u\".\n\t" + matched);
  CHECK(attempt(std::nullopt, "x") == "Role \"u\" does not exist.\n\t" + matched);
}
