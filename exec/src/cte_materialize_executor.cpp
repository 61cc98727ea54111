// Materialized WITH queries (PostgreSQL's nodeCtescan.c over a shared tuplestore, and ExecPostprocessPlan
// for data-modifying ones). The node listing a query in init_ctes creates its buffer at Init; every CTE
// Scan of it reads the same rows with its own position, and the query runs only as far as the furthest
// reader needs (so `LIMIT` over an endless recursive query stops). A statement with a data-modifying WITH
// first reads everything (those queries to completion, then its own rows) with writes deferred, then
// applies the writes in the order they were queued.
#include "common/error.h"
#include "executor_builders.h"
#include "planner/cte_plan.h"

namespace lumadb::exec {

/// The rows of one WITH query produced so far in this run, and the executor producing the rest.
class CteBuffer {
 public:
  CteBuffer(const planner::CteDef& def, ExecContext& ctx) : def_(def), ctx_(ctx) {}

  /// Row i of the query (pulled from it when not produced yet); false past its end.
  bool Get(size_t i, Row* out) {
    while (i >= rows_.size() && !done_) {
      if (!exec_) {
        exec_ = BuildExecutor(*def_.plan, ctx_);
        exec_->Init();
      }
      Row row;
      if (!exec_->Next(&row)) {
        // The executor stays: writes it deferred (ExecContext::deferred_writes) still refer to it.
        done_ = true;
        break;
      }
      rows_.push_back(std::move(row));
    }
    if (i >= rows_.size()) return false;
    *out = rows_[i];
    return true;
  }

  /// Runs the query to its end.
  void Finish() {
    Row row;
    while (Get(rows_.size(), &row)) {
    }
  }

 private:
  const planner::CteDef& def_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> exec_;
  std::vector<Row> rows_;
  bool done_ = false;
};

namespace {

class CteScanExecutor : public Executor {
 public:
  CteScanExecutor(const planner::CteScanPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    auto it = ctx_.cte_buffers.find(plan_.cte->id);
    LUMADB_ASSERT(it != ctx_.cte_buffers.end(), "CTE Scan before its WITH query was started");
    buffer_ = it->second;
    next_ = 0;
  }

  bool Next(Row* out) override {
    if (!buffer_->Get(next_, out)) return false;
    ++next_;
    return true;
  }

 private:
  const planner::CteScanPlan& plan_;
  ExecContext& ctx_;
  std::shared_ptr<CteBuffer> buffer_;
  size_t next_ = 0;
};

/// Restores ExecContext::deferred_writes when a read phase ends, thrown out of or not.
class DeferWrites {
 public:
  DeferWrites(ExecContext& ctx, std::vector<std::function<void()>>* writes) : ctx_(ctx), saved_(ctx.deferred_writes) {
    ctx.deferred_writes = writes;
  }
  ~DeferWrites() { ctx_.deferred_writes = saved_; }
  DeferWrites(const DeferWrites&) = delete;
  DeferWrites& operator=(const DeferWrites&) = delete;

 private:
  ExecContext& ctx_;
  std::vector<std::function<void()>>* saved_;
};

bool IsModify(const planner::PlanNode& plan) {
  return plan.kind == planner::PlanKind::kInsert || plan.kind == planner::PlanKind::kUpdate ||
         plan.kind == planner::PlanKind::kDelete;
}

/// The node that lists WITH queries: starts their buffers, then runs the node itself.
class CteAnchorExecutor : public Executor {
 public:
  CteAnchorExecutor(const planner::PlanNode& plan, std::unique_ptr<Executor> child, ExecContext& ctx)
      : plan_(plan), child_(std::move(child)), ctx_(ctx) {}

  void Init() override {
    bool modifying = false;
    for (const auto& def : plan_.init_ctes) {
      // A correlated subquery's anchor is initialised again for each outer row, with fresh buffers; a
      // data-modifying query runs once per statement (top level only), and its buffer, which owns the
      // executor its deferred writes refer to, lives in the context until the statement ends.
      LUMADB_ASSERT(!def->modifying || !ctx_.cte_buffers.count(def->id), "data-modifying WITH query started twice");
      ctx_.cte_buffers[def->id] = std::make_shared<CteBuffer>(*def, ctx_);
      modifying = modifying || def->modifying;
    }
    if (!modifying) {
      child_->Init();
      return;
    }
    std::vector<std::function<void()>> writes;
    {
      DeferWrites defer(ctx_, &writes);
      for (const auto& def : plan_.init_ctes) {
        if (def->modifying) ctx_.cte_buffers[def->id]->Finish();
      }
      child_->Init();
      // A modifying node has computed its RETURNING rows in Init; a query is read to its end now.
      if (!IsModify(plan_)) {
        buffered_ = true;
        Row row;
        while (child_->Next(&row)) rows_.push_back(std::move(row));
      }
    }
    for (auto& write : writes) write();
  }

  bool Next(Row* out) override {
    if (!buffered_) return child_->Next(out);
    if (next_ >= rows_.size()) return false;
    *out = std::move(rows_[next_++]);
    return true;
  }

  int64_t RowsAffected() const override { return child_->RowsAffected(); }

 private:
  const planner::PlanNode& plan_;
  std::unique_ptr<Executor> child_;
  ExecContext& ctx_;
  bool buffered_ = false;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Executor> MakeCteScanExecutor(const planner::PlanNode& plan, ExecContext& ctx) {
  return std::make_unique<CteScanExecutor>(plan.As<planner::CteScanPlan>(), ctx);
}

std::unique_ptr<Executor> WrapCteAnchor(const planner::PlanNode& plan, std::unique_ptr<Executor> exec,
                                        ExecContext& ctx) {
  if (plan.init_ctes.empty()) return exec;
  return std::make_unique<CteAnchorExecutor>(plan, std::move(exec), ctx);
}

}  // namespace lumadb::exec
