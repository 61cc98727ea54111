#pragma once
// Order-preserving index keys: a row of Values encoded as a byte string that compares with memcmp in the
// order the SQL comparison gives (architecture-anchors §2.1; the technique of CockroachDB's and FoundationDB's
// key encodings). The B+tree (storage/btree.h) compares keys with memcmp only, so every type-specific rule
// lives here. The order is CompareValues()'s (common/value_ops.h); keys are stored on disk, so this layout
// is an on-disk format: changing it invalidates existing indexes.
//
// One column's encoding, never empty and prefix-free (no column encoding is a proper prefix of another),
// so a multi-column key is the plain concatenation and a prefix of the columns is a prefix of the bytes:
//
//   +--------+------------------------+
//   | marker | body (non-NULL only)   |      ASC column
//   +--------+------------------------+
//   marker: 0x00 NULL when NULLS FIRST, 0x01 a value, 0x02 NULL when NULLS LAST.
//   body:   int2/int4/int8/oid/date/timestamp[tz]/time: 8 bytes big-endian, sign bit flipped (so int2, int4
//           and int8 keys of equal value are equal bytes; date and timestamp infinities are their extreme
//           integers, so they sort first/last as in PostgreSQL);
//           timetz: the UTC instant (time + zone * 10^6 microseconds) as the integers above, then the zone
//           (seconds west) as 4 bytes big-endian, sign bit flipped: 12 bytes;
//           interval: the span in microseconds with months as 30 days and days as 24 hours
//           (interval_cmp_value), a 128-bit integer, 16 bytes big-endian, sign bit flipped (so '1 mon'
//           and '30 days', equal in SQL, are equal bytes);
//           uuid: the 16 bytes as they are (uuid_cmp is memcmp);
//           float4/float8: the float8 bits big-endian, sign bit flipped for positives, all bits flipped for
//           negatives; -0 encoded as +0; every NaN encoded as the canonical quiet NaN 0x7FF8000000000000,
//           which lands above +Infinity (PostgreSQL's float ordering: NaN equals NaN, above all else);
//           bool: 1 byte, 0 or 1;
//           text/varchar/name/bytea/bpchar (C collation = bytewise; bpchar without trailing spaces): the
//           bytes with 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x01;
//           numeric: a class byte, then for non-zero finite values the exponent and the digits:
//
//             +-------+--------------------+---------------------------+------+
//             | class | exponent E         | base-100 digit pairs      | 0x00 |   (class 0x04, positive)
//             +-------+--------------------+---------------------------+------+
//             class: 0x01 -Infinity, 0x02 negative, 0x03 zero, 0x04 positive, 0x05 +Infinity,
//                    0x06 NaN (no more bytes after 0x01, 0x03, 0x05 and 0x06).
//             The value is 0.d1 d2 d3 ... * 10^E with d1 != 0 and no trailing zero digits (so 1.0 and
//             1.00 are the same bytes); E: int32 big-endian, sign bit flipped; the decimal digits in
//             pairs (the last padded with 0), pair p as byte p + 2 (2..101), then the 0x00 terminator.
//             Negative values (class 0x02) store the complement of every byte after the class byte, so
//             a larger magnitude sorts lower.
//           jsonb (compareJsonbContainers' order): a whole document is either an object, encoded as a
//           nested value below, or an array / top-level scalar (PostgreSQL's one-element raw-scalar array):
//
//             +------+-----------------+--------------------------+-------------------------+
//             | 0x05 | count uint32 BE | 0x00 scalar / 0x01 array | the elements, as nested |
//             +------+-----------------+--------------------------+-------------------------+
//
//             nested value: a kind byte 0x01 null, 0x02 string, 0x03 number, 0x04 boolean, 0x05 array,
//             0x06 object; then a string as text above, a number as numeric above, a boolean as one
//             byte, an array as its count (uint32 BE) and elements, an object as its pair count and each
//             key (as text) followed by its value, keys in jsonb's stored order (shorter first).
//
//   DESC column: the NULL marker is chosen so that NULLS FIRST/LAST keeps its SQL meaning after the
//   reversal (DESC NULLS FIRST uses 0x02, DESC NULLS LAST uses 0x00), then the whole column encoding
//   (marker included) is stored with every byte complemented. Complementing a prefix-free encoding
//   reverses its order and keeps it prefix-free.

#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"
#include "common/value.h"

namespace lumadb {

/// How one key column is ordered (pg_index.indoption). nulls_first defaults as SQL's: false for ASC, true
/// for DESC; the catalog stores the resolved value.
struct KeyColumnOrder {
  TypeId type = TypeId::kInvalid;
  bool descending = false;
  bool nulls_first = false;
};

/// True if values of type t can be index keys (every type except unknown/invalid).
bool IsIndexableType(TypeId t);

/// Appends the encoding of one column value to *out. v must be NULL or of col.type's representation (a
/// value of another integer type is fine for integer columns; a string value of any string type is fine
/// for a string column, encoded with the column's rules). Throws 0A000 for a non-indexable type and XX000
/// when the value's representation does not fit the column's type.
void AppendKeyColumn(const Value& v, const KeyColumnOrder& col, std::string* out);

/// The key of a row's index columns: values[i] encoded with columns[i], concatenated. Throws as
/// AppendKeyColumn, and XX000 when the two vectors differ in length.
std::string EncodeKey(const std::vector<Value>& values, const std::vector<KeyColumnOrder>& columns);

/// The smallest byte string greater than every key that starts with `prefix` (for scans of "prefix = v":
/// stop at the first key >= PrefixSuccessor(prefix)). Empty when there is none (prefix of all 0xFF).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace lumadb
