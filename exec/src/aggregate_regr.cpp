// The two-argument statistics aggregates regr_*(Y, X), covar_pop/covar_samp and corr over float8, as
// PostgreSQL 15's float.c: float8_regr_accum (common/float_accum.h) keeps N, Sx, Sxx, Sy, Syy, Sxy with
// the Youngs-Cramer update, and each final function (float8_regr_sxx, float8_corr...) reads them, so the
// digits match.
#include <cmath>

#include "aggregate_state.h"

namespace lumadb::exec {

using planner::AggKind;

void AggregateState::AccumulateRegression(const Value& y, const Value& x) {
  // The aggregates are strict: a row with either argument NULL is skipped.
  if (y.is_null() || x.is_null()) return;
  ++count_;
  Float8RegrAccum(regr_, y.GetFloat(), x.GetFloat());
}

Value AggregateState::FinishRegression() const {
  const AggKind kind = spec_.func->kind;
  const double n = regr_[0], sx = regr_[1], sxx = regr_[2], sy = regr_[3], syy = regr_[4], sxy = regr_[5];
  if (kind == AggKind::kRegrCount) return Value::Int8(count_);
  const Value null = Value::Null(TypeId::kFloat8);
  if (n < 1.0 || (kind == AggKind::kCovarSamp && n < 2.0)) return null;
  switch (kind) {
    case AggKind::kRegrSxx:
      return Value::Float8(sxx);
    case AggKind::kRegrSyy:
      return Value::Float8(syy);
    case AggKind::kRegrSxy:
      return Value::Float8(sxy);
    case AggKind::kRegrAvgX:
      return Value::Float8(sx / n);
    case AggKind::kRegrAvgY:
      return Value::Float8(sy / n);
    case AggKind::kCovarPop:
      return Value::Float8(sxy / n);
    case AggKind::kCovarSamp:
      return Value::Float8(sxy / (n - 1.0));
    case AggKind::kCorr:
      // NULL for horizontal and vertical lines, per the standard.
      if (sxx == 0 || syy == 0) return null;
      return Value::Float8(sxy / std::sqrt(sxx * syy));
    case AggKind::kRegrR2:
      if (sxx == 0) return null;
      if (syy == 0) return Value::Float8(1.0);
      return Value::Float8((sxy * sxy) / (sxx * syy));
    case AggKind::kRegrSlope:
      if (sxx == 0) return null;
      return Value::Float8(sxy / sxx);
    default:  // kRegrIntercept
      if (sxx == 0) return null;
      return Value::Float8((sy - sx * sxy / sxx) / n);
  }
}

}  // namespace lumadb::exec
