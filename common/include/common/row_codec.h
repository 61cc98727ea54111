#pragma once
// The on-disk tuple format: how a Row becomes the bytes a heap page stores.
//
//   +----------------+-----------------+----------------------------------------------+
//   | natts (u16)    | null bitmap     | attribute data, in column order, NULLs absent |
//   |                | ceil(natts/8) B | fixed-width little-endian; varlena = u32 len + |
//   |                |                 | bytes; numeric = its text form as varlena      |
//   +----------------+-----------------+----------------------------------------------+
//
// All integers are little-endian. Bit i % 8 of bitmap byte i / 8 is SET when attribute i is NULL.
// Fixed widths: bool 1 (0/1); int2 2; int4, oid, date (days, signed) 4; float4 4 (IEEE single);
// int8, timestamp[tz] (microseconds, signed), time (microseconds) 8; float8 8 (IEEE double);
// and, wider:
//
//   timetz   12: +-----------+----------+            interval 16: +-----------+---------+-----------+
//                | time i64  | zone i32 |                         | time i64  | day i32 | month i32 |
//                +-----------+----------+                         +-----------+---------+-----------+
//   uuid     16: the 16 bytes as they are (no byte order).
//
// (zone: seconds west of UTC; time: microseconds.) Everything else (text, varchar, bpchar with its padding,
// name, bytea, numeric, arrays) is a u32 byte length followed by the bytes; an array's bytes are its
// binary send form (array_send: ndim, has-null flag, element OID, dims and lower bounds, elements).
//
// natts is stored so a later ALTER TABLE ADD COLUMN can read old tuples (missing trailing columns are NULL).

#include <cstddef>
#include <span>
#include <vector>

#include "common/value.h"

namespace lumadb {

/// Encodes `row` whose i-th value has type types[i] (NULLs allowed). Values must already have the
/// column's type.
std::vector<std::byte> EncodeRow(std::span<const TypeId> types, const Row& row);
/// EncodeRow appending to *out (a bulk load encodes its rows into one buffer); returns the tuple's size.
size_t EncodeRowTo(std::span<const TypeId> types, const Row& row, std::vector<std::byte>* out);

/// Decodes bytes written by EncodeRow for the same column types. Throws XX001 on a malformed tuple.
Row DecodeRow(std::span<const TypeId> types, std::span<const std::byte> bytes);
/// The same, materialising only the columns i with wanted[i] (an empty `wanted`: all of them); the others
/// come back NULL, skipped without copying, for readers that need a few columns of wide rows (index
/// builds). wanted.size() is types.size() when not empty.
Row DecodeRow(std::span<const TypeId> types, std::span<const std::byte> bytes, const std::vector<bool>& wanted);
/// The same into *out, reusing its storage: a scan decoding row after row into one buffer allocates no
/// vector per row, and skipped columns already NULL of their type are not rebuilt. *out may hold anything.
void DecodeRowInto(std::span<const TypeId> types, std::span<const std::byte> bytes, const std::vector<bool>& wanted,
                   Row* out);

}  // namespace lumadb
