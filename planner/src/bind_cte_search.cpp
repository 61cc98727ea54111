// SEARCH and CYCLE clauses of a recursive WITH query: the checks of parse_cte.c analyzeCTE and of
// rewriteSearchCycle.c, in PostgreSQL's order. bind_cte_search_rewrite.cpp executes them.
#include <algorithm>

#include "parser/ast_views.h"
#include "planner/binder.h"

namespace lumadb::planner {

namespace {

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A FROM item of the right-hand SELECT (through joins) naming the recursive query.
bool ReadsAtTopLevel(const ast::TableRef& ref, const std::string& name) {
  if (ref.kind == ast::TableRefKind::kJoin) {
    return ReadsAtTopLevel(*ref.left, name) || ReadsAtTopLevel(*ref.right, name);
  }
  return ref.kind == ast::TableRefKind::kBase && ref.table.schema.empty() && ref.table.name == name;
}

}  // namespace

void Binder::CheckSearchCycle(const ast::CommonTableExpr& cte, bool recursive, const PlanNode& plan) {
  const ast::CteSearchClause* search = cte.search.get();
  const ast::CteCycleClause* cycle = cte.cycle.get();
  if (search == nullptr && cycle == nullptr) return;
  if (!recursive) throw Error(sqlstate::kSyntaxError, "WITH query is not recursive", cte.location);
  std::vector<std::string> names = cte.columns;
  for (size_t i = names.size(); i < plan.output.size(); ++i) names.push_back(plan.output[i].name);
  auto check_columns = [&](const std::vector<std::string>& columns, const char* what, int32_t location) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (!Contains(names, columns[i])) {
        throw Error(sqlstate::kSyntaxError,
                    std::string(what) + " column \"" + columns[i] + "\" not in WITH query column list", location);
      }
      if (std::find(columns.begin(), columns.begin() + static_cast<std::ptrdiff_t>(i), columns[i]) !=
          columns.begin() + static_cast<std::ptrdiff_t>(i)) {
        throw Error(sqlstate::kDuplicateColumn,
                    std::string(what) + " column \"" + columns[i] + "\" specified more than once", location);
      }
    }
  };
  auto already_used = [&](const std::string& column, const char* what, int32_t location) {
    if (Contains(names, column)) {
      throw Error(sqlstate::kSyntaxError,
                  std::string(what) + " column name \"" + column + "\" already used in WITH query column list",
                  location);
    }
  };
  if (search) {
    check_columns(search->columns, "search", search->location);
    already_used(search->sequence_column, "search sequence", search->location);
  }
  if (cycle) {
    check_columns(cycle->columns, "cycle", cycle->location);
    already_used(cycle->mark_column, "cycle mark", cycle->location);
    if (cycle->mark_value) CycleMarkValues(cte);
    already_used(cycle->path_column, "cycle path", cycle->location);
    if (cycle->mark_column == cycle->path_column) {
      throw Error(sqlstate::kSyntaxError, "cycle mark column name and cycle path column name are the same",
                  cycle->location);
    }
  }
  if (search && cycle) {
    if (search->sequence_column == cycle->mark_column) {
      throw Error(sqlstate::kSyntaxError, "search sequence column name and cycle mark column name are the same",
                  search->location);
    }
    if (search->sequence_column == cycle->path_column) {
      throw Error(sqlstate::kSyntaxError, "search sequence column name and cycle path column name are the same",
                  search->location);
    }
  }
  // rewriteSearchCycle.c, which reports no position.
  const auto& select = cte.query->As<ast::SelectStmt>();
  if (select.larg->set_op != ast::SetOpType::kNone) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "with a SEARCH or CYCLE clause, the left side of the UNION must be a SELECT");
  }
  const ast::SelectStmt& right = *select.rarg;
  if (right.set_op != ast::SetOpType::kNone) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "with a SEARCH or CYCLE clause, the right side of the UNION must be a SELECT");
  }
  bool shadowed = false;
  if (right.with) {
    for (const auto& inner : right.with->ctes) shadowed = shadowed || inner.name == cte.name;
  }
  const bool top = !shadowed && std::any_of(right.from.begin(), right.from.end(), [&](const ast::TableRefPtr& ref) {
    return ReadsAtTopLevel(*ref, cte.name);
  });
  if (!top) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "with a SEARCH or CYCLE clause, the recursive reference to WITH query \"" + cte.name +
                      "\" must be at the top level of its right-hand SELECT");
  }
}

}  // namespace lumadb::planner
