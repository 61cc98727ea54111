#pragma once
// Cursor: the FETCH/MOVE side of a SQL cursor (tcop/pquery.c DoPortalRunFetch, PortalRunSelect,
// DoPortalRewind; commands/portalcmds.c PersistHoldablePortal).
//
// Rows come forward from a RowSource, lazily. A SCROLL cursor keeps every row read so far (PostgreSQL's
// tuplestore over a plan that cannot run backward), so PRIOR, ABSOLUTE and BACKWARD replay them; a NO
// SCROLL cursor keeps none. The position follows PostgreSQL's executor:
//
//   p = 0            before the first row   (atStart)
//   p = k, 1..N      on row k               (FETCH 0 / RELATIVE 0 send it again)
//   p = N + 1        after the last row     (atEnd)
//
// and the counters atStart/atEnd/portalPos of PortalRunSelect are kept as PostgreSQL keeps them, so the
// row counts of FETCH and MOVE (the tags "FETCH n", "MOVE n") are PostgreSQL's, past either end included.

#include <cstdint>
#include <memory>
#include <vector>

#include "common/value.h"
#include "exec/statement_executor.h"
#include "parser/ast.h"
#include "planner/plan.h"

namespace lumadb::exec {

/// Where a cursor reads rows it has not read yet.
class RowSource {
 public:
  virtual ~RowSource() = default;
  /// The next row, or false at the end; notices of the execution go to `notices`.
  virtual bool Next(Row* row, ResultSink& notices) = 0;
};

class Cursor {
 public:
  /// scroll: backward movement is allowed (DECLARE ... SCROLL, or the plan can run backward).
  Cursor(std::unique_ptr<RowSource> source, bool scroll);

  /// FETCH (send_rows) or MOVE direction count: moves the cursor and sends the rows it passes to sink.
  /// count is ast::kFetchAll for ALL. Returns the count of the tag (DoPortalRunFetch's result).
  /// Throws 55000 "cursor can only scan forward" (HINT "Declare it with SCROLL option to enable backward
  /// scan.") for backward movement of a NO SCROLL cursor, and what reading the source throws.
  uint64_t Fetch(ast::FetchDirection direction, int64_t count, ResultSink& sink, bool send_rows);

  /// Reads the rest of the source and drops it (PersistHoldablePortal, for WITH HOLD at commit): the cursor
  /// then needs no transaction. The position is kept.
  void Materialize(ResultSink& notices);

  bool scroll() const { return scroll_; }

 private:
  /// PortalRunSelect: up to count rows (kFetchAll: all) in one direction; returns how many it passed.
  uint64_t RunSelect(bool forward, int64_t count, ResultSink& sink, bool send_rows);
  /// DoPortalRewind: back to before the first row.
  void Rewind();
  /// Row k (1-based), reading forward from the source as needed; null past the end.
  const Row* RowAt(uint64_t k, ResultSink& notices);
  void CheckScroll() const;

  std::unique_ptr<RowSource> source_;  // null once exhausted or materialized
  bool scroll_;
  std::vector<Row> rows_;  // rows base_+1 .. base_+rows_.size()
  uint64_t base_ = 0;      // rows dropped from the front (NO SCROLL keeps none it has passed)
  uint64_t pos_ = 0;       // p as above
  // PortalRunSelect's bookkeeping.
  bool at_start_ = true;
  bool at_end_ = false;
  uint64_t portal_pos_ = 0;
};

/// PostgreSQL's ExecSupportsBackwardScan over LumaDB's plan shapes: scans, sorts and VALUES can run
/// backward, aggregates, joins, DISTINCT and a FROM-less SELECT cannot. A cursor declared with neither
/// SCROLL nor NO SCROLL is scrollable when this holds and the plan locks no rows (PerformCursorOpen).
bool PlanSupportsBackwardScan(const planner::PlanNode& plan);
/// True when a scan of the plan locks its rows (FOR UPDATE / FOR SHARE: PostgreSQL's rowMarks).
bool PlanLocksRows(const planner::PlanNode& plan);

}  // namespace lumadb::exec
