// INSERT, UPDATE, DELETE (parser/analyze.c transformInsertStmt/transformUpdateStmt, parse_target.c
// transformAssignedExpr): target columns, DEFAULT, assignment casts.
#include "bind_array_assign.h"
#include "builtins.h"
#include "index_selection.h"
#include "planner/binder.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

int FindColumn(const catalog::TableInfo& table, const std::string& name) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// PostgreSQL's ERRCODE_GENERATED_ALWAYS.

DbError IdentityDetail(DbError e, const std::string& column) {
  e.Detail("Column \"" + column + "\" is an identity column defined as GENERATED ALWAYS.");
  return e;
}

// rewriteTargetListIU: an explicit value for a GENERATED ALWAYS identity column needs OVERRIDING SYSTEM
// VALUE.
DbError InsertIntoAlwaysIdentity(const std::string& column) {
  return IdentityDetail(
             DbError(sqlstate::kGeneratedAlways, "cannot insert a non-DEFAULT value into column \"" + column + "\""),
             column)
      .Hint("Use OVERRIDING SYSTEM VALUE to override.");
}

}  // namespace

// Assignment-casts e to the column's type: 42804 with PostgreSQL's wording and hint when impossible.
static BoundExprPtr Assign(Binder& b, const BoundExprPtr& e, const catalog::ColumnInfo& col, int32_t location) {
  auto c = b.TryCoerce(e, col.type, CastContext::kAssignment);
  if (!c) {
    throw b
        .Error(sqlstate::kDatatypeMismatch,
               "column \"" + col.name + "\" is of type " + FormatType(col.type) + " but expression is of type " +
                   TypeDisplayName(e->type.id),
               Leftmost(e->location, location))
        .Hint("You will need to rewrite or cast the expression.");
  }
  return c;
}

PlanPtr Binder::BindInsert(const ast::InsertStmt& stmt) {
  WithScope with(this, stmt, stmt.with.get());
  auto table = LookupTableOrThrow(stmt.table);
  if (table->relkind == 'v') return with.Attach(BindViewModify(stmt, table));
  RequirePermission(table, stmt.returning.empty() ? catalog::kAclInsert : catalog::kAclInsert | catalog::kAclSelect);
  std::vector<int> targets;
  auto insert_subscripts = [&](size_t i) -> const ast::Expr* {
    return i < stmt.column_targets.size() ? stmt.column_targets[i].get() : nullptr;
  };
  // The value of target i in a row: a subscripted target assigns into NULL, or into the same row's
  // earlier subscripted assignment to that column.
  auto assign_target = [&](size_t i, BoundExprPtr value, int32_t loc, std::vector<BoundExprPtr>& row,
                           std::vector<bool>& touched) {
    const auto& col = table->columns[targets[i]];
    auto& slot = row[targets[i]];
    if (const ast::Expr* target = insert_subscripts(i)) {
      auto base = touched[targets[i]] ? slot : MakeConst(Value::Null(col.type.id), col.type);
      slot = BindArrayAssignment(*this, *target, col, base, std::move(value), Scope{});
    } else {
      slot = Assign(*this, value, col, loc);
    }
    touched[targets[i]] = true;
  };
  for (size_t i = 0; i < stmt.columns.size(); ++i) {
    int32_t loc = i < stmt.column_locations.size() ? stmt.column_locations[i] : -1;
    int index = FindColumn(*table, stmt.columns[i]);
    if (index < 0) {
      throw Error(sqlstate::kUndefinedColumn,
                  "column \"" + stmt.columns[i] + "\" of relation \"" + table->name + "\" does not exist", loc);
    }
    // Two subscripted assignments to one column chain; a whole-column one excludes any other
    // (checkInsertTargets).
    for (size_t j = 0; j < targets.size(); ++j) {
      if (targets[j] == index && (!insert_subscripts(i) || !insert_subscripts(j))) {
        throw Error(sqlstate::kDuplicateColumn, "column \"" + stmt.columns[i] + "\" specified more than once", loc);
      }
    }
    targets.push_back(index);
    RequirePermission(table, catalog::kAclInsert, table->columns[index].attnum);
  }
  bool explicit_columns = !targets.empty();
  size_t ncols = table->columns.size();
  auto check_width = [&](size_t width, int32_t extra_loc) {
    if (!explicit_columns) {
      if (width > ncols) {
        throw Error(sqlstate::kSyntaxError, "INSERT has more expressions than target columns", extra_loc);
      }
      targets.clear();
      for (size_t i = 0; i < width; ++i) {
        targets.push_back(static_cast<int>(i));
        RequirePermission(table, catalog::kAclInsert, table->columns[i].attnum);
      }
    } else if (width > targets.size()) {
      throw Error(sqlstate::kSyntaxError, "INSERT has more expressions than target columns", extra_loc);
    } else if (width < targets.size()) {
      throw Error(sqlstate::kSyntaxError, "INSERT has more target columns than expressions",
                  stmt.column_locations.size() > width ? stmt.column_locations[width] : -1);
    }
  };
  std::vector<BoundExprPtr> defaults;
  for (const auto& c : table->columns) defaults.push_back(BindColumnDefault(c));
  // OVERRIDING USER VALUE drops the given values of identity columns; without OVERRIDING SYSTEM VALUE a
  // GENERATED ALWAYS column accepts only DEFAULT.
  auto given_value_ignored = [&](int column) {
    const auto& col = table->columns[column];
    if (col.identity == 0) return false;
    if (stmt.overriding == ast::OverridingKind::kUser) return true;
    if (col.identity == 'a' && stmt.overriding != ast::OverridingKind::kSystem)
      throw InsertIntoAlwaysIdentity(col.name);
    return false;
  };

  auto insert = std::make_shared<InsertPlan>();
  insert->table = table;
  insert->alias = stmt.alias;
  insert->checks = BindChecks(*table);
  if (stmt.on_conflict) insert->on_conflict = BindOnConflict(*stmt.on_conflict, table, stmt.alias);
  // RETURNING cannot read EXCLUDED: parse_relation.c's errorMissingRTE hint for an invisible entry.
  const Scope excluded = TableScope(*table, "excluded");
  if (stmt.on_conflict) outer_.insert(outer_.begin(), OuterLevel{&excluded, this, nullptr, false, false});
  BindReturning(stmt.returning, TableScope(*table, stmt.alias), insert.get(), insert.get());
  if (stmt.on_conflict) outer_.erase(outer_.begin());
  const ast::SelectStmt* src = stmt.source.get();
  bool plain_values = src && !src->values.empty() && src->order_by.empty() && !src->limit && !src->offset;
  if (!src || plain_values) {
    auto values = std::make_shared<ValuesPlan>();
    for (const auto& c : table->columns) values->output.push_back({c.name, c.type});
    if (!src) values->rows.push_back(defaults);
    static const std::vector<std::vector<ast::ExprPtr>> kNoRows;
    for (const auto& row : src ? src->values : kNoRows) {
      if (src->values.size() > 1 && row.size() != src->values[0].size()) {
        throw Error(sqlstate::kSyntaxError, "VALUES lists must all be the same length", row[0]->location);
      }
      size_t limit = explicit_columns ? targets.size() : ncols;
      check_width(row.size(), row.size() > limit ? row[limit]->location : -1);
      if (explicit_columns && row.size() > targets.size()) continue;
      std::vector<BoundExprPtr> full = defaults;
      std::vector<bool> touched(ncols, false);
      for (size_t i = 0; i < row.size(); ++i) {
        if (row[i]->kind == ast::ExprKind::kDefault || given_value_ignored(targets[i])) continue;
        assign_target(i, BindExpr(*row[i], Scope{}), row[i]->location, full, touched);
      }
      values->rows.push_back(std::move(full));
    }
    insert->child = values;
    return with.Attach(insert);
  }
  // INSERT ... SELECT 'x' reads the literal as the target column's type, not as text.
  keep_unknown_targets_ = src->set_op == ast::SetOpType::kNone && src->values.empty();
  PlanPtr source = BindSelect(*src);
  int32_t extra_loc = -1;
  if (source->output.size() > (explicit_columns ? targets.size() : ncols) &&
      src->targets.size() == source->output.size()) {
    extra_loc = src->targets[explicit_columns ? targets.size() : ncols].expr->location;
  }
  check_width(source->output.size(), extra_loc);
  if (source->kind == PlanKind::kProject) {
    // Untyped literals of the SELECT list are read as the column type here, so 22P02 points at them;
    // untyped parameters take the column type.
    auto typed = std::make_shared<ProjectPlan>(source->As<ProjectPlan>());
    for (size_t i = 0; i < targets.size(); ++i) {
      const auto& e = typed->exprs[i];
      if ((e->kind != BoundKind::kConst && e->kind != BoundKind::kParam) || e->type.id != TypeId::kUnknown ||
          insert_subscripts(i)) {
        continue;
      }
      typed->exprs[i] = Assign(*this, e, table->columns[targets[i]], e->location);
      typed->output[i].type = typed->exprs[i]->type;
    }
    source = typed;
  }
  auto project = std::make_shared<ProjectPlan>();
  project->exprs = defaults;
  std::vector<bool> touched(ncols, false);
  for (size_t i = 0; i < targets.size(); ++i) {
    if (given_value_ignored(targets[i])) continue;
    int32_t loc = i < src->targets.size() ? src->targets[i].expr->location : -1;
    auto ref = MakeColumn(static_cast<int>(i), source->output[i].type, source->output[i].name, loc);
    assign_target(i, ref, loc, project->exprs, touched);
  }
  for (const auto& c : table->columns) project->output.push_back({c.name, c.type});
  project->child = source;
  insert->child = project;
  return with.Attach(insert);
}

PlanPtr Binder::BindModifiedRows(const std::shared_ptr<const catalog::TableInfo>& table, const std::string& alias,
                                 const ast::Expr* where, Scope* scope) {
  *scope = TableScope(*table, alias);
  // Each visited row is X-locked and re-read before WHERE is checked on it (EvalPlanQual), so a
  // concurrent committed update is never lost.
  auto scan = ScanPlan(table, true);
  scan->row_lock = RowLockMode::kExclusive;
  if (where) {
    aggregate_clause_ = "WHERE";
    scan->qual = CoerceToBool(BindExpr(*where, *scope), "WHERE");
  }
  return UseIndexes(scan);
}

std::vector<BoundExprPtr> Binder::BindSetList(const std::vector<ast::SetClause>& sets,
                                              const std::shared_ptr<const catalog::TableInfo>& table,
                                              const Scope& scope) {
  std::vector<BoundExprPtr> values(table->columns.size());
  std::vector<bool> subscripted(table->columns.size(), false);
  for (const auto& set : sets) {
    int index = FindColumn(*table, set.column);
    if (index < 0) {
      throw Error(sqlstate::kUndefinedColumn,
                  "column \"" + set.column + "\" of relation \"" + table->name + "\" does not exist", set.location);
    }
    RequirePermission(table, catalog::kAclUpdate, table->columns[index].attnum);
    if (set.target && (!values[index] || subscripted[index])) {
      values[index] = BindArrayAssignment(*this, *set.target, table->columns[index], values[index],
                                          BindExpr(*set.value, scope), scope);
      subscripted[index] = true;
      continue;
    }
    if (values[index]) {
      throw Error(sqlstate::kSyntaxError, "multiple assignments to same column \"" + set.column + "\"", set.location);
    }
    const auto& col = table->columns[index];
    if (set.value->kind == ast::ExprKind::kDefault) {
      values[index] = BindColumnDefault(col);
    } else if (col.identity == 'a') {
      throw IdentityDetail(
          DbError(sqlstate::kGeneratedAlways, "column \"" + col.name + "\" can only be updated to DEFAULT"), col.name);
    } else {
      values[index] = Assign(*this, BindExpr(*set.value, scope), col, set.value->location);
    }
  }
  return values;
}

PlanPtr Binder::BindUpdate(const ast::UpdateStmt& stmt) {
  WithScope with(this, stmt, stmt.with.get());
  auto table = LookupTableOrThrow(stmt.table);
  if (table->relkind == 'v') return with.Attach(BindViewModify(stmt, table));
  RequirePermission(table, stmt.returning.empty() ? catalog::kAclUpdate : catalog::kAclUpdate | catalog::kAclSelect);
  Scope scope;
  PlanPtr plan = stmt.from.empty() ? BindModifiedRows(table, stmt.alias, stmt.where.get(), &scope)
                                   : BindModifyJoin(table, stmt.alias, stmt.from, stmt.where.get(), &scope);
  auto update = std::make_shared<UpdatePlan>();
  aggregate_clause_ = "UPDATE";
  update->values = BindSetList(stmt.set, table, scope);
  update->table = table;
  update->alias = stmt.alias;
  update->checks = BindChecks(*table);
  BindReturning(stmt.returning, scope, update.get(), update.get());
  update->child = plan;
  return with.Attach(update);
}

PlanPtr Binder::BindDelete(const ast::DeleteStmt& stmt) {
  WithScope with(this, stmt, stmt.with.get());
  auto table = LookupTableOrThrow(stmt.table);
  if (table->relkind == 'v') return with.Attach(BindViewModify(stmt, table));
  RequirePermission(table, stmt.returning.empty() ? catalog::kAclDelete : catalog::kAclDelete | catalog::kAclSelect);
  Scope scope;
  PlanPtr plan = stmt.using_tables.empty()
                     ? BindModifiedRows(table, stmt.alias, stmt.where.get(), &scope)
                     : BindModifyJoin(table, stmt.alias, stmt.using_tables, stmt.where.get(), &scope);
  auto del = std::make_shared<DeletePlan>();
  del->table = table;
  del->alias = stmt.alias;
  BindReturning(stmt.returning, scope, del.get(), del.get());
  del->child = plan;
  return with.Attach(del);
}

}  // namespace lumadb::planner
