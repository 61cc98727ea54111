#include "correlated_scan_cache.h"

#include <algorithm>

#include "exec/expression_evaluator.h"

namespace lumadb::exec {

using planner::BoundExpr;
using planner::BoundExprPtr;
using planner::BoundKind;

namespace {

struct Reads {
  bool columns = false;
  bool slots = false;  // of the subquery
  bool other = false;  // other slots, volatile calls: not cacheable
};

void Walk(const BoundExpr& e, const std::vector<int>& ids, Reads* r) {
  if (e.kind == BoundKind::kColumn) r->columns = true;
  if (e.kind == BoundKind::kExecParam) {
    (std::find(ids.begin(), ids.end(), e.op) != ids.end() ? r->slots : r->other) = true;
  }
  if (e.kind == BoundKind::kFunc && e.func && e.func->is_volatile) r->other = true;
  for (const auto& a : e.args) Walk(*a, ids, r);
}

Reads ReadsOf(const BoundExpr& e, const std::vector<int>& ids) {
  Reads r;
  Walk(e, ids, &r);
  return r;
}

void Conjuncts(const BoundExprPtr& e, std::vector<BoundExprPtr>* out) {
  if (!e) return;
  if (e->kind != BoundKind::kAnd) {
    out->push_back(e);
    return;
  }
  for (const auto& a : e->args) Conjuncts(a, out);
}

}  // namespace

std::unique_ptr<CorrelatedScanCache> CorrelatedScanCache::For(const BoundExpr& e) {
  if (e.subplan->kind != planner::PlanKind::kProject) return nullptr;
  const auto& project = e.subplan->As<planner::ProjectPlan>();
  if (project.child->kind != planner::PlanKind::kSeqScan) return nullptr;
  const auto& scan = project.child->As<planner::SeqScanPlan>();
  if (scan.emit_rid || scan.row_lock != planner::RowLockMode::kRead) return nullptr;
  for (const auto& x : project.exprs) {
    Reads r = ReadsOf(*x, e.param_ids);
    if (r.slots || r.other) return nullptr;
  }
  auto cache = std::make_unique<CorrelatedScanCache>();
  std::vector<BoundExprPtr> terms, rest;
  Conjuncts(scan.qual, &terms);
  for (const auto& t : terms) {
    Reads r = ReadsOf(*t, e.param_ids);
    if (r.other) return nullptr;
    if (!r.slots) {
      rest.push_back(t);
      continue;
    }
    if (t->kind != BoundKind::kCompare || static_cast<planner::CompareOp>(t->op) != planner::CompareOp::kEq) {
      return nullptr;
    }
    Reads l = ReadsOf(*t->args[0], e.param_ids);
    Reads rr = ReadsOf(*t->args[1], e.param_ids);
    if (l.columns && !l.slots && rr.slots && !rr.columns) {
      cache->inner_keys_.push_back(t->args[0]);
      cache->outer_keys_.push_back(t->args[1]);
    } else if (rr.columns && !rr.slots && l.slots && !l.columns) {
      cache->inner_keys_.push_back(t->args[1]);
      cache->outer_keys_.push_back(t->args[0]);
    } else {
      return nullptr;
    }
  }
  if (cache->inner_keys_.empty()) return nullptr;
  cache->project_ = &project;
  cache->scan_ = std::make_shared<planner::SeqScanPlan>(scan);
  if (rest.empty()) {
    cache->scan_->qual = nullptr;
  } else if (rest.size() == 1) {
    cache->scan_->qual = rest[0];
  } else {
    auto all = std::make_shared<BoundExpr>(*scan.qual);
    all->args = rest;
    cache->scan_->qual = all;
  }
  return cache;
}

std::vector<Row> CorrelatedScanCache::Rows(ExecContext& ctx) {
  auto key_of = [&](const std::vector<BoundExprPtr>& exprs, const Row& row, Row* key) {
    for (const auto& k : exprs) {
      key->push_back(Evaluate(*k, row, ctx));
      if (key->back().is_null()) return false;  // `=` with NULL matches nothing
    }
    return true;
  };
  if (!loaded_) {
    for (Row& row : RunToCompletion(*scan_, ctx)) {
      Row key;
      if (key_of(inner_keys_, row, &key)) buckets_[std::move(key)].push_back(std::move(row));
    }
    loaded_ = true;
  }
  std::vector<Row> out;
  Row key;
  if (!key_of(outer_keys_, Row{}, &key)) return out;
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return out;
  for (const Row& row : it->second) {
    Row projected;
    for (const auto& x : project_->exprs) projected.push_back(Evaluate(*x, row, ctx));
    out.push_back(std::move(projected));
  }
  return out;
}

}  // namespace lumadb::exec
