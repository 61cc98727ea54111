#include "common/value_ops.h"

#include <cmath>
#include <functional>
#include <string_view>

#include "common/array.h"
#include "common/datetime.h"
#include "common/error.h"
#include "common/json.h"
#include "common/record.h"

namespace lumadb {

namespace {

enum class Family {
  kInt,
  kFloat,
  kNumeric,
  kString,
  kBpchar,
  kBool,
  kDate,
  kTimestamp,
  kTime,
  kTimeTz,
  kInterval,
  kUuid,
  kJsonb,
  kOther
};

Family FamilyOf(TypeId t) {
  switch (t) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      return Family::kInt;
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      return Family::kFloat;
    case TypeId::kNumeric:
      return Family::kNumeric;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kName:
    case TypeId::kUnknown:
    case TypeId::kBytea:
      return Family::kString;
    case TypeId::kBpchar:
      return Family::kBpchar;
    case TypeId::kBool:
      return Family::kBool;
    case TypeId::kDate:
      return Family::kDate;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return Family::kTimestamp;
    case TypeId::kTime:
      return Family::kTime;
    case TypeId::kTimeTz:
      return Family::kTimeTz;
    case TypeId::kInterval:
      return Family::kInterval;
    case TypeId::kUuid:
      return Family::kUuid;
    case TypeId::kJsonb:
      return Family::kJsonb;
    default:
      return Family::kOther;
  }
}

bool IsStringFamily(Family f) {
  return f == Family::kString || f == Family::kBpchar;
}

// bpchar semantics: trailing spaces are insignificant (bpcharcmp / rtrim in bpchar -> text).
std::string_view StringKey(const Value& v) {
  std::string_view s = v.GetString();
  if (v.type() == TypeId::kBpchar) {
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  }
  return s;
}

double AsDouble(const Value& v) {
  if (v.type() == TypeId::kNumeric) return v.GetNumeric().ToDouble();
  if (FamilyOf(v.type()) == Family::kInt) return static_cast<double>(v.GetInt());
  return v.GetFloat();
}

Numeric AsNumeric(const Value& v) {
  return v.type() == TypeId::kNumeric ? v.GetNumeric() : Numeric::FromInt64(v.GetInt());
}

// A date compares with a timestamp as the timestamp of its midnight (date2timestamp).
int64_t AsTimestamp(const Value& v) {
  if (v.type() != TypeId::kDate) return v.GetInt();
  const int64_t d = v.GetInt();
  if (d == kDateNoBegin) return kTimestampNoBegin;
  if (d == kDateNoEnd) return kTimestampNoEnd;
  return d * kUsecsPerDay;
}

// float8_cmp_internal: NaN equals NaN and sorts above every other value.
int CompareDoubles(double a, double b) {
  if (std::isnan(a)) return std::isnan(b) ? 0 : 1;
  if (std::isnan(b)) return -1;
  return a < b ? -1 : (a > b ? 1 : 0);
}

template <typename T>
int Cmp3(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

[[noreturn]] void ThrowIncomparable(const Value& a, const Value& b) {
  throw DbError(sqlstate::kUndefinedFunction,
                "operator does not exist: " + FormatType({a.type(), -1}) + " = " + FormatType({b.type(), -1}));
}

}  // namespace

int CompareValues(const Value& a, const Value& b) {
  if (IsArrayType(a.type()) && IsArrayType(b.type())) return CompareArrays(a.GetArray(), b.GetArray());
  if (a.type() == TypeId::kRecord && b.type() == TypeId::kRecord) return CompareRecords(a.GetRecord(), b.GetRecord());
  const Family fa = FamilyOf(a.type()), fb = FamilyOf(b.type());
  if (fa == fb) {
    switch (fa) {
      case Family::kInt:
      case Family::kDate:
      case Family::kTimestamp:
      case Family::kTime:
        return Cmp3(a.GetInt(), b.GetInt());
      case Family::kTimeTz:
        return CompareTimeTz(a.GetTimeTz(), b.GetTimeTz());
      case Family::kInterval:
        return CompareIntervals(a.GetInterval(), b.GetInterval());
      case Family::kUuid:  // uuid_cmp: memcmp of the 16 bytes
        return Cmp3(std::string_view(a.GetString()), std::string_view(b.GetString()));
      case Family::kFloat:
        return CompareDoubles(a.GetFloat(), b.GetFloat());
      case Family::kNumeric:
        return a.GetNumeric().Compare(b.GetNumeric());
      case Family::kBool:
        return Cmp3(a.GetBool(), b.GetBool());
      case Family::kJsonb:
        return json::CompareJsonb(json::ParseJson(a.GetString(), true), json::ParseJson(b.GetString(), true));
      case Family::kString:
      case Family::kBpchar:
        return Cmp3(StringKey(a), StringKey(b));
      case Family::kOther:
        break;
    }
    ThrowIncomparable(a, b);
  }
  if (IsStringFamily(fa) && IsStringFamily(fb)) return Cmp3(StringKey(a), StringKey(b));
  const bool a_num = fa == Family::kInt || fa == Family::kNumeric || fa == Family::kFloat;
  const bool b_num = fb == Family::kInt || fb == Family::kNumeric || fb == Family::kFloat;
  if (a_num && b_num) {
    if (fa == Family::kFloat || fb == Family::kFloat) return CompareDoubles(AsDouble(a), AsDouble(b));
    return AsNumeric(a).Compare(AsNumeric(b));
  }
  if ((fa == Family::kDate || fa == Family::kTimestamp) && (fb == Family::kDate || fb == Family::kTimestamp)) {
    return Cmp3(AsTimestamp(a), AsTimestamp(b));
  }
  ThrowIncomparable(a, b);
}

size_t HashValue(const Value& v) {
  if (v.is_null()) return 0;
  if (IsArrayType(v.type())) return HashArray(v.GetArray());
  if (v.type() == TypeId::kRecord) return HashRecord(v.GetRecord());
  switch (FamilyOf(v.type())) {
    case Family::kInt:
    case Family::kDate:
    case Family::kTimestamp:
    case Family::kTime:
      return std::hash<int64_t>()(v.GetInt());
    case Family::kTimeTz:
      return HashTimeTz(v.GetTimeTz());
    case Family::kInterval:
      return HashInterval(v.GetInterval());
    case Family::kUuid:
      return std::hash<std::string_view>()(v.GetString());
    case Family::kFloat: {
      double d = v.GetFloat();
      if (std::isnan(d)) return 0x7ff8;
      if (d == 0.0) d = 0.0;  // -0 equals 0
      return std::hash<double>()(d);
    }
    case Family::kNumeric:
      return v.GetNumeric().Hash();
    case Family::kBool:
      return v.GetBool() ? 1 : 2;
    case Family::kJsonb:
      return json::HashJsonb(json::ParseJson(v.GetString(), true));
    case Family::kString:
    case Family::kBpchar:
      return std::hash<std::string_view>()(StringKey(v));
    case Family::kOther:
      break;
  }
  return 0;
}

}  // namespace lumadb
