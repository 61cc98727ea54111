// The GROUP BY / aggregate rewrite of a SELECT (parse_agg.c check_ungrouped_columns), used by
// bind_select.cpp; its own file to keep that one readable.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "planner/binder.h"
#include "planner/function_registry.h"
#include "planner/window_plan.h"

namespace lumadb::planner {

inline constexpr int kSrfMark = 1 << 20;  // AggregateRewriter's temporary numbering of ProjectSet columns

// e with AggregateRewriter's marks of ProjectSet columns (kSrfMark + k) pointing at column base + k.
inline BoundExprPtr PlaceSrfColumns(const BoundExprPtr& e, int base) {
  if (e->kind == BoundKind::kColumn && e->column >= kSrfMark) {
    return MakeColumn(base + e->column - kSrfMark, e->type, e->name, e->location);
  }
  if (e->args.empty()) return e;
  auto copy = std::make_shared<BoundExpr>(*e);
  for (auto& a : copy->args) a = PlaceSrfColumns(a, base);
  return copy;
}

// Moves aggregate calls into an Aggregate node and points everything above it at the node's output
// (group keys first, then aggregates), as parse_agg.c's check_ungrouped_columns demands.
class AggregateRewriter {
 public:
  /// srf_base: the first ProjectSet column of the select list's set-returning calls, whose references
  /// become kSrfMark + k until PlaceSrfColumns knows the Aggregate's width (-1: none).
  AggregateRewriter(const Binder& binder, std::vector<BoundExprPtr> groups, int srf_base)
      : binder_(binder), groups_(std::move(groups)), srf_base_(srf_base) {}

  BoundExprPtr Rewrite(const BoundExprPtr& e) {
    for (size_t i = 0; i < groups_.size(); ++i) {
      if (ExprEquals(*e, *groups_[i])) return MakeColumn(static_cast<int>(i), e->type, e->name, e->location);
    }
    if (e->kind == BoundKind::kAggregate) return AggregateRef(e);
    if (e->kind == BoundKind::kColumn && srf_base_ >= 0 && e->column >= srf_base_) {
      return MakeColumn(kSrfMark + e->column - srf_base_, e->type, e->name, e->location);
    }
    if (e->kind == BoundKind::kColumn) {
      if (in_subquery_) {
        throw binder_.Error(sqlstate::kGroupingError,
                            "subquery uses ungrouped column \"" + e->name + "\" from outer query", e->location);
      }
      throw binder_.Error(sqlstate::kGroupingError,
                          "column \"" + e->name +
                              "\" must appear in the GROUP BY clause or be used in an aggregate "
                              "function",
                          e->location);
    }
    if (e->args.empty()) return e;
    auto copy = std::make_shared<BoundExpr>(*e);
    // A subquery's trailing args are the outer values it reads (its operand comes first).
    const size_t first_param = copy->args.size() - copy->param_ids.size();
    for (size_t i = 0; i < copy->args.size(); ++i) {
      const bool saved = in_subquery_;
      in_subquery_ = saved || (e->kind == BoundKind::kSubquery && i >= first_param);
      copy->args[i] = Rewrite(copy->args[i]);
      in_subquery_ = saved;
    }
    return copy;
  }

  const std::vector<BoundExprPtr>& groups() const { return groups_; }
  const std::vector<AggregateSpec>& aggregates() const { return aggregates_; }

 private:
  BoundExprPtr AggregateRef(const BoundExprPtr& e) {
    size_t index = aggregates_.size();
    for (size_t i = 0; i < calls_.size(); ++i) {
      if (ExprEquals(*calls_[i], *e)) index = i;
    }
    if (index == aggregates_.size()) {
      calls_.push_back(e);
      aggregates_.push_back(e->agg->kind == AggKind::kGrouping ? GroupingSpec(*e) : AggregateSpecOf(*e));
    }
    return MakeColumn(static_cast<int>(groups_.size() + index), e->type, e->name, e->location);
  }

  // GROUPING(args): the group keys its arguments are (parse_agg.c finalize_grouping_exprs), 42803 otherwise.
  AggregateSpec GroupingSpec(const BoundExpr& call) const {
    AggregateSpec spec;
    spec.func = call.agg;
    spec.result = call.type;
    for (const auto& a : call.args) {
      auto key =
          std::find_if(groups_.begin(), groups_.end(), [&](const BoundExprPtr& g) { return ExprEquals(*g, *a); });
      if (key == groups_.end()) {
        throw binder_.Error(sqlstate::kGroupingError,
                            "arguments to GROUPING must be grouping expressions of the associated query level",
                            a->location);
      }
      spec.grouping_columns.push_back(static_cast<int>(key - groups_.begin()));
    }
    return spec;
  }

  const Binder& binder_;
  std::vector<BoundExprPtr> groups_;
  int srf_base_;
  bool in_subquery_ = false;  // rewriting what a subquery reads from this level (check_ungrouped_columns)
  std::vector<BoundExprPtr> calls_;
  std::vector<AggregateSpec> aggregates_;
};

}  // namespace lumadb::planner
