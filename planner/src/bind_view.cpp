// Views in FROM (PostgreSQL's rewriter, rewriteHandler.c ApplyRetrieveRule): the view's stored query is
// parsed and bound as a subquery under the view's name. The caller needs SELECT on the view; the
// relations the query reads are checked with the rights of the view's owner (checkAsUser).
#include "parser/parser.h"
#include "plan_util.h"
#include "planner/binder.h"
#include "planner/view_rewrite.h"

namespace lumadb::planner {

PlanPtr Binder::BindView(const ast::TableRef& ref, const std::shared_ptr<const catalog::TableInfo>& view,
                         Scope* scope) {
  RequirePermission(view, catalog::kAclSelect);
  auto stmts = parser::Parse(view->view_query);
  if (stmts.size() != 1 || stmts[0]->kind != ast::StmtKind::kSelect) {
    throw DbError(sqlstate::kInternalError, "invalid query of view \"" + view->name + "\"");
  }
  PlanPtr plan;
  {
    WithScope isolate(nullptr, true);
    Binder inner(catalog_, txn_, search_path_, view->view_query);
    plan = inner.BindSelect(stmts[0]->As<ast::SelectStmt>());
    for (RelationPermission p : inner.permissions()) {
      if (p.check_as == 0 && !ViewSecurityInvoker(*view)) p.check_as = view->owner;
      permissions_->push_back(std::move(p));
    }
  }
  // A query with `*` may now see columns added to its tables later; the view keeps the ones it was made with.
  if (plan->output.size() > view->columns.size()) {
    auto project = std::make_shared<ProjectPlan>();
    for (size_t i = 0; i < view->columns.size(); ++i) {
      project->exprs.push_back(MakeColumn(static_cast<int>(i), plan->output[i].type, plan->output[i].name));
      project->output.push_back(plan->output[i]);
    }
    project->child = plan;
    plan = project;
  }
  const std::string rel = ref.alias.empty() ? view->name : ref.alias;
  scope->relations.push_back(rel);
  for (size_t i = 0; i < plan->output.size() && i < view->columns.size(); ++i) {
    const catalog::ColumnInfo& c = view->columns[i];
    std::string name = i < ref.column_aliases.size() ? ref.column_aliases[i] : c.name;
    scope->columns.push_back({rel, name, plan->output[i].type, view->oid, c.attnum, false});
  }
  return plan;
}

}  // namespace lumadb::planner
