#pragma once
// A deparser of bound expressions in PostgreSQL's EXPLAIN style (utils/adt/ruleutils.c get_rule_expr):
// "(id = 1)", "((a > 5) AND (b = 'x'::text))", "(id)::bigint". Private to the planner.

#include <string>

#include "planner/bound_expr.h"

namespace lumadb::planner {

class SubplanNames;

/// The EXPLAIN text of e. Column names come from the kColumn nodes ("t.a"); with qualify false the
/// relation prefix is dropped, as explain.c does when the query has a single relation. Outer references
/// always show qualified; subqueries as `names` calls them ("(SubPlan 1)" without names).
std::string Deparse(const BoundExpr& e, bool qualify, const SubplanNames* names = nullptr);

}  // namespace lumadb::planner
