#pragma once
// uuid: 16 bytes compared with memcmp (PostgreSQL 15 src/backend/utils/adt/uuid.c). A Value of type uuid
// holds the 16 raw bytes as its string.

#include <string>
#include <string_view>

namespace lumadb {

inline constexpr size_t kUuidLength = 16;

/// uuid_in: 32 hex digits in either case, optionally in braces, with a '-' allowed after any group of four
/// digits ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{A0EEBC99...}', 'a0ee-bc99-...'). Returns the 16 bytes.
/// Throws 22P02 "invalid input syntax for type uuid: \"x\"".
std::string ParseUuid(std::string_view text);

/// uuid_out: lower-case hex in the 8-4-4-4-12 form.
std::string FormatUuid(std::string_view bytes);

/// gen_random_uuid: a version 4 (random) UUID from the kernel's CSPRNG, as pg_strong_random.
std::string GenerateRandomUuid();

}  // namespace lumadb
