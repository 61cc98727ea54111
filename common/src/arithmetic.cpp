// Arithmetic operators of value_ops.h (int.c, int8.c, float.c, numeric.c, date.c); the interval and time
// operators are in datetime_arith.cpp.

#include <cmath>
#include <string>

#include "common/datetime.h"
#include "common/error.h"
#include "common/value_ops.h"
#include "datetime_arith.h"

namespace lumadb {

namespace {

bool IsInt(TypeId t) {
  return t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8;
}
bool IsFloat(TypeId t) {
  return t == TypeId::kFloat4 || t == TypeId::kFloat8;
}

int IntRank(TypeId t) {
  return t == TypeId::kInt2 ? 0 : (t == TypeId::kInt4 ? 1 : 2);
}

const char* OpName(ArithOp op) {
  static constexpr const char* kNames[] = {"+", "-", "*", "/", "%", "^"};
  return kNames[static_cast<int>(op)];
}

[[noreturn]] void ThrowNoOperator(ArithOp op, const Value& a, const Value& b) {
  throw DbError(sqlstate::kUndefinedFunction, "operator does not exist: " + FormatType({a.type(), -1}) + " " +
                                                  OpName(op) + " " + FormatType({b.type(), -1}));
}

[[noreturn]] void ThrowDivisionByZero() {
  throw DbError(sqlstate::kDivisionByZero, "division by zero");
}

[[noreturn]] void ThrowIntRange(TypeId t) {
  const char* msg = t == TypeId::kInt2 ? "smallint out of range"
                                       : (t == TypeId::kInt4 ? "integer out of range" : "bigint out of range");
  throw DbError(sqlstate::kNumericValueOutOfRange, msg);
}

Value MakeInt(TypeId t, __int128 v) {
  const __int128 lo = t == TypeId::kInt2 ? INT16_MIN : (t == TypeId::kInt4 ? INT32_MIN : INT64_MIN);
  const __int128 hi = t == TypeId::kInt2 ? INT16_MAX : (t == TypeId::kInt4 ? INT32_MAX : INT64_MAX);
  if (v < lo || v > hi) ThrowIntRange(t);
  return Value::Int8(static_cast<int64_t>(v)).WithType(t);
}

// int2/int4/int8 operators: the result has the wider operand's type; division truncates toward zero.
Value IntArith(ArithOp op, const Value& a, const Value& b) {
  const TypeId t = IntRank(a.type()) >= IntRank(b.type()) ? a.type() : b.type();
  const __int128 x = a.GetInt(), y = b.GetInt();
  switch (op) {
    case ArithOp::kAdd:
      return MakeInt(t, x + y);
    case ArithOp::kSub:
      return MakeInt(t, x - y);
    case ArithOp::kMul:
      return MakeInt(t, x * y);
    case ArithOp::kDiv:
      if (y == 0) ThrowDivisionByZero();
      return MakeInt(t, x / y);
    case ArithOp::kMod:
      if (y == 0) ThrowDivisionByZero();
      return MakeInt(t, x % y);
    case ArithOp::kPow:
      break;
  }
  ThrowNoOperator(op, a, b);
}

// dpow(): PostgreSQL's error cases for pow().
double FloatPow(double x, double y) {
  if (std::isnan(x)) return y == 0 ? 1.0 : x;
  if (std::isnan(y)) return x == 1.0 ? 1.0 : y;
  if (x == 0 && y < 0) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction, "zero raised to a negative power is undefined");
  }
  if (x < 0 && std::floor(y) != y && std::isfinite(y)) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction,
                  "a negative number raised to a non-integer power yields a complex result");
  }
  return std::pow(x, y);
}

// float4/float8 operators with float.h's check_float8_val: an infinite result from finite inputs is
// overflow, a zero result from non-zero inputs (of * / ^) is underflow.
Value FloatArith(ArithOp op, const Value& a, const Value& b) {
  const bool as_float4 = a.type() == TypeId::kFloat4 && b.type() == TypeId::kFloat4;
  const double x = a.GetFloat(), y = b.GetFloat();
  double r = 0;
  bool zero_ok = true;
  switch (op) {
    case ArithOp::kAdd:
      r = x + y;
      break;
    case ArithOp::kSub:
      r = x - y;
      break;
    case ArithOp::kMul:
      r = x * y;
      zero_ok = x == 0 || y == 0;
      break;
    case ArithOp::kDiv:
      if (y == 0) ThrowDivisionByZero();
      r = x / y;
      zero_ok = x == 0 || std::isinf(y);
      break;
    case ArithOp::kPow:
      r = FloatPow(x, y);
      zero_ok = x == 0 || std::isinf(y) || std::isinf(x);
      break;
    case ArithOp::kMod:
      ThrowNoOperator(op, a, b);
  }
  if (as_float4) r = static_cast<double>(static_cast<float>(r));
  if (std::isinf(r) && !std::isinf(x) && !std::isinf(y)) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  if (r == 0 && !zero_ok) throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  return as_float4 ? Value::Float4(static_cast<float>(r)) : Value::Float8(r);
}

Numeric ToNumeric(const Value& v) {
  return v.type() == TypeId::kNumeric ? v.GetNumeric() : Numeric::FromInt64(v.GetInt());
}

double ToDouble(const Value& v) {
  if (v.type() == TypeId::kNumeric) return v.GetNumeric().ToDouble();
  return IsInt(v.type()) ? static_cast<double>(v.GetInt()) : v.GetFloat();
}

Value NumericArith(ArithOp op, const Numeric& x, const Numeric& y) {
  switch (op) {
    case ArithOp::kAdd:
      return Value::Num(x.Add(y));
    case ArithOp::kSub:
      return Value::Num(x.Sub(y));
    case ArithOp::kMul:
      return Value::Num(x.Mul(y));
    case ArithOp::kDiv:
      return Value::Num(x.Div(y));
    case ArithOp::kMod:
      return Value::Num(x.Mod(y));
    case ArithOp::kPow:
      return Value::Num(x.Power(y));
  }
  return Value::Num(x);
}

// date_pli / date_mii / date_mi: infinite dates stay infinite; results must be valid dates.
Value DateArith(ArithOp op, const Value& a, const Value& b) {
  if (a.type() == TypeId::kDate && b.type() == TypeId::kDate && op == ArithOp::kSub) {
    if (a.GetInt() == kDateNoBegin || a.GetInt() == kDateNoEnd || b.GetInt() == kDateNoBegin ||
        b.GetInt() == kDateNoEnd) {
      throw DbError(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite dates");
    }
    return Value::Int4(static_cast<int32_t>(a.GetInt() - b.GetInt()));
  }
  const bool date_first = a.type() == TypeId::kDate;
  const Value& date = date_first ? a : b;
  const Value& days = date_first ? b : a;
  if (!IsInt(days.type()) || IntRank(days.type()) > 1 || (op == ArithOp::kSub && !date_first) ||
      (op != ArithOp::kAdd && op != ArithOp::kSub)) {
    ThrowNoOperator(op, a, b);
  }
  const int64_t d = date.GetInt();
  if (d == kDateNoBegin || d == kDateNoEnd) return date;
  const int64_t r = op == ArithOp::kAdd ? d + days.GetInt() : d - days.GetInt();
  if (!IsValidDate(r) || r == kDateNoBegin || r == kDateNoEnd) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "date out of range");
  }
  return Value::Date(r);
}

}  // namespace

Value Arithmetic(ArithOp op, const Value& a, const Value& b) {
  const TypeId ta = a.type(), tb = b.type();
  if (IsInt(ta) && IsInt(tb)) {
    if (op == ArithOp::kPow) return FloatArith(op, Value::Float8(ToDouble(a)), Value::Float8(ToDouble(b)));
    return IntArith(op, a, b);
  }
  const bool na = IsInt(ta) || ta == TypeId::kNumeric, nb = IsInt(tb) || tb == TypeId::kNumeric;
  if (na && nb) return NumericArith(op, ToNumeric(a), ToNumeric(b));
  if ((na || IsFloat(ta)) && (nb || IsFloat(tb))) {
    if (ta == tb) return FloatArith(op, a, b);
    return FloatArith(op, Value::Float8(ToDouble(a)), Value::Float8(ToDouble(b)));
  }
  if (std::optional<Value> r = DateTimeArithmetic(op, a, b)) return std::move(*r);
  if (ta == TypeId::kDate || tb == TypeId::kDate) return DateArith(op, a, b);
  ThrowNoOperator(op, a, b);
}

Value Negate(const Value& v) {
  switch (v.type()) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
      return MakeInt(v.type(), -static_cast<__int128>(v.GetInt()));
    case TypeId::kFloat4:
      return Value::Float4(-static_cast<float>(v.GetFloat()));
    case TypeId::kFloat8:
      return Value::Float8(-v.GetFloat());
    case TypeId::kNumeric:
      return Value::Num(v.GetNumeric().Negate());
    case TypeId::kInterval:
      return Value::OfInterval(NegateInterval(v.GetInterval()));
    default:
      throw DbError(sqlstate::kUndefinedFunction, "operator does not exist: - " + FormatType({v.type(), -1}));
  }
}

}  // namespace lumadb
