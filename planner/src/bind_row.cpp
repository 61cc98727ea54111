// Rows in expressions (parser/parse_expr.c transformRowExpr, transformWholeRowRef, make_row_comparison_op):
// ROW(...) and (a, b) build a record (kRow); a relation name used as a column is its whole row; a row
// constructor compared with another one or with a subquery is compared field by field.
#include "join_scope.h"
#include "planner/binder.h"

namespace lumadb::planner {

namespace {

std::shared_ptr<BoundExpr> NewRow(int32_t location) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kRow;
  e->type = {TypeId::kRecord, -1};
  e->location = location;
  return e;
}

}  // namespace

BoundExprPtr Binder::WholeRowReference(const std::string& relation, const Scope& scope, int32_t location) {
  auto row = NewRow(location);
  auto names = std::make_shared<std::vector<std::string>>();
  bool found = FindJoinName(scope, relation) != nullptr;
  for (const auto& r : scope.relations) found = found || r == relation;
  if (!found) return nullptr;
  // The table scanned on the NULL-extended side of an outer join under this name, if any.
  std::shared_ptr<const catalog::TableInfo> nullable;
  for (const auto& s : from_scans_) {
    if (s.name == relation) nullable = s.nullable ? s.scan->table : nullptr;
  }
  BoundExprPtr not_null_column;
  // `relation.*`'s columns, so a join's name (USING ... AS j, a join alias) gives the join's row.
  for (int i : StarColumns(scope, relation)) {
    const auto& c = scope.columns[i];
    if (c.name.empty() || c.no_star) continue;
    NoteColumnRead(c);
    row->args.push_back(MakeColumn(i, c.type, c.relation + "." + c.name, location));
    names->push_back(c.name);
    if (nullable && !not_null_column && c.table_oid == nullable->oid && c.attnum > 0 &&
        nullable->columns.at(c.attnum - 1).not_null) {
      not_null_column = row->args.back();
    }
  }
  row->field_names = std::move(names);
  if (!nullable || row->args.empty()) return row;
  // In the rows an outer join adds, the whole row is NULL, not a record of NULLs (the whole-row Var goes
  // to NULL with its relation). A NULL in a NOT NULL column marks them; without one, a row of NULLs is
  // taken for one.
  auto test = std::make_shared<BoundExpr>();
  test->kind = BoundKind::kIsNull;
  test->type = {TypeId::kBool, -1};
  test->location = location;
  test->args.push_back(not_null_column ? not_null_column : row);
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kCase;
  e->type = row->type;
  e->location = location;
  e->has_else = true;
  e->args = {test, MakeConst(Value::Null(TypeId::kRecord), row->type, location), row};
  return e;
}

BoundExprPtr Binder::BindRow(const ast::RowExpr& r, const Scope& scope) {
  auto row = NewRow(r.location);
  for (const auto& arg : r.args) {
    if (arg->kind == ast::ExprKind::kStar) {
      // ROW(t.*) and ROW(*) expand to the fields (transformRowExpr's expandRecordVariable path).
      const auto& qualifier = arg->As<ast::StarExpr>().qualifier;
      for (int i : StarColumns(scope, qualifier.empty() ? std::string() : qualifier.back())) {
        const auto& c = scope.columns[i];
        if (c.name.empty() || c.no_star) continue;
        NoteColumnRead(c);
        row->args.push_back(MakeColumn(i, c.type, c.relation + "." + c.name, arg->location));
      }
      continue;
    }
    // Untyped literals stay unknown, as in PostgreSQL's RowExpr (record_out prints them with unknownout).
    row->args.push_back(BindExpr(*arg, scope));
  }
  return row;
}

BoundExprPtr Binder::RowComparison(const ast::BinaryExpr& b, const Scope& scope) {
  const std::string& op = b.op;
  if (b.left->kind != ast::ExprKind::kRow) return nullptr;
  if (op != "=" && op != "<>" && op != "!=" && op != "<" && op != "<=" && op != ">" && op != ">=") return nullptr;
  const auto& row = b.left->As<ast::RowExpr>();
  if (b.right->kind == ast::ExprKind::kSubquery &&
      b.right->As<ast::SubqueryExpr>().type == ast::SubqueryExpr::Type::kScalar) {
    return RowSubquery(row, op, b.right->As<ast::SubqueryExpr>(), scope, b.location);
  }
  if (b.right->kind != ast::ExprKind::kRow) return nullptr;
  const auto left = BindRow(row, scope);
  const auto right = BindRow(b.right->As<ast::RowExpr>(), scope);
  return CompareRows(op, left->args, right->args, b.location);
}

BoundExprPtr Binder::CompareRows(const std::string& op, const std::vector<BoundExprPtr>& left,
                                 const std::vector<BoundExprPtr>& right, int32_t location) {
  const size_t n = left.size();
  if (n != right.size()) throw Error(sqlstate::kSyntaxError, "unequal number of entries in row expressions", location);
  if (n == 0) throw Error(sqlstate::kFeatureNotSupported, "cannot compare rows of zero length", location);
  std::vector<BoundExprPtr> terms;
  for (size_t i = 0; i < n; ++i) terms.push_back(Compare(op, left[i], right[i], location));
  if (op == "=") return n == 1 ? terms[0] : Logical(BoundKind::kAnd, std::move(terms), location);
  if (op == "<>" || op == "!=") return n == 1 ? terms[0] : Logical(BoundKind::kOr, std::move(terms), location);
  // RowCompareExpr: the first unequal pair decides with the operator itself, the last pair with <=/>=
  // when the operator allows equality. As Kleene logic: l1 < r1 OR (l1 = r1 AND (l2 < r2 OR ...)).
  const std::string strict = op.substr(0, 1);
  BoundExprPtr result = terms[n - 1];
  for (size_t i = n - 1; i-- > 0;) {
    auto equal = Compare("=", left[i], right[i], location);
    auto rest = Logical(BoundKind::kAnd, {equal, result}, location);
    result = Logical(BoundKind::kOr, {Compare(strict, left[i], right[i], location), rest}, location);
  }
  return result;
}

}  // namespace lumadb::planner
