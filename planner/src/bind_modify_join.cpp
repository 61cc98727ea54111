// UPDATE ... FROM and DELETE ... USING (parser/analyze.c transformUpdateStmt / transformDeleteStmt with
// their extra range table entries): the target joined to the other FROM items, WHERE as the join condition.
#include "index_selection.h"
#include "join_scope.h"
#include "planner/binder.h"

namespace lumadb::planner {

namespace {
constexpr SqlState kDuplicateAlias{"42712"};  // ERRCODE_DUPLICATE_ALIAS
}  // namespace

PlanPtr Binder::BindModifyJoin(const std::shared_ptr<const catalog::TableInfo>& table, const std::string& alias,
                               const std::vector<ast::TableRefPtr>& from, const ast::Expr* where, Scope* scope) {
  *scope = TableScope(*table, alias);
  const std::string target = scope->relations[0];
  // The scan's trailing rid: nameless and hidden, so no reference and no * reaches it.
  scope->columns.push_back({"", "", {TypeId::kInt8, -1}, 0, 0, true});
  // The target is read as a plain join input; the executor X-locks only the rows the join yields (those
  // it changes), as ExecUpdate/ExecDelete lock the tuple they change. Its rows are told apart by being
  // wider than the target's columns and rid, so a FROM list of no columns keeps the locking scan.
  auto scan = ScanPlan(table, true);
  Scope items;
  PlanPtr right = BindFrom(from, &items);
  scan->row_lock = right->output.empty() ? RowLockMode::kExclusive : RowLockMode::kRead;
  for (const auto& name : items.relations) {
    // checkNameSpaceConflicts reports it without a position.
    if (name == target) throw DbError(kDuplicateAlias, "table name \"" + target + "\" specified more than once");
  }
  AppendScope(scope, items);
  auto join = std::make_shared<JoinPlan>();
  join->output = scan->output;
  join->output.insert(join->output.end(), right->output.begin(), right->output.end());
  join->left = scan;
  join->right = right;
  join->join = JoinKind::kInner;
  if (where) {
    aggregate_clause_ = "WHERE";
    join->condition = CoerceToBool(BindExpr(*where, *scope), "WHERE");
    ExtractHashKeys(join.get(), static_cast<int>(scan->output.size()));
  }
  return UseIndexes(join);
}

}  // namespace lumadb::planner
