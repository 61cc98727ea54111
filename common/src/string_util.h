#pragma once
// String helpers shared by the text I/O and cast code of common/ (private to the module).

#include <string>
#include <string_view>

#include "common/types.h"

namespace lumadb {

/// Strips leading and trailing ASCII whitespace (isspace in the C locale).
std::string_view TrimSpace(std::string_view s);
/// ASCII lower-casing.
std::string ToLower(std::string_view s);
/// Number of characters of UTF-8 text (bytes that are not continuation bytes).
size_t Utf8Length(std::string_view s);
/// Byte length of the first `chars` characters of UTF-8 text.
size_t Utf8PrefixBytes(std::string_view s, size_t chars);

/// pg_verify_mbstr for UTF-8: throws 22021 "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28" (the
/// bytes of the offending character, as PostgreSQL prints them) on invalid UTF-8 or a NUL byte.
void CheckUtf8(std::string_view s);

/// Applies a varchar(n)/bpchar(n) typmod (varchar_input, bpchar_input, varchar(), bpchar()): too-long
/// input loses excess characters when they are all spaces or when `explicit_cast`, else throws 22001
/// "value too long for type character varying(n)" / "character(n)". bpchar(n) pads with spaces.
std::string ApplyCharTypmod(std::string s, TypeDesc type, bool explicit_cast);
/// namein: truncates to NAMEDATALEN-1 = 63 bytes on a character boundary.
std::string TruncateName(std::string_view s);
/// byteain: hex format '\x0a0b' (whitespace between digit pairs allowed) or escape format with '\\' and
/// '\ooo'. Throws 22023 for bad hex data and 22P02 for bad escape syntax.
std::string ParseBytea(std::string_view text);
/// byteaout with bytea_output = hex: '\x' and two lower-case hex digits per byte.
std::string FormatByteaHex(std::string_view bytes);

}  // namespace lumadb
