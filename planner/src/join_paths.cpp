// The method of one join (PostgreSQL 15 optimizer/path/joinpath.c add_paths_to_joinrel, in miniature):
// a hash join on the `left = right` equalities, a nested loop (inner/left joins only, as nodeNestloop.c
// cannot preserve its inner side), an index nested loop into a base table, and a merge join over inputs
// sorted on the keys, each estimated and the cheapest kept.
#include "common/error.h"
#include "index_selection.h"
#include "join_order.h"
#include "plan_util.h"
#include "planner/binder.h"

namespace lumadb::planner {

namespace {

std::shared_ptr<JoinPlan> NewJoin(const PlanPtr& left, const PlanPtr& right, JoinKind kind,
                                  const std::vector<BoundExprPtr>& terms, JoinMethod method) {
  auto j = std::make_shared<JoinPlan>();
  j->output = left->output;
  j->output.insert(j->output.end(), right->output.begin(), right->output.end());
  j->left = left;
  j->right = right;
  j->join = kind;
  j->method = method;
  j->condition = MakeAnd(terms);
  if (method != JoinMethod::kNestLoop) ExtractHashKeys(j.get(), static_cast<int>(left->output.size()));
  return j;
}

/// The terms with every `right = left` key equality turned round, as create_hashjoin_plan's
/// get_switched_clauses prints them: outer side first.
std::vector<BoundExprPtr> OuterFirst(const std::vector<BoundExprPtr>& terms, int left_width) {
  std::vector<BoundExprPtr> out;
  for (const auto& t : terms) {
    if (t->kind == BoundKind::kCompare && static_cast<CompareOp>(t->op) == CompareOp::kEq) {
      auto a = ColumnSpan(*t->args[0]);
      auto b = ColumnSpan(*t->args[1]);
      if (a.first >= left_width && b.first >= 0 && b.second < left_width) {
        auto flipped = std::make_shared<BoundExpr>(*t);
        std::swap(flipped->args[0], flipped->args[1]);
        out.push_back(flipped);
        continue;
      }
    }
    out.push_back(t);
  }
  return out;
}

/// Types whose values CompareValues orders as the type's btree opclass does.
bool Sortable(TypeId t) {
  switch (t) {
    case TypeId::kBool:
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
    case TypeId::kFloat4:
    case TypeId::kFloat8:
    case TypeId::kNumeric:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kName:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kInterval:
      return true;
    default:
      return false;
  }
}

/// An input of a merge join on `keys`: already in that order (an ordered index scan of a base table), or
/// sorted.
PlanPtr SortedInput(const JoinInput& in, const std::vector<BoundExprPtr>& keys, PlanEstimator* estimator,
                    std::vector<PlanPtr>* created) {
  std::vector<SortKey> sort_keys;
  for (const auto& k : keys) sort_keys.push_back(SortKey{k, false, false});
  // Only integer keys are taken from an index's order: their key encoding orders as CompareValues does.
  bool integers = true;
  for (const auto& k : keys) {
    const TypeId t = k->type.id;
    integers = integers && (t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8);
  }
  auto sort = std::make_shared<SortPlan>();
  sort->output = in.plan->output;
  sort->child = in.plan;
  sort->keys = sort_keys;
  PlanPtr ordered = in.scan && integers ? OrderedIndexScan(*in.scan, sort_keys) : nullptr;
  if (ordered && estimator->Estimate(*ordered).cost.total < estimator->Estimate(*sort).cost.total) {
    estimator->Forget(*sort);
    created->push_back(ordered);
    return ordered;
  }
  if (ordered) estimator->Forget(*ordered);
  created->push_back(sort);
  return sort;
}

/// The best plan so far and the nodes made for it.
struct Candidate {
  PlanPtr plan;
  std::vector<PlanPtr> created;
};

class JoinChooser {
 public:
  explicit JoinChooser(PlanEstimator* estimator) : estimator_(estimator) {}

  /// Keeps `plan` if it is cheaper than the best so far; forgets the loser's estimates.
  void Offer(PlanPtr plan, std::vector<PlanPtr> created) {
    created.push_back(plan);
    const double cost = estimator_->Estimate(*plan).cost.total;
    if (best_.plan && cost >= best_cost_) {
      Drop(created);
      return;
    }
    if (best_.plan) Drop(best_.created);
    best_ = Candidate{std::move(plan), std::move(created)};
    best_cost_ = cost;
  }

  Candidate Take() { return std::move(best_); }

 private:
  void Drop(const std::vector<PlanPtr>& nodes) {
    for (const auto& n : nodes) estimator_->Forget(*n);
  }

  PlanEstimator* estimator_;
  Candidate best_;
  double best_cost_ = 0;
};

}  // namespace

PlanPtr CheapestJoin(const JoinInput& left, const JoinInput& right, JoinKind kind,
                     const std::vector<BoundExprPtr>& terms, PlanEstimator* estimator, std::vector<PlanPtr>* created) {
  const int left_width = static_cast<int>(left.plan->output.size());
  const std::vector<BoundExprPtr> switched = OuterFirst(terms, left_width);
  JoinChooser chooser(estimator);
  auto hash = NewJoin(left.plan, right.plan, kind, switched, JoinMethod::kHash);
  const bool has_keys = !hash->left_keys.empty();
  size_t reading = 0;  // terms reading columns: all must be keys for a FULL merge join
  for (const auto& t : terms) reading += ColumnSpan(*t).first >= 0 ? 1 : 0;
  const bool all_keys = reading == hash->left_keys.size();
  if (has_keys) {
    chooser.Offer(hash, {});
  } else if (kind == JoinKind::kFull && !all_keys) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions");
  }
  // nodeNestloop.c cannot keep unmatched inner rows: a RIGHT join runs the other way round instead. A FULL
  // join without keys (ON TRUE) has no other method.
  if (kind == JoinKind::kInner || kind == JoinKind::kLeft || (kind == JoinKind::kFull && !has_keys)) {
    chooser.Offer(NewJoin(left.plan, right.plan, kind, terms, JoinMethod::kNestLoop), {});
  }
  if (right.scan && (kind == JoinKind::kInner || kind == JoinKind::kLeft)) {
    if (PlanPtr nl = IndexNestedLoop(*NewJoin(left.plan, right.scan, kind, terms, JoinMethod::kNestLoop))) {
      chooser.Offer(nl, {nl->As<IndexNestedLoopPlan>().inner});
    }
  }
  bool mergeable = has_keys && (kind != JoinKind::kFull || all_keys);
  for (size_t i = 0; mergeable && i < hash->left_keys.size(); ++i) {
    const TypeId lt = hash->left_keys[i]->type.id;
    mergeable = lt == hash->right_keys[i]->type.id && Sortable(lt);
  }
  if (mergeable) {
    std::vector<PlanPtr> made;
    PlanPtr l = SortedInput(left, hash->left_keys, estimator, &made);
    PlanPtr r = SortedInput(right, hash->right_keys, estimator, &made);
    chooser.Offer(NewJoin(l, r, kind, switched, JoinMethod::kMerge), std::move(made));
  }
  Candidate best = chooser.Take();
  created->insert(created->end(), best.created.begin(), best.created.end());
  return best.plan;
}

}  // namespace lumadb::planner
