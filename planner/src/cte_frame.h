#pragma once
// The WITH clauses in scope while a statement is bound (PostgreSQL's p_ctenamespace), private to the
// binder's bind_cte*.cpp files.

#include <memory>
#include <vector>

#include "planner/binder.h"
#include "planner/cte_plan.h"

namespace lumadb::planner {

/// What the references to one WITH clause decided, shared by every copy of its frame.
struct CteFrameState {
  std::vector<std::shared_ptr<const CteDef>> defs;  // per query: its materialized plan once bound
  std::vector<int> refcounts;                       // per query: references to it, -1 until counted
  std::vector<bool> correlated;  // per query: reads an outer level's columns, so it is inlined at each use
};

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
  // The statement owning the clause and what its binder lends the WITH queries' binders (null owner: a
  // frame without them, whose queries see no outer level).
  const ast::Statement* owner = nullptr;
  std::vector<OuterLevel> outer;
  std::shared_ptr<int> exec_params;
  const Binder* creator_term = nullptr;  // the owner's binder, which the clause's queries' binders stand for
  std::shared_ptr<CteFrameState> state;
};

/// Makes `frame` the innermost visible WITH clause for the lifetime of the object.
class FrameSwap {
 public:
  explicit FrameSwap(std::shared_ptr<const CteFrame> frame);
  ~FrameSwap();
  FrameSwap(const FrameSwap&) = delete;
  FrameSwap& operator=(const FrameSwap&) = delete;

 private:
  std::shared_ptr<const CteFrame> saved_;
};

/// The columns SEARCH and CYCLE add to a recursive WITH query (sequence; mark and path), hidden from
/// its own recursive term's * and unqualified names (bind_cte_search_rewrite.cpp).
size_t SearchCycleColumnCount(const ast::CommonTableExpr& cte);

}  // namespace lumadb::planner
