// WindowAgg (nodeWindowAgg.c): reads its sorted input, splits it into partitions, and appends to each
// row one column per window function call. Frames come from window_frame.cpp; a running aggregate (frame
// starting at UNBOUNDED PRECEDING, no EXCLUDE) is advanced row by row, other frames are aggregated
// afresh unless equal to the previous row's.
#include <cmath>

#include "aggregate_state.h"
#include "common/error.h"
#include "common/sqlstate_window.h"
#include "common/value_ops.h"
#include "exec/expression_evaluator.h"
#include "exec/window_frame.h"
#include "executor_builders.h"
#include "planner/window_plan.h"

namespace lumadb::exec {

namespace {

using planner::WindowFuncKind;

bool SameValue(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return CompareValues(a, b) == 0;
}

class WindowAggExecutor : public Executor {
 public:
  WindowAggExecutor(const planner::WindowAggPlan& plan, ExecContext& ctx)
      : plan_(plan), ctx_(ctx), child_(BuildExecutor(*plan.child, ctx)) {}

  void Init() override {
    child_->Init();
    rows_.clear();
    next_ = 0;
    Row row;
    std::vector<Row> partition;
    Row partition_key;
    while (child_->Next(&row)) {
      Row key;
      for (const auto& p : plan_.partition) key.push_back(Evaluate(*p, row, ctx_));
      if (!partition.empty() && !SameRow(key, partition_key)) Flush(&partition);
      partition_key = std::move(key);
      partition.push_back(std::move(row));
    }
    Flush(&partition);
  }

  bool Next(Row* out) override {
    if (next_ >= rows_.size()) return false;
    *out = std::move(rows_[next_++]);
    return true;
  }

 private:
  static bool SameRow(const Row& a, const Row& b) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (!SameValue(a[i], b[i])) return false;
    }
    return true;
  }

  // Computes every call over one partition and moves its rows, extended, to rows_.
  void Flush(std::vector<Row>* partition) {
    if (partition->empty()) return;
    const std::vector<Row>& rows = *partition;
    const size_t n = rows.size();
    std::vector<Row> keys(n);
    for (size_t r = 0; r < n; ++r) {
      for (const auto& k : plan_.order) keys[r].push_back(Evaluate(*k.expr, rows[r], ctx_));
    }
    PeerGroups peers = MakePeerGroups(n, [&](size_t r) { return SameRow(keys[r], keys[r - 1]); });
    std::vector<FrameSegments> frames = Frames(rows, peers);
    std::vector<std::vector<Value>> results(plan_.calls.size());
    for (size_t i = 0; i < plan_.calls.size(); ++i) results[i] = Compute(plan_.calls[i], rows, peers, frames);
    for (size_t r = 0; r < n; ++r) {
      Row out = std::move((*partition)[r]);
      for (auto& column : results) out.push_back(std::move(column[r]));
      rows_.push_back(std::move(out));
    }
    partition->clear();
  }

  // A ROWS/GROUPS offset: 22004 when NULL, 22013 when negative (nodeWindowAgg.c calculate_frame_offsets).
  int64_t Offset(const planner::BoundExprPtr& e, bool start) {
    if (!e) return 0;
    Value v = Evaluate(*e, Row{}, ctx_);
    const char* which = start ? "starting" : "ending";
    if (v.is_null())
      throw DbError(sqlstate::kNullValueNotAllowed, std::string("frame ") + which + " offset must not be null");
    if (v.GetInt() < 0) {
      throw DbError(sqlstate::kInvalidPrecedingOrFollowingSize,
                    std::string("frame ") + which + " offset must not be negative");
    }
    return v.GetInt();
  }

  // A RANGE offset: the same checks, through its own type (offset - offset is its zero).
  void CheckRangeOffset(const planner::BoundExprPtr& e, bool start) {
    if (!e) return;
    Value v = Evaluate(*e, Row{}, ctx_);
    if (v.is_null()) {
      throw DbError(sqlstate::kNullValueNotAllowed,
                    std::string("frame ") + (start ? "starting" : "ending") + " offset must not be null");
    }
    bool invalid = false;
    switch (v.type()) {
      case TypeId::kFloat4:
      case TypeId::kFloat8:
        invalid = std::isnan(v.GetFloat()) || v.GetFloat() < 0;
        break;
      case TypeId::kNumeric:
        invalid = v.GetNumeric().IsNaN() || v.GetNumeric().IsNegative();
        break;
      case TypeId::kInt2:
      case TypeId::kInt4:
      case TypeId::kInt8:
        invalid = v.GetInt() < 0;
        break;
      default:  // interval: below its own zero
        invalid = CompareValues(v, Arithmetic(ArithOp::kSub, v, v)) < 0;
    }
    if (invalid) {
      throw DbError(sqlstate::kInvalidPrecedingOrFollowingSize,
                    "invalid preceding or following size in window function");
    }
  }

  std::vector<FrameSegments> Frames(const std::vector<Row>& rows, const PeerGroups& peers) {
    const planner::WindowFrame& f = plan_.frame;
    FrameOptions options{f.mode, f.start, f.end, f.exclude, 0, 0};
    if (f.mode != ast::FrameMode::kRange) {
      options.start_offset = Offset(f.start_offset, true);
      options.end_offset = Offset(f.end_offset, false);
      return ComputeFrames(options, peers, nullptr);
    }
    if (!f.range_key) return ComputeFrames(options, peers, nullptr);
    CheckRangeOffset(f.start_offset, true);
    CheckRangeOffset(f.end_offset, false);
    const size_t n = rows.size();
    std::vector<Value> key(n), lo(n), hi(n);
    // A bound beyond the type's range (key + offset overflowing) takes every row on that side, as the
    // in_range functions' overflow handling does; such a bound stays NULL here.
    auto bound = [&](const planner::BoundExprPtr& e, const Row& row) {
      try {
        return Evaluate(*e, row, ctx_);
      } catch (const DbError& error) {
        if (error.code() != sqlstate::kNumericValueOutOfRange && error.code() != sqlstate::kDatetimeFieldOverflow) {
          throw;
        }
        return Value();
      }
    };
    for (size_t r = 0; r < n; ++r) {
      key[r] = Evaluate(*f.range_key, rows[r], ctx_);
      if (key[r].is_null()) continue;
      if (f.range_start) lo[r] = bound(f.range_start, rows[r]);
      if (f.range_end) hi[r] = bound(f.range_end, rows[r]);
    }
    const bool desc = plan_.order[0].descending;
    const bool nulls_first = plan_.order[0].nulls_first;
    RangeTests tests;
    tests.before_start = [&](size_t r, size_t c) {
      if (key[c].is_null()) return !key[r].is_null() && !nulls_first;
      if (key[r].is_null()) return nulls_first;
      if (lo[c].is_null()) return false;
      const int cmp = CompareValues(key[r], lo[c]);
      return desc ? cmp > 0 : cmp < 0;
    };
    tests.after_end = [&](size_t r, size_t c) {
      if (key[c].is_null()) return !key[r].is_null() && nulls_first;
      if (key[r].is_null()) return !nulls_first;
      if (hi[c].is_null()) return false;
      const int cmp = CompareValues(key[r], hi[c]);
      return desc ? cmp < 0 : cmp > 0;
    };
    return ComputeFrames(options, peers, &tests);
  }

  Value Arg(const planner::WindowCall& call, size_t i, const Row& row) { return Evaluate(*call.args[i], row, ctx_); }

  std::vector<Value> Compute(const planner::WindowCall& call, const std::vector<Row>& rows, const PeerGroups& peers,
                             const std::vector<FrameSegments>& frames);
  std::vector<Value> Aggregate(const planner::WindowCall& call, const std::vector<Row>& rows,
                               const std::vector<FrameSegments>& frames);
  Value FrameValue(const planner::WindowCall& call, const std::vector<Row>& rows, size_t c, const FrameSegments& frame);

  const planner::WindowAggPlan& plan_;
  ExecContext& ctx_;
  std::unique_ptr<Executor> child_;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

std::vector<Value> WindowAggExecutor::Aggregate(const planner::WindowCall& call, const std::vector<Row>& rows,
                                                const std::vector<FrameSegments>& frames) {
  const size_t n = rows.size();
  std::vector<Value> out(n);
  const planner::WindowFrame& f = plan_.frame;
  if (f.start == ast::FrameBoundKind::kUnboundedPreceding && f.exclude == ast::FrameExclude::kNoOthers) {
    // The frame only grows: one running state.
    AggregateState state(call.aggregate);
    size_t added = 0;
    for (size_t c = 0; c < n; ++c) {
      const size_t end = frames[c].empty() ? 0 : frames[c].back().second;
      while (added < end) state.AddRow(rows[added++], ctx_);
      out[c] = state.Finish();
    }
    return out;
  }
  for (size_t c = 0; c < n; ++c) {
    if (c > 0 && frames[c] == frames[c - 1]) {
      out[c] = out[c - 1];
      continue;
    }
    AggregateState state(call.aggregate);
    for (const auto& [from, to] : frames[c]) {
      for (size_t r = from; r < to; ++r) state.AddRow(rows[r], ctx_);
    }
    out[c] = state.Finish();
  }
  return out;
}

// first_value, last_value, nth_value: the frame's first, last or nth row (nodeWindowAgg.c
// window_nth_value), NULL past its end; 22016 for n <= 0.
Value WindowAggExecutor::FrameValue(const planner::WindowCall& call, const std::vector<Row>& rows, size_t c,
                                    const FrameSegments& frame) {
  size_t total = 0;
  for (const auto& [from, to] : frame) total += to - from;
  int64_t nth = call.kind == WindowFuncKind::kLastValue ? static_cast<int64_t>(total) : 1;
  if (call.kind == WindowFuncKind::kNthValue) {
    Value k = Arg(call, 1, rows[c]);
    if (k.is_null()) return Value::Null(call.result.id);
    if (k.GetInt() <= 0) {
      throw DbError(sqlstate::kInvalidArgumentForNthValue, "argument of nth_value must be greater than zero");
    }
    nth = k.GetInt();
  }
  auto left = static_cast<size_t>(nth);
  for (const auto& [from, to] : frame) {
    if (left >= 1 && left <= to - from) return Arg(call, 0, rows[from + left - 1]);
    left -= std::min(left, to - from);
  }
  return Value::Null(call.result.id);
}

std::vector<Value> WindowAggExecutor::Compute(const planner::WindowCall& call, const std::vector<Row>& rows,
                                              const PeerGroups& peers, const std::vector<FrameSegments>& frames) {
  if (call.kind == WindowFuncKind::kAggregate) return Aggregate(call, rows, frames);
  const size_t n = rows.size();
  std::vector<Value> out(n);
  int64_t buckets = 0;
  if (call.kind == WindowFuncKind::kNtile) {
    Value v = Arg(call, 0, rows[0]);
    if (!v.is_null() && v.GetInt() <= 0) {
      throw DbError(sqlstate::kInvalidArgumentForNtile, "argument of ntile must be greater than zero");
    }
    buckets = v.is_null() ? 0 : v.GetInt();
  }
  for (size_t c = 0; c < n; ++c) {
    const size_t g = peers.group_of[c];
    const auto rank = static_cast<int64_t>(peers.starts[g] + 1);
    switch (call.kind) {
      case WindowFuncKind::kRowNumber:
        out[c] = Value::Int8(static_cast<int64_t>(c + 1));
        break;
      case WindowFuncKind::kRank:
        out[c] = Value::Int8(rank);
        break;
      case WindowFuncKind::kDenseRank:
        out[c] = Value::Int8(static_cast<int64_t>(g + 1));
        break;
      case WindowFuncKind::kPercentRank:
        out[c] = Value::Float8(n > 1 ? static_cast<double>(rank - 1) / static_cast<double>(n - 1) : 0.0);
        break;
      case WindowFuncKind::kCumeDist:
        out[c] = Value::Float8(static_cast<double>(peers.starts[g + 1]) / static_cast<double>(n));
        break;
      case WindowFuncKind::kNtile: {
        if (buckets == 0) {
          out[c] = Value::Null(TypeId::kInt4);
          break;
        }
        // The first n % buckets buckets get one row more (nodeWindowAgg.c window_ntile).
        const auto total = static_cast<int64_t>(n);
        const int64_t per = total / buckets, extra = total % buckets;
        const auto row = static_cast<int64_t>(c);
        const int64_t big = extra * (per + 1);
        out[c] = Value::Int4(static_cast<int32_t>(row < big ? row / (per + 1) + 1 : extra + (row - big) / per + 1));
        break;
      }
      case WindowFuncKind::kLag:
      case WindowFuncKind::kLead: {
        Value offset = call.args.size() > 1 ? Arg(call, 1, rows[c]) : Value::Int4(1);
        if (offset.is_null()) {
          out[c] = Value::Null(call.result.id);
          break;
        }
        const int64_t step = call.kind == WindowFuncKind::kLag ? -offset.GetInt() : offset.GetInt();
        const int64_t target = static_cast<int64_t>(c) + step;
        if (target >= 0 && target < static_cast<int64_t>(n)) {
          out[c] = Arg(call, 0, rows[static_cast<size_t>(target)]);
        } else {
          out[c] = call.args.size() > 2 ? Arg(call, 2, rows[c]) : Value::Null(call.result.id);
        }
        break;
      }
      case WindowFuncKind::kFirstValue:
      case WindowFuncKind::kLastValue:
      case WindowFuncKind::kNthValue:
        out[c] = FrameValue(call, rows, c, frames[c]);
        break;
      case WindowFuncKind::kAggregate:
        break;
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<Executor> MakeWindowAggExecutor(const planner::WindowAggPlan& plan, ExecContext& ctx) {
  return std::make_unique<WindowAggExecutor>(plan, ctx);
}

}  // namespace lumadb::exec
