#include "server/scram_exchange.h"

#include <cstdio>

#include <openssl/rand.h>

#include "common/error.h"

namespace lumadb::server {

namespace {

constexpr size_t kRawNonceLength = 18;  // SCRAM_RAW_NONCE_LEN
constexpr size_t kSaltLength = 16;      // SCRAM_DEFAULT_SALT_LEN
constexpr size_t kKeyLength = 32;       // SCRAM_KEY_LEN for SHA-256
constexpr std::string_view kCbindType = "tls-server-end-point";

[[noreturn]] void Malformed(const std::string& detail) {
  throw DbError(sqlstate::kProtocolViolation, "malformed SCRAM message", Severity::kFatal).Detail(detail);
}

// sanitize_char: printable ASCII in single quotes, anything else as 0x%02x.
std::string SanitizeChar(char c) {
  if (c >= 0x21 && c < 0x7f) return "'" + std::string(1, c) + "'";
  char buf[8];
  std::snprintf(buf, sizeof(buf), "0x%02x", static_cast<unsigned char>(c));
  return buf;
}

// sanitize_str: non-printable characters as '?', at most 30 characters.
std::string SanitizeString(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 30)) out += (c >= 0x21 && c < 0x7f) ? c : '?';
  return out;
}

char Peek(std::string_view input) {
  return input.empty() ? '\0' : input.front();
}

// The value after "x=" up to the next ',' (read_attr_value); consumes the ','.
std::string_view ReadAttrValue(std::string_view& input, char attr) {
  if (Peek(input) != attr) {
    Malformed("Expected attribute \"" + std::string(1, attr) + "\" but found \"" + SanitizeChar(Peek(input)) + "\".");
  }
  input.remove_prefix(1);
  if (Peek(input) != '=') Malformed("Expected character \"=\" for attribute \"" + std::string(1, attr) + "\".");
  input.remove_prefix(1);
  size_t end = input.find(',');
  std::string_view value = input.substr(0, end);
  input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
  return value;
}

// Any "x=value" attribute (read_any_attr); stores its letter in `attr`.
std::string_view ReadAnyAttr(std::string_view& input, char& attr) {
  attr = Peek(input);
  if (attr == '\0') Malformed("Attribute expected, but found end of string.");
  if (!((attr >= 'A' && attr <= 'Z') || (attr >= 'a' && attr <= 'z'))) {
    Malformed("Attribute expected, but found invalid character \"" + SanitizeChar(attr) + "\".");
  }
  return ReadAttrValue(input, attr);
}

void CheckMessage(std::string_view message) {
  if (message.empty()) Malformed("The message is empty.");
  if (message.find('\0') != std::string_view::npos) Malformed("Message length does not match input length.");
}

std::string RandomNonce() {
  unsigned char raw[kRawNonceLength];
  if (RAND_bytes(raw, sizeof(raw)) != 1) {
    throw DbError(sqlstate::kInternalError, "could not generate random nonce", Severity::kFatal);
  }
  return Base64Encode(std::string_view(reinterpret_cast<char*>(raw), sizeof(raw)));
}

}  // namespace

std::vector<std::string> ScramExchange::Mechanisms(const pgwire::Transport& transport) {
  if (transport.IsTls()) return {std::string(kMechanismPlus), std::string(kMechanism)};
  return {std::string(kMechanism)};
}

std::string ScramExchange::MockSalt(std::string_view user, std::string_view mock_nonce) {
  return Sha256(std::string(user) + std::string(mock_nonce)).substr(0, kSaltLength);
}

ScramExchange::ScramExchange(const pgwire::Transport& transport, std::string_view mechanism,
                             std::optional<ScramSecret> secret, std::string mock_salt)
    : transport_(transport) {
  if (mechanism == kMechanismPlus && transport.IsTls()) {
    channel_binding_ = true;
  } else if (mechanism != kMechanism) {
    throw DbError(sqlstate::kProtocolViolation, "client selected an invalid SASL authentication mechanism",
                  Severity::kFatal);
  }
  if (secret) {
    secret_ = std::move(*secret);
  } else {
    doomed_ = true;
    secret_.iterations = kScramIterations;
    secret_.salt = std::move(mock_salt);
  }
}

void ScramExchange::ParseGs2Header(std::string_view& input) {
  cbind_flag_ = Peek(input);
  const std::string plus_without_data =
      "The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not include channel binding data.";
  switch (cbind_flag_) {
    case 'n':
    case 'y':
      if (channel_binding_) Malformed(plus_without_data);
      if (cbind_flag_ == 'y' && transport_.IsTls()) {
        // The client could have bound the channel but believes we cannot: a downgrade attempt.
        throw DbError(sqlstate::kProtocolViolation, "SCRAM channel binding negotiation error", Severity::kFatal)
            .Detail(
                "The client supports SCRAM channel binding but thinks the server does not.  However, this server "
                "does support channel binding.");
      }
      input.remove_prefix(1);
      if (Peek(input) != ',') Malformed("Comma expected, but found character \"" + SanitizeChar(Peek(input)) + "\".");
      input.remove_prefix(1);
      break;
    case 'p': {
      if (!channel_binding_) {
        Malformed(
            "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel "
            "binding data.");
      }
      std::string_view type = ReadAttrValue(input, 'p');
      if (type != kCbindType) {
        throw DbError(sqlstate::kProtocolViolation,
                      "unsupported SCRAM channel-binding type \"" + SanitizeString(type) + "\"", Severity::kFatal);
      }
      break;
    }
    default:
      Malformed("Unexpected channel-binding flag \"" + SanitizeChar(cbind_flag_) + "\".");
  }
  if (Peek(input) == 'a') {
    throw DbError(sqlstate::kFeatureNotSupported, "client uses authorization identity, but it is not supported",
                  Severity::kFatal);
  }
  if (Peek(input) != ',') {
    Malformed("Unexpected attribute \"" + SanitizeChar(Peek(input)) + "\" in client-first-message.");
  }
  input.remove_prefix(1);
}

std::string ScramExchange::HandleClientFirst(std::string_view message) {
  CheckMessage(message);
  std::string_view input = message;
  ParseGs2Header(input);
  client_first_bare_ = std::string(input);
  if (Peek(input) == 'm') {
    throw DbError(sqlstate::kFeatureNotSupported, "client requires an unsupported SCRAM extension", Severity::kFatal);
  }
  ReadAttrValue(input, 'n');  // the role comes from the StartupMessage
  client_nonce_ = std::string(ReadAttrValue(input, 'r'));
  char attr = 0;
  while (!input.empty()) ReadAnyAttr(input, attr);
  if (server_nonce_.empty()) server_nonce_ = RandomNonce();
  server_first_ = "r=" + client_nonce_ + server_nonce_ + ",s=" + Base64Encode(secret_.salt) +
                  ",i=" + std::to_string(secret_.iterations);
  return server_first_;
}

void ScramExchange::CheckChannelBinding(std::string_view attribute) const {
  if (channel_binding_) {
    std::string end_point = transport_.TlsServerEndPoint();
    if (end_point.empty()) {
      throw DbError(sqlstate::kInternalError, "could not get server certificate hash", Severity::kFatal);
    }
    std::string expected = Base64Encode("p=" + std::string(kCbindType) + ",," + end_point);
    if (!ConstantTimeEquals(attribute, expected)) {
      throw DbError(sqlstate::kInvalidAuthorizationSpecification, "SCRAM channel binding check failed",
                    Severity::kFatal);
    }
    return;
  }
  // base64("n,,") and base64("y,,"): the header of client-first without binding data.
  if (!(attribute == "biws" && cbind_flag_ == 'n') && !(attribute == "eSws" && cbind_flag_ == 'y')) {
    throw DbError(sqlstate::kProtocolViolation, "unexpected SCRAM channel-binding attribute in client-final-message",
                  Severity::kFatal);
  }
}

std::optional<std::string> ScramExchange::HandleClientFinal(std::string_view message) {
  CheckMessage(message);
  std::string_view input = message;
  CheckChannelBinding(ReadAttrValue(input, 'c'));
  std::string_view final_nonce = ReadAttrValue(input, 'r');
  size_t proof_start = 0;
  char attr = 0;
  std::string_view proof_text;
  do {  // extensions may come before the proof
    proof_start = message.size() - input.size();
    proof_text = ReadAnyAttr(input, attr);
  } while (attr != 'p');
  auto proof = Base64Decode(proof_text);
  if (!proof || proof->size() != kKeyLength) Malformed("Malformed proof in client-final-message.");
  if (!input.empty()) Malformed("Garbage found at the end of client-final-message.");
  if (final_nonce != client_nonce_ + server_nonce_) {
    throw DbError(sqlstate::kProtocolViolation, "invalid SCRAM response", Severity::kFatal)
        .Detail("Nonce does not match.");
  }
  std::string auth_message =
      client_first_bare_ + "," + server_first_ + "," + std::string(message.substr(0, proof_start - 1));
  std::string client_signature = HmacSha256(secret_.stored_key, auth_message);
  std::string client_key(kKeyLength, '\0');
  for (size_t i = 0; i < kKeyLength; ++i) client_key[i] = static_cast<char>((*proof)[i] ^ client_signature[i]);
  if (!ConstantTimeEquals(Sha256(client_key), secret_.stored_key) || doomed_) return std::nullopt;
  return "v=" + Base64Encode(HmacSha256(secret_.server_key, auth_message));
}

}  // namespace lumadb::server
