// sum() and avg() without a Value or Numeric built per input row: int2/int4 sums add as int64 (int4_sum's
// int8 transition value), numeric and int8 sums and integer averages add in NumericSumAccum (numeric.c's
// Int128AggState / NumericSumAccum). Results equal those of Accumulate's generic Arithmetic path.
#include "aggregate_state.h"
#include "common/error.h"
#include "common/value_ops.h"

namespace lumadb::exec {

using planner::AggKind;

bool AggregateState::AccumulateSum(const Value& v, AggKind kind) {
  const TypeId input = spec_.arg->type.id;
  if (kind == AggKind::kSum && (input == TypeId::kInt2 || input == TypeId::kInt4)) {
    int64_t sum = 0;
    if (count_ == 1) {
      acc_ = Value::Int8(v.GetInt());
    } else if (__builtin_add_overflow(acc_.GetInt(), v.GetInt(), &sum)) {
      acc_ = Arithmetic(ArithOp::kAdd, acc_, Value::Int8(v.GetInt()));  // raises bigint's overflow error
    } else {
      acc_ = Value::Int8(sum);
    }
    return true;
  }
  if (v.type() == TypeId::kNumeric) {
    sum_.Add(v.GetNumeric());
  } else if (input == TypeId::kInt8 || input == TypeId::kInt2 || input == TypeId::kInt4) {
    sum_.AddInt(v.GetInt());
  } else {
    return false;
  }
  in_sum_ = true;
  return true;
}

Value AggregateState::SumSoFar() const {
  return in_sum_ ? Value::Num(sum_.Sum()) : acc_;
}

void AggregateState::Combine(const AggregateState& other) {
  const AggKind kind = spec_.func->kind;
  const bool combinable = kind <= AggKind::kMax || kind == AggKind::kBoolAnd || kind == AggKind::kBoolOr;
  if (spec_.distinct || !spec_.order.empty() || !combinable) {
    throw DbError(sqlstate::kInternalError, "internal error: aggregate without a combine function");
  }
  if (other.count_ == 0) return;
  if (count_ == 0) {
    acc_ = other.acc_;
    sum_ = other.sum_;
    in_sum_ = other.in_sum_;
  } else if (kind == AggKind::kSum || kind == AggKind::kAvg) {
    // The same input type takes the same path in both states (AccumulateSum or the generic addition).
    if (other.in_sum_) {
      sum_.Combine(other.sum_);
      in_sum_ = true;
    } else {
      acc_ = Arithmetic(ArithOp::kAdd, acc_, other.acc_);  // int8pl / float8pl, with bigint's overflow error
    }
  } else if (kind == AggKind::kMin || kind == AggKind::kMax) {
    const int c = CompareValues(other.acc_, acc_);
    if (kind == AggKind::kMin ? c < 0 : c > 0) acc_ = other.acc_;
  } else if (kind == AggKind::kBoolAnd) {
    acc_ = Value::Bool(acc_.GetBool() && other.acc_.GetBool());
  } else if (kind == AggKind::kBoolOr) {
    acc_ = Value::Bool(acc_.GetBool() || other.acc_.GetBool());
  }
  count_ += other.count_;
}

}  // namespace lumadb::exec
