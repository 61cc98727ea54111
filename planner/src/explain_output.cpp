// EXPLAIN VERBOSE's "Output" of each node (explain.c show_plan_tlist): the expressions a node returns,
// qualified with the relations' EXPLAIN names. Nodes that pass their input's rows on (Sort, Limit, Unique,
// a Filter) show their input's list; a join shows its outer then inner input's; modify nodes without
// RETURNING show none.
#include "explain_builder.h"
#include "planner/function_registry.h"

namespace lumadb::planner::explain_detail {

namespace {

std::vector<std::string> Qualified(const std::string& relation, const PlanNode& p) {
  std::vector<std::string> out;
  for (const auto& c : p.output) out.push_back(QuoteIdent(relation) + "." + QuoteIdent(c.name));
  return out;
}

}  // namespace

std::vector<std::string> Explainer::OutputOf(const PlanNode& p) {
  auto concat = [](std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  switch (p.kind) {
    case PlanKind::kSeqScan:
    case PlanKind::kIndexScan: {
      const auto& table = p.kind == PlanKind::kSeqScan ? p.As<SeqScanPlan>().table : p.As<IndexScanPlan>().table;
      std::vector<std::string> out = Qualified(refnames_.Of(p, table->name), p);
      // UPDATE and DELETE read the row's address as the scan's last column.
      if (out.size() > table->columns.size()) out.back() = refnames_.Of(p, table->name) + ".ctid";
      return out;
    }
    case PlanKind::kFunctionScan:
      return Qualified(refnames_.Of(p, p.As<FunctionScanPlan>().alias), p);
    case PlanKind::kCteScan:
      return Qualified(refnames_.Of(p, p.As<CteScanPlan>().cte->name), p);
    case PlanKind::kWorkTableScan:
      return Qualified(refnames_.Of(p, p.As<WorkTableScanPlan>().cte_name), p);
    case PlanKind::kValues: {
      const auto& v = p.As<ValuesPlan>();
      if (v.rows.size() > 1) return Qualified("*VALUES*", p);
      return v.rows.empty() ? std::vector<std::string>{} : Exprs(v.rows.front());
    }
    case PlanKind::kProject:
      return Exprs(p.As<ProjectPlan>().exprs);
    case PlanKind::kFilter:
      return OutputOf(*p.As<FilterPlan>().child);
    case PlanKind::kSort: {
      const PlanNode& child = *p.As<SortPlan>().child;
      if (child.kind == PlanKind::kAggregate && child.As<AggregatePlan>().partial) {
        return PartialStates(child.As<AggregatePlan>());  // the Sort below a Gather Merge
      }
      return OutputOf(child);
    }
    case PlanKind::kLimit:
      return OutputOf(*p.As<LimitPlan>().child);
    case PlanKind::kDistinct:
      return OutputOf(*p.As<DistinctPlan>().child);
    case PlanKind::kJoin: {
      const auto& j = p.As<JoinPlan>();
      std::vector<std::string> out = OutputOf(*j.left);
      if (j.join == JoinKind::kSemi || j.join == JoinKind::kAnti) return out;
      return concat(std::move(out), OutputOf(*j.right));
    }
    case PlanKind::kIndexNestedLoop:
      return concat(OutputOf(*p.As<IndexNestedLoopPlan>().outer), OutputOf(*p.As<IndexNestedLoopPlan>().inner));
    case PlanKind::kAggregate: {
      const auto& a = p.As<AggregatePlan>();
      std::vector<std::string> out = Exprs(a.groups);
      for (const auto& spec : a.aggregates) {
        std::string call =
            std::string(a.partial ? "PARTIAL " : "") + spec.func->name + "(" + (spec.distinct ? "DISTINCT " : "");
        out.push_back(call + (spec.arg ? Deparse(*spec.arg, qualify_, &names_) : "*") + ")");
      }
      return out;
    }
    case PlanKind::kGather: {
      const PlanNode& child = *p.As<GatherPlan>().child;
      return child.kind == PlanKind::kAggregate ? PartialStates(child.As<AggregatePlan>()) : OutputOf(child);
    }
    case PlanKind::kInsert:
    case PlanKind::kUpdate:
    case PlanKind::kDelete:
      return Exprs(Modify(p).returning);
    default: {
      std::vector<std::string> out;
      for (const auto& c : p.output) out.push_back(QuoteIdent(c.name));
      return out;
    }
  }
}

// The partial states pass through the nodes above a Partial Aggregate (a Gather Merge's Sort, the Gather) as
// its expressions, parenthesized (references to its output, as ruleutils.c prints them).
std::vector<std::string> Explainer::PartialStates(const AggregatePlan& partial) {
  std::vector<std::string> out = OutputOf(partial);
  for (size_t i = partial.groups.size(); i < out.size(); ++i) out[i] = "(" + out[i] + ")";
  return out;
}

}  // namespace lumadb::planner::explain_detail
