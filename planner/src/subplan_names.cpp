#include "subplan_names.h"

#include "planner/cte_plan.h"
#include "planner/window_plan.h"

namespace lumadb::planner {

namespace {

// Appends the subqueries of e (e itself included) to out, outermost first.
void Collect(const BoundExprPtr& e, std::vector<const BoundExpr*>* out) {
  if (!e) return;
  if (e->kind == BoundKind::kSubquery) out->push_back(e.get());
  for (const auto& a : e->args) Collect(a, out);
}

void CollectAll(const std::vector<BoundExprPtr>& exprs, std::vector<const BoundExpr*>* out) {
  for (const auto& e : exprs) Collect(e, out);
}

void CollectModify(const ModifyCommon& m, std::vector<const BoundExpr*>* out) {
  for (const auto& c : m.checks) Collect(c.expr, out);
  CollectAll(m.returning, out);
}

}  // namespace

std::vector<const PlanNode*> SubplanNames::Inputs(const PlanNode& p) {
  switch (p.kind) {
    case PlanKind::kFilter:
      return {p.As<FilterPlan>().child.get()};
    case PlanKind::kProject:
      return {p.As<ProjectPlan>().child.get()};
    case PlanKind::kProjectSet:
      return {p.As<ProjectSetPlan>().child.get()};
    case PlanKind::kJoin:
      return {p.As<JoinPlan>().left.get(), p.As<JoinPlan>().right.get()};
    case PlanKind::kIndexNestedLoop:
      return {p.As<IndexNestedLoopPlan>().outer.get(), p.As<IndexNestedLoopPlan>().inner.get()};
    case PlanKind::kAggregate:
      return {p.As<AggregatePlan>().child.get()};
    case PlanKind::kWindowAgg:
      return {p.As<WindowAggPlan>().child.get()};
    case PlanKind::kRecursiveUnion:
      return {p.As<RecursiveUnionPlan>().non_recursive.get(), p.As<RecursiveUnionPlan>().recursive.get()};
    case PlanKind::kSort:
      return {p.As<SortPlan>().child.get()};
    case PlanKind::kLimit:
      return {p.As<LimitPlan>().child.get()};
    case PlanKind::kDistinct:
      return {p.As<DistinctPlan>().child.get()};
    case PlanKind::kSetOp:
      return {p.As<SetOpPlan>().left.get(), p.As<SetOpPlan>().right.get()};
    case PlanKind::kInsert:
      return {p.As<InsertPlan>().child.get()};
    case PlanKind::kUpdate:
      return {p.As<UpdatePlan>().child.get()};
    case PlanKind::kDelete:
      return {p.As<DeletePlan>().child.get()};
    case PlanKind::kGather:
      return {p.As<GatherPlan>().child.get()};
    default:
      return {};
  }
}

std::vector<const BoundExpr*> SubplanNames::Of(const PlanNode& p) {
  std::vector<const BoundExpr*> out;
  switch (p.kind) {
    case PlanKind::kValues:
      for (const auto& row : p.As<ValuesPlan>().rows) CollectAll(row, &out);
      break;
    case PlanKind::kSeqScan:
      Collect(p.As<SeqScanPlan>().qual, &out);
      break;
    case PlanKind::kIndexScan:
      Collect(p.As<IndexScanPlan>().qual, &out);
      break;
    case PlanKind::kFunctionScan:
      CollectAll(p.As<FunctionScanPlan>().args, &out);
      break;
    case PlanKind::kFilter:
      Collect(p.As<FilterPlan>().predicate, &out);
      break;
    case PlanKind::kProject:
      CollectAll(p.As<ProjectPlan>().exprs, &out);
      break;
    case PlanKind::kProjectSet:
      for (const auto& f : p.As<ProjectSetPlan>().functions) CollectAll(f->args, &out);
      break;
    case PlanKind::kJoin:
      Collect(p.As<JoinPlan>().condition, &out);
      break;
    case PlanKind::kIndexNestedLoop:
      Collect(p.As<IndexNestedLoopPlan>().condition, &out);
      break;
    case PlanKind::kAggregate:
      CollectAll(p.As<AggregatePlan>().groups, &out);
      for (const auto& a : p.As<AggregatePlan>().aggregates) Collect(a.arg, &out);
      break;
    case PlanKind::kSort:
      for (const auto& k : p.As<SortPlan>().keys) Collect(k.expr, &out);
      break;
    case PlanKind::kWindowAgg: {
      const auto& w = p.As<WindowAggPlan>();
      CollectAll(w.partition, &out);
      for (const auto& k : w.order) Collect(k.expr, &out);
      for (const auto& c : w.calls) {
        CollectAll(c.args, &out);
        Collect(c.filter, &out);
      }
      break;
    }
    case PlanKind::kLimit:
      Collect(p.As<LimitPlan>().limit, &out);
      Collect(p.As<LimitPlan>().offset, &out);
      break;
    case PlanKind::kInsert:
      CollectModify(p.As<InsertPlan>(), &out);
      break;
    case PlanKind::kUpdate:
      CollectAll(p.As<UpdatePlan>().values, &out);
      CollectModify(p.As<UpdatePlan>(), &out);
      break;
    case PlanKind::kDelete:
      CollectModify(p.As<DeletePlan>(), &out);
      break;
    case PlanKind::kDistinct:
    case PlanKind::kSetOp:
    case PlanKind::kRecursiveUnion:
    case PlanKind::kWorkTableScan:
    case PlanKind::kCteScan:
    case PlanKind::kGather:
      break;
  }
  return out;
}

SubplanNames::SubplanNames(const PlanNode& root) {
  Number(root);
}

bool SubplanNames::IsInitPlan(const BoundExpr& e) {
  const auto kind = static_cast<SubqueryKind>(e.op);
  return e.param_ids.empty() &&
         (kind == SubqueryKind::kScalar || kind == SubqueryKind::kExists || kind == SubqueryKind::kArray);
}

bool SubplanNames::Hashed(const BoundExpr& e) {
  return e.param_ids.empty() && static_cast<SubqueryKind>(e.op) == SubqueryKind::kAny &&
         static_cast<CompareOp>(e.column) == CompareOp::kEq;
}

void SubplanNames::Number(const PlanNode& node) {
  // A level's WITH queries are planned first (SS_process_ctes); each takes a subplan number and a param.
  for (const auto& cte : node.init_ctes) {
    Number(*cte->plan);
    ++next_number_;
    ++next_param_;
  }
  // A subquery's own subqueries are planned, and so numbered, before it.
  for (const BoundExpr* e : Of(node)) {
    Number(*e->subplan);
    Name name{next_number_++, -1};
    if (IsInitPlan(*e)) name.param = next_param_++;
    // PostgreSQL gives each outer column one parameter; a slot re-exported from a further level is not new.
    for (size_t i = e->args.size() - e->param_ids.size(); i < e->args.size(); ++i) {
      if (e->args[i]->kind != BoundKind::kExecParam) ++next_param_;
    }
    names_[e] = name;
  }
  for (const PlanNode* child : Inputs(node)) Number(*child);
}

std::string SubplanNames::Label(const BoundExpr& e) const {
  auto it = names_.find(&e);
  if (it == names_.end()) return "SubPlan";
  const Name& n = it->second;
  if (n.param >= 0) return "InitPlan " + std::to_string(n.number) + " (returns $" + std::to_string(n.param) + ")";
  return "SubPlan " + std::to_string(n.number);
}

std::string SubplanNames::Reference(const BoundExpr& e) const {
  auto it = names_.find(&e);
  if (it == names_.end()) return "(SubPlan)";
  const Name& n = it->second;
  std::string ref = n.param >= 0 ? "$" + std::to_string(n.param)
                                 : (Hashed(e) ? "(hashed SubPlan " : "(SubPlan ") + std::to_string(n.number) + ")";
  return e.negated ? "(NOT " + ref + ")" : ref;
}

}  // namespace lumadb::planner
