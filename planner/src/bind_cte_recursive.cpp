// A self-referencing query of WITH RECURSIVE (parse_cte.c checkWellFormedRecursion and analyzeCTE):
// `non-recursive UNION [ALL] recursive` becomes a RecursiveUnion whose recursive term reads the previous
// round through a WorkTableScan.
#include <atomic>

#include "cte_frame.h"
#include "cte_references.h"
#include "parser/ast_views.h"
#include "plan_util.h"
#include "planner/binder.h"
#include "planner/cte_plan.h"

namespace lumadb::planner {

namespace {

constexpr SqlState kInvalidRecursion{"42P19"};

std::atomic<int> next_worktable_id{1};

const char* ContextMessage(CteRefContext context) {
  switch (context) {
    case CteRefContext::kSublink:
      return "must not appear within a subquery";
    case CteRefContext::kOuterJoin:
      return "must not appear within an outer join";
    case CteRefContext::kIntersect:
      return "must not appear within INTERSECT";
    case CteRefContext::kExcept:
      return "must not appear within EXCEPT";
    case CteRefContext::kOk:
      break;
  }
  return "";
}

}  // namespace

void Binder::CheckWellFormedRecursion(const ast::CommonTableExpr& cte) {
  const auto& select = cte.query->As<ast::SelectStmt>();
  const std::string& name = cte.name;
  auto fail = [&](const std::string& what, int32_t location) {
    return Error(kInvalidRecursion, "recursive reference to query \"" + name + "\" " + what, location);
  };
  if (select.set_op != ast::SetOpType::kUnion) {
    throw Error(kInvalidRecursion,
                "recursive query \"" + name + "\" does not have the form non-recursive-term UNION [ALL] recursive-term",
                cte.location);
  }
  ForEachCteReference(*select.larg, name, false, [&](const ast::TableRef& ref, CteRefContext) {
    throw fail("must not appear within its non-recursive term", ref.location);
  });
  int count = 0;
  ForEachCteReference(*select.rarg, name, false, [&](const ast::TableRef& ref, CteRefContext context) {
    if (context != CteRefContext::kOk) throw fail(ContextMessage(context), ref.location);
    if (++count > 1) throw fail("must not appear more than once", ref.location);
  });
  if (select.with) {
    for (const auto& inner : select.with->ctes) {
      ForEachCteReference(*inner.query, name, false, [&](const ast::TableRef& ref, CteRefContext) {
        throw fail("must not appear within a subquery", ref.location);
      });
    }
  }
  if (!select.order_by.empty()) {
    throw Error(sqlstate::kFeatureNotSupported, "ORDER BY in a recursive query is not implemented",
                select.order_by[0].expr->location);
  }
  if (select.offset) {
    throw Error(sqlstate::kFeatureNotSupported, "OFFSET in a recursive query is not implemented",
                select.offset->location);
  }
  if (select.limit) {
    throw Error(sqlstate::kFeatureNotSupported, "LIMIT in a recursive query is not implemented",
                select.limit->location);
  }
  if (!select.locking.empty() || !select.rarg->locking.empty()) {
    throw DbError(sqlstate::kFeatureNotSupported, "FOR UPDATE/SHARE in a recursive query is not implemented");
  }
  // parse_agg.c parseCheckAggregates.
  if (select.rarg->set_op == ast::SetOpType::kNone) {
    if (int32_t at = FirstAggregateCall(*select.rarg); at >= 0) {
      throw Error(kInvalidRecursion, "aggregate functions are not allowed in a recursive query's recursive term", at);
    }
  }
}

PlanPtr Binder::BindRecursiveCte(const std::shared_ptr<const CteFrame>& frame, size_t index) {
  const ast::CommonTableExpr& cte = frame->with->ctes[index];
  const auto& select = cte.query->As<ast::SelectStmt>();
  CheckWellFormedRecursion(cte);
  auto term_frame = std::make_shared<CteFrame>(*frame);
  term_frame->self = static_cast<int>(index);
  Binder inner(catalog_, txn_, search_path_, query_text_);
  LendCteContext(*frame, &inner);
  PlanPtr left;
  {
    FrameSwap swap(term_frame);
    WithScope with(&inner, select, select.with.get());
    left = with.Attach(inner.BindSelect(*select.larg));
  }
  if (cte.search || cte.cycle) {
    CheckSearchCycle(cte, true, *left);
    left = SearchCycleNonRecursive(cte, left);
  }
  auto worktable = std::make_shared<WorkTableScanPlan>();
  worktable->worktable_id = next_worktable_id++;
  worktable->cte_name = cte.name;
  for (size_t i = 0; i < left->output.size(); ++i) {
    std::string name = i < cte.columns.size() ? cte.columns[i] : left->output[i].name;
    worktable->output.push_back({name, left->output[i].type});
  }
  auto recursive_frame = std::make_shared<CteFrame>(*term_frame);
  recursive_frame->worktable = worktable;
  PlanPtr right;
  {
    Binder term(catalog_, txn_, search_path_, query_text_);
    LendCteContext(*frame, &term);
    recursive_frame->term_binder = &term;
    FrameSwap swap(recursive_frame);
    WithScope with(&inner, select, select.with.get());
    right = with.Attach(cte.search || cte.cycle
                            ? SearchCycleRecursive(cte, term, worktable->output.size() - SearchCycleColumnCount(cte))
                            : term.BindSelect(*select.rarg));
  }
  if (right->output.size() != left->output.size()) {
    throw Error(sqlstate::kSyntaxError, "each UNION query must have the same number of columns", cte.location);
  }
  for (size_t i = 0; i < left->output.size(); ++i) {
    // The UNION's column type keeps a type modifier only when both terms have the same one
    // (select_common_typmod); the non-recursive term must already have that type.
    const TypeDesc& l = left->output[i].type;
    TypeDesc overall = right->output[i].type;
    if (overall.typmod != l.typmod) overall.typmod = -1;
    if (overall == l) continue;
    // parse_cte.c analyzeCTE points at the non-recursive term's column (its leftmost token).
    const ast::SelectStmt* first = select.larg.get();
    while (first->larg) first = first->larg.get();
    int32_t at = cte.location;
    if (i < first->targets.size()) {
      const ast::Expr* e = first->targets[i].expr.get();
      while (e->kind == ast::ExprKind::kCast && e->As<ast::CastExpr>().arg) e = e->As<ast::CastExpr>().arg.get();
      at = Leftmost(first->targets[i].expr->location, e->location);
    }
    throw Error(sqlstate::kDatatypeMismatch,
                "recursive query \"" + cte.name + "\" column " + std::to_string(i + 1) + " has type " + FormatType(l) +
                    " in non-recursive term but type " + FormatType(overall) + " overall",
                at)
        .Hint("Cast the output of the non-recursive term to the correct type.");
  }
  auto plan = std::make_shared<RecursiveUnionPlan>();
  plan->non_recursive = left;
  plan->recursive = right;
  plan->all = select.set_all;
  plan->worktable_id = worktable->worktable_id;
  plan->cte_name = cte.name;
  plan->output = worktable->output;
  return plan;
}

}  // namespace lumadb::planner
