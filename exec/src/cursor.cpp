// FETCH and MOVE over a cursor: tcop/pquery.c DoPortalRunFetch, PortalRunSelect and DoPortalRewind, with
// the rows read so far standing in for the executor's backward scan (exec/cursor.h).

#include "exec/cursor.h"

#include "common/error.h"
#include "planner/plan.h"

namespace lumadb::exec {

namespace {

using D = ast::FetchDirection;

}  // namespace

Cursor::Cursor(std::unique_ptr<RowSource> source, bool scroll) : source_(std::move(source)), scroll_(scroll) {}

void Cursor::CheckScroll() const {
  if (!scroll_) {
    throw DbError(sqlstate::kObjectNotInPrerequisiteState, "cursor can only scan forward")
        .Hint("Declare it with SCROLL option to enable backward scan.");
  }
}

const Row* Cursor::RowAt(uint64_t k, ResultSink& notices) {
  while (source_ && base_ + rows_.size() < k) {
    Row row;
    if (!source_->Next(&row, notices)) {
      source_.reset();
      break;
    }
    rows_.push_back(std::move(row));
  }
  if (k <= base_ || k > base_ + rows_.size()) return nullptr;
  return &rows_[k - base_ - 1];
}

uint64_t Cursor::RunSelect(bool forward, int64_t count, ResultSink& sink, bool send_rows) {
  if (!forward) CheckScroll();
  if (count <= 0 || (forward ? at_end_ : at_start_)) return 0;  // NoMovementScanDirection
  uint64_t processed = 0;
  while (count == ast::kFetchAll || processed < static_cast<uint64_t>(count)) {
    uint64_t next = forward ? pos_ + 1 : pos_ - 1;
    const Row* row = !forward && pos_ <= 1 ? nullptr : RowAt(next, sink);
    if (!row) {
      pos_ = forward ? base_ + rows_.size() + 1 : 0;
      break;
    }
    if (send_rows) sink.Row(*row);
    pos_ = next;
    ++processed;
  }
  if (!scroll_ && pos_ > base_) {  // nothing can go back to the rows passed
    uint64_t drop = std::min<uint64_t>(pos_ - base_, rows_.size());
    rows_.erase(rows_.begin(), rows_.begin() + static_cast<std::ptrdiff_t>(drop));
    base_ += drop;
  }
  bool all_read = count == ast::kFetchAll || processed < static_cast<uint64_t>(count);
  if (forward) {
    if (processed > 0) at_start_ = false;
    if (all_read) at_end_ = true;
    portal_pos_ += processed;
  } else {
    if (processed > 0 && at_end_) {
      at_end_ = false;
      ++portal_pos_;  // the endpoint case
    }
    if (all_read) {
      at_start_ = true;
      portal_pos_ = 0;
    } else {
      portal_pos_ -= processed;
    }
  }
  return processed;
}

void Cursor::Rewind() {
  if (at_start_ && !at_end_) return;  // never moved: no NO SCROLL error either
  CheckScroll();
  pos_ = 0;
  at_start_ = true;
  at_end_ = false;
  portal_pos_ = 0;
}

uint64_t Cursor::Fetch(D direction, int64_t count, ResultSink& sink, bool send_rows) {
  bool forward = true;
  switch (direction) {
    case D::kForward:
    case D::kBackward:
      forward = (direction == D::kForward) == (count >= 0);
      if (count < 0) count = -count;
      break;
    case D::kAbsolute:
      if (count > 0) {
        // Rewind and advance count-1 rows, or move relative to the current position when that is shorter.
        auto pos = static_cast<int64_t>(portal_pos_);
        if (count - 1 < pos - count) {
          Rewind();
          if (count > 1) RunSelect(true, count - 1, sink, false);
        } else {
          if (at_end_) ++pos;  // one extra step when off the end
          if (count <= pos) {
            RunSelect(false, pos - count + 1, sink, false);
          } else if (count > pos + 1) {
            RunSelect(true, count - pos - 1, sink, false);
          }
        }
        return RunSelect(true, 1, sink, send_rows);
      }
      if (count < 0) {
        // Run to the end, back up |count|-1 rows and return the row before.
        RunSelect(true, ast::kFetchAll, sink, false);
        if (count < -1) RunSelect(false, -count - 1, sink, false);
        return RunSelect(false, 1, sink, send_rows);
      }
      Rewind();
      return RunSelect(true, 0, sink, send_rows);
    case D::kRelative:
      if (count > 0) {
        if (count > 1) RunSelect(true, count - 1, sink, false);
        return RunSelect(true, 1, sink, send_rows);
      }
      if (count < 0) {
        if (count < -1) RunSelect(false, -count - 1, sink, false);
        return RunSelect(false, 1, sink, send_rows);
      }
      break;  // RELATIVE 0 is FORWARD 0
  }
  if (count == 0) {
    // SQL's "re-fetch the current row"; MOVE 0 only says whether there is one.
    bool on_row = !at_start_ && !at_end_;
    if (!send_rows) return on_row ? 1 : 0;
    if (on_row) {
      RunSelect(false, 1, sink, false);
      count = 1;
      forward = true;
    }
  }
  if (!forward && count == ast::kFetchAll && !send_rows) {
    // MOVE BACKWARD ALL is a rewind that counts the rows it passed.
    uint64_t result = portal_pos_;
    if (result > 0 && !at_end_) --result;
    Rewind();
    return result;
  }
  return RunSelect(forward, count, sink, send_rows);
}

void Cursor::Materialize(ResultSink& notices) {
  if (!source_) return;
  // A NO SCROLL cursor only needs what lies ahead; a SCROLL one keeps everything (PersistHoldablePortal).
  RowAt(UINT64_MAX, notices);
}

bool PlanSupportsBackwardScan(const planner::PlanNode& plan) {
  using K = planner::PlanKind;
  switch (plan.kind) {
    case K::kSeqScan:
    case K::kIndexScan:
    case K::kFunctionScan:
    case K::kSort:
      return true;
    case K::kValues: {
      // A FROM-less SELECT is PostgreSQL's Result node, which cannot; VALUES is a ValuesScan, which can.
      const auto& rows = plan.As<planner::ValuesPlan>().rows;
      return !rows.empty() && !rows[0].empty();
    }
    case K::kFilter:
      return PlanSupportsBackwardScan(*plan.As<planner::FilterPlan>().child);
    case K::kProject:
      return PlanSupportsBackwardScan(*plan.As<planner::ProjectPlan>().child);
    case K::kLimit:
      return PlanSupportsBackwardScan(*plan.As<planner::LimitPlan>().child);
    case K::kSetOp: {
      const auto& op = plan.As<planner::SetOpPlan>();  // UNION ALL is an Append
      return op.all && op.op == planner::SetOpKind::kUnion && PlanSupportsBackwardScan(*op.left) &&
             PlanSupportsBackwardScan(*op.right);
    }
    default:
      return false;
  }
}

bool PlanLocksRows(const planner::PlanNode& plan) {
  using K = planner::PlanKind;
  switch (plan.kind) {
    case K::kSeqScan:
      return plan.As<planner::SeqScanPlan>().row_lock != planner::RowLockMode::kRead;
    case K::kIndexScan:
      return plan.As<planner::IndexScanPlan>().row_lock != planner::RowLockMode::kRead;
    case K::kFilter:
      return PlanLocksRows(*plan.As<planner::FilterPlan>().child);
    case K::kProject:
      return PlanLocksRows(*plan.As<planner::ProjectPlan>().child);
    case K::kProjectSet:
      return PlanLocksRows(*plan.As<planner::ProjectSetPlan>().child);
    case K::kLimit:
      return PlanLocksRows(*plan.As<planner::LimitPlan>().child);
    case K::kSort:
      return PlanLocksRows(*plan.As<planner::SortPlan>().child);
    case K::kJoin: {
      const auto& join = plan.As<planner::JoinPlan>();
      return PlanLocksRows(*join.left) || PlanLocksRows(*join.right);
    }
    case K::kIndexNestedLoop:
      return PlanLocksRows(*plan.As<planner::IndexNestedLoopPlan>().outer);
    default:
      return false;
  }
}

}  // namespace lumadb::exec
