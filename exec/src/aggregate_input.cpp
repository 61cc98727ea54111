// Feeding an aggregate from its node's input rows (nodeAgg.c advance_aggregates and the sorted-input
// path process_ordered_aggregate_single/multi): FILTER, the arguments, and aggregates with ORDER BY
// inside the call or WITHIN GROUP, whose inputs are buffered and replayed in order at Finish.
#include <algorithm>

#include "aggregate_state.h"
#include "common/value_ops.h"
#include "exec/expression_evaluator.h"

namespace lumadb::exec {

void AggregateState::AddRow(const Row& row, ExecContext& ctx) {
  if (spec_.filter && !IsTrue(Evaluate(*spec_.filter, row, ctx))) return;
  Value scratch;
  const Value none;
  // A column argument is read in place: no copy of a numeric or text per input row.
  const Value& arg = spec_.arg ? EvaluateRef(*spec_.arg, row, ctx, &scratch) : none;
  Value extra = spec_.extra.empty() ? Value() : Evaluate(*spec_.extra[0], row, ctx);
  if (spec_.order.empty()) {
    Accumulate(arg, extra);
    return;
  }
  Value v = arg;
  Row keys;
  for (const auto& k : spec_.order) keys.push_back(Evaluate(*k.expr, row, ctx));
  ordered_.push_back({std::move(keys), {std::move(v), std::move(extra)}});
}

Value AggregateState::Finish() const {
  if (spec_.order.empty()) return FinishUnordered();
  auto sorted = ordered_;
  std::stable_sort(sorted.begin(), sorted.end(), [this](const auto& a, const auto& b) {
    for (size_t i = 0; i < spec_.order.size(); ++i) {
      const Value& x = a.first[i];
      const Value& y = b.first[i];
      const auto& key = spec_.order[i];
      if (x.is_null() || y.is_null()) {
        if (x.is_null() && y.is_null()) continue;
        return x.is_null() == key.nulls_first;
      }
      int c = CompareValues(x, y);
      if (c != 0) return key.descending ? c > 0 : c < 0;
    }
    return false;
  });
  AggregateState replay(spec_);
  for (const auto& [keys, input] : sorted) replay.Accumulate(input.first, input.second);
  return replay.FinishUnordered();
}

}  // namespace lumadb::exec
