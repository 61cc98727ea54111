// ruleutils.c set_rtable_names for EXPLAIN: see explain_refnames.h.
#include "explain_refnames.h"

#include "planner/cte_plan.h"
#include "planner/window_plan.h"
#include "subplan_names.h"

namespace lumadb::planner {

ExplainRefNames::ExplainRefNames(const PlanNode& root) {
  std::vector<const PlanNode*> later;
  Walk(root, &later);
  for (size_t i = 0; i < later.size(); ++i) Walk(*later[i], &later);
}

void ExplainRefNames::Walk(const PlanNode& p, std::vector<const PlanNode*>* later) {
  for (const auto& cte : p.init_ctes) later->push_back(cte->plan.get());
  for (const BoundExpr* e : SubplanNames::Of(p)) later->push_back(e->subplan.get());
  switch (p.kind) {
    case PlanKind::kSeqScan:
    case PlanKind::kIndexScan: {
      const auto& table = p.kind == PlanKind::kSeqScan ? p.As<SeqScanPlan>().table : p.As<IndexScanPlan>().table;
      const bool rid = p.kind == PlanKind::kSeqScan ? p.As<SeqScanPlan>().emit_rid : p.As<IndexScanPlan>().emit_rid;
      const std::string& alias = p.kind == PlanKind::kSeqScan ? p.As<SeqScanPlan>().alias : p.As<IndexScanPlan>().alias;
      if (rid && target_ && target_->table->oid == table->oid) {
        names_[&p] = target_name_;
      } else {
        Name(p, alias.empty() ? table->name : alias);
      }
      break;
    }
    case PlanKind::kFunctionScan:
      Name(p, p.As<FunctionScanPlan>().alias);
      break;
    case PlanKind::kValues:
      if (p.As<ValuesPlan>().rows.size() > 1) Name(p, "*VALUES*");
      break;
    case PlanKind::kCteScan: {
      const auto& c = p.As<CteScanPlan>();
      Name(p, c.alias.empty() ? c.cte->name : c.alias);
      break;
    }
    case PlanKind::kWorkTableScan: {
      const auto& w = p.As<WorkTableScanPlan>();
      Name(p, w.alias.empty() ? w.cte_name : w.alias);
      break;
    }
    case PlanKind::kInsert:
    case PlanKind::kUpdate:
    case PlanKind::kDelete: {
      const ModifyCommon& m = p.kind == PlanKind::kInsert   ? static_cast<const ModifyCommon&>(p.As<InsertPlan>())
                              : p.kind == PlanKind::kUpdate ? static_cast<const ModifyCommon&>(p.As<UpdatePlan>())
                                                            : static_cast<const ModifyCommon&>(p.As<DeletePlan>());
      Name(p, m.alias.empty() ? m.table->name : m.alias);
      if (p.kind != PlanKind::kInsert) {
        target_ = &m;
        target_name_ = names_[&p];
      }
      break;
    }
    default:
      break;
  }
  for (const PlanNode* c : SubplanNames::Inputs(p)) Walk(*c, later);
}

// set_rtable_names: a name taken gets the first free "<name>_<n>", counting from its last suffix.
void ExplainRefNames::Name(const PlanNode& node, const std::string& refname) {
  std::string name = refname;
  if (auto it = counters_.find(refname); it != counters_.end()) {
    do {
      name = refname + "_" + std::to_string(++it->second);
    } while (counters_.count(name));
  }
  counters_[name] = 0;
  names_[&node] = name;
}

std::string ExplainRefNames::Of(const PlanNode& node, const std::string& plain) const {
  auto it = names_.find(&node);
  return it == names_.end() ? plain : it->second;
}

int ExplainRefNames::CountRelations(const PlanNode& p) {
  switch (p.kind) {
    case PlanKind::kSeqScan:
    case PlanKind::kIndexScan:
    case PlanKind::kFunctionScan:
    case PlanKind::kWorkTableScan:
    case PlanKind::kCteScan:
      return 1;
    case PlanKind::kValues:
      return p.As<ValuesPlan>().rows.size() > 1 ? 1 : 0;
    default: {
      int n = 0;
      for (const PlanNode* c : SubplanNames::Inputs(p)) n += CountRelations(*c);
      return n;
    }
  }
}

}  // namespace lumadb::planner
