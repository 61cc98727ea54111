#include "common/cast.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "common/array.h"
#include "common/datetime.h"
#include "common/error.h"
#include "common/interval.h"
#include "common/json.h"
#include "common/time_of_day.h"
#include "common/time_zone.h"
#include "common/value_io.h"
#include "string_util.h"

namespace lumadb {

namespace {

struct CastEntry {
  TypeId from;
  TypeId to;
  CastContext context;
};

constexpr CastContext kI = CastContext::kImplicit;
constexpr CastContext kA = CastContext::kAssignment;
constexpr CastContext kE = CastContext::kExplicit;

// pg_cast rows among the built-in types (PostgreSQL 15 pg_cast.dat, read from a live server).
constexpr CastEntry kCasts[] = {
    {TypeId::kBool, TypeId::kInt4, kE},        {TypeId::kName, TypeId::kText, kI},
    {TypeId::kInt8, TypeId::kInt2, kA},        {TypeId::kInt8, TypeId::kInt4, kA},
    {TypeId::kInt8, TypeId::kOid, kI},         {TypeId::kInt8, TypeId::kFloat4, kI},
    {TypeId::kInt8, TypeId::kFloat8, kI},      {TypeId::kInt8, TypeId::kNumeric, kI},
    {TypeId::kInt2, TypeId::kInt8, kI},        {TypeId::kInt2, TypeId::kInt4, kI},
    {TypeId::kInt2, TypeId::kOid, kI},         {TypeId::kInt2, TypeId::kFloat4, kI},
    {TypeId::kInt2, TypeId::kFloat8, kI},      {TypeId::kInt2, TypeId::kNumeric, kI},
    {TypeId::kInt4, TypeId::kBool, kE},        {TypeId::kInt4, TypeId::kInt8, kI},
    {TypeId::kInt4, TypeId::kInt2, kA},        {TypeId::kInt4, TypeId::kOid, kI},
    {TypeId::kInt4, TypeId::kFloat4, kI},      {TypeId::kInt4, TypeId::kFloat8, kI},
    {TypeId::kInt4, TypeId::kNumeric, kI},     {TypeId::kText, TypeId::kName, kI},
    {TypeId::kText, TypeId::kBpchar, kI},      {TypeId::kText, TypeId::kVarchar, kI},
    {TypeId::kOid, TypeId::kInt8, kA},         {TypeId::kOid, TypeId::kInt4, kA},
    {TypeId::kFloat4, TypeId::kInt8, kA},      {TypeId::kFloat4, TypeId::kInt2, kA},
    {TypeId::kFloat4, TypeId::kInt4, kA},      {TypeId::kFloat4, TypeId::kFloat8, kI},
    {TypeId::kFloat4, TypeId::kNumeric, kA},   {TypeId::kFloat8, TypeId::kInt8, kA},
    {TypeId::kFloat8, TypeId::kInt2, kA},      {TypeId::kFloat8, TypeId::kInt4, kA},
    {TypeId::kFloat8, TypeId::kFloat4, kA},    {TypeId::kFloat8, TypeId::kNumeric, kA},
    {TypeId::kBpchar, TypeId::kName, kI},      {TypeId::kBpchar, TypeId::kText, kI},
    {TypeId::kBpchar, TypeId::kVarchar, kI},   {TypeId::kVarchar, TypeId::kName, kI},
    {TypeId::kVarchar, TypeId::kText, kI},     {TypeId::kVarchar, TypeId::kBpchar, kI},
    {TypeId::kDate, TypeId::kTimestamp, kI},   {TypeId::kDate, TypeId::kTimestampTz, kI},
    {TypeId::kTimestamp, TypeId::kDate, kA},   {TypeId::kTimestamp, TypeId::kTimestampTz, kI},
    {TypeId::kTimestampTz, TypeId::kDate, kA}, {TypeId::kTimestampTz, TypeId::kTimestamp, kA},
    {TypeId::kNumeric, TypeId::kInt8, kA},     {TypeId::kNumeric, TypeId::kInt2, kA},
    {TypeId::kNumeric, TypeId::kInt4, kA},     {TypeId::kNumeric, TypeId::kFloat4, kI},
    {TypeId::kNumeric, TypeId::kFloat8, kI},   {TypeId::kTime, TypeId::kInterval, kI},
    {TypeId::kTime, TypeId::kTimeTz, kI},      {TypeId::kTimestamp, TypeId::kTime, kA},
    {TypeId::kTimestampTz, TypeId::kTime, kA}, {TypeId::kTimestampTz, TypeId::kTimeTz, kA},
    {TypeId::kInterval, TypeId::kTime, kA},    {TypeId::kTimeTz, TypeId::kTime, kA},
    {TypeId::kJson, TypeId::kJsonb, kA},       {TypeId::kJsonb, TypeId::kJson, kA},
    {TypeId::kJsonb, TypeId::kBool, kE},       {TypeId::kJsonb, TypeId::kNumeric, kE},
    {TypeId::kJsonb, TypeId::kInt2, kE},       {TypeId::kJsonb, TypeId::kInt4, kE},
    {TypeId::kJsonb, TypeId::kInt8, kE},       {TypeId::kJsonb, TypeId::kFloat4, kE},
    {TypeId::kJsonb, TypeId::kFloat8, kE},
    {TypeId::kInt8, TypeId::kRegclass, kI},    {TypeId::kInt8, TypeId::kRegtype, kI},
    {TypeId::kInt2, TypeId::kRegclass, kI},    {TypeId::kInt2, TypeId::kRegtype, kI},
    {TypeId::kInt4, TypeId::kRegclass, kI},    {TypeId::kInt4, TypeId::kRegtype, kI},
    {TypeId::kText, TypeId::kRegclass, kI},    {TypeId::kVarchar, TypeId::kRegclass, kI},
    {TypeId::kOid, TypeId::kRegclass, kI},     {TypeId::kOid, TypeId::kRegtype, kI},
    {TypeId::kRegclass, TypeId::kInt8, kA},    {TypeId::kRegclass, TypeId::kInt4, kA},
    {TypeId::kRegclass, TypeId::kOid, kI},     {TypeId::kRegtype, TypeId::kInt8, kA},
    {TypeId::kRegtype, TypeId::kInt4, kA},     {TypeId::kRegtype, TypeId::kOid, kI},
};

bool IsStringType(TypeId t) {
  return t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kBpchar || t == TypeId::kName;
}
bool IsOidType(TypeId t) {
  return t == TypeId::kOid || t == TypeId::kRegclass || t == TypeId::kRegtype;
}
bool IsIntType(TypeId t) {
  return t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8 || IsOidType(t);
}

[[noreturn]] void ThrowIntRange(TypeId t) {
  const char* msg = t == TypeId::kInt2   ? "smallint out of range"
                    : t == TypeId::kInt4 ? "integer out of range"
                    : t == TypeId::kOid  ? "OID out of range"
                                         : "bigint out of range";
  throw DbError(sqlstate::kNumericValueOutOfRange, msg);
}

// An integer in the target's range (int4 <-> oid, regclass, regtype reinterpret the 32 bits, as their
// binary casts do).
Value IntTo(int64_t v, TypeId from, TypeId to) {
  switch (to) {
    case TypeId::kInt2:
      if (v < INT16_MIN || v > INT16_MAX) ThrowIntRange(to);
      return Value::Int2(static_cast<int16_t>(v));
    case TypeId::kInt4:
      if (IsOidType(from)) return Value::Int4(static_cast<int32_t>(static_cast<uint32_t>(v)));
      if (v < INT32_MIN || v > INT32_MAX) ThrowIntRange(to);
      return Value::Int4(static_cast<int32_t>(v));
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      if (from != TypeId::kInt8) return Value::Oid(static_cast<uint32_t>(v)).WithType(to);
      if (v < 0 || v > UINT32_MAX) ThrowIntRange(TypeId::kOid);
      return Value::Oid(static_cast<uint32_t>(v)).WithType(to);
    default:
      return Value::Int8(v);
  }
}

// dtoi2/dtoi4/dtoi8: round half to even (rint), then range-check.
Value FloatToInt(double d, TypeId to) {
  const double r = std::rint(d);
  const double lo = to == TypeId::kInt2 ? INT16_MIN : (to == TypeId::kInt4 ? INT32_MIN : -9223372036854775808.0);
  const double hi =
      to == TypeId::kInt2 ? INT16_MAX + 1.0 : (to == TypeId::kInt4 ? INT32_MAX + 1.0 : 9223372036854775808.0);
  if (std::isnan(r) || r < lo || r >= hi) ThrowIntRange(to);
  return IntTo(static_cast<int64_t>(r), TypeId::kInt8, to);
}

Value ToFloat(double d, TypeId to) {
  if (to == TypeId::kFloat8) return Value::Float8(d);
  const float f = static_cast<float>(d);
  if (std::isinf(f) && !std::isinf(d)) throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  if (f == 0 && d != 0) throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  return Value::Float4(f);
}

Value NumericTo(const Numeric& n, TypeDesc target) {
  switch (target.id) {
    case TypeId::kNumeric:
      return Value::Num(n.ApplyTypmod(target.typmod));
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      return ToFloat(n.ToDouble(), target.id);
    default:
      break;
  }
  if (n.IsSpecial()) {
    const char* name = target.id == TypeId::kInt2 ? "smallint" : (target.id == TypeId::kInt4 ? "integer" : "bigint");
    throw DbError(sqlstate::kFeatureNotSupported,
                  std::string(n.IsNaN() ? "cannot convert NaN to " : "cannot convert infinity to ") + name);
  }
  int64_t v = 0;
  try {
    v = n.ToInt64();
  } catch (const DbError&) {
    ThrowIntRange(target.id);
  }
  return IntTo(v, TypeId::kInt8, target.id);
}

// float4_numeric / float8_numeric print FLT_DIG / DBL_DIG significant digits.
Numeric FloatToNumeric(double d, TypeId from) {
  if (from == TypeId::kFloat8 || std::isnan(d) || std::isinf(d)) return Numeric::FromDouble(d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  return Numeric::Parse(buf);
}

// The instant of a finite local wall time in `zone`; throws 22008 `message` when it leaves the timestamp
// range.
int64_t LocalToUtcChecked(const TimeZone& zone, int64_t local, const char* message) {
  const int64_t utc = zone.LocalToUtc(local);
  if (!IsValidTimestamp(utc) || utc == kTimestampNoBegin || utc == kTimestampNoEnd) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, message);
  }
  return utc;
}

// date_timestamp / date_timestamptz: midnight, of the session's zone for timestamptz.
Value DateTo(int64_t days, TypeId target) {
  const int64_t micros = DateToTimestamp(days);
  if (target != TypeId::kTimestampTz || days == kDateNoBegin || days == kDateNoEnd) {
    return Value::Timestamp(micros, target);
  }
  return Value::Timestamp(LocalToUtcChecked(SessionTimeZone(), micros, "date out of range for timestamp"), target);
}

int64_t TimestampToDate(int64_t micros) {
  if (micros == kTimestampNoBegin) return kDateNoBegin;
  if (micros == kTimestampNoEnd) return kDateNoEnd;
  return micros / kUsecsPerDay - (micros % kUsecsPerDay < 0 ? 1 : 0);
}

// timestamp_date / timestamp_time / timestamptz_timetz and the rest: a timestamptz becomes its wall time in
// the session's zone first, a timestamp going to timestamptz is read in that zone (timestamp2timestamptz,
// 22008 "timestamp out of range"). An infinite timestamp has no time of day, so those casts give NULL, as
// in PostgreSQL.
Value FromTimestamp(int64_t micros, TypeId from, TypeDesc target) {
  const bool infinite = micros == kTimestampNoBegin || micros == kTimestampNoEnd;
  const TimeZone& zone = SessionTimeZone();
  int32_t offset = 0;
  if (!infinite && from == TypeId::kTimestampTz && target.id != TypeId::kTimestampTz) {
    offset = zone.OffsetAt(micros);
    micros += offset * int64_t{1000000};
  }
  switch (target.id) {
    case TypeId::kDate:
      return Value::Date(TimestampToDate(micros));
    case TypeId::kTime:
      if (infinite) return Value::Null(TypeId::kTime);
      return Value::Time(RoundTime(TimestampTimeOfDay(micros), target.typmod));
    case TypeId::kTimeTz:
      if (infinite) return Value::Null(TypeId::kTimeTz);
      return Value::OfTimeTz(TimeTz{RoundTime(TimestampTimeOfDay(micros), target.typmod), -offset});
    case TypeId::kTimestampTz:
      if (!infinite && from == TypeId::kTimestamp) micros = LocalToUtcChecked(zone, micros, "timestamp out of range");
      return Value::Timestamp(RoundTimestamp(micros, target.typmod), target.id);
    default:
      return Value::Timestamp(RoundTimestamp(micros, target.typmod), target.id);
  }
}

// time_timetz's zone: the session's offset at that time of day today (DetermineTimeZoneOffset on
// GetCurrentDateTime's date).
int32_t SessionOffsetForTime(int64_t time) {
  return SessionTimeZone().OffsetForLocal(TodayInSessionZone() * kUsecsPerDay + time);
}

// time_interval, time_timetz, timetz_time, interval_time, and the length coercions
// time(p), timetz(p), interval(p).
Value FromTimeOrInterval(const Value& v, TypeDesc target) {
  int64_t time = 0;
  switch (v.type()) {
    case TypeId::kTime:
      time = v.GetInt();
      break;
    case TypeId::kTimeTz:
      time = v.GetTimeTz().time;
      break;
    default:
      if (target.id == TypeId::kInterval) return Value::OfInterval(ApplyIntervalTypmod(v.GetInterval(), target.typmod));
      time = IntervalToTime(v.GetInterval());
      break;
  }
  switch (target.id) {
    case TypeId::kInterval:
      return Value::OfInterval(ApplyIntervalTypmod(Interval{time, 0, 0}, target.typmod));
    case TypeId::kTimeTz:
      return Value::OfTimeTz(TimeTz{RoundTime(time, target.typmod),
                                    v.type() == TypeId::kTimeTz ? v.GetTimeTz().zone : -SessionOffsetForTime(time)});
    default:
      return Value::Time(RoundTime(time, target.typmod));
  }
}

// Casts into a string type: the source's text form (booleans spell out true/false as booltext does,
// bpchar loses its padding as rtrim1), then the target's length rule.
Value ToString(const Value& v, TypeDesc target, CastContext context) {
  std::string s;
  if (v.type() == TypeId::kBool) {
    s = v.GetBool() ? "true" : "false";
  } else if (v.type() == TypeId::kBpchar && target.id != TypeId::kBpchar) {
    s = v.GetString();
    while (!s.empty() && s.back() == ' ') s.pop_back();
  } else if (IsStringType(v.type()) || v.type() == TypeId::kUnknown) {
    s = v.GetString();
  } else {
    s = FormatValue(v);
  }
  if (target.id == TypeId::kName) return Value::String(TruncateName(s), TypeId::kName);
  return Value::String(ApplyCharTypmod(std::move(s), target, context == CastContext::kExplicit), target.id);
}

// jsonb_bool, jsonb_numeric, jsonb_int4, ...: a scalar of the matching kind, else 22023 "cannot cast
// jsonb object to type integer" (jsonb.c cannotCastJsonbValue).
Value FromJsonb(const Value& v, TypeDesc target) {
  const json::JsonValue j = json::ParseJson(v.GetString(), true);
  const bool is_bool = target.id == TypeId::kBool;
  if (j.kind != (is_bool ? json::JsonKind::kBool : json::JsonKind::kNumber)) {
    static const char* const kNames[] = {"null", "string", "numeric", "boolean", "array", "object"};
    throw DbError(sqlstate::kInvalidParameterValue, std::string("cannot cast jsonb ") +
                                                        kNames[static_cast<int>(j.kind)] + " to type " +
                                                        FormatType({target.id, -1}));
  }
  if (is_bool) return Value::Bool(j.boolean);
  return NumericTo(j.number, target);
}

// array_map of the element cast (ArrayCoerceExpr): dimensions and bounds stay, each element is cast to
// the target's element type with the target's typmod.
Value CastArray(const Array& a, TypeDesc target, CastContext context) {
  Array out;
  out.element = ElementTypeOf(target.id);
  out.dims = a.dims;
  out.lbounds = a.lbounds;
  out.items.reserve(a.items.size());
  for (const Value& v : a.items) out.items.push_back(CastValue(v, {out.element, target.typmod}, context));
  return MakeArray(std::move(out));
}

}  // namespace

std::optional<CastContext> FindCast(TypeId from, TypeId to) {
  if (from == to || from == TypeId::kUnknown) return CastContext::kImplicit;
  // Array coercion (parse_coerce.c find_coercion_pathway): element-wise, in the element cast's context.
  if (IsArrayType(from) && IsArrayType(to)) return FindCast(ElementTypeOf(from), ElementTypeOf(to));
  for (const CastEntry& c : kCasts) {
    if (c.from == from && c.to == to) return c.context;
  }
  // Automatic I/O conversion casts (PostgreSQL docs, CREATE CAST): to a string type on assignment,
  // from a string type only explicitly.
  if (IsStringType(to)) return CastContext::kAssignment;
  if (IsStringType(from)) return CastContext::kExplicit;
  return std::nullopt;
}

Value CastValue(const Value& v, TypeDesc target, CastContext context) {
  const TypeId from = v.type();
  if (!FindCast(from, target.id)) {
    throw DbError(sqlstate::kCannotCoerce,
                  "cannot cast type " + FormatType({from, -1}) + " to " + FormatType({target.id, -1}));
  }
  if (v.is_null()) return Value::Null(target.id);
  if (IsStringType(target.id)) return ToString(v, target, context);
  if (IsStringType(from) || from == TypeId::kUnknown) return ParseValue(target, v.GetString());
  if (IsArrayType(from)) return CastArray(v.GetArray(), target, context);
  if (from == TypeId::kJson && target.id == TypeId::kJsonb) return ParseValue(target, v.GetString());
  if (from == TypeId::kJsonb && target.id != TypeId::kJson) return FromJsonb(v, target);
  switch (from) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      if (IsIntType(target.id)) return IntTo(v.GetInt(), from, target.id);
      if (target.id == TypeId::kNumeric) return Value::Num(Numeric::FromInt64(v.GetInt()).ApplyTypmod(target.typmod));
      if (target.id == TypeId::kBool) return Value::Bool(v.GetInt() != 0);
      return ToFloat(static_cast<double>(v.GetInt()), target.id);
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      if (IsIntType(target.id)) return FloatToInt(v.GetFloat(), target.id);
      if (target.id == TypeId::kNumeric)
        return Value::Num(FloatToNumeric(v.GetFloat(), from).ApplyTypmod(target.typmod));
      return ToFloat(v.GetFloat(), target.id);
    case TypeId::kNumeric:
      return NumericTo(v.GetNumeric(), target);
    case TypeId::kBool:
      return Value::Int4(v.GetBool() ? 1 : 0);
    case TypeId::kDate:
      return DateTo(v.GetInt(), target.id);
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return FromTimestamp(v.GetInt(), from, target);
    case TypeId::kTime:
    case TypeId::kTimeTz:
    case TypeId::kInterval:
      return FromTimeOrInterval(v, target);
    default:
      return v.WithType(target.id);
  }
}

}  // namespace lumadb
