// EXPLAIN's entry points (commands/explain.c ExplainPrintPlan, ExplainOnePlan): the tree of
// explain_builder.h printed by explain_format.cpp, and the builder's helpers.
#include "explain_builder.h"

namespace lumadb::planner {

namespace explain_detail {

std::string CompareTermsText(const std::vector<BoundExprPtr>& terms, bool qualify, const SubplanNames* names) {
  auto all = MakeAnd(terms);
  return all ? Deparse(*all, qualify, names) : "";
}

// True if a and b are the same equality, either way round.
bool SameEquality(const BoundExpr& a, const BoundExpr& b) {
  if (ExprEquals(a, b)) return true;
  return a.kind == BoundKind::kCompare && b.kind == BoundKind::kCompare && a.op == b.op &&
         static_cast<CompareOp>(a.op) == CompareOp::kEq && ExprEquals(*a.args[0], *b.args[1]) &&
         ExprEquals(*a.args[1], *b.args[0]);
}

const char* JoinTypeName(JoinKind k) {
  switch (k) {
    case JoinKind::kLeft:
      return "Left";
    case JoinKind::kRight:
      return "Right";
    case JoinKind::kFull:
      return "Full";
    case JoinKind::kSemi:
      return "Semi";
    case JoinKind::kAnti:
      return "Anti";
    case JoinKind::kInner:
      break;
  }
  return "Inner";
}

const ModifyCommon& Modify(const PlanNode& p) {
  if (p.kind == PlanKind::kInsert) return p.As<InsertPlan>();
  if (p.kind == PlanKind::kUpdate) return p.As<UpdatePlan>();
  return p.As<DeletePlan>();
}

ExplainNode Explainer::Node(const PlanNode& p, std::vector<const PlanNode*> folded, std::vector<TreeProp> extra) {
  ctes_.insert(ctes_.end(), p.init_ctes.begin(), p.init_ctes.end());
  Pend(p);
  if (p.kind == PlanKind::kFilter || p.kind == PlanKind::kProject) {
    folded.push_back(&p);
    if (p.kind == PlanKind::kFilter) {
      std::vector<TreeProp> filter;
      Qual(&filter, "Filter", p.As<FilterPlan>().predicate, p, "Rows Removed by Filter", IsScan(p));
      extra.insert(extra.begin(), filter.begin(), filter.end());
      return Node(*p.As<FilterPlan>().child, folded, extra);
    }
    return Node(*p.As<ProjectPlan>().child, folded, extra);
  }
  const PlanNode& shown = folded.empty() ? p : *folded.front();
  std::vector<const BoundExpr*> subplans = std::move(pending_);
  pending_.clear();
  std::vector<std::shared_ptr<const CteDef>> ctes = std::move(ctes_);
  ctes_.clear();
  ExplainNode n;
  // The WITH queries come first among the InitPlans, as SS_process_ctes plans them first.
  for (const auto& cte : ctes) n.children.push_back(Child(*cte->plan, "InitPlan", "CTE " + cte->name));
  Subplans(subplans, true, &n);
  Describe(p, &n);
  Subplans(subplans, false, &n);
  n.props.insert(n.props.end(), extra.begin(), extra.end());
  if (options_.costs) n.estimate = estimates_.Estimate(shown);
  if (options_.verbose) n.output = OutputOf(shown);
  Measure(shown, p, &n);
  return n;
}

ExplainNode Explainer::Synthetic(const std::string& type, const std::vector<const PlanNode*>& inputs,
                                 const char* role) {
  ExplainNode n;
  n.text_name = type;
  n.head.push_back(ExplainProp::Text("Node Type", type));
  NodeEstimate e = estimates_.Estimate(*inputs[0]);
  NodeActuals a;
  bool any = false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (i > 0) {
      const NodeEstimate& more = estimates_.Estimate(*inputs[i]);
      e.cost.total += more.cost.total;
      e.rows += more.rows;
    }
    if (const NodeActuals* m = actuals_ ? actuals_(*inputs[i]) : nullptr) {
      if (!any) a.startup_ms = m->startup_ms;
      any = true;
      a.total_ms += m->total_ms;
      a.rows += m->rows;
      a.loops = std::max(a.loops, m->loops);
    }
    n.children.push_back(Child(*inputs[i], role, ""));
  }
  if (type == "Hash") e.cost.startup = e.cost.total;  // the whole input is read before the first row
  // Materialize stores its input as it goes (cost_material: two operators per row).
  if (type == "Materialize") e.cost.total += 2 * kCpuOperatorCost * e.rows;
  if (options_.costs) n.estimate = e;
  if (options_.verbose) n.output = OutputOf(*inputs[0]);
  n.analyzed = options_.analyze;
  if (any) n.actuals = a;
  return n;
}

void Explainer::Measure(const PlanNode& shown, const PlanNode& p, ExplainNode* n) {
  if (!options_.analyze || !actuals_) return;
  n->analyzed = true;
  if (const NodeActuals* a = actuals_(shown)) n->actuals = *a;
  if (const NodeActuals* own = actuals_(p)) AddDetails(*own, "", n);
}

bool Explainer::IsScan(const PlanNode& p) {
  switch (p.kind) {
    case PlanKind::kFilter:
      return IsScan(*p.As<FilterPlan>().child);
    case PlanKind::kProject:
      return IsScan(*p.As<ProjectPlan>().child);
    case PlanKind::kSeqScan:
    case PlanKind::kIndexScan:
    case PlanKind::kFunctionScan:
    case PlanKind::kValues:
    case PlanKind::kCteScan:
    case PlanKind::kWorkTableScan:
      return true;
    default:
      return false;
  }
}

void Explainer::AddDetails(const NodeActuals& a, const std::string& where, ExplainNode* n) {
  for (const auto& d : a.details) {
    if (d.node != where) continue;
    if (options_.format == ExplainFormat::kText) {
      n->props.push_back(TreeProp{ExplainProp::Text("", d.text), true});
    } else {
      for (const auto& p : d.props) n->props.push_back(TreeProp{p, false});
    }
  }
}

void Explainer::Removed(std::vector<TreeProp>* props, const PlanNode& counted, const char* label) {
  if (!options_.analyze) return;
  const NodeActuals* a = actuals_ ? actuals_(counted) : nullptr;
  // Text shows a count only when some rows were removed, even if the per-loop figure rounds to 0.
  if ((!a || a->filtered1 <= 0) && options_.format == ExplainFormat::kText) return;
  const double removed = a && a->loops > 0 ? a->filtered1 / a->loops : 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f", removed);
  props->push_back(TreeProp{ExplainProp::Number(label, buf), false});
}

void Explainer::Target(ExplainNode* n, const PlanNode& p, const char* tag, const std::string& object,
                       const std::string& schema) {
  const std::string ref = refnames_.Of(p, object);
  n->text_name += " on";
  if (options_.verbose && !schema.empty()) {
    n->text_name += " " + QuoteIdent(schema) + "." + QuoteIdent(object);
  } else if (tag) {
    n->text_name += " " + QuoteIdent(object);
  }
  if (!tag || ref != object) n->text_name += " " + QuoteIdent(ref);
  if (tag) n->target.push_back(ExplainProp::Text(tag, object));
  if (options_.verbose && !schema.empty()) n->target.push_back(ExplainProp::Text("Schema", schema));
  n->target.push_back(ExplainProp::Text("Alias", ref));
}

}  // namespace explain_detail

std::vector<std::string> ExplainText(const PlanNode& plan, const ExplainOptions& options,
                                     const ActualsLookup& actuals) {
  ExplainOptions text = options;
  text.format = ExplainFormat::kText;
  explain_detail::Explainer explainer(plan, text, actuals);
  return FormatExplainText(explainer.Node(plan), text);
}

std::vector<std::string> ExplainDocument(const PlanNode& plan, const ExplainOptions& options,
                                         const ActualsLookup& actuals, const ExplainSummary& summary) {
  explain_detail::Explainer explainer(plan, options, actuals);
  return FormatExplain(explainer.Node(plan), options, summary);
}

}  // namespace lumadb::planner
