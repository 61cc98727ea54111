#include "common/password.h"

#include <cctype>
#include <charconv>
#include <memory>
#include <stdexcept>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <unicode/usprep.h>
#include <unicode/ustring.h>

namespace lumadb {
namespace {

constexpr std::string_view kScramPrefix = "SCRAM-SHA-256$";

std::string Md5Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

bool IsMd5Form(std::string_view stored) {
  if (stored.size() != 35 || stored.substr(0, 3) != "md5") return false;
  for (char c : stored.substr(3)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string Sha256(std::string_view data) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out);
  return std::string(reinterpret_cast<char*>(out), sizeof(out));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
  for (size_t i = 0; i + padding < text.size(); ++i) {
    char c = text[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/') return std::nullopt;
  }
  std::string out(3 * text.size() / 4, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<size_t>(n) - padding);  // EVP_DecodeBlock counts the padding as zero bytes
  return out;
}

std::optional<ScramSecret> ParseScramVerifier(std::string_view stored) {
  if (stored.substr(0, kScramPrefix.size()) != kScramPrefix) return std::nullopt;
  std::string_view rest = stored.substr(kScramPrefix.size());
  size_t colon = rest.find(':');
  size_t dollar = rest.find('$');
  if (colon == std::string_view::npos || dollar == std::string_view::npos || colon > dollar) return std::nullopt;
  ScramSecret secret;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + colon, secret.iterations);
  if (ec != std::errc() || end != rest.data() + colon || secret.iterations <= 0) return std::nullopt;
  auto salt = Base64Decode(rest.substr(colon + 1, dollar - colon - 1));
  std::string_view keys = rest.substr(dollar + 1);
  size_t key_colon = keys.find(':');
  if (!salt || key_colon == std::string_view::npos) return std::nullopt;
  auto stored_key = Base64Decode(keys.substr(0, key_colon));
  auto server_key = Base64Decode(keys.substr(key_colon + 1));
  if (!stored_key || !server_key || stored_key->size() != SHA256_DIGEST_LENGTH ||
      server_key->size() != SHA256_DIGEST_LENGTH) {
    return std::nullopt;
  }
  secret.salt = std::move(*salt);
  secret.stored_key = std::move(*stored_key);
  secret.server_key = std::move(*server_key);
  return secret;
}

PasswordType GetPasswordType(std::string_view stored) {
  if (IsMd5Form(stored)) return PasswordType::kMd5;
  if (ParseScramVerifier(stored)) return PasswordType::kScramSha256;
  return PasswordType::kPlaintext;
}

std::string SaslPrep(std::string_view password) {
  bool ascii = true;
  for (char c : password) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(password);
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, password.data(), static_cast<int32_t>(password.size()), &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::string(password);
  std::vector<UChar> utf16(static_cast<size_t>(length) + 1);
  status = U_ZERO_ERROR;
  u_strFromUTF8(utf16.data(), length + 1, &length, password.data(), static_cast<int32_t>(password.size()), &status);
  if (U_FAILURE(status)) return std::string(password);
  std::unique_ptr<UStringPrepProfile, decltype(&usprep_close)> profile(
      usprep_openByType(USPREP_RFC4013_SASLPREP, &status), usprep_close);
  if (U_FAILURE(status)) return std::string(password);
  // Unassigned code points are allowed, as PostgreSQL's saslprep.c does not check for them. The first call
  // measures (NFKC may expand a character many times over).
  int32_t prepared_length =
      usprep_prepare(profile.get(), utf16.data(), length, nullptr, 0, USPREP_ALLOW_UNASSIGNED, nullptr, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR) return std::string(password);
  status = U_ZERO_ERROR;
  std::vector<UChar> prepared(static_cast<size_t>(prepared_length) + 1);
  prepared_length = usprep_prepare(profile.get(), utf16.data(), length, prepared.data(),
                                   static_cast<int32_t>(prepared.size()), USPREP_ALLOW_UNASSIGNED, nullptr, &status);
  if (U_FAILURE(status) || prepared_length == 0) return std::string(password);
  std::string out(static_cast<size_t>(prepared_length) * 3 + 1, '\0');
  int32_t out_length = 0;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &out_length, prepared.data(), prepared_length, &status);
  if (U_FAILURE(status)) return std::string(password);
  out.resize(static_cast<size_t>(out_length));
  return out;
}

std::string BuildScramVerifier(std::string_view raw_password, std::string_view salt, int iterations) {
  std::string password = SaslPrep(raw_password);
  unsigned char salted[SHA256_DIGEST_LENGTH];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                    EVP_sha256(), sizeof(salted), salted);
  std::string_view salted_password(reinterpret_cast<char*>(salted), sizeof(salted));
  std::string stored_key = Sha256(HmacSha256(salted_password, "Client Key"));
  std::string server_key = HmacSha256(salted_password, "Server Key");
  return std::string(kScramPrefix) + std::to_string(iterations) + ":" + Base64Encode(salt) + "$" +
         Base64Encode(stored_key) + ":" + Base64Encode(server_key);
}

std::string EncryptPassword(PasswordType target, std::string_view role, std::string_view password) {
  if (GetPasswordType(password) != PasswordType::kPlaintext) return std::string(password);
  if (target == PasswordType::kMd5) return "md5" + Md5Hex(std::string(password) + std::string(role));
  if (target != PasswordType::kScramSha256) throw std::invalid_argument("EncryptPassword: plaintext target");
  unsigned char salt[16];
  if (RAND_bytes(salt, sizeof(salt)) != 1) throw std::runtime_error("could not generate random salt");
  return BuildScramVerifier(password, std::string_view(reinterpret_cast<char*>(salt), sizeof(salt)), kScramIterations);
}

std::string Md5SaltedAnswer(std::string_view md5_stored, std::string_view salt) {
  return "md5" + Md5Hex(std::string(md5_stored.substr(3)) + std::string(salt));
}

bool VerifyPlainPassword(std::string_view role, std::string_view password, std::string_view stored) {
  switch (GetPasswordType(stored)) {
    case PasswordType::kScramSha256: {
      auto secret = ParseScramVerifier(stored);
      auto computed = ParseScramVerifier(BuildScramVerifier(password, secret->salt, secret->iterations));
      return ConstantTimeEquals(computed->server_key, secret->server_key);
    }
    case PasswordType::kMd5:
      // Hashed here rather than through EncryptPassword, which would pass a client's "md5..." text through.
      return ConstantTimeEquals("md5" + Md5Hex(std::string(password) + std::string(role)), stored);
    case PasswordType::kPlaintext:
      return ConstantTimeEquals(password, stored);
  }
  return false;
}

}  // namespace lumadb
