#pragma once
// Finding the references to a WITH query in a statement's AST (PostgreSQL's cterefcount, parse_cte.c
// checkWellFormedRecursion), which decide whether the query is inlined or materialized, and whether a
// recursive one is well formed.

#include <functional>
#include <string>

#include "parser/ast.h"

namespace lumadb::planner {

/// Where a reference stands, as parse_cte.c's RecursionContext: inside a subquery expression, on the
/// nullable side of an outer join, in an EXCEPT's right operand or an INTERSECT [ALL]/EXCEPT ALL.
enum class CteRefContext { kOk, kSublink, kOuterJoin, kIntersect, kExcept };

/// Calls fn for each FROM item of `stmt` naming the unqualified relation `name` (expressions' subqueries,
/// set-operation arms, joins and nested WITH bodies included), with its context. A nested statement whose
/// own WITH defines `name` hides the outer query there and is not searched. `stmt`'s own WITH clause is
/// skipped when skip_with.
void ForEachCteReference(const ast::Statement& stmt, const std::string& name, bool skip_with,
                         const std::function<void(const ast::TableRef&, CteRefContext)>& fn);

/// How many FROM items ForEachCteReference finds.
int CountCteReferences(const ast::Statement& stmt, const std::string& name, bool skip_with);

/// True if stmt calls a volatile function (ScalarFunction::is_volatile: nextval, random, ...) anywhere,
/// which keeps PostgreSQL from inlining a WITH query (contain_volatile_functions).
bool CallsVolatileFunction(const ast::Statement& stmt);

/// The location of the first aggregate call in s's select list or HAVING (not in subqueries), -1 if none.
int32_t FirstAggregateCall(const ast::SelectStmt& s);

}  // namespace lumadb::planner
