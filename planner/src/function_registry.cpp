#include "planner/function_registry.h"

#include <algorithm>

#include "builtins.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

bool IsPreferredType(TypeId t) {
  return t == TypeId::kFloat8 || t == TypeId::kText || t == TypeId::kTimestampTz;
}

const std::vector<AggregateFunction>& Aggregates() {
  using T = TypeId;
  static const std::vector<AggregateFunction> kAggs = {
      {"count", AggKind::kCountStar, T::kInvalid, T::kInt8},
      {"count", AggKind::kCount, T::kInvalid, T::kInt8},
      {"sum", AggKind::kSum, T::kInt2, T::kInt8},
      {"sum", AggKind::kSum, T::kInt4, T::kInt8},
      {"sum", AggKind::kSum, T::kInt8, T::kNumeric},
      {"sum", AggKind::kSum, T::kNumeric, T::kNumeric},
      {"sum", AggKind::kSum, T::kFloat4, T::kFloat4},
      {"sum", AggKind::kSum, T::kFloat8, T::kFloat8},
      {"sum", AggKind::kSum, T::kInterval, T::kInterval},
      {"avg", AggKind::kAvg, T::kInt2, T::kNumeric},
      {"avg", AggKind::kAvg, T::kInt4, T::kNumeric},
      {"avg", AggKind::kAvg, T::kInt8, T::kNumeric},
      {"avg", AggKind::kAvg, T::kNumeric, T::kNumeric},
      {"avg", AggKind::kAvg, T::kFloat4, T::kFloat8},
      {"avg", AggKind::kAvg, T::kFloat8, T::kFloat8},
      {"avg", AggKind::kAvg, T::kInterval, T::kInterval},
      {"min", AggKind::kMin, T::kInvalid, T::kInvalid},
      {"max", AggKind::kMax, T::kInvalid, T::kInvalid},
      {"array_agg", AggKind::kArrayAgg, T::kInvalid, T::kInvalid},
      {"json_agg", AggKind::kJsonAgg, T::kInvalid, T::kJson},
      {"jsonb_agg", AggKind::kJsonbAgg, T::kInvalid, T::kJsonb},
      {"json_object_agg", AggKind::kJsonObjectAgg, T::kInvalid, T::kJson},
      {"jsonb_object_agg", AggKind::kJsonbObjectAgg, T::kInvalid, T::kJsonb},
      {"string_agg", AggKind::kStringAgg, T::kText, T::kText},
      {"bool_and", AggKind::kBoolAnd, T::kBool, T::kBool},
      {"every", AggKind::kBoolAnd, T::kBool, T::kBool},
      {"bool_or", AggKind::kBoolOr, T::kBool, T::kBool},
      {"bit_and", AggKind::kBitAnd, T::kInt2, T::kInt2},
      {"bit_and", AggKind::kBitAnd, T::kInt4, T::kInt4},
      {"bit_and", AggKind::kBitAnd, T::kInt8, T::kInt8},
      {"bit_or", AggKind::kBitOr, T::kInt2, T::kInt2},
      {"bit_or", AggKind::kBitOr, T::kInt4, T::kInt4},
      {"bit_or", AggKind::kBitOr, T::kInt8, T::kInt8},
      {"variance", AggKind::kVarSamp, T::kInt2, T::kNumeric},
      {"variance", AggKind::kVarSamp, T::kInt4, T::kNumeric},
      {"variance", AggKind::kVarSamp, T::kInt8, T::kNumeric},
      {"variance", AggKind::kVarSamp, T::kNumeric, T::kNumeric},
      {"variance", AggKind::kVarSamp, T::kFloat4, T::kFloat8},
      {"variance", AggKind::kVarSamp, T::kFloat8, T::kFloat8},
      {"var_samp", AggKind::kVarSamp, T::kInt2, T::kNumeric},
      {"var_samp", AggKind::kVarSamp, T::kInt4, T::kNumeric},
      {"var_samp", AggKind::kVarSamp, T::kInt8, T::kNumeric},
      {"var_samp", AggKind::kVarSamp, T::kNumeric, T::kNumeric},
      {"var_samp", AggKind::kVarSamp, T::kFloat4, T::kFloat8},
      {"var_samp", AggKind::kVarSamp, T::kFloat8, T::kFloat8},
      {"var_pop", AggKind::kVarPop, T::kInt2, T::kNumeric},
      {"var_pop", AggKind::kVarPop, T::kInt4, T::kNumeric},
      {"var_pop", AggKind::kVarPop, T::kInt8, T::kNumeric},
      {"var_pop", AggKind::kVarPop, T::kNumeric, T::kNumeric},
      {"var_pop", AggKind::kVarPop, T::kFloat4, T::kFloat8},
      {"var_pop", AggKind::kVarPop, T::kFloat8, T::kFloat8},
      {"stddev", AggKind::kStddevSamp, T::kInt2, T::kNumeric},
      {"stddev", AggKind::kStddevSamp, T::kInt4, T::kNumeric},
      {"stddev", AggKind::kStddevSamp, T::kInt8, T::kNumeric},
      {"stddev", AggKind::kStddevSamp, T::kNumeric, T::kNumeric},
      {"stddev", AggKind::kStddevSamp, T::kFloat4, T::kFloat8},
      {"stddev", AggKind::kStddevSamp, T::kFloat8, T::kFloat8},
      {"stddev_samp", AggKind::kStddevSamp, T::kInt2, T::kNumeric},
      {"stddev_samp", AggKind::kStddevSamp, T::kInt4, T::kNumeric},
      {"stddev_samp", AggKind::kStddevSamp, T::kInt8, T::kNumeric},
      {"stddev_samp", AggKind::kStddevSamp, T::kNumeric, T::kNumeric},
      {"stddev_samp", AggKind::kStddevSamp, T::kFloat4, T::kFloat8},
      {"stddev_samp", AggKind::kStddevSamp, T::kFloat8, T::kFloat8},
      {"stddev_pop", AggKind::kStddevPop, T::kInt2, T::kNumeric},
      {"stddev_pop", AggKind::kStddevPop, T::kInt4, T::kNumeric},
      {"stddev_pop", AggKind::kStddevPop, T::kInt8, T::kNumeric},
      {"stddev_pop", AggKind::kStddevPop, T::kNumeric, T::kNumeric},
      {"stddev_pop", AggKind::kStddevPop, T::kFloat4, T::kFloat8},
      {"stddev_pop", AggKind::kStddevPop, T::kFloat8, T::kFloat8},
      {"percentile_cont", AggKind::kPercentileCont, T::kFloat8, T::kFloat8},
      {"percentile_cont", AggKind::kPercentileCont, T::kInterval, T::kInterval},
      {"percentile_disc", AggKind::kPercentileDisc, T::kInvalid, T::kInvalid},
      {"mode", AggKind::kMode, T::kInvalid, T::kInvalid},
      {"regr_count", AggKind::kRegrCount, T::kFloat8, T::kInt8},
      {"regr_sxx", AggKind::kRegrSxx, T::kFloat8, T::kFloat8},
      {"regr_syy", AggKind::kRegrSyy, T::kFloat8, T::kFloat8},
      {"regr_sxy", AggKind::kRegrSxy, T::kFloat8, T::kFloat8},
      {"regr_avgx", AggKind::kRegrAvgX, T::kFloat8, T::kFloat8},
      {"regr_avgy", AggKind::kRegrAvgY, T::kFloat8, T::kFloat8},
      {"regr_r2", AggKind::kRegrR2, T::kFloat8, T::kFloat8},
      {"regr_slope", AggKind::kRegrSlope, T::kFloat8, T::kFloat8},
      {"regr_intercept", AggKind::kRegrIntercept, T::kFloat8, T::kFloat8},
      {"covar_pop", AggKind::kCovarPop, T::kFloat8, T::kFloat8},
      {"covar_samp", AggKind::kCovarSamp, T::kFloat8, T::kFloat8},
      {"corr", AggKind::kCorr, T::kFloat8, T::kFloat8},
  };
  return kAggs;
}

// Scores a candidate for the given argument types: -1 if not callable, else (exact matches, preferred).
std::pair<int, int> Score(const ScalarFunction& f, const std::vector<TypeId>& args) {
  size_t fixed = f.arg_types.size();
  if (f.variadic ? args.size() + 1 < fixed : args.size() != fixed) return {-1, 0};
  int exact = 0;
  int preferred = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    TypeId want = f.arg_types[std::min(i, fixed - 1)];
    if (want == TypeId::kInvalid || want == args[i]) {
      ++exact;
      continue;
    }
    if (!CanCoerceImplicitly(args[i], want)) return {-1, 0};
    if (IsPreferredType(want)) ++preferred;
  }
  return {exact, preferred};
}

}  // namespace

bool IsKnownFunctionName(std::string_view name) {
  for (const auto& f : BuiltinFunctions()) {
    if (name == f.name) return true;
  }
  return IsAggregateName(name);
}

bool IsAggregateName(std::string_view name) {
  for (const auto& a : Aggregates()) {
    if (name == a.name) return true;
  }
  return false;
}

std::optional<ResolvedFunction> ResolveFunction(std::string_view name, const std::vector<TypeId>& arg_types) {
  const ScalarFunction* best = nullptr;
  std::pair<int, int> best_score{-1, 0};
  for (const auto& f : BuiltinFunctions()) {
    if (name != f.name) continue;
    auto score = Score(f, arg_types);
    if (score.first < 0) continue;
    if (!best || score > best_score) {
      best = &f;
      best_score = score;
    }
  }
  if (!best) return std::nullopt;
  ResolvedFunction r;
  r.func = best;
  for (size_t i = 0; i < arg_types.size(); ++i) {
    TypeId want = best->arg_types[std::min(i, best->arg_types.size() - 1)];
    // "any" keeps the argument's own type; an untyped literal passed as "any" becomes text.
    if (want == TypeId::kInvalid) want = arg_types[i] == TypeId::kUnknown ? TypeId::kText : arg_types[i];
    r.arg_types.push_back(want);
  }
  return r;
}

const AggregateFunction* ResolveAggregate(std::string_view name, TypeId arg) {
  const AggregateFunction* fallback = nullptr;
  for (const auto& a : Aggregates()) {
    if (name != a.name) continue;
    if ((arg == TypeId::kInvalid) != (a.kind == AggKind::kCountStar)) continue;
    if (a.arg == arg || (a.arg == TypeId::kInvalid && arg != TypeId::kInvalid)) return &a;
    // sum('1') and avg of an untyped literal resolve through numeric, as PostgreSQL's unknown rule does.
    if (!fallback && a.arg != TypeId::kInvalid && CanCoerceImplicitly(arg, a.arg) &&
        (arg == TypeId::kUnknown ? a.arg == TypeId::kFloat8 : true)) {
      fallback = &a;
    }
  }
  return fallback;
}

}  // namespace lumadb::planner
