#pragma once
// SQL type identities. TypeId values ARE PostgreSQL's pg_type OIDs (pg_type.dat), so RowDescription and
// ParameterDescription carry them unchanged (PostgreSQL protocol §55.7).

#include <cstdint>
#include <string>

namespace lumadb {

using Oid = uint32_t;

/// Built-in types, valued as their PostgreSQL 15 OIDs.
enum class TypeId : uint32_t {
  kInvalid = 0,
  kBool = 16,
  kBytea = 17,
  kName = 19,
  kInt8 = 20,
  kInt2 = 21,
  kInt4 = 23,
  kText = 25,
  kOid = 26,
  kJson = 114,
  kFloat4 = 700,
  kFloat8 = 701,
  kUnknown = 705,  // an untyped string literal before the binder resolves it
  kBpchar = 1042,
  kVarchar = 1043,
  kDate = 1082,
  kTime = 1083,
  kTimestamp = 1114,
  kTimestampTz = 1184,
  kInterval = 1186,
  kTimeTz = 1266,
  kNumeric = 1700,
  kRegclass = 2205,  // a relation OID that prints as its (qualified-if-needed) name
  kRegtype = 2206,   // a type OID that prints as format_type(oid, NULL)
  kVoid = 2278,      // the result of functions returning nothing (prints as the empty string)
  kUuid = 2950,
  kJsonb = 3802,
  kRecord = 2249,  // the anonymous composite pseudo-type: ROW(...), whole-row references (common/record.h)
};

/// The array types, one per element type above (pg_type typname "_" + element, typelem = the element):
/// array_type::kInt4 is _int4 (1007). Constants rather than enumerators, so that switches over the scalar
/// types stay exhaustive; IsArrayType/ElementTypeOf tell them apart.
namespace array_type {
inline constexpr TypeId kBool = static_cast<TypeId>(1000);
inline constexpr TypeId kBytea = static_cast<TypeId>(1001);
inline constexpr TypeId kName = static_cast<TypeId>(1003);
inline constexpr TypeId kInt2 = static_cast<TypeId>(1005);
inline constexpr TypeId kInt4 = static_cast<TypeId>(1007);
inline constexpr TypeId kText = static_cast<TypeId>(1009);
inline constexpr TypeId kBpchar = static_cast<TypeId>(1014);
inline constexpr TypeId kVarchar = static_cast<TypeId>(1015);
inline constexpr TypeId kInt8 = static_cast<TypeId>(1016);
inline constexpr TypeId kFloat4 = static_cast<TypeId>(1021);
inline constexpr TypeId kFloat8 = static_cast<TypeId>(1022);
inline constexpr TypeId kOid = static_cast<TypeId>(1028);
inline constexpr TypeId kTimestamp = static_cast<TypeId>(1115);
inline constexpr TypeId kDate = static_cast<TypeId>(1182);
inline constexpr TypeId kTime = static_cast<TypeId>(1183);
inline constexpr TypeId kTimestampTz = static_cast<TypeId>(1185);
inline constexpr TypeId kInterval = static_cast<TypeId>(1187);
inline constexpr TypeId kNumeric = static_cast<TypeId>(1231);
inline constexpr TypeId kTimeTz = static_cast<TypeId>(1270);
inline constexpr TypeId kUuid = static_cast<TypeId>(2951);
inline constexpr TypeId kJson = static_cast<TypeId>(199);
inline constexpr TypeId kJsonb = static_cast<TypeId>(3807);
inline constexpr TypeId kRegclass = static_cast<TypeId>(2210);
inline constexpr TypeId kRegtype = static_cast<TypeId>(2211);
inline constexpr TypeId kRecord = static_cast<TypeId>(2287);
}  // namespace array_type

/// A type plus its modifier, as pg_attribute.atttypid/atttypmod. typmod is -1 when absent; an array type
/// carries its element's typmod (varchar(10)[] is _varchar with typmod 14); for
/// varchar(n)/char(n) it is n + 4 (VARHDRSZ); for numeric(p,s) it is ((p << 16) | s) + 4; for
/// timestamp(p), time(p) and timetz(p) it is p; for interval it is ((fields << 16) | p) (IntervalTypmod).
struct TypeDesc {
  TypeId id = TypeId::kInvalid;
  int32_t typmod = -1;
  bool operator==(const TypeDesc&) const = default;
};

/// pg_type.typlen: 1, 2, 4, 8 for fixed-width types, -1 for variable length (varlena), -2 for cstring.
int16_t TypeLength(TypeId t);

/// PostgreSQL's format_type() spelling: "integer", "character varying(10)", "numeric(10,2)",
/// "timestamp without time zone", "time(3) with time zone", "interval day to second(2)", "text". Used in
/// messages and catalog views.
std::string FormatType(TypeDesc t);

/// pg_type.typname: "int4", "varchar", "bpchar", "numeric", ...
const char* TypeName(TypeId t);

/// pg_type.typcategory: 'B' bool, 'N' numeric, 'S' string, 'D' datetime, 'T' timespan (interval),
/// 'U' user-defined and uuid, 'A' arrays, 'X' unknown.
char TypeCategory(TypeId t);

/// pg_type.typarray: the array type of element type `element`, or kInvalid when it has none.
TypeId ArrayTypeOf(TypeId element);

/// pg_type.typelem of an array type: its element type, or kInvalid when `array` is no array type.
TypeId ElementTypeOf(TypeId array);

/// True for the array types (typcategory 'A').
inline bool IsArrayType(TypeId t) {
  return ElementTypeOf(t) != TypeId::kInvalid;
}

/// Builds a numeric typmod from precision and scale, as numeric's typmodin does.
constexpr int32_t NumericTypmod(int32_t precision, int32_t scale) {
  return ((precision << 16) | (scale & 0xffff)) + 4;
}

}  // namespace lumadb
