// WITH and WITH RECURSIVE (PostgreSQL's parse_cte.c, and subselect.c SS_process_ctes for what is inlined).
// A side-effect-free WITH query referenced once (or NOT MATERIALIZED) is bound where it is referenced, like
// a subquery in FROM; one referenced more than once, AS MATERIALIZED, recursive or data-modifying is bound
// once into a CteDef that every reference reads through a CTE Scan. A self-referencing query of WITH
// RECURSIVE becomes a RecursiveUnion whose recursive term reads the previous round through a
// WorkTableScan.
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

// The WITH clauses visible to the statement being bound on this thread (binding never crosses threads).
thread_local std::shared_ptr<const CteFrame> current_frame;

std::atomic<int> next_cte_id{1};

// How many WITH queries are being bound inside each other on this thread.
thread_local int cte_depth = 0;
constexpr int kMaxCteDepth = 64;

// How many statements (WithScopes) are being bound inside each other: 1 is the top level.
thread_local int statement_depth = 0;

// True while a WITH query is bound into a CteDef (run at its owner's level) rather than inline.
thread_local bool materializing = false;

// Stands for a level a WITH query bound inline must not see, yet must pass outer values through.
const Scope kHiddenScope{};

bool IsModifying(const ast::CommonTableExpr& cte) {
  return cte.query->kind != ast::StmtKind::kSelect;
}

/// True if WITH RECURSIVE query `cte` reads itself (then it is a RecursiveUnion).
bool SelfReferencing(const ast::WithClause& with, const ast::CommonTableExpr& cte) {
  return with.recursive && CountCteReferences(*cte.query, cte.name, false) > 0;
}

/// PostgreSQL's cterefcount: references from the owner's body and from the queries that can see it.
int RefCount(const CteFrame& frame, size_t index) {
  if (frame.owner == nullptr) return 1;
  int& count = frame.state->refcounts[index];
  if (count >= 0) return count;
  const auto& ctes = frame.with->ctes;
  count = CountCteReferences(*frame.owner, ctes[index].name, true);
  for (size_t j = 0; j < ctes.size(); ++j) {
    if (j != index && (frame.with->recursive || j > index)) {
      count += CountCteReferences(*ctes[j].query, ctes[index].name, false);
    }
  }
  return count;
}

/// subselect.c SS_process_ctes: which WITH queries are evaluated once rather than inlined.
bool Materialize(const CteFrame& frame, size_t index) {
  const ast::CommonTableExpr& cte = frame.with->ctes[index];
  if (IsModifying(cte) || SelfReferencing(*frame.with, cte) || CallsVolatileFunction(*cte.query)) return true;
  if (cte.materialized) return *cte.materialized;
  return RefCount(frame, index) > 1;
}

/// A projection passing child's columns through: a node of its own to carry init_ctes.
PlanPtr IdentityProject(PlanPtr child) {
  auto p = std::make_shared<ProjectPlan>();
  for (size_t i = 0; i < child->output.size(); ++i) {
    p->exprs.push_back(MakeColumn(static_cast<int>(i), child->output[i].type, child->output[i].name));
  }
  p->output = child->output;
  p->child = std::move(child);
  return p;
}

/// parse_cte.c makeDependencyGraph/TopologicalSort: two queries of one WITH RECURSIVE reading each other.
void CheckMutualRecursion(const ast::WithClause& with, const std::function<DbError(std::string, int32_t)>& error) {
  const size_t n = with.ctes.size();
  std::vector<std::vector<bool>> reads(n, std::vector<bool>(n, false));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      reads[i][j] = i != j && CountCteReferences(*with.ctes[i].query, with.ctes[j].name, false) > 0;
    }
  }
  // Transitive closure: a cycle through two or more queries makes some query reach itself.
  for (size_t k = 0; k < n; ++k) {
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) reads[i][j] = reads[i][j] || (reads[i][k] && reads[k][j]);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (reads[i][i]) throw error("mutual recursion between WITH items is not implemented", with.ctes[i].location);
  }
}

}  // namespace

FrameSwap::FrameSwap(std::shared_ptr<const CteFrame> frame) : saved_(std::move(current_frame)) {
  current_frame = std::move(frame);
}

FrameSwap::~FrameSwap() {
  current_frame = std::move(saved_);
}

void Binder::LendCteContext(const CteFrame& frame, Binder* to) const {
  to->params_ = params_;
  to->permissions_ = permissions_;
  to->exec_params_ = exec_params_;
  if (frame.owner == nullptr) return;
  to->outer_ = frame.outer;
  to->exec_params_ = frame.exec_params;
  to->cte_term_ = frame.creator_term;
}

Binder::WithScope::WithScope(const ast::WithClause* with, bool isolate) : saved_(current_frame) {
  ++statement_depth;
  if (isolate) current_frame = nullptr;
  if (with == nullptr) return;
  auto frame = std::make_shared<CteFrame>();
  frame->with = with;
  frame->visible = with->ctes.size();
  frame->parent = current_frame;
  current_frame = std::move(frame);
}

Binder::WithScope::WithScope(Binder* binder, const ast::Statement& owner, const ast::WithClause* with)
    : saved_(current_frame), binder_(binder) {
  // An updatable view's rewritten statement carries the caller's WITH clause, already in scope.
  if (with == nullptr || (current_frame && current_frame->with == with)) {
    ++statement_depth;
    return;
  }
  auto error = [binder](std::string message, int32_t location) {
    return binder->Error(sqlstate::kFeatureNotSupported, std::move(message), location);
  };
  for (const auto& cte : with->ctes) {
    if (IsModifying(cte) && statement_depth > 0) {
      throw error("WITH clause containing a data-modifying statement must be at the top level", cte.location);
    }
  }
  if (with->recursive) CheckMutualRecursion(*with, error);
  auto frame = std::make_shared<CteFrame>();
  frame->with = with;
  frame->visible = with->ctes.size();
  frame->parent = current_frame;
  frame->owner = &owner;
  frame->outer = binder->outer_;
  frame->exec_params = binder->exec_params_;
  frame->creator_term = binder;
  frame->state = std::make_shared<CteFrameState>();
  frame->state->defs.resize(with->ctes.size());
  frame->state->refcounts.assign(with->ctes.size(), -1);
  frame->state->correlated.assign(with->ctes.size(), false);
  own_ = frame;
  current_frame = std::move(frame);
  // Only now: a constructor that throws gets no destructor to undo it.
  ++statement_depth;
}

Binder::WithScope::~WithScope() {
  --statement_depth;
  current_frame = std::move(saved_);
}

PlanPtr Binder::WithScope::Attach(PlanPtr plan) {
  if (!own_) return plan;
  const auto& ctes = own_->with->ctes;
  for (size_t i = 0; i < ctes.size(); ++i) {
    // A data-modifying query runs even when nothing reads it (ExecPostprocessPlan).
    if (IsModifying(ctes[i]) && !own_->state->defs[i]) binder_->MaterializedCteScan(own_, i, nullptr);
  }
  std::vector<std::shared_ptr<const CteDef>> defs;
  for (const auto& def : own_->state->defs) {
    if (def) defs.push_back(def);
  }
  if (defs.empty()) return plan;
  if (plan->kind == PlanKind::kWorkTableScan || plan->kind == PlanKind::kCteScan || !plan->init_ctes.empty()) {
    plan = IdentityProject(plan);
  }
  // The node was just built for this statement level and nothing else holds it yet.
  const_cast<PlanNode&>(*plan).init_ctes = std::move(defs);
  return plan;
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
        // A WITH query of the recursive term (at any depth of WITH queries) stands for the term.
        const Binder* b = this;
        while (b != nullptr && b != frame->term_binder) b = b->cte_term_;
        if (b == nullptr) {
          throw Error(kInvalidRecursion,
                      "recursive reference to query \"" + cte.name + "\" must not appear within a subquery",
                      ref.location);
        }
        plan = frame->worktable;
      } else if (frame->state && !frame->state->correlated[i] && Materialize(*frame, i)) {
        plan = MaterializedCteScan(frame, i, &ref);
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
      const size_t hidden_from =  // SEARCH/CYCLE columns in the query's own recursive term
          static_cast<int>(i) == frame->self ? plan->output.size() - SearchCycleColumnCount(cte) : plan->output.size();
      for (size_t c = 0; c < plan->output.size(); ++c) {
        std::string name = c < ref.column_aliases.size() ? ref.column_aliases[c]
                           : c < cte.columns.size()      ? cte.columns[c]
                                                         : plan->output[c].name;
        scope->columns.push_back({rel, name, plan->output[c].type, 0, 0, false, c >= hidden_from});
      }
      return plan;
    }
  }
  return nullptr;
}

PlanPtr Binder::MaterializedCteScan(const std::shared_ptr<const CteFrame>& frame, size_t index,
                                    const ast::TableRef* ref) {
  const ast::CommonTableExpr& cte = frame->with->ctes[index];
  auto& def = frame->state->defs[index];
  if (!def) {
    auto made = std::make_shared<CteDef>();
    made->id = next_cte_id++;
    made->name = cte.name;
    made->modifying = IsModifying(cte);
    std::vector<size_t> passed;  // what the owner's outer levels pass in so far
    for (const auto& level : frame->outer) passed.push_back(level.params ? level.params->size() : 0);
    const bool saved = materializing;
    materializing = true;
    try {
      made->plan = BindCteQuery(frame, index);
    } catch (...) {
      materializing = saved;
      throw;
    }
    materializing = saved;
    bool correlated = false;
    for (size_t k = 0; k < passed.size(); ++k)
      correlated = correlated || (frame->outer[k].params && frame->outer[k].params->size() > passed[k]);
    if (correlated && !made->modifying && !SelfReferencing(*frame->with, cte) && ref != nullptr) {
      // A buffer filled once would serve stale rows to a subquery exec caches as uncorrelated; bound
      // inline, the query runs where it is read, with the outer values passed through every level.
      frame->state->correlated[index] = true;
      return BindCteQuery(frame, index);
    }
    def = made;
  }
  if (ref == nullptr) return nullptr;
  if (def->modifying && def->plan->output.empty()) {
    throw Error(sqlstate::kFeatureNotSupported, "WITH query \"" + cte.name + "\" does not have a RETURNING clause",
                ref->location);
  }
  auto scan = std::make_shared<CteScanPlan>();
  scan->cte = def;
  scan->alias = ref->alias;
  for (size_t c = 0; c < def->plan->output.size(); ++c) {
    scan->output.push_back(
        {c < cte.columns.size() ? cte.columns[c] : def->plan->output[c].name, def->plan->output[c].type});
  }
  return scan;
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
  if (IsModifying(cte)) {
    if (SelfReferencing(*frame->with, cte)) {
      throw Error(kInvalidRecursion, "recursive query \"" + cte.name + "\" must not contain data-modifying statements",
                  cte.location);
    }
  } else if (SelfReferencing(*frame->with, cte)) {
    return BindRecursiveCte(frame, index);
  }
  auto inner_frame = std::make_shared<CteFrame>(*frame);
  inner_frame->visible = frame->with->recursive ? frame->visible : index;
  inner_frame->self = -1;
  inner_frame->worktable = nullptr;
  FrameSwap swap(inner_frame);
  Binder inner(catalog_, txn_, search_path_, query_text_);
  LendCteContext(*frame, &inner);
  const bool inline_here = !materializing;
  materializing = false;
  if (inline_here && frame->owner && outer_.size() >= frame->outer.size()) {
    // Inlined below its owner, the query runs inside the subqueries between the two: an outer value it
    // reads is passed through each of them (so a correlated one is re-run), while their own columns and
    // the owner's stay out of its sight.
    inner.outer_ = outer_;
    for (size_t i = 0; i < outer_.size() - frame->outer.size(); ++i) inner.outer_[i].scope = &kHiddenScope;
  }
  switch (cte.query->kind) {
    case ast::StmtKind::kInsert:
      return inner.BindInsert(cte.query->As<ast::InsertStmt>());
    case ast::StmtKind::kUpdate:
      return inner.BindUpdate(cte.query->As<ast::UpdateStmt>());
    case ast::StmtKind::kDelete:
      return inner.BindDelete(cte.query->As<ast::DeleteStmt>());
    default: {
      PlanPtr plan = inner.BindSelect(cte.query->As<ast::SelectStmt>());
      CheckSearchCycle(cte, false, *plan);
      return plan;
    }
  }
}

}  // namespace lumadb::planner
