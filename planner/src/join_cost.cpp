// Join estimates: the row count of a join (eqjoinsel without MCV matching) and the cost of running it as
// a hash join, a nested loop or a merge join, after PostgreSQL 15 costsize.c (initial_cost_hashjoin /
// final_cost_hashjoin, cost_nestloop with a materialized inner side, initial_cost_mergejoin /
// final_cost_mergejoin), simplified: one batch, a bucket size of 1/ndistinct of the first inner key, no
// mark/restore. A method the session disabled (enable_hashjoin & co) is charged disable_cost. Also the
// per-thread planner settings (planner/planner_settings.h).
#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "parallel_plan.h"
#include "plan_estimate.h"
#include "plan_util.h"
#include "planner/planner_settings.h"
#include "planner/selectivity.h"

namespace lumadb::planner {

namespace {

thread_local const PlannerSettings* current_settings = nullptr;

/// The key equalities of a join and the rest of its condition (hash/merge keys are `left = right` terms).
struct SplitCondition {
  std::vector<BoundExprPtr> keys;
  std::vector<BoundExprPtr> rest;
};

SplitCondition Split(const JoinPlan& join) {
  SplitCondition out;
  const int left_width = static_cast<int>(join.left->output.size());
  for (const auto& t : Conjuncts(join.condition)) {
    bool key = false;
    if (!join.left_keys.empty() && t->kind == BoundKind::kCompare && static_cast<CompareOp>(t->op) == CompareOp::kEq) {
      auto a = ColumnSpan(*t->args[0]);
      auto b = ColumnSpan(*t->args[1]);
      key = a.first >= 0 && b.first >= 0 && (a.second < left_width) != (b.second < left_width) &&
            (a.first >= left_width) != (b.first >= left_width);
    }
    (key ? out.keys : out.rest).push_back(t);
  }
  return out;
}

// A setting the session does not know (a test's reduced set of settings) is taken as on.
bool SettingOn(const std::function<std::string(std::string_view)>& get, const char* name) {
  std::string v;
  try {
    v = get(name);
  } catch (const DbError&) {
    return true;
  }
  return !(v == "off" || v == "false" || v == "0" || v == "no");
}

}  // namespace

const PlannerSettings& CurrentPlannerSettings() {
  static const PlannerSettings kDefaults;
  return current_settings ? *current_settings : kDefaults;
}

PlannerSettingsScope::PlannerSettingsScope(const PlannerSettings& settings)
    : previous_(current_settings), settings_(settings) {
  current_settings = &settings_;
}

PlannerSettingsScope::~PlannerSettingsScope() {
  current_settings = previous_;
}

PlannerSettings ReadPlannerSettings(const std::function<std::string(std::string_view)>& get_setting) {
  PlannerSettings s;
  if (!get_setting) return s;
  s.enable_hashjoin = SettingOn(get_setting, "enable_hashjoin");
  s.enable_mergejoin = SettingOn(get_setting, "enable_mergejoin");
  s.enable_nestloop = SettingOn(get_setting, "enable_nestloop");
  s.enable_sort = SettingOn(get_setting, "enable_sort");
  s.enable_seqscan = SettingOn(get_setting, "enable_seqscan");
  s.enable_indexscan = SettingOn(get_setting, "enable_indexscan");
  ReadParallelSettings(get_setting, &s);
  return s;
}

NodeEstimate PlanEstimator::Join(const JoinPlan& join) {
  const NodeEstimate& left = Estimate(*join.left);
  const NodeEstimate& right = Estimate(*join.right);
  const int left_width = static_cast<int>(join.left->output.size());
  // eqjoinsel without MCV matching: 1 / max(nd1, nd2) per equality across the sides; other terms alone.
  double selectivity = 1.0;
  double inner_distinct = 1.0;  // of the first key on the right: the hash bucket size is its inverse
  for (const auto& t : Conjuncts(join.condition)) {
    if (t->kind == BoundKind::kCompare && static_cast<CompareOp>(t->op) == CompareOp::kEq) {
      auto a = ColumnSpan(*t->args[0]), b = ColumnSpan(*t->args[1]);
      if (a.first >= 0 && b.first >= 0 && (a.second < left_width) != (b.second < left_width) &&
          (a.first >= left_width) != (b.first >= left_width)) {
        const BoundExpr& l = a.second < left_width ? *t->args[0] : *t->args[1];
        const BoundExpr& r = a.second < left_width ? *t->args[1] : *t->args[0];
        const double nd_right = NumDistinct(*join.right, r, left_width);
        if (inner_distinct == 1.0) inner_distinct = BucketDistinct(*join.right, r, left_width, nd_right);
        selectivity /= std::max(NumDistinct(*join.left, l, 0), nd_right);
        continue;
      }
    }
    selectivity *= ClauseSelectivity(*t, RelationContext{nullptr, left.rows * right.rows});
  }
  // A Parallel Hash's participants each build with a share of the inner rows, but the table holds all of them
  // (costsize.c's inner_path_rows_total).
  double right_rows = right.rows;
  if (join.right->kind == PlanKind::kSeqScan && join.right->As<SeqScanPlan>().parallel_workers > 0) {
    right_rows *= ParallelDivisor(join.right->As<SeqScanPlan>().parallel_workers);
  }
  NodeEstimate e;
  double rows = left.rows * right_rows * selectivity;
  if (join.join == JoinKind::kLeft || join.join == JoinKind::kFull) rows = std::max(rows, left.rows);
  if (join.join == JoinKind::kRight || join.join == JoinKind::kFull) rows = std::max(rows, right.rows);
  if (join.join == JoinKind::kSemi || join.join == JoinKind::kAnti) {
    // Each left row at most once (semi) or when nothing matches (anti).
    const double matched = std::min(1.0, right.rows * selectivity);
    rows = left.rows * (join.join == JoinKind::kSemi ? matched : 1.0 - matched);
  }
  e.rows = ClampRowEst(rows);
  e.cost = JoinCost(join, left, right, e.rows, inner_distinct);
  e.widths = left.widths;
  if (join.join != JoinKind::kSemi && join.join != JoinKind::kAnti) {
    e.widths.insert(e.widths.end(), right.widths.begin(), right.widths.end());
  }
  return e;
}

double PlanEstimator::BucketDistinct(const PlanNode& input, const BoundExpr& expr, int offset, double distinct) {
  // estimate_hash_bucket_stats: a restricted base relation is assumed to keep its share of the values.
  int column = OrderedColumnRef(expr, offset, static_cast<int>(input.output.size()));
  if (column < 0) return distinct;
  const PlanNode* scan = TraceColumn(input, &column);
  if (scan->kind != PlanKind::kSeqScan && scan->kind != PlanKind::kIndexScan) return distinct;
  const catalog::TableInfo& table =
      scan->kind == PlanKind::kSeqScan ? *scan->As<SeqScanPlan>().table : *scan->As<IndexScanPlan>().table;
  const double tuples = EstimateRelationSize(table).tuples;
  if (tuples <= 0) return distinct;
  return ClampRowEst(distinct * std::min(1.0, Estimate(*scan).rows / tuples));
}

Cost PlanEstimator::JoinCost(const JoinPlan& join, const NodeEstimate& left, const NodeEstimate& right, double rows,
                             double inner_distinct) {
  const PlannerSettings& settings = CurrentPlannerSettings();
  const SplitCondition cond = Split(join);
  const double keys = static_cast<double>(cond.keys.size());
  const double rest_cost = QualCost(MakeAnd(cond.rest).get());
  JoinMethod method = join.method;
  if (method == JoinMethod::kAuto) method = join.left_keys.empty() ? JoinMethod::kNestLoop : JoinMethod::kHash;
  Cost c;
  bool disabled = false;
  switch (method) {
    case JoinMethod::kHash: {
      // Build: every inner row hashed and stored; probe: every outer row hashed, then compared with the
      // rows of its bucket (half of them on average), each pair found checked against the other terms.
      c.startup = left.cost.startup + right.cost.total + (kCpuOperatorCost * keys + kCpuTupleCost) * right.rows;
      const double bucket = ClampRowEst(right.rows / std::clamp(inner_distinct, 1.0, std::max(right.rows, 1.0)));
      c.total = c.startup + (left.cost.total - left.cost.startup) + kCpuOperatorCost * keys * left.rows +
                kCpuOperatorCost * keys * left.rows * bucket * 0.5 + (kCpuTupleCost + rest_cost) * rows;
      disabled = !settings.enable_hashjoin;
      break;
    }
    case JoinMethod::kMerge: {
      // Both inputs read once in key order, one key comparison per row read, each pair checked.
      c.startup = left.cost.startup + right.cost.startup;
      c.total = left.cost.total + right.cost.total + kCpuOperatorCost * keys * (left.rows + right.rows) +
                (kCpuTupleCost + rest_cost) * rows;
      disabled = !settings.enable_mergejoin;
      break;
    }
    default: {
      // The inner side is materialized once (cost_material: two operators per row) and re-read per outer
      // row (one operator per row); every pair is checked against the whole condition.
      const double pairs = left.rows * right.rows;
      c.startup = left.cost.startup + right.cost.startup;
      c.total = left.cost.total + right.cost.total + 2 * kCpuOperatorCost * right.rows +
                std::max(left.rows - 1, 0.0) * kCpuOperatorCost * right.rows +
                (kCpuTupleCost + QualCost(join.condition.get())) * pairs;
      disabled = !settings.enable_nestloop;
      break;
    }
  }
  if (disabled) {
    c.startup += kDisableCost;
    c.total += kDisableCost;
  }
  return c;
}

}  // namespace lumadb::planner
