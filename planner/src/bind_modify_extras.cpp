// What INSERT/UPDATE/DELETE bind besides their rows: the table's CHECK constraints, the RETURNING list
// (parser/analyze.c transformReturningList) and the identity columns' nextval() defaults
// (rewriter/rewriteHandler.c build_column_default for attidentity).
#include "parser/parser.h"
#include "planner/binder.h"
#include "planner/function_registry.h"

namespace lumadb::planner {

namespace {

// Parses a catalog-stored expression text ("a > 0") as the single item of a SELECT list.
const ast::Expr& ParseStoredExpr(const std::string& sql, std::vector<ast::StatementPtr>* holder) {
  *holder = parser::Parse(sql);
  LUMADB_ASSERT(holder->size() == 1 && (*holder)[0]->kind == ast::StmtKind::kSelect, "bad stored expression");
  const auto& select = (*holder)[0]->As<ast::SelectStmt>();
  LUMADB_ASSERT(select.targets.size() == 1, "bad stored expression");
  return *select.targets[0].expr;
}

}  // namespace

Scope TableScope(const catalog::TableInfo& table, const std::string& alias) {
  Scope scope;
  std::string rel = alias.empty() ? table.name : alias;
  scope.relations.push_back(rel);
  for (const auto& c : table.columns) scope.columns.push_back({rel, c.name, c.type, table.oid, c.attnum, false});
  return scope;
}

BoundExprPtr Binder::IdentityNextval(const catalog::ColumnInfo& column) {
  auto seq = catalog_.SequenceByOid(txn_, column.identity_sequence);
  if (!seq) {
    throw DbError(sqlstate::kInternalError, "identity sequence of column \"" + column.name + "\" does not exist");
  }
  auto resolved = ResolveFunction("nextval", {TypeId::kRegclass});
  LUMADB_ASSERT(resolved.has_value(), "nextval(regclass) is not registered");
  auto call = std::make_shared<BoundExpr>();
  call->kind = BoundKind::kFunc;
  call->type = {TypeId::kInt8, -1};
  call->name = "nextval";
  call->func = resolved->func;
  call->args.push_back(MakeConst(Value::Oid(seq->oid).WithType(TypeId::kRegclass), {TypeId::kRegclass, -1}));
  return MakeCast(call, column.type, false, true);
}

std::vector<BoundCheck> Binder::BindChecks(const catalog::TableInfo& table) {
  std::vector<BoundCheck> out;
  Scope scope = TableScope(table, "");
  for (const auto& check : table.checks) {
    std::string sql = "SELECT " + check.expr;
    std::vector<ast::StatementPtr> holder;
    const ast::Expr& expr = ParseStoredExpr(sql, &holder);
    Binder inner(catalog_, txn_, search_path_, sql);
    inner.aggregate_clause_ = "check constraints";
    out.push_back({check.name, inner.CoerceToBool(inner.BindExpr(expr, scope), "CHECK")});
  }
  return out;
}

void Binder::BindReturning(const std::vector<ast::SelectItem>& items, const Scope& scope, ModifyCommon* modify,
                           PlanNode* node) {
  if (items.empty()) return;
  allow_aggregates_ = false;
  aggregate_clause_ = "RETURNING";
  for (auto& target : BindTargetList(items, scope, true)) {
    modify->returning.push_back(target.expr);
    node->output.push_back(target.column);
  }
}

}  // namespace lumadb::planner
