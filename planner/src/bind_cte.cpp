// WITH and WITH RECURSIVE (PostgreSQL's parse_cte.c). A WITH query is bound where it is referenced, like a
// subquery in FROM (PostgreSQL 15 inlines a side-effect-free query referenced once the same way; one
// referenced twice is evaluated twice, which gives the same rows for the queries accepted here). A
// self-referencing query of WITH RECURSIVE becomes a RecursiveUnion whose recursive term reads the
// previous round through a WorkTableScan.
#include <atomic>

#include "parser/ast_views.h"
#include "plan_util.h"
#include "planner/binder.h"
#include "planner/cte_plan.h"

namespace lumadb::planner {

/// One WITH clause in scope: its queries [0, visible) can be referenced (all of them under RECURSIVE).
/// While the terms of query `self` are bound, `worktable` is what a reference to it reads (null in the
/// non-recursive term, where a self-reference is 42P19).
struct CteFrame {
  const ast::WithClause* with = nullptr;
  size_t visible = 0;
  std::shared_ptr<const CteFrame> parent;
  int self = -1;
  std::shared_ptr<const WorkTableScanPlan> worktable;
  const Binder* term_binder = nullptr;  // the binder of the recursive term: the only one that may read it
};

namespace {

constexpr SqlState kInvalidRecursion{"42P19"};

// The WITH clauses visible to the statement being bound on this thread (binding never crosses threads).
thread_local std::shared_ptr<const CteFrame> current_frame;

std::atomic<int> next_worktable_id{1};

// How many WITH queries are being bound inside each other on this thread.
thread_local int cte_depth = 0;
constexpr int kMaxCteDepth = 64;

/// Swaps the visible WITH clauses for the lifetime of the object.
class FrameSwap {
 public:
  explicit FrameSwap(std::shared_ptr<const CteFrame> frame) : saved_(std::move(current_frame)) {
    current_frame = std::move(frame);
  }
  ~FrameSwap() { current_frame = std::move(saved_); }
  FrameSwap(const FrameSwap&) = delete;
  FrameSwap& operator=(const FrameSwap&) = delete;

 private:
  std::shared_ptr<const CteFrame> saved_;
};

bool ReferencesName(const ast::SelectStmt& s, const std::string& name);

bool RefReferencesName(const ast::TableRef& ref, const std::string& name) {
  switch (ref.kind) {
    case ast::TableRefKind::kBase:
      return ref.table.schema.empty() && ref.table.name == name;
    case ast::TableRefKind::kJoin:
      return RefReferencesName(*ref.left, name) || RefReferencesName(*ref.right, name);
    case ast::TableRefKind::kSubquery:
      return ReferencesName(*ref.subquery, name);
    default:
      return false;
  }
}

/// True if a FROM clause of s (or of its set-operation arms and FROM subqueries) names `name`.
bool ReferencesName(const ast::SelectStmt& s, const std::string& name) {
  if (s.larg && ReferencesName(*s.larg, name)) return true;
  if (s.rarg && ReferencesName(*s.rarg, name)) return true;
  for (const auto& ref : s.from) {
    if (RefReferencesName(*ref, name)) return true;
  }
  return false;
}

}  // namespace

Binder::WithScope::WithScope(const ast::WithClause* with, bool isolate) : saved_(current_frame) {
  if (isolate) current_frame = nullptr;
  if (with == nullptr) return;
  auto frame = std::make_shared<CteFrame>();
  frame->with = with;
  frame->visible = with->ctes.size();
  frame->parent = current_frame;
  current_frame = std::move(frame);
}

Binder::WithScope::~WithScope() {
  current_frame = std::move(saved_);
}

PlanPtr Binder::BindCteRef(const ast::TableRef& ref, Scope* scope) {
  if (!ref.table.schema.empty()) return nullptr;
  for (auto frame = current_frame; frame; frame = frame->parent) {
    const auto& ctes = frame->with->ctes;
    for (size_t i = 0; i < ctes.size() && i < frame->visible; ++i) {
      const ast::CommonTableExpr& cte = ctes[i];
      if (cte.name != ref.table.name) continue;
      PlanPtr plan;
      if (static_cast<int>(i) == frame->self) {
        if (!frame->worktable) {
          throw Error(kInvalidRecursion,
                      "recursive reference to query \"" + cte.name + "\" must not appear within its non-recursive term",
                      ref.location);
        }
        // parse_cte.c checkWellFormedRecursion: a subquery re-read per round would not see the work table
        // it was computed from (an uncorrelated one is computed once).
        if (frame->term_binder != this) {
          throw Error(kInvalidRecursion,
                      "recursive reference to query \"" + cte.name + "\" must not appear within a subquery",
                      ref.location);
        }
        plan = frame->worktable;
      } else {
        plan = BindCteQuery(frame, i);
      }
      if (cte.columns.size() > plan->output.size()) {
        throw Error(sqlstate::kInvalidColumnReference,
                    "WITH query \"" + cte.name + "\" has " + std::to_string(plan->output.size()) +
                        " columns available but " + std::to_string(cte.columns.size()) + " columns specified",
                    cte.location);
      }
      const std::string rel = ref.alias.empty() ? cte.name : ref.alias;
      scope->relations.push_back(rel);
      for (size_t c = 0; c < plan->output.size(); ++c) {
        std::string name = c < ref.column_aliases.size() ? ref.column_aliases[c]
                           : c < cte.columns.size()      ? cte.columns[c]
                                                         : plan->output[c].name;
        scope->columns.push_back({rel, name, plan->output[c].type, 0, 0, false});
      }
      return plan;
    }
  }
  return nullptr;
}

PlanPtr Binder::BindCteQuery(const std::shared_ptr<const CteFrame>& frame, size_t index) {
  const ast::CommonTableExpr& cte = frame->with->ctes[index];
  // Queries of one WITH RECURSIVE that reach each other other than through a recursive term's FROM would
  // bind forever (parse_cte.c checkWellFormedRecursion refuses them).
  if (cte_depth >= kMaxCteDepth) {
    throw Error(sqlstate::kFeatureNotSupported, "mutual recursion between WITH items is not implemented", cte.location);
  }
  ++cte_depth;
  struct DepthGuard {
    ~DepthGuard() { --cte_depth; }
  } depth_guard;
  if (cte.query->kind != ast::StmtKind::kSelect) {
    throw Error(sqlstate::kFeatureNotSupported, "data-modifying statements in WITH are not supported", cte.location);
  }
  const auto& select = cte.query->As<ast::SelectStmt>();
  if (frame->with->recursive && ReferencesName(select, cte.name)) return BindRecursiveCte(frame, index);
  auto inner_frame = std::make_shared<CteFrame>(*frame);
  inner_frame->visible = frame->with->recursive ? frame->visible : index;
  inner_frame->self = -1;
  inner_frame->worktable = nullptr;
  FrameSwap swap(inner_frame);
  Binder inner(catalog_, txn_, search_path_, query_text_);
  inner.params_ = params_;
  inner.permissions_ = permissions_;
  return inner.BindSelect(select);
}

PlanPtr Binder::BindRecursiveCte(const std::shared_ptr<const CteFrame>& frame, size_t index) {
  const ast::CommonTableExpr& cte = frame->with->ctes[index];
  const auto& select = cte.query->As<ast::SelectStmt>();
  if (select.set_op != ast::SetOpType::kUnion || ReferencesName(*select.larg, cte.name)) {
    if (select.set_op == ast::SetOpType::kUnion) {
      throw Error(kInvalidRecursion,
                  "recursive reference to query \"" + cte.name + "\" must not appear within its non-recursive term",
                  cte.location);
    }
    throw Error(
        kInvalidRecursion,
        "recursive query \"" + cte.name + "\" does not have the form non-recursive-term UNION [ALL] recursive-term",
        cte.location);
  }
  if (!select.locking.empty() || !select.rarg->locking.empty()) {
    throw DbError(sqlstate::kFeatureNotSupported, "FOR UPDATE/SHARE in a recursive query is not implemented");
  }
  if (!select.order_by.empty()) {
    throw Error(sqlstate::kFeatureNotSupported, "ORDER BY in a recursive query is not implemented", cte.location);
  }
  if (select.limit || select.offset) {
    throw Error(sqlstate::kFeatureNotSupported, "OFFSET in a recursive query is not implemented", cte.location);
  }
  auto term_frame = std::make_shared<CteFrame>(*frame);
  term_frame->self = static_cast<int>(index);
  Binder inner(catalog_, txn_, search_path_, query_text_);
  inner.params_ = params_;
  inner.permissions_ = permissions_;
  PlanPtr left;
  {
    FrameSwap swap(term_frame);
    left = inner.BindSelect(*select.larg);
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
    recursive_frame->term_binder = &term;
    FrameSwap swap(recursive_frame);
    term.params_ = params_;
    term.permissions_ = permissions_;
    right = term.BindSelect(*select.rarg);
  }
  if (right->output.size() != left->output.size()) {
    throw Error(sqlstate::kSyntaxError, "each UNION query must have the same number of columns", cte.location);
  }
  for (size_t i = 0; i < left->output.size(); ++i) {
    if (right->output[i].type == left->output[i].type) continue;
    // parse_cte.c analyzeCTE points at the non-recursive term's column.
    const ast::SelectStmt* first = select.larg.get();
    while (first->larg) first = first->larg.get();
    const int32_t at = i < first->targets.size() ? first->targets[i].expr->location : cte.location;
    throw Error(sqlstate::kDatatypeMismatch,
                "recursive query \"" + cte.name + "\" column " + std::to_string(i + 1) + " has type " +
                    FormatType(left->output[i].type) + " in non-recursive term but type " +
                    FormatType(right->output[i].type) + " overall",
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
