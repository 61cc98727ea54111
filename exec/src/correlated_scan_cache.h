#pragma once
// The rows of a correlated subquery over one table scan tied to the outer row only by `inner = outer`
// equalities (private to exec/): the scan runs once per statement and its rows are hashed on the inner
// sides, so each evaluation is a lookup instead of a scan (what PostgreSQL gets from an index or from
// decorrelation; LumaDB's scans also lock every row they read, which makes a scan per outer row costly).

#include <memory>
#include <unordered_map>
#include <vector>

#include "exec/executor.h"
#include "row_hash.h"

namespace lumadb::exec {

class CorrelatedScanCache {
 public:
  /// The cache for kSubquery e, or null when its subplan is not Project -> Seq Scan with such a qual.
  static std::unique_ptr<CorrelatedScanCache> For(const planner::BoundExpr& e);

  /// The subplan's rows for the slots as they are set now, in scan order (the scan runs on first use).
  std::vector<Row> Rows(ExecContext& ctx);

 private:
  const planner::ProjectPlan* project_ = nullptr;
  std::shared_ptr<planner::SeqScanPlan> scan_;     // the scan without the correlated terms
  std::vector<planner::BoundExprPtr> inner_keys_;  // over the scan's row
  std::vector<planner::BoundExprPtr> outer_keys_;  // over the slots only
  bool loaded_ = false;
  std::unordered_map<Row, std::vector<Row>, RowHash, RowEqual> buckets_;
};

}  // namespace lumadb::exec
