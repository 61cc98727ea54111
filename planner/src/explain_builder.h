#pragma once
// Builds EXPLAIN's tree of ExplainNodes from a plan (commands/explain.c ExplainNode): PostgreSQL's node
// names, properties and child relationships; Filter and Project nodes fold into the node below them, as
// PostgreSQL has no such nodes. Private to the planner: explain.cpp and explain_describe.cpp.
#include <algorithm>
#include <cstdio>

#include "builtins.h"
#include "deparse.h"
#include "explain_refnames.h"
#include "explain_tree.h"
#include "plan_util.h"
#include "planner/cte_plan.h"
#include "planner/plan.h"
#include "planner/window_plan.h"
#include "subplan_names.h"

namespace lumadb::planner::explain_detail {

/// The AND of terms as EXPLAIN shows it ("" for none).
std::string CompareTermsText(const std::vector<BoundExprPtr>& terms, bool qualify, const SubplanNames* names);
/// True if a and b are the same equality, either way round.
bool SameEquality(const BoundExpr& a, const BoundExpr& b);
/// explain.c's "Join Type": Inner, Left, Right, Full, Semi, Anti.
const char* JoinTypeName(JoinKind k);
/// The INSERT, UPDATE or DELETE part of a modify node.
const ModifyCommon& Modify(const PlanNode& p);

/// Builds the ExplainNode tree of one plan for one set of options (and format).
class Explainer {
 public:
  Explainer(const PlanNode& root, const ExplainOptions& options, const ActualsLookup& actuals)
      : options_(options),
        actuals_(actuals),
        qualify_(options.verbose || ExplainRefNames::CountRelations(root) > 1),
        names_(root),
        refnames_(root) {
    // Top down first: a Limit tells the Sort below it its bound before the Sort is estimated.
    if (options.costs) estimates_.Estimate(root);
  }

  /// The ExplainNode of p. `folded` are the Filter and Project nodes above p that PostgreSQL folds into p
  /// (outermost first): the outermost one's estimate and actual figures are those shown.
  ExplainNode Node(const PlanNode& p, std::vector<const PlanNode*> folded = {}, std::vector<TreeProp> extra = {});

 private:
  ExplainNode Child(const PlanNode& p, const std::string& relationship, const std::string& subplan_name) {
    ExplainNode c = Node(p);
    c.relationship = relationship;
    c.subplan_name = subplan_name;
    return c;
  }
  // A node that exists only in the output (Hash, the Append under a HashSetOp) over `inputs`.
  ExplainNode Synthetic(const std::string& type, const std::vector<const PlanNode*>& inputs, const char* role);
  // ANALYZE's figures of the node shown for p (the outermost folded one) and p's own extra lines.
  void Measure(const PlanNode& shown, const PlanNode& p, ExplainNode* n);
  // The executor-reported lines of a node (`where` empty) or of the synthetic node named `where`.
  void AddDetails(const NodeActuals& a, const std::string& where, ExplainNode* n);
  // VERBOSE's "Output" of a node (explain_output.cpp).
  std::vector<std::string> OutputOf(const PlanNode& p);
  std::vector<std::string> PartialStates(const AggregatePlan& partial);
  // A qual line and, under ANALYZE, the rows it removed per loop (text: only when some were). A scan's
  // quals name columns without their relation unless VERBOSE (show_scan_qual); upper nodes' do when the
  // plan reads several relations (show_upper_qual).
  void Qual(std::vector<TreeProp>* props, const char* label, const BoundExprPtr& e, const PlanNode& counted,
            const char* removed_label, bool scan) {
    if (!e) return;
    props->push_back(
        TreeProp{ExplainProp::Text(label, Deparse(*e, scan ? options_.verbose : qualify_, &names_)), false});
    Removed(props, counted, removed_label);
  }
  void Removed(std::vector<TreeProp>* props, const PlanNode& counted, const char* label);
  // True when p, below the Filter and Project nodes folded into it, is a scan (its quals are scan quals).
  static bool IsScan(const PlanNode& p);
  void Text(ExplainNode* n, const char* label, std::string value) {
    n->props.push_back(TreeProp{ExplainProp::Text(label, std::move(value)), false});
  }
  void Head(ExplainNode* n, const std::string& type, const std::string& text_name) {
    n->head.push_back(ExplainProp::Text("Node Type", type));
    n->text_name = text_name;
  }
  // ExplainTargetRel: " on name [refname]" in text; the object's tag, Schema (VERBOSE) and Alias else.
  void Target(ExplainNode* n, const PlanNode& p, const char* tag, const std::string& object,
              const std::string& schema = "");
  void Describe(const PlanNode& p, ExplainNode* n);
  void DescribeJoin(const JoinPlan& j, ExplainNode* n);
  bool Materialized(const JoinPlan& j);
  void DescribeModify(const PlanNode& p, ExplainNode* n);
  void DescribeAggregate(const AggregatePlan& a, ExplainNode* n);
  std::string IndexCondText(const std::vector<BoundExprPtr>& conds);
  std::vector<std::string> Exprs(const std::vector<BoundExprPtr>& exprs) {
    std::vector<std::string> out;
    for (const auto& e : exprs) out.push_back(Deparse(*e, qualify_, &names_));
    return out;
  }
  // Keeps the subqueries of a node PostgreSQL folds into the next one shown (Filter, Project).
  void Pend(const PlanNode& p) {
    auto subs = SubplanNames::Of(p);
    pending_.insert(pending_.end(), subs.begin(), subs.end());
  }
  // The InitPlans (before the children, init true) or SubPlans (after them) of a node (ExplainSubPlans).
  void Subplans(const std::vector<const BoundExpr*>& subplans, bool init, ExplainNode* n) {
    for (const BoundExpr* e : subplans) {
      if (SubplanNames::IsInitPlan(*e) != init) continue;
      n->children.push_back(Child(*e->subplan, init ? "InitPlan" : "SubPlan", names_.Label(*e)));
    }
  }

  const ExplainOptions& options_;
  const ActualsLookup& actuals_;
  bool qualify_;
  SubplanNames names_;
  ExplainRefNames refnames_;
  std::vector<const BoundExpr*> pending_;
  std::vector<std::shared_ptr<const CteDef>> ctes_;  // init_ctes of nodes folded into the next one shown
  PlanEstimator estimates_;
  bool inl_inner_ = false;  // while describing an index nested loop's inner scan
};

}  // namespace lumadb::planner::explain_detail
