#include "common/types.h"

#include <algorithm>
#include <array>
#include <string>

#include "common/interval.h"

namespace lumadb {

namespace {

// Decodes numeric's typmod as PostgreSQL 15's numeric_typmod_precision/scale do (the scale is a signed
// 11-bit field since PostgreSQL 15 allows negative scales).
int32_t NumericPrecision(int32_t typmod) {
  return ((typmod - 4) >> 16) & 0xffff;
}
int32_t NumericScale(int32_t typmod) {
  return (((typmod - 4) & 0x7ff) ^ 1024) - 1024;
}

}  // namespace

namespace {

struct ArrayPair {
  TypeId element;
  TypeId array;
  const char* name;  // the array's typname
};

// pg_type's typarray links of the element types LumaDB has (PostgreSQL 15 pg_type.dat).
constexpr ArrayPair kArrayTypes[] = {
    {TypeId::kBool, array_type::kBool, "_bool"},
    {TypeId::kBytea, array_type::kBytea, "_bytea"},
    {TypeId::kName, array_type::kName, "_name"},
    {TypeId::kInt2, array_type::kInt2, "_int2"},
    {TypeId::kInt4, array_type::kInt4, "_int4"},
    {TypeId::kText, array_type::kText, "_text"},
    {TypeId::kBpchar, array_type::kBpchar, "_bpchar"},
    {TypeId::kVarchar, array_type::kVarchar, "_varchar"},
    {TypeId::kInt8, array_type::kInt8, "_int8"},
    {TypeId::kFloat4, array_type::kFloat4, "_float4"},
    {TypeId::kFloat8, array_type::kFloat8, "_float8"},
    {TypeId::kOid, array_type::kOid, "_oid"},
    {TypeId::kTimestamp, array_type::kTimestamp, "_timestamp"},
    {TypeId::kDate, array_type::kDate, "_date"},
    {TypeId::kTime, array_type::kTime, "_time"},
    {TypeId::kTimestampTz, array_type::kTimestampTz, "_timestamptz"},
    {TypeId::kInterval, array_type::kInterval, "_interval"},
    {TypeId::kNumeric, array_type::kNumeric, "_numeric"},
    {TypeId::kTimeTz, array_type::kTimeTz, "_timetz"},
    {TypeId::kUuid, array_type::kUuid, "_uuid"},
    {TypeId::kJson, array_type::kJson, "_json"},
    {TypeId::kJsonb, array_type::kJsonb, "_jsonb"},
    {TypeId::kRegclass, array_type::kRegclass, "_regclass"},
    {TypeId::kRegtype, array_type::kRegtype, "_regtype"},
    {TypeId::kRecord, array_type::kRecord, "_record"},
};

const ArrayPair* FindArrayPair(TypeId array) {
  // Indexed by OID: IsArrayType runs for every value a COPY parses and every tuple encoded, so no scan.
  constexpr size_t kMaxOid = 4096;
  static_assert(std::all_of(std::begin(kArrayTypes), std::end(kArrayTypes),
                            [](const ArrayPair& p) { return static_cast<size_t>(p.array) < kMaxOid; }));
  static const std::array<int8_t, kMaxOid> index = [] {
    std::array<int8_t, kMaxOid> out{};
    out.fill(-1);
    for (size_t i = 0; i < std::size(kArrayTypes); ++i)
      out[static_cast<size_t>(kArrayTypes[i].array)] = static_cast<int8_t>(i);
    return out;
  }();
  const auto oid = static_cast<size_t>(array);
  if (oid >= kMaxOid || index[oid] < 0) return nullptr;
  return &kArrayTypes[index[oid]];
}

}  // namespace

TypeId ArrayTypeOf(TypeId element) {
  for (const ArrayPair& p : kArrayTypes) {
    if (p.element == element) return p.array;
  }
  return TypeId::kInvalid;
}

TypeId ElementTypeOf(TypeId array) {
  const ArrayPair* p = FindArrayPair(array);
  return p == nullptr ? TypeId::kInvalid : p->element;
}

int16_t TypeLength(TypeId t) {
  switch (t) {
    case TypeId::kBool:
      return 1;
    case TypeId::kInt2:
      return 2;
    case TypeId::kInt4:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kFloat4:
    case TypeId::kDate:
    case TypeId::kVoid:
      return 4;
    case TypeId::kInt8:
    case TypeId::kFloat8:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
      return 8;
    case TypeId::kTimeTz:
      return 12;
    case TypeId::kInterval:
    case TypeId::kUuid:
      return 16;
    case TypeId::kName:
      return 64;  // NAMEDATALEN
    case TypeId::kUnknown:
      return -2;
    default:
      return -1;
  }
}

// Follows format_type_extended() in src/backend/utils/adt/format_type.c: SQL-standard spellings, with
// the typmod printed only when it is set (typmod >= 0).
std::string FormatType(TypeDesc t) {
  if (const ArrayPair* p = FindArrayPair(t.id)) return FormatType({p->element, t.typmod}) + "[]";
  const bool has_mod = t.typmod >= 0;
  switch (t.id) {
    case TypeId::kBool:
      return "boolean";
    case TypeId::kInt2:
      return "smallint";
    case TypeId::kInt4:
      return "integer";
    case TypeId::kInt8:
      return "bigint";
    case TypeId::kFloat4:
      return "real";
    case TypeId::kFloat8:
      return "double precision";
    case TypeId::kBpchar:
      // bpchar with typmod -1 is not CHARACTER, which the SQL standard defines as CHARACTER(1).
      return has_mod ? "character(" + std::to_string(t.typmod - 4) + ")" : "bpchar";
    case TypeId::kVarchar:
      return has_mod ? "character varying(" + std::to_string(t.typmod - 4) + ")" : "character varying";
    case TypeId::kNumeric:
      if (!has_mod) return "numeric";
      return "numeric(" + std::to_string(NumericPrecision(t.typmod)) + "," + std::to_string(NumericScale(t.typmod)) +
             ")";
    case TypeId::kTimestamp:
      return has_mod ? "timestamp(" + std::to_string(t.typmod) + ") without time zone" : "timestamp without time zone";
    case TypeId::kTimestampTz:
      return has_mod ? "timestamp(" + std::to_string(t.typmod) + ") with time zone" : "timestamp with time zone";
    case TypeId::kTime:
      return has_mod ? "time(" + std::to_string(t.typmod) + ") without time zone" : "time without time zone";
    case TypeId::kTimeTz:
      return has_mod ? "time(" + std::to_string(t.typmod) + ") with time zone" : "time with time zone";
    case TypeId::kInterval:
      return "interval" + IntervalTypmodSuffix(t.typmod);
    case TypeId::kInvalid:
      return "-";
    default:
      return TypeName(t.id);
  }
}

const char* TypeName(TypeId t) {
  if (const ArrayPair* p = FindArrayPair(t)) return p->name;
  switch (t) {
    case TypeId::kInvalid:
      return "-";
    case TypeId::kBool:
      return "bool";
    case TypeId::kBytea:
      return "bytea";
    case TypeId::kName:
      return "name";
    case TypeId::kInt8:
      return "int8";
    case TypeId::kInt2:
      return "int2";
    case TypeId::kInt4:
      return "int4";
    case TypeId::kText:
      return "text";
    case TypeId::kOid:
      return "oid";
    case TypeId::kFloat4:
      return "float4";
    case TypeId::kFloat8:
      return "float8";
    case TypeId::kUnknown:
      return "unknown";
    case TypeId::kBpchar:
      return "bpchar";
    case TypeId::kVarchar:
      return "varchar";
    case TypeId::kDate:
      return "date";
    case TypeId::kTimestamp:
      return "timestamp";
    case TypeId::kTimestampTz:
      return "timestamptz";
    case TypeId::kTime:
      return "time";
    case TypeId::kTimeTz:
      return "timetz";
    case TypeId::kInterval:
      return "interval";
    case TypeId::kNumeric:
      return "numeric";
    case TypeId::kUuid:
      return "uuid";
    case TypeId::kJson:
      return "json";
    case TypeId::kJsonb:
      return "jsonb";
    case TypeId::kRegclass:
      return "regclass";
    case TypeId::kRegtype:
      return "regtype";
    case TypeId::kVoid:
      return "void";
    case TypeId::kRecord:
      return "record";
  }
  return "-";
}

char TypeCategory(TypeId t) {
  if (t == array_type::kRecord) return 'P';  // _record is a pseudo-type, not an array category
  if (IsArrayType(t)) return 'A';
  switch (t) {
    case TypeId::kBool:
      return 'B';
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kFloat4:
    case TypeId::kFloat8:
    case TypeId::kNumeric:
      return 'N';
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kName:
      return 'S';
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kTimeTz:
      return 'D';
    case TypeId::kInterval:
      return 'T';
    case TypeId::kUnknown:
      return 'X';  // pg_type says 'X' for unknown, not 'U'
    case TypeId::kVoid:
    case TypeId::kRecord:
      return 'P';  // pseudo-type
    default:
      return 'U';
  }
}

}  // namespace lumadb
