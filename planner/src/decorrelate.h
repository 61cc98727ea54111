#pragma once
// Pulling WHERE subqueries up into semi and anti joins (private to the planner), as PostgreSQL's
// prepjointree.c pull_up_sublinks and subselect.c convert_EXISTS_sublink_to_join /
// convert_ANY_sublink_to_join do, so `EXISTS (... b.x = a.x)` hashes b once instead of scanning it per
// row of a.

#include <vector>

#include "planner/plan.h"

namespace lumadb::planner {

/// A semi or anti join to put over the FROM/WHERE plan: the right input and the equalities that join it
/// (outer side over the left row, inner side over the right input's row).
struct SublinkJoin {
  JoinKind kind = JoinKind::kSemi;
  PlanPtr right;
  std::vector<std::pair<BoundExprPtr, BoundExprPtr>> keys;
};

/// Takes out of `where` (a WHERE clause over the FROM items' row) its top-level terms that can be joins:
/// EXISTS / NOT EXISTS whose subquery is a single-table scan correlated only through equalities with
/// this level's columns (anti join for NOT EXISTS, exact also with NULLs), and uncorrelated
/// `x IN (subquery)` (a semi join: in a top-level WHERE term NULL and false both reject the row). Returns
/// the remaining terms (null when none) and appends the joins to *joins.
BoundExprPtr PullUpSublinks(const BoundExprPtr& where, std::vector<SublinkJoin>* joins);

/// `left` semi/anti-joined with j's right input on its keys (hashed). Output: left's columns.
PlanPtr MakeSublinkJoin(PlanPtr left, const SublinkJoin& j);

}  // namespace lumadb::planner
