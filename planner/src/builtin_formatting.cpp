// The data type formatting functions (PostgreSQL 15 docs §9.8, pg_proc's to_char, to_number, to_date,
// to_timestamp) over common/formatting.h, and to_timestamp(float8) of timestamp.c.
#include <cmath>
#include <cstdio>

#include "builtins.h"
#include "common/datetime.h"
#include "common/error.h"
#include "common/formatting.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

Value Text(std::optional<std::string> s) {
  return s ? Value::String(std::move(*s)) : Value::Null(T::kText);
}

Value ToCharTimestamp(const std::vector<Value>& a, const FunctionEnv&) {
  return Text(TimestampToChar(a[0].GetInt(), a[0].type() == T::kTimestampTz, a[1].GetString()));
}
Value ToCharInterval(const std::vector<Value>& a, const FunctionEnv&) {
  return Text(IntervalToChar(a[0].GetInterval(), a[1].GetString()));
}
Value ToCharNumeric(const std::vector<Value>& a, const FunctionEnv&) {
  return Text(NumericToChar(a[0].GetNumeric(), a[1].GetString()));
}
Value ToCharInteger(const std::vector<Value>& a, const FunctionEnv&) {
  return Text(IntegerToChar(a[0].GetInt(), a[0].type() == T::kInt8, a[1].GetString()));
}
Value ToCharFloat(const std::vector<Value>& a, const FunctionEnv&) {
  return Text(FloatToChar(a[0].GetFloat(), a[0].type() == T::kFloat4, a[1].GetString()));
}
Value ToNumberFn(const std::vector<Value>& a, const FunctionEnv&) {
  auto n = ToNumber(a[0].GetString(), a[1].GetString());
  return n ? Value::Num(std::move(*n)) : Value::Null(T::kNumeric);
}
Value ToDateFn(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Date(ToDate(a[0].GetString(), a[1].GetString()));
}
Value ToTimestampFn(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Timestamp(ToTimestamp(a[0].GetString(), a[1].GetString()), T::kTimestampTz);
}

// to_timestamp(float8): seconds since the Unix epoch; ±Infinity map to ±infinity.
Value ToTimestampEpoch(const std::vector<Value>& a, const FunctionEnv&) {
  double seconds = a[0].GetFloat();
  if (std::isnan(seconds)) throw DbError(sqlstate::kDatetimeFieldOverflow, "timestamp cannot be NaN");
  if (std::isinf(seconds)) return Value::Timestamp(seconds < 0 ? kTimestampNoBegin : kTimestampNoEnd, T::kTimestampTz);
  auto out_of_range = [&] {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", a[0].GetFloat());
    return DbError(sqlstate::kDatetimeFieldOverflow, std::string("timestamp out of range: \"") + buf + "\"");
  };
  constexpr double kUnixEpochJdate = 2440588, kMinJulian = 0, kEndJulian = 109203528, kPgEpochJdate = 2451545;
  if (seconds < 86400.0 * (kMinJulian - kUnixEpochJdate) || seconds >= 86400.0 * (kEndJulian - kUnixEpochJdate)) {
    throw out_of_range();
  }
  seconds -= (kPgEpochJdate - kUnixEpochJdate) * 86400.0;
  auto micros = static_cast<int64_t>(std::rint(seconds * 1000000.0));
  if (!IsValidTimestamp(micros)) throw out_of_range();
  return Value::Timestamp(micros, T::kTimestampTz);
}

}  // namespace

void AddFormattingBuiltins(std::vector<ScalarFunction>& out) {
  std::vector<ScalarFunction> fns = {
      {"to_char", {T::kTimestamp, T::kText}, T::kText, ToCharTimestamp},
      {"to_char", {T::kTimestampTz, T::kText}, T::kText, ToCharTimestamp},
      {"to_char", {T::kInterval, T::kText}, T::kText, ToCharInterval},
      {"to_char", {T::kNumeric, T::kText}, T::kText, ToCharNumeric},
      {"to_char", {T::kInt4, T::kText}, T::kText, ToCharInteger},
      {"to_char", {T::kInt8, T::kText}, T::kText, ToCharInteger},
      {"to_char", {T::kFloat4, T::kText}, T::kText, ToCharFloat},
      {"to_char", {T::kFloat8, T::kText}, T::kText, ToCharFloat},
      {"to_number", {T::kText, T::kText}, T::kNumeric, ToNumberFn},
      {"to_date", {T::kText, T::kText}, T::kDate, ToDateFn},
      {"to_timestamp", {T::kText, T::kText}, T::kTimestampTz, ToTimestampFn},
      {"to_timestamp", {T::kFloat8}, T::kTimestampTz, ToTimestampEpoch},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner
