#include "planner/type_rules.h"

#include "common/cast.h"

namespace lumadb::planner {

bool IsNumericType(TypeId t) {
  switch (t) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kNumeric:
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      return true;
    default:
      return false;
  }
}

bool IsStringType(TypeId t) {
  return t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kBpchar || t == TypeId::kName;
}

bool IsDateTimeType(TypeId t) {
  return t == TypeId::kDate || t == TypeId::kTimestamp || t == TypeId::kTimestampTz;
}

bool CanCoerceImplicitly(TypeId from, TypeId to) {
  if (from == to || from == TypeId::kUnknown) return true;
  auto ctx = FindCast(from, to);
  return ctx && *ctx == CastContext::kImplicit;
}

bool CanCoerceAssignment(TypeId from, TypeId to) {
  if (from == to || from == TypeId::kUnknown) return true;
  auto ctx = FindCast(from, to);
  return ctx && *ctx != CastContext::kExplicit;
}

namespace {

int IntRank(TypeId t) {
  switch (t) {
    case TypeId::kInt2:
      return 1;
    case TypeId::kInt4:
      return 2;
    case TypeId::kInt8:
      return 3;
    default:
      return 0;
  }
}

// Preferred types per category (pg_type.typispreferred): float8 and oid for numbers, text for strings,
// timestamptz for date/time, interval for timespans.
bool IsPreferred(TypeId t) {
  return t == TypeId::kFloat8 || t == TypeId::kOid || t == TypeId::kText || t == TypeId::kTimestampTz ||
         t == TypeId::kBool || t == TypeId::kInterval;
}

// oid, its alias types regclass/regtype, and the integers that convert to them implicitly.
bool IsOidLike(TypeId t) {
  return t == TypeId::kOid || t == TypeId::kRegclass || t == TypeId::kRegtype || IntRank(t) > 0;
}

char Category(TypeId t) {
  if (IsArrayType(t)) return 'A';
  if (IsNumericType(t) || t == TypeId::kOid || t == TypeId::kRegclass || t == TypeId::kRegtype) return 'N';
  if (IsStringType(t)) return 'S';
  if (IsDateTimeType(t) || t == TypeId::kTime || t == TypeId::kTimeTz) return 'D';
  if (t == TypeId::kBool) return 'B';
  if (t == TypeId::kInterval) return 'T';
  return 'U';
}

}  // namespace

TypeId PromoteNumeric(TypeId a, TypeId b) {
  if (a == TypeId::kFloat8 || b == TypeId::kFloat8) return TypeId::kFloat8;
  if (a == TypeId::kFloat4 || b == TypeId::kFloat4) {
    return a == b ? TypeId::kFloat4 : TypeId::kFloat8;
  }
  if (a == TypeId::kNumeric || b == TypeId::kNumeric) return TypeId::kNumeric;
  return IntRank(a) >= IntRank(b) ? a : b;
}

std::optional<TypeId> ComparisonType(TypeId a, TypeId b) {
  if (a == TypeId::kUnknown && b == TypeId::kUnknown) return TypeId::kText;
  if (a == TypeId::kUnknown) return b;
  if (b == TypeId::kUnknown) return a;
  if (a == b) return a;
  if (IsNumericType(a) && IsNumericType(b)) return PromoteNumeric(a, b);
  if (IsStringType(a) && IsStringType(b)) return TypeId::kText;
  if (IsDateTimeType(a) && IsDateTimeType(b)) {
    if (a == TypeId::kTimestampTz || b == TypeId::kTimestampTz) return TypeId::kTimestampTz;
    return TypeId::kTimestamp;
  }
  // Integers and the OID alias types convert implicitly to oid but oid only by assignment to integers
  // (pg_cast), so `c.oid = 18908`, as pgjdbc writes table OIDs, and `c.oid = 't'::regclass` compare as oid.
  if (IsOidLike(a) && IsOidLike(b)) return TypeId::kOid;
  // time converts implicitly to timetz and to interval, so it compares with either as that type.
  for (TypeId wider : {TypeId::kTimeTz, TypeId::kInterval}) {
    if ((a == TypeId::kTime && b == wider) || (b == TypeId::kTime && a == wider)) return wider;
  }
  return std::nullopt;
}

std::optional<TypeId> SelectCommonType(const std::vector<TypeId>& types, size_t* bad_index) {
  TypeId result = TypeId::kUnknown;
  for (size_t i = 0; i < types.size(); ++i) {
    TypeId t = types[i];
    if (t == TypeId::kUnknown) continue;
    if (result == TypeId::kUnknown) {
      result = t;
      continue;
    }
    if (t == result) continue;
    if (Category(t) != Category(result) || Category(t) == 'U') {
      if (bad_index) *bad_index = i;
      return std::nullopt;
    }
    // parse_coerce.c: switch to the new type when it is preferred, or when the current type converts to it
    // implicitly but not the other way round.
    if (!IsPreferred(result) &&
        (IsPreferred(t) || (CanCoerceImplicitly(result, t) && !CanCoerceImplicitly(t, result)))) {
      result = t;
    }
  }
  if (result == TypeId::kUnknown) return TypeId::kText;
  for (size_t i = 0; i < types.size(); ++i) {
    if (!CanCoerceImplicitly(types[i], result)) {
      if (bad_index) *bad_index = i;
      return std::nullopt;
    }
  }
  return result;
}

std::string TypeDisplayName(TypeId t) {
  if (t == TypeId::kUnknown) return "unknown";
  return FormatType(TypeDesc{t, -1});
}

}  // namespace lumadb::planner
