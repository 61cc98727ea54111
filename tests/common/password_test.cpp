// Stored password forms (common/password.h). The SCRAM expectation was computed independently
// (Python hashlib) for RFC 7677's example: password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096
// iterations; its ServerKey signs RFC 7677's AuthMessage to the RFC's ServerSignature.
#include "common/password.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

using namespace lumadb;

namespace {
constexpr const char* kPencilVerifier =
    "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
    "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";
}

TEST_CASE("BuildScramVerifier matches the RFC 7677 example's keys") {
  auto salt = Base64Decode("W22ZaJ0SNY7soEsUEjb6gQ==");
  REQUIRE(salt);
  CHECK(salt->size() == 16);
  CHECK(BuildScramVerifier("pencil", *salt, 4096) == kPencilVerifier);
}

TEST_CASE("ParseScramVerifier reads back iterations, salt and keys") {
  auto secret = ParseScramVerifier(kPencilVerifier);
  REQUIRE(secret);
  CHECK(secret->iterations == 4096);
  CHECK(Base64Encode(secret->salt) == "W22ZaJ0SNY7soEsUEjb6gQ==");
  CHECK(Base64Encode(secret->stored_key) == "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=");
  CHECK(Base64Encode(secret->server_key) == "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=");
  CHECK_FALSE(ParseScramVerifier("SCRAM-SHA-256$x:AAAA$AAAA:AAAA"));
  CHECK_FALSE(ParseScramVerifier("SCRAM-SHA-256$4096:AAAA$AAAA:AAAA"));  // keys too short
  CHECK_FALSE(ParseScramVerifier("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ=="));
}

TEST_CASE("GetPasswordType tells md5, SCRAM and plaintext apart") {
  CHECK(GetPasswordType(kPencilVerifier) == PasswordType::kScramSha256);
  CHECK(GetPasswordType("md54a0a68b43b6cd5cf266fa02f196e2371") == PasswordType::kMd5);
  CHECK(GetPasswordType("md54a0a68b43b6cd5cf266fa02f196e237") == PasswordType::kPlaintext);
  CHECK(GetPasswordType("md5zz0a68b43b6cd5cf266fa02f196e2371") == PasswordType::kPlaintext);
  CHECK(GetPasswordType("pencil") == PasswordType::kPlaintext);
}

TEST_CASE("EncryptPassword stores md5(password || role), fresh SCRAM salts, and keeps encrypted input") {
  CHECK(EncryptPassword(PasswordType::kMd5, "alice", "secret") == "md54a0a68b43b6cd5cf266fa02f196e2371");
  std::string a = EncryptPassword(PasswordType::kScramSha256, "alice", "secret");
  std::string b = EncryptPassword(PasswordType::kScramSha256, "alice", "secret");
  auto parsed = ParseScramVerifier(a);
  REQUIRE(parsed);
  CHECK(parsed->iterations == kScramIterations);
  CHECK(parsed->salt.size() == 16);
  CHECK(a != b);
  CHECK(BuildScramVerifier("secret", parsed->salt, kScramIterations) == a);
  CHECK(EncryptPassword(PasswordType::kMd5, "alice", kPencilVerifier) == kPencilVerifier);
  CHECK(EncryptPassword(PasswordType::kScramSha256, "bob", "md54a0a68b43b6cd5cf266fa02f196e2371") ==
        "md54a0a68b43b6cd5cf266fa02f196e2371");
}

TEST_CASE("VerifyPlainPassword checks a cleartext password against every stored form") {
  CHECK(VerifyPlainPassword("user", "pencil", kPencilVerifier));
  CHECK_FALSE(VerifyPlainPassword("user", "pencil2", kPencilVerifier));
  CHECK(VerifyPlainPassword("alice", "secret", "md54a0a68b43b6cd5cf266fa02f196e2371"));
  CHECK_FALSE(VerifyPlainPassword("bob", "secret", "md54a0a68b43b6cd5cf266fa02f196e2371"));
  // Knowing the md5 hash is not knowing the password.
  CHECK_FALSE(
      VerifyPlainPassword("alice", "md54a0a68b43b6cd5cf266fa02f196e2371", "md54a0a68b43b6cd5cf266fa02f196e2371"));
  CHECK(VerifyPlainPassword("carol", "plain", "plain"));
  CHECK_FALSE(VerifyPlainPassword("carol", "plai", "plain"));
}

TEST_CASE("SaslPrep maps, normalises and falls back to the raw password as PostgreSQL 15") {
  CHECK(SaslPrep("pencil") == "pencil");
  CHECK(SaslPrep("I\xC2\xADX") == "IX");  // soft hyphen: mapped to nothing
  CHECK(SaslPrep("a\xC2\xA0"
                 "b") == "a b");                    // no-break space: mapped to space
  CHECK(SaslPrep("\xE2\x85\xA8") == "IX");          // ROMAN NUMERAL NINE: NFKC
  CHECK(SaslPrep("bad\xFFutf8") == "bad\xFFutf8");  // not UTF-8: used as given
  CHECK(SaslPrep("x\xC2\x80y") == "x\xC2\x80y");    // prohibited control character: used as given
  // PostgreSQL 15: CREATE ROLE saslx PASSWORD E'I\u00ADX\u00A0\u2168' stored this verifier.
  const std::string pg =
      "SCRAM-SHA-256$4096:Rr2MP9TKYJLRsexmCG02TA==$8rI+qHd4EHEC+MIBQ0E5XBCy6yJmGsAZZ1Bd36Nz1dk=:"
      "WS298RvdxgBw4mJocTVrApt829TPIICfjvRK04UlnmM=";
  CHECK(BuildScramVerifier("I\xC2\xADX\xC2\xA0\xE2\x85\xA8", ParseScramVerifier(pg)->salt, 4096) == pg);
  CHECK(VerifyPlainPassword("saslx", "IX IX", pg));
}

TEST_CASE("Md5SaltedAnswer is what libpq sends for AuthenticationMD5Password") {
  // "md5" + hex(md5("4a0a68b43b6cd5cf266fa02f196e2371" "abcd")), computed independently (Python hashlib).
  std::string answer = Md5SaltedAnswer("md54a0a68b43b6cd5cf266fa02f196e2371", "abcd");
  CHECK(answer == "md5c90bcafc0a2b54511742383e34d5dc9d");
  CHECK(answer != Md5SaltedAnswer("md54a0a68b43b6cd5cf266fa02f196e2371", "abce"));
  CHECK(ConstantTimeEquals(answer, answer));
  CHECK_FALSE(ConstantTimeEquals(answer, answer.substr(1)));
}

TEST_CASE("Base64 round-trips and rejects malformed text") {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    auto back = Base64Decode(Base64Encode(s));
    REQUIRE(back);
    CHECK(*back == s);
  }
  CHECK(Base64Encode("ab") == "YWI=");
  CHECK_FALSE(Base64Decode("YWI"));
  CHECK_FALSE(Base64Decode("Y*I="));
}
