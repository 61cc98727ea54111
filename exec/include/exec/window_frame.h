#pragma once
// Window frames of one sorted partition (nodeWindowAgg.c update_frameheadpos / update_frametailpos and
// the EXCLUDE options of row_is_in_frame): ROWS, RANGE and GROUPS, offset bounds, peer groups.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "parser/ast.h"

namespace lumadb::exec {

/// The peer groups of a sorted partition: rows are peers when their ORDER BY values are equal (all rows
/// are peers without ORDER BY).
struct PeerGroups {
  std::vector<size_t> group_of;  // per row: its group's index
  std::vector<size_t> starts;    // per group: its first row; then one more entry, the partition size
};

/// PeerGroups from a per-row "same ORDER BY values as the previous row" test (row 0 ignores it).
PeerGroups MakePeerGroups(size_t rows, const std::function<bool(size_t row)>& same_as_previous);

/// A frame clause with its ROWS/GROUPS offsets evaluated (non-negative row or group counts).
struct FrameOptions {
  ast::FrameMode mode = ast::FrameMode::kRange;
  ast::FrameBoundKind start = ast::FrameBoundKind::kUnboundedPreceding;
  ast::FrameBoundKind end = ast::FrameBoundKind::kCurrentRow;
  ast::FrameExclude exclude = ast::FrameExclude::kNoOthers;
  int64_t start_offset = 0;
  int64_t end_offset = 0;
};

/// RANGE offset bounds: whether row r sorts before the frame start of row c, and after its frame end.
struct RangeTests {
  std::function<bool(size_t r, size_t c)> before_start;
  std::function<bool(size_t r, size_t c)> after_end;
};

/// Half-open row ranges [first, second) of the partition.
using FrameSegments = std::vector<std::pair<size_t, size_t>>;

/// The frame of every row of a partition, EXCLUDE applied: up to three ordered, disjoint, non-empty
/// ranges per row. O(rows) overall: offset bounds move forward only, as the rows are sorted.
std::vector<FrameSegments> ComputeFrames(const FrameOptions& options, const PeerGroups& peers, const RangeTests* range);

}  // namespace lumadb::exec
