#pragma once
// EXPLAIN's names of a plan's subqueries (private to the planner), as PostgreSQL's subselect.c numbers its
// SubPlans and InitPlans: in planning order, a subquery's own subqueries before it, the select list before
// WHERE. An uncorrelated scalar, EXISTS or ARRAY subquery is an InitPlan whose value reads "$k"; the rest
// are SubPlans, shown as "(SubPlan n)".

#include <map>
#include <string>
#include <vector>

#include "planner/plan.h"

namespace lumadb::planner {

class SubplanNames {
 public:
  /// Numbers the subqueries of `root` and of their subplans, recursively.
  explicit SubplanNames(const PlanNode& root);

  /// The subqueries in node's own expressions (outside other subqueries' subplans), in order.
  static std::vector<const BoundExpr*> Of(const PlanNode& node);

  /// The inputs of a plan node (not its subqueries), in EXPLAIN's order: outer before inner.
  static std::vector<const PlanNode*> Inputs(const PlanNode& node);

  /// True for an uncorrelated scalar, EXISTS or ARRAY subquery (PostgreSQL's InitPlan).
  static bool IsInitPlan(const BoundExpr& subquery);

  /// True for an uncorrelated `x IN (subquery)`, which exec looks up in the sorted rows instead of scanning
  /// them (PostgreSQL's hashed SubPlan).
  static bool Hashed(const BoundExpr& subquery);

  /// The heading of a subquery's plan: "SubPlan 2", "InitPlan 1 (returns $0)".
  std::string Label(const BoundExpr& subquery) const;

  /// How an expression reads the subquery's result: "(SubPlan 2)", "(NOT (SubPlan 2))", "$0".
  std::string Reference(const BoundExpr& subquery) const;

 private:
  void Number(const PlanNode& node);

  struct Name {
    int number = 0;
    int param = -1;  // InitPlans: the $k they return
  };
  std::map<const BoundExpr*, Name> names_;
  int next_number_ = 1;
  int next_param_ = 0;
};

}  // namespace lumadb::planner
