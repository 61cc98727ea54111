#pragma once
// The names EXPLAIN gives the relations a plan reads (ruleutils.c set_rtable_names): each relation's alias
// or name, made unique by appending "_1", "_2"... to a name already taken. Private to the planner.

#include <map>
#include <set>
#include <string>

#include "planner/plan.h"

namespace lumadb::planner {

class ExplainRefNames {
 public:
  /// Names the relations of `root`: its own plan first, then the WITH queries and subqueries in the order
  /// they are met (PostgreSQL flattens the subplans' range tables after the top query's).
  explicit ExplainRefNames(const PlanNode& root);

  /// The unique name of a scan or modified table node; its plain name for nodes not named here.
  std::string Of(const PlanNode& node, const std::string& plain) const;

  /// The number of relations the plan reads: explain.c qualifies column names when there is more than one.
  static int CountRelations(const PlanNode& plan);

 private:
  void Walk(const PlanNode& node, std::vector<const PlanNode*>* later);
  void Name(const PlanNode& node, const std::string& refname);

  std::map<const PlanNode*, std::string> names_;
  std::map<std::string, int> counters_;   // per name taken: the last suffix tried
  const ModifyCommon* target_ = nullptr;  // UPDATE/DELETE: its scan of the target shares the target's name
  std::string target_name_;
};

}  // namespace lumadb::planner
