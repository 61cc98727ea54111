// The aggregates beyond count/sum/avg/min/max/array_agg/json: string_agg (varlena.c), bool_and/bool_or
// (bool.c), bit_and/bit_or (int.c, int8.c), variance/stddev (float.c float8_accum, numeric.c
// numeric_stddev_internal), and the ordered-set aggregates percentile_cont,
// percentile_disc and mode (orderedsetaggs.c), which receive their inputs already sorted.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "aggregate_state.h"
#include "common/error.h"
#include "common/value_ops.h"

namespace lumadb::exec {

using planner::AggKind;

namespace {

Value IntOfType(TypeId type, int64_t v) {
  if (type == TypeId::kInt2) return Value::Int2(static_cast<int16_t>(v));
  if (type == TypeId::kInt4) return Value::Int4(static_cast<int32_t>(v));
  return Value::Int8(v);
}

// The fraction of percentile_cont/percentile_disc; 22003 outside [0, 1] as orderedsetaggs.c.
double Fraction(const Value& p) {
  const double f = p.GetFloat();
  if (f < 0 || f > 1 || std::isnan(f)) {
    char text[64];
    std::snprintf(text, sizeof text, "%g", f);
    throw DbError(sqlstate::kNumericValueOutOfRange,
                  std::string("percentile value ") + text + " is not between 0 and 1");
  }
  return f;
}

// percentile_cont: linear interpolation between the two nearest rows (float8_lerp / interval_lerp).
Value PercentileCont(const std::vector<Value>& sorted, double fraction) {
  const double position = fraction * static_cast<double>(sorted.size() - 1);
  const auto first = static_cast<size_t>(std::floor(position));
  const auto second = static_cast<size_t>(std::ceil(position));
  const Value& lo = sorted[first];
  if (first == second) return lo;
  const Value& hi = sorted[second];
  const double pct = position - static_cast<double>(first);
  if (lo.type() == TypeId::kFloat8) return Value::Float8(lo.GetFloat() + (hi.GetFloat() - lo.GetFloat()) * pct);
  Value diff = Arithmetic(ArithOp::kSub, hi, lo);
  return Arithmetic(ArithOp::kAdd, lo, Arithmetic(ArithOp::kMul, diff, Value::Float8(pct)));
}

// mode: the most frequent value, the first in sort order among equally frequent ones.
Value Mode(const std::vector<Value>& sorted) {
  size_t best = 0, best_count = 0;
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i + 1;
    while (j < sorted.size() && CompareValues(sorted[i], sorted[j]) == 0) ++j;
    if (j - i > best_count) {
      best = i;
      best_count = j - i;
    }
    i = j;
  }
  return sorted[best];
}

// The digits of a numeric's integer value.
Numeric IntegerSqrt(const Numeric& n) {
  Numeric x = Numeric::FromDouble(std::sqrt(n.ToDouble())).Trunc(0);
  const Numeric one = Numeric::FromInt64(1), two = Numeric::FromInt64(2);
  for (int i = 0; i < 100 && !x.IsZero(); ++i) {
    Numeric next = x.Add(n.Div(x)).Div(two).Trunc(0);
    if (next.Compare(x) == 0) break;
    x = next;
  }
  while (x.Mul(x).Compare(n) > 0) x = x.Sub(one);
  while (x.Add(one).Mul(x.Add(one)).Compare(n) <= 0) x = x.Add(one);
  return x;
}

// sqrt_var rounded to the variance's own scale, as numeric_stddev_internal does.
Numeric NumericSqrt(const Numeric& v) {
  const int scale = v.scale();
  // sqrt(v) * 10^(scale + 1), truncated, then rounded to scale digits.
  Numeric shifted = v.Mul(Numeric::Parse("1" + std::string(static_cast<size_t>(2 * scale + 2), '0'))).Trunc(0);
  // Numeric division rounds at its own scale: shift decimal digits through the text instead.
  std::string digits = IntegerSqrt(shifted).Add(Numeric::FromInt64(5)).ToString();
  digits.pop_back();
  const auto decimals = static_cast<size_t>(scale);
  if (digits.size() <= decimals) digits.insert(0, decimals + 1 - digits.size(), '0');
  if (decimals > 0) digits.insert(digits.size() - decimals, ".");
  return Numeric::Parse(digits);
}

bool IsVariance(AggKind kind) {
  return kind == AggKind::kVarSamp || kind == AggKind::kVarPop || kind == AggKind::kStddevSamp ||
         kind == AggKind::kStddevPop;
}

}  // namespace

// float8_var_samp & co. over the Youngs-Cramer sums, numeric_stddev_internal over exact sums.
Value AggregateState::FinishVariance() const {
  const AggKind kind = spec_.func->kind;
  const bool sample = kind == AggKind::kVarSamp || kind == AggKind::kStddevSamp;
  const bool root = kind == AggKind::kStddevSamp || kind == AggKind::kStddevPop;
  if (sample && count_ <= 1) return Value::Null(spec_.result.id);
  if (spec_.result.id == TypeId::kFloat8) {
    const double n = static_cast<double>(count_);
    const double v = float_state_[2] / (sample ? n - 1 : n);
    return Value::Float8(root ? std::sqrt(v) : v);
  }
  const Numeric n = Numeric::FromInt64(count_);
  const Numeric sum = acc_.GetNumeric();
  // numeric_stddev_internal: any NaN or infinite input gives NaN.
  if (sum.IsSpecial() || sum_squares_.GetNumeric().IsSpecial()) return Value::Num(Numeric::NaN());
  const Numeric numerator = n.Mul(sum_squares_.GetNumeric()).Sub(sum.Mul(sum));
  if (numerator.Compare(Numeric::FromInt64(0)) <= 0) return Value::Num(Numeric::FromInt64(0));
  const Numeric v = numerator.Div(n.Mul(sample ? n.Sub(Numeric::FromInt64(1)) : n));
  return Value::Num(root ? NumericSqrt(v) : v);
}

void AggregateState::AccumulateVariance(const Value& v) {
  if (spec_.result.id == TypeId::kFloat8) {
    Float8Accum(float_state_, v.GetFloat());
    return;
  }
  const Numeric x = v.type() == TypeId::kNumeric ? v.GetNumeric() : Numeric::FromInt64(v.GetInt());
  acc_ = Value::Num(count_ == 1 ? x : acc_.GetNumeric().Add(x));
  sum_squares_ = Value::Num(count_ == 1 ? x.Mul(x) : sum_squares_.GetNumeric().Add(x.Mul(x)));
}

void AggregateState::AccumulateExtra(const Value& v, const Value& extra) {
  const AggKind kind = spec_.func->kind;
  const bool ordered_set =
      kind == AggKind::kPercentileCont || kind == AggKind::kPercentileDisc || kind == AggKind::kMode;
  if (kind == AggKind::kGrouping) return;
  if (kind >= AggKind::kRegrCount) {
    AccumulateRegression(v, extra);
    return;
  }
  if (ordered_set && count_ == 0 && items_.empty()) extra_ = extra;
  if (v.is_null()) return;
  ++count_;
  if (IsVariance(kind)) {
    AccumulateVariance(v);
    return;
  }
  switch (kind) {
    case AggKind::kStringAgg:
      if (count_ > 1 && !extra.is_null()) text_ += extra.GetString();
      text_ += v.GetString();
      return;
    case AggKind::kBoolAnd:
      acc_ = Value::Bool((count_ == 1 || acc_.GetBool()) && v.GetBool());
      return;
    case AggKind::kBoolOr:
      acc_ = Value::Bool((count_ > 1 && acc_.GetBool()) || v.GetBool());
      return;
    case AggKind::kBitAnd:
      acc_ = count_ == 1 ? v : IntOfType(v.type(), acc_.GetInt() & v.GetInt());
      return;
    case AggKind::kBitOr:
      acc_ = count_ == 1 ? v : IntOfType(v.type(), acc_.GetInt() | v.GetInt());
      return;
    default:
      items_.push_back(v);
      return;
  }
}

Value AggregateState::FinishExtra() const {
  const AggKind kind = spec_.func->kind;
  // GROUPING(...) of a plain GROUP BY: every argument is grouped (grouping_sets_executor.cpp does the rest).
  if (kind == AggKind::kGrouping) return Value::Int4(0);
  if (kind >= AggKind::kRegrCount) return FinishRegression();
  if (count_ == 0) return Value::Null(spec_.result.id);
  if (IsVariance(kind)) return FinishVariance();
  switch (kind) {
    case AggKind::kStringAgg:
      return Value::String(text_, spec_.result.id);
    case AggKind::kPercentileCont:
    case AggKind::kPercentileDisc: {
      if (extra_.is_null()) return Value::Null(spec_.result.id);
      const double fraction = Fraction(extra_);
      if (kind == AggKind::kPercentileCont) return PercentileCont(items_, fraction);
      const auto row = static_cast<int64_t>(std::ceil(fraction * static_cast<double>(items_.size())));
      return items_[static_cast<size_t>(std::max<int64_t>(row, 1) - 1)];
    }
    case AggKind::kMode:
      return Mode(items_);
    default:
      return acc_;
  }
}

}  // namespace lumadb::exec
