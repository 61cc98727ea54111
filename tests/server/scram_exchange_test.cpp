// ScramExchange against RFC 7677 §3's example, channel binding over a fake TLS transport, and the
// malformed-message errors of PostgreSQL's auth-scram.c.
#include "server/scram_exchange.h"

#include <functional>

#include <doctest/doctest.h>

#include "common/error.h"

using namespace lumadb;
using lumadb::server::ScramExchange;

namespace {

// RFC 7677 §3: user "user", password "pencil".
constexpr std::string_view kClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
constexpr std::string_view kServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
constexpr std::string_view kServerFirst =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr std::string_view kClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr std::string_view kServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

ScramSecret PencilSecret() {
  return *ParseScramVerifier(BuildScramVerifier("pencil", *Base64Decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096));
}

// A transport that claims a TLS session with a fixed tls-server-end-point hash.
class FakeTlsTransport : public pgwire::MemoryTransport {
 public:
  bool IsTls() const override { return true; }
  std::string TlsServerEndPoint() const override { return std::string(32, '\x42'); }
};

// The client's proof for `auth_message` with password "pencil" and the RFC's salt (RFC 5802 §3).
std::string PencilProof(const std::string& auth_message) {
  ScramSecret secret = PencilSecret();
  // ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage), taken from the RFC's own exchange.
  std::string rfc_auth = std::string(kClientFirst.substr(3)) + "," + std::string(kServerFirst) + "," +
                         std::string(kClientFinal.substr(0, kClientFinal.find(",p=")));
  std::string rfc_proof = *Base64Decode(kClientFinal.substr(kClientFinal.find(",p=") + 3));
  std::string rfc_sig = HmacSha256(secret.stored_key, rfc_auth);
  std::string client_key(32, '\0');
  for (size_t i = 0; i < 32; ++i) client_key[i] = static_cast<char>(rfc_proof[i] ^ rfc_sig[i]);
  std::string sig = HmacSha256(secret.stored_key, auth_message);
  std::string proof(32, '\0');
  for (size_t i = 0; i < 32; ++i) proof[i] = static_cast<char>(client_key[i] ^ sig[i]);
  return Base64Encode(proof);
}

std::string ErrorOf(const std::function<void()>& fn, std::string* detail = nullptr, std::string* code = nullptr) {
  try {
    fn();
  } catch (const DbError& e) {
    if (detail) *detail = e.detail().value_or("");
    if (code) *code = std::string(e.code().View());
    return e.message();
  }
  return "no error";
}

}  // namespace

TEST_CASE("SCRAM-SHA-256 reproduces RFC 7677's example exchange") {
  pgwire::MemoryTransport transport;
  ScramExchange exchange(transport, "SCRAM-SHA-256", PencilSecret(), "");
  exchange.InjectServerNonce(std::string(kServerNonce));
  CHECK(exchange.HandleClientFirst(kClientFirst) == kServerFirst);
  auto final_message = exchange.HandleClientFinal(kClientFinal);
  REQUIRE(final_message);
  CHECK(*final_message == kServerFinal);
}

TEST_CASE("the user name in client-first is ignored, as pgjdbc and node-postgres send n=*") {
  pgwire::MemoryTransport transport;
  ScramExchange exchange(transport, "SCRAM-SHA-256", PencilSecret(), "");
  exchange.InjectServerNonce(std::string(kServerNonce));
  std::string first = exchange.HandleClientFirst("n,,n=*,r=rOprNGfwEbeRWgbNEkqO");
  CHECK(first == kServerFirst);
  std::string without_proof = "c=biws,r=rOprNGfwEbeRWgbNEkqO" + std::string(kServerNonce);
  std::string proof = PencilProof("n=*,r=rOprNGfwEbeRWgbNEkqO," + first + "," + without_proof);
  CHECK(exchange.HandleClientFinal(without_proof + ",p=" + proof).has_value());
}

TEST_CASE("a wrong proof and a mock exchange fail without an exception") {
  pgwire::MemoryTransport transport;
  ScramExchange wrong(transport, "SCRAM-SHA-256", *ParseScramVerifier(BuildScramVerifier("other", "salt", 4096)), "");
  wrong.InjectServerNonce(std::string(kServerNonce));
  wrong.HandleClientFirst(kClientFirst);
  CHECK_FALSE(wrong.HandleClientFinal(kClientFinal).has_value());

  std::string mock_salt = ScramExchange::MockSalt("nobody", "cluster-secret");
  CHECK(mock_salt == ScramExchange::MockSalt("nobody", "cluster-secret"));
  CHECK(mock_salt != ScramExchange::MockSalt("somebody", "cluster-secret"));
  CHECK(mock_salt.size() == 16);
  ScramExchange mock(transport, "SCRAM-SHA-256", std::nullopt, mock_salt);
  mock.InjectServerNonce(std::string(kServerNonce));
  CHECK(mock.HandleClientFirst(kClientFirst) ==
        "r=rOprNGfwEbeRWgbNEkqO" + std::string(kServerNonce) + ",s=" + Base64Encode(mock_salt) + ",i=4096");
  CHECK_FALSE(mock.HandleClientFinal(kClientFinal).has_value());
}

TEST_CASE("mechanisms offered: SCRAM-SHA-256-PLUS first over TLS only") {
  pgwire::MemoryTransport plain;
  FakeTlsTransport tls;
  CHECK(ScramExchange::Mechanisms(plain) == std::vector<std::string>{"SCRAM-SHA-256"});
  CHECK(ScramExchange::Mechanisms(tls) == std::vector<std::string>{"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"});
  CHECK(ErrorOf([&] { ScramExchange(plain, "SCRAM-SHA-256-PLUS", PencilSecret(), ""); }) ==
        "client selected an invalid SASL authentication mechanism");
  CHECK(ErrorOf([&] { ScramExchange(plain, "PLAIN", PencilSecret(), ""); }) ==
        "client selected an invalid SASL authentication mechanism");
}

TEST_CASE("SCRAM-SHA-256-PLUS checks the tls-server-end-point binding data") {
  FakeTlsTransport tls;
  std::string header = "p=tls-server-end-point,,";
  auto run = [&](const std::string& cbind_attribute) {
    ScramExchange exchange(tls, "SCRAM-SHA-256-PLUS", PencilSecret(), "");
    exchange.InjectServerNonce(std::string(kServerNonce));
    std::string first = exchange.HandleClientFirst(header + "n=,r=rOprNGfwEbeRWgbNEkqO");
    std::string without_proof = "c=" + cbind_attribute + ",r=rOprNGfwEbeRWgbNEkqO" + std::string(kServerNonce);
    std::string proof = PencilProof("n=,r=rOprNGfwEbeRWgbNEkqO," + first + "," + without_proof);
    return exchange.HandleClientFinal(without_proof + ",p=" + proof);
  };
  CHECK(run(Base64Encode(header + std::string(32, '\x42'))).has_value());
  std::string code;
  CHECK(ErrorOf([&] { run(Base64Encode(header + std::string(32, '\x43'))); }, nullptr, &code) ==
        "SCRAM channel binding check failed");
  CHECK(code == "28000");
  CHECK(ErrorOf([&] { run("biws"); }) == "SCRAM channel binding check failed");
}

TEST_CASE("GS2 header: n fine, y over TLS a downgrade, p without PLUS malformed") {
  FakeTlsTransport tls;
  pgwire::MemoryTransport plain;
  std::string detail;
  // 'y' on a plaintext connection: the client could bind but the server cannot, which is fine.
  ScramExchange y_plain(plain, "SCRAM-SHA-256", PencilSecret(), "");
  CHECK_NOTHROW(y_plain.HandleClientFirst("y,,n=,r=abc"));
  ScramExchange y_tls(tls, "SCRAM-SHA-256", PencilSecret(), "");
  CHECK(ErrorOf([&] { y_tls.HandleClientFirst("y,,n=,r=abc"); }, &detail) == "SCRAM channel binding negotiation error");
  ScramExchange n_tls(tls, "SCRAM-SHA-256", PencilSecret(), "");
  CHECK_NOTHROW(n_tls.HandleClientFirst("n,,n=*,r=abc"));
  ScramExchange p_plain(plain, "SCRAM-SHA-256", PencilSecret(), "");
  CHECK(ErrorOf([&] { p_plain.HandleClientFirst("p=tls-server-end-point,,n=,r=abc"); }, &detail) ==
        "malformed SCRAM message");
  CHECK(detail ==
        "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding "
        "data.");
  ScramExchange plus_n(tls, "SCRAM-SHA-256-PLUS", PencilSecret(), "");
  CHECK(ErrorOf([&] { plus_n.HandleClientFirst("n,,n=,r=abc"); }, &detail) == "malformed SCRAM message");
  CHECK(detail ==
        "The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not include channel binding data.");
  ScramExchange plus_other(tls, "SCRAM-SHA-256-PLUS", PencilSecret(), "");
  CHECK(ErrorOf([&] { plus_other.HandleClientFirst("p=tls-unique,,n=,r=abc"); }) ==
        "unsupported SCRAM channel-binding type \"tls-unique\"");
}

TEST_CASE("malformed client messages give PostgreSQL's details") {
  pgwire::MemoryTransport plain;
  auto first_detail = [&](std::string_view message) {
    ScramExchange exchange(plain, "SCRAM-SHA-256", PencilSecret(), "");
    std::string detail;
    std::string code;
    std::string text = ErrorOf([&] { exchange.HandleClientFirst(message); }, &detail, &code);
    return text + " / " + detail + " / " + code;
  };
  CHECK(first_detail("") == "malformed SCRAM message / The message is empty. / 08P01");
  CHECK(first_detail("x,,n=,r=a") == "malformed SCRAM message / Unexpected channel-binding flag \"'x'\". / 08P01");
  CHECK(first_detail("n;,n=,r=a") == "malformed SCRAM message / Comma expected, but found character \"';'\". / 08P01");
  CHECK(first_detail("n,a=bob,n=,r=a") == "client uses authorization identity, but it is not supported /  / 0A000");
  CHECK(first_detail("n,,m=ext,n=,r=a") == "client requires an unsupported SCRAM extension /  / 0A000");
  CHECK(first_detail("n,,r=abc") == "malformed SCRAM message / Expected attribute \"n\" but found \"'r'\". / 08P01");
  CHECK(first_detail("n,,n=,x") == "malformed SCRAM message / Expected attribute \"r\" but found \"'x'\". / 08P01");
  CHECK(first_detail("n,,n=,r") == "malformed SCRAM message / Expected character \"=\" for attribute \"r\". / 08P01");
  CHECK(first_detail("n,,n=,r=a,1=b") ==
        "malformed SCRAM message / Attribute expected, but found invalid character \"'1'\". / 08P01");

  auto final_detail = [&](std::string_view message) {
    ScramExchange exchange(plain, "SCRAM-SHA-256", PencilSecret(), "");
    exchange.InjectServerNonce(std::string(kServerNonce));
    exchange.HandleClientFirst(kClientFirst);
    std::string detail;
    std::string text = ErrorOf([&] { exchange.HandleClientFinal(message); }, &detail);
    return text + " / " + detail;
  };
  std::string nonce = "r=rOprNGfwEbeRWgbNEkqO" + std::string(kServerNonce);
  CHECK(final_detail("c=eSws," + nonce + ",p=AAAA") ==
        "unexpected SCRAM channel-binding attribute in client-final-message / ");
  CHECK(final_detail("c=biws,r=other,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=") ==
        "invalid SCRAM response / Nonce does not match.");
  CHECK(final_detail("c=biws," + nonce + ",p=AAAA") ==
        "malformed SCRAM message / Malformed proof in client-final-message.");
  CHECK(final_detail(std::string(kClientFinal) + ",x=1") ==
        "malformed SCRAM message / Garbage found at the end of client-final-message.");
  CHECK(final_detail("c=biws," + nonce) == "malformed SCRAM message / Attribute expected, but found end of string.");
}
