#pragma once
// Binary input and output of values: each type's typsend/typreceive functions, byte for byte as
// PostgreSQL 15's (the *send/*recv functions of src/backend/utils/adt/*.c over pqformat.c), for the
// extended query protocol's binary parameter and result formats (protocol §55.2.3).
//
// Every integer is big-endian (network order), two's complement:
//
//   bool               1 byte, 0 or 1 (any non-zero byte reads as true)
//   int2 / int4 / int8 2 / 4 / 8 bytes;  oid 4 bytes unsigned
//   float4 / float8    the IEEE 754 bits in 4 / 8 bytes (NaN, +-Infinity included)
//   text, varchar, bpchar (with its padding), name, unknown: the UTF-8 bytes, no length, no terminator
//   bytea              the raw bytes
//   date               int32 days since 2000-01-01; 0x7FFFFFFF infinity, 0x80000000 -infinity
//   timestamp[tz]      int64 microseconds since 2000-01-01 00:00:00 (UTC); INT64_MAX/MIN +-infinity
//   time               int64 microseconds since midnight
//   timetz             +----------------+-----------------------------+
//                      | time int64 us  | zone int32 seconds west UTC |
//                      +----------------+-----------------------------+
//   interval           +----------------+-------------+---------------+
//                      | time int64 us  | day int32   | month int32   |
//                      +----------------+-------------+---------------+
//   uuid               the 16 bytes
//   numeric            +-----------+------------+-----------+------------+-----------------------------+
//                      | ndigits   | weight     | sign      | dscale     | ndigits x digit             |
//                      | uint16    | int16      | uint16    | uint16     | uint16 each, 0..9999        |
//                      +-----------+------------+-----------+------------+-----------------------------+
//       value = sum digit[i] * 10000^(weight - i); sign 0x0000 positive, 0x4000 negative, 0xC000 NaN,
//       0xD000 +Infinity, 0xF000 -Infinity (special values have no digits; infinities send dscale 32, an
//       artefact of PostgreSQL's header layout); dscale = digits shown after the point. Digits carry no
//       leading or trailing zero digit; zero is ndigits 0, weight 0. 12.340 is 0002 0000 0000 0003 000c 0d48.

#include <string>
#include <string_view>

#include "common/value.h"

namespace lumadb {

/// typsend: the binary form of a non-NULL value of a built-in type.
std::string SendValue(const Value& v);

/// typreceive: reads `bytes` as a value of `type`, applying its typmod (varchar(n) throws 22001, char(n)
/// pads, numeric(p,s) rounds, timestamp(p)/time(p)/interval typmods round). The whole buffer must be one
/// value. Throws 08P01 "insufficient data left in message" when it is too short; 22P03 "incorrect binary
/// data format in bind parameter N" (without " in bind parameter N" when param_number is 0) when bytes are
/// left over; 22P03 "invalid sign in external \"numeric\" value" (also "invalid scale", "invalid digit");
/// 22021 "invalid byte sequence for encoding \"UTF8\": 0x.." for text; 42622 "identifier too long" for
/// name; 22008 "date out of range" / "timestamp out of range" / "time out of range"; 22009 "time zone
/// displacement out of range"; 0A000 for numeric infinity (not supported yet).
Value ReceiveValue(TypeDesc type, std::string_view bytes, int param_number = 0);

}  // namespace lumadb
