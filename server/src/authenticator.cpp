#include "server/authenticator.h"

#include <pwd.h>

#include <vector>

#include <openssl/rand.h>

#include "server/scram_exchange.h"

namespace lumadb::server {

Authenticator::Authenticator(pgwire::Transport& transport, pgwire::BackendWriter& writer, const ClientAddress& client,
                             AuthInputs inputs)
    : transport_(transport), writer_(writer), client_(client), inputs_(std::move(inputs)) {}

const HbaLine& Authenticator::Run(std::string_view user, std::string_view database) {
  const HbaLine& line = MatchLine(user, database);
  if (line.method == HbaAuthMethod::kReject) {
    throw DbError(sqlstate::kInvalidAuthorizationSpecification,
                  "pg_hba.conf rejects connection for " + HostDescription(user, database), Severity::kFatal);
  }
  if (line.clientcert != ClientCertMode::kOff) CheckClientCertificatePresent();
  bool ok = RunMethod(line, user);
  // clientcert=verify-full (and cert, which implies it) also requires the certificate to name the user.
  if (ok && line.clientcert == ClientCertMode::kVerifyFull) ok = transport_.PeerCertificateCommonName() == user;
  if (!ok) throw Failed(line, user);
  return line;
}

std::optional<std::string> Authenticator::LookUpPassword(std::string_view user) {
  StoredPassword stored = inputs_.stored_password(user);
  std::string quoted = "\"" + std::string(user) + "\"";
  if (!stored.role_exists) {
    reason_ = "Role " + quoted + " does not exist.";
  } else if (!stored.password) {
    reason_ = "User " + quoted + " has no password assigned.";
  } else if (stored.expired) {
    reason_ = "User " + quoted + " has an expired password.";
    return std::nullopt;
  }
  return stored.password;
}

std::string Authenticator::HostDescription(std::string_view user, std::string_view database) const {
  std::string host = client_.family == ClientAddress::Family::kUnix ? "[local]" : client_.ip;
  return "host \"" + host + "\", user \"" + std::string(user) + "\", database \"" + std::string(database) + "\", " +
         (transport_.IsTls() ? "SSL encryption" : "no encryption");
}

const HbaLine& Authenticator::MatchLine(std::string_view user, std::string_view database) const {
  HbaRequest request{.client = client_, .tls = transport_.IsTls(), .user = user, .database = database};
  const HbaLine* line = inputs_.rules.Match(request, inputs_.is_member);
  if (line == nullptr) {
    throw DbError(sqlstate::kInvalidAuthorizationSpecification,
                  "no pg_hba.conf entry for " + HostDescription(user, database), Severity::kFatal);
  }
  return *line;
}

void Authenticator::CheckClientCertificatePresent() const {
  if (transport_.PeerCertificateCommonName().empty()) {
    throw DbError(sqlstate::kInvalidAuthorizationSpecification, "connection requires a valid client certificate",
                  Severity::kFatal);
  }
}

bool Authenticator::RunMethod(const HbaLine& line, std::string_view user) {
  switch (line.method) {
    case HbaAuthMethod::kTrust:
    case HbaAuthMethod::kCert:  // the CN check after the method does the work
      return true;
    case HbaAuthMethod::kReject:
      return false;
    case HbaAuthMethod::kPassword:
      return Password(user);
    case HbaAuthMethod::kMd5: {
      // CheckPWChallengeAuth: md5 only for an md5 (or, here, plaintext) password; SCRAM otherwise. An
      // unknown role gets whichever password_encryption would have made, so the reply gives nothing away.
      auto stored = LookUpPassword(user);
      bool md5 = stored ? GetPasswordType(*stored) != PasswordType::kScramSha256
                        : inputs_.password_encryption == PasswordType::kMd5;
      return md5 ? Md5(user, stored) : Scram(user, stored);
    }
    case HbaAuthMethod::kScramSha256:
      return Scram(user, LookUpPassword(user));
    case HbaAuthMethod::kPeer:
      return Peer(user);
  }
  return false;
}

pgwire::FrontendMessage Authenticator::ReadResponse(const char* what) {
  writer_.Flush();
  auto message = pgwire::ReadFrontendMessage(transport_);
  // psql hangs up to prompt for the password and then reconnects: no error for that (auth.c STATUS_EOF).
  if (!message) throw pgwire::ConnectionLost("no authentication response");
  if (message->type != 'p') {
    throw DbError(sqlstate::kProtocolViolation,
                  std::string("expected ") + what + " response, got message type " +
                      std::to_string(static_cast<unsigned char>(message->type)),
                  Severity::kFatal);
  }
  return std::move(*message);
}

bool Authenticator::Password(std::string_view user) {
  writer_.AuthenticationCleartextPassword();
  std::string password = pgwire::ParsePasswordMessage(ReadResponse("password"));
  auto stored = LookUpPassword(user);
  if (!stored || password.empty()) return false;
  if (VerifyPlainPassword(user, password, *stored)) return true;
  reason_ = "Password does not match for user \"" + std::string(user) + "\".";
  return false;
}

bool Authenticator::Md5(std::string_view user, const std::optional<std::string>& stored) {
  unsigned char salt_bytes[4];
  if (RAND_bytes(salt_bytes, sizeof(salt_bytes)) != 1) {
    throw DbError(sqlstate::kInternalError, "could not generate random MD5 salt", Severity::kFatal);
  }
  std::string_view salt(reinterpret_cast<char*>(salt_bytes), sizeof(salt_bytes));
  writer_.AuthenticationMd5Password(salt);
  std::string answer = pgwire::ParsePasswordMessage(ReadResponse("password"));
  if (answer.empty() || !stored) return false;
  std::string md5_stored = EncryptPassword(PasswordType::kMd5, user, *stored);  // an old plaintext row
  if (ConstantTimeEquals(Md5SaltedAnswer(md5_stored, salt), answer)) return true;
  reason_ = "Password does not match for user \"" + std::string(user) + "\".";
  return false;
}

bool Authenticator::Scram(std::string_view user, const std::optional<std::string>& stored) {
  std::string mock_salt = ScramExchange::MockSalt(user, inputs_.mock_nonce);
  std::optional<ScramSecret> secret;
  if (stored && GetPasswordType(*stored) == PasswordType::kScramSha256) {
    secret = ParseScramVerifier(*stored);
  } else if (stored && GetPasswordType(*stored) == PasswordType::kPlaintext) {
    // A row written before passwords were hashed: derive a verifier on the fly (as PostgreSQL 10 did).
    secret = ParseScramVerifier(BuildScramVerifier(*stored, mock_salt, kScramIterations));
  } else if (stored) {
    reason_ = "User \"" + std::string(user) + "\" does not have a valid SCRAM secret.";
  }
  writer_.AuthenticationSasl(ScramExchange::Mechanisms(transport_));
  pgwire::SaslInitialResponse initial = pgwire::ParseSaslInitialResponse(ReadResponse("SASL"));
  ScramExchange exchange(transport_, initial.mechanism, std::move(secret), mock_salt);
  if (!initial.data) {
    // The client sent no initial data: an empty challenge asks for client-first (auth.c CheckSASLAuth).
    writer_.AuthenticationSaslContinue("");
    initial.data = ReadResponse("SASL").body;
  }
  writer_.AuthenticationSaslContinue(exchange.HandleClientFirst(*initial.data));
  std::optional<std::string> server_final = exchange.HandleClientFinal(ReadResponse("SASL").body);
  if (!server_final) return false;
  writer_.AuthenticationSaslFinal(*server_final);
  return true;
}

bool Authenticator::Peer(std::string_view user) const {
  if (client_.family != ClientAddress::Family::kUnix || !client_.peer_uid) return false;
  passwd entry{};
  passwd* found = nullptr;
  std::vector<char> buffer(16384);
  if (getpwuid_r(*client_.peer_uid, &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
    return false;
  }
  return user == found->pw_name;
}

AuthFailed Authenticator::Failed(const HbaLine& line, std::string_view user) const {
  std::string quoted = "\"" + std::string(user) + "\"";
  std::string detail = (reason_.empty() ? "" : reason_ + "\n\t") + "Connection matched pg_hba.conf line " +
                       std::to_string(line.line_number) + ": \"" + line.raw_line + "\"";
  switch (line.method) {
    case HbaAuthMethod::kPeer:
      return AuthFailed(DbError(sqlstate::kInvalidAuthorizationSpecification,
                                "Peer authentication failed for user " + quoted, Severity::kFatal),
                        detail);
    case HbaAuthMethod::kCert:
      return AuthFailed(DbError(sqlstate::kInvalidAuthorizationSpecification,
                                "certificate authentication failed for user " + quoted, Severity::kFatal),
                        detail);
    default:
      return AuthFailed(
          DbError(sqlstate::kInvalidPassword, "password authentication failed for user " + quoted, Severity::kFatal),
          detail);
  }
}

}  // namespace lumadb::server
