// Window frames of one partition (exec/window_frame.h): ROWS, GROUPS and RANGE bounds, peer groups and
// EXCLUDE, checked against what PostgreSQL 15 computes for the same frame clauses.
#include "exec/window_frame.h"

#include <doctest/doctest.h>

using lumadb::exec::ComputeFrames;
using lumadb::exec::FrameOptions;
using lumadb::exec::FrameSegments;
using lumadb::exec::MakePeerGroups;
using lumadb::exec::PeerGroups;
using lumadb::exec::RangeTests;
namespace ast = lumadb::ast;
using K = ast::FrameBoundKind;

namespace {

// Peer groups of sorted keys.
PeerGroups Peers(const std::vector<int>& keys) {
  return MakePeerGroups(keys.size(), [&](size_t r) { return keys[r] == keys[r - 1]; });
}

FrameSegments Seg(std::initializer_list<std::pair<size_t, size_t>> s) {
  return FrameSegments(s);
}

}  // namespace

TEST_CASE("peer groups") {
  PeerGroups p = Peers({1, 1, 2, 3, 3, 3});
  CHECK(p.group_of == std::vector<size_t>{0, 0, 1, 2, 2, 2});
  CHECK(p.starts == std::vector<size_t>{0, 2, 3, 6});
  CHECK(Peers({}).starts == std::vector<size_t>{0});
}

TEST_CASE("default frame: RANGE UNBOUNDED PRECEDING to CURRENT ROW includes peers") {
  auto f = ComputeFrames(FrameOptions{}, Peers({1, 1, 2}), nullptr);
  CHECK(f[0] == Seg({{0, 2}}));
  CHECK(f[1] == Seg({{0, 2}}));
  CHECK(f[2] == Seg({{0, 3}}));
}

TEST_CASE("ROWS offsets are clamped to the partition") {
  FrameOptions o{ast::FrameMode::kRows, K::kOffsetPreceding, K::kOffsetFollowing, ast::FrameExclude::kNoOthers, 1, 2};
  auto f = ComputeFrames(o, Peers({1, 2, 3, 4}), nullptr);
  CHECK(f[0] == Seg({{0, 3}}));
  CHECK(f[1] == Seg({{0, 4}}));
  CHECK(f[3] == Seg({{2, 4}}));
  // 2 FOLLOWING .. 3 FOLLOWING is empty near the end.
  FrameOptions later{
      ast::FrameMode::kRows, K::kOffsetFollowing, K::kOffsetFollowing, ast::FrameExclude::kNoOthers, 2, 3};
  auto g = ComputeFrames(later, Peers({1, 2, 3, 4}), nullptr);
  CHECK(g[0] == Seg({{2, 4}}));
  CHECK(g[2].empty());
  // A huge offset does not overflow.
  FrameOptions huge{
      ast::FrameMode::kRows, K::kCurrentRow, K::kOffsetFollowing, ast::FrameExclude::kNoOthers, 0, INT64_MAX};
  CHECK(ComputeFrames(huge, Peers({1, 2}), nullptr)[0] == Seg({{0, 2}}));
}

TEST_CASE("GROUPS offsets count peer groups") {
  FrameOptions o{ast::FrameMode::kGroups, K::kOffsetPreceding, K::kCurrentRow, ast::FrameExclude::kNoOthers, 1, 0};
  auto f = ComputeFrames(o, Peers({1, 1, 2, 3, 3}), nullptr);
  CHECK(f[0] == Seg({{0, 2}}));
  CHECK(f[2] == Seg({{0, 3}}));
  CHECK(f[3] == Seg({{2, 5}}));
}

TEST_CASE("EXCLUDE CURRENT ROW, GROUP and TIES") {
  FrameOptions o{
      ast::FrameMode::kRows, K::kUnboundedPreceding, K::kUnboundedFollowing, ast::FrameExclude::kCurrentRow, 0, 0};
  PeerGroups p = Peers({1, 2, 2, 3});
  CHECK(ComputeFrames(o, p, nullptr)[1] == Seg({{0, 1}, {2, 4}}));
  o.exclude = ast::FrameExclude::kGroup;
  CHECK(ComputeFrames(o, p, nullptr)[1] == Seg({{0, 1}, {3, 4}}));
  o.exclude = ast::FrameExclude::kTies;
  CHECK(ComputeFrames(o, p, nullptr)[2] == Seg({{0, 1}, {2, 3}, {3, 4}}));
}

TEST_CASE("RANGE offsets follow the key values") {
  std::vector<int> keys{1, 2, 4, 7, 8};
  RangeTests t;
  // 2 PRECEDING .. 1 FOLLOWING over ascending keys.
  t.before_start = [&](size_t r, size_t c) { return keys[r] < keys[c] - 2; };
  t.after_end = [&](size_t r, size_t c) { return keys[r] > keys[c] + 1; };
  FrameOptions o{ast::FrameMode::kRange, K::kOffsetPreceding, K::kOffsetFollowing, ast::FrameExclude::kNoOthers, 0, 0};
  auto f = ComputeFrames(o, Peers(keys), &t);
  CHECK(f[0] == Seg({{0, 2}}));
  CHECK(f[2] == Seg({{1, 3}}));
  CHECK(f[3] == Seg({{3, 5}}));
  CHECK(f[4] == Seg({{3, 5}}));
}
