// Scope bookkeeping of joins (parser/parse_clause.c transformFromClauseItem, parse_relation.c's namespace
// items): concatenating two scopes, the `*` order with JOIN USING's merged columns first, and the names a
// join adds or hides (USING (...) AS name, (a JOIN b) AS name).
#pragma once

#include <string>
#include <vector>

#include "planner/binder.h"

namespace lumadb::planner {

/// Appends `from`'s columns, relations and names to *into, its positions shifted past into's columns.
void AppendScope(Scope* into, const Scope& from);

/// The positions `name` qualifies when it is a join's name (JOIN ... USING (...) AS name, or a join alias),
/// in `name.*` order; null when it is not one.
const std::vector<int>* FindJoinName(const Scope& scope, const std::string& name);

/// The positions `*` (qualifier "") or `qualifier.*` expands to, in PostgreSQL's order.
std::vector<int> StarColumns(const Scope& scope, const std::string& qualifier);

/// Puts `front` ahead of scope's columns, shifting every position the scope records.
void PrependColumns(Scope* scope, const std::vector<ScopeColumn>& front);

/// (a JOIN b) AS alias [(names)] (addRangeTableEntryForJoin): the join's visible columns, renamed by the
/// column aliases, become alias's columns; the relations inside are hidden. 42P10 "join expression ... has
/// N columns available but M columns specified".
void ApplyJoinAlias(const ast::TableRef& ref, Scope* scope);

}  // namespace lumadb::planner
