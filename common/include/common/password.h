#pragma once
// Stored role passwords, as PostgreSQL's crypt.c and scram-common.c keep them in pg_authid.rolpassword:
//
//   md5 form:    "md5" + hex(MD5(password || role name))                       (35 characters)
//   SCRAM form:  "SCRAM-SHA-256$" iterations ":" base64(salt) "$" base64(StoredKey) ":" base64(ServerKey)
//                (RFC 5803; StoredKey = H(HMAC(SaltedPassword, "Client Key")),
//                 ServerKey = HMAC(SaltedPassword, "Server Key"), SaltedPassword = PBKDF2-HMAC-SHA-256)
//
// Anything else is a plaintext password (only an old or hand-made catalog row has one).

#include <optional>
#include <string>
#include <string_view>

namespace lumadb {

/// How a stored password is kept (crypt.h PasswordType).
enum class PasswordType { kPlaintext, kMd5, kScramSha256 };

/// A parsed SCRAM-SHA-256 verifier; keys and salt are raw bytes (32-byte keys).
struct ScramSecret {
  int iterations = 0;
  std::string salt;
  std::string stored_key;
  std::string server_key;
};

/// The iteration count PostgreSQL 15 uses for new verifiers (SCRAM_DEFAULT_ITERATIONS).
inline constexpr int kScramIterations = 4096;

/// Which form `stored` has (crypt.c get_password_type): md5 when it is "md5" plus 32 hex digits, SCRAM
/// when it parses as a verifier, plaintext otherwise.
PasswordType GetPasswordType(std::string_view stored);

/// Parses a SCRAM-SHA-256 verifier (scram.c parse_scram_secret); nullopt when it is not one.
std::optional<ScramSecret> ParseScramVerifier(std::string_view stored);

/// SASLprep (RFC 4013) of a UTF-8 password, as PostgreSQL's pg_saslprep and libpq apply it before SCRAM
/// hashing: ASCII is returned unchanged; non-ASCII spaces map to ' ', soft hyphens and the like vanish,
/// NFKC normalisation. Input that is not UTF-8, or that SASLprep prohibits, is returned as given (the
/// same fallback PostgreSQL uses, so such passwords still work).
std::string SaslPrep(std::string_view password);

/// Builds the verifier for `password` (SASLprepped first) with the given raw salt and iteration count
/// (pg_be_scram_build_secret).
std::string BuildScramVerifier(std::string_view password, std::string_view salt, int iterations);

/// The value CREATE/ALTER ROLE ... PASSWORD stores (crypt.c encrypt_password): a password already in md5
/// or SCRAM form is kept as given; a plaintext one is turned into `target` (kMd5 or kScramSha256, from
/// password_encryption), SCRAM with a fresh random 16-byte salt and kScramIterations.
std::string EncryptPassword(PasswordType target, std::string_view role, std::string_view password);

/// The check of the `password` authentication method (crypt.c plain_crypt_verify): the cleartext the client
/// sent, hashed into the stored form (SCRAM with the stored salt and iterations, comparing ServerKey; md5
/// with the role name), equals `stored`. Comparisons are constant-time.
bool VerifyPlainPassword(std::string_view role, std::string_view password, std::string_view stored);

/// The answer a client gives to AuthenticationMD5Password for a role whose stored form is `md5_stored`
/// ("md5..." as GetPasswordType kMd5): "md5" + hex(MD5(md5_stored without "md5" || salt)) (crypt.c
/// md5_crypt_verify).
std::string Md5SaltedAnswer(std::string_view md5_stored, std::string_view salt);

/// HMAC-SHA-256 (RFC 2104) of `data` under `key`: 32 raw bytes.
std::string HmacSha256(std::string_view key, std::string_view data);

/// SHA-256 of `data`: 32 raw bytes.
std::string Sha256(std::string_view data);

/// Constant-time equality of two byte strings (CRYPTO_memcmp; different lengths are unequal).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

/// Base64 (RFC 4648, with padding) of raw bytes, as SCRAM messages and verifiers use it.
std::string Base64Encode(std::string_view bytes);

/// Decodes RFC 4648 base64; nullopt for bad characters, bad padding or a length not a multiple of 4.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace lumadb
