// Frame positions (nodeWindowAgg.c update_frameheadpos, update_frametailpos, row_is_in_frame).
#include "exec/window_frame.h"

#include <algorithm>

namespace lumadb::exec {

using ast::FrameBoundKind;
using ast::FrameMode;

PeerGroups MakePeerGroups(size_t rows, const std::function<bool(size_t row)>& same_as_previous) {
  PeerGroups peers;
  peers.group_of.resize(rows);
  for (size_t r = 0; r < rows; ++r) {
    if (r == 0 || !same_as_previous(r)) peers.starts.push_back(r);
    peers.group_of[r] = peers.starts.size() - 1;
  }
  peers.starts.push_back(rows);
  return peers;
}

namespace {

// Computes one bound per row, in row order; RANGE offset bounds keep a pointer that only moves forward.
class BoundCursor {
 public:
  BoundCursor(const FrameOptions& o, const PeerGroups& p, const RangeTests* range, bool is_start)
      : o_(o), p_(p), range_(range), is_start_(is_start) {}

  // The first row of the frame (is_start) or one past its last row.
  size_t At(size_t c) {
    const size_t n = p_.group_of.size();
    const size_t g = p_.group_of[c];
    const size_t groups = p_.starts.size() - 1;
    const FrameBoundKind kind = is_start_ ? o_.start : o_.end;
    const auto off = static_cast<size_t>(is_start_ ? o_.start_offset : o_.end_offset);
    const size_t past = is_start_ ? 0 : 1;  // an end bound is exclusive
    switch (kind) {
      case FrameBoundKind::kUnboundedPreceding:
        return 0;
      case FrameBoundKind::kUnboundedFollowing:
        return n;
      case FrameBoundKind::kCurrentRow:
        if (o_.mode == FrameMode::kRows) return c + past;
        return p_.starts[g + past];
      case FrameBoundKind::kOffsetPreceding:
      case FrameBoundKind::kOffsetFollowing:
        break;
    }
    const bool preceding = kind == FrameBoundKind::kOffsetPreceding;
    switch (o_.mode) {
      case FrameMode::kRows:
        if (preceding) return c >= off ? c - off + past : 0;
        return std::min(n, c + std::min(off, n) + past);
      case FrameMode::kGroups:
        if (preceding) return g >= off ? p_.starts[g - off + past] : 0;
        return p_.starts[std::min(groups, g + std::min(off, groups) + past)];
      case FrameMode::kRange:
        break;
    }
    if (is_start_) {
      while (pos_ < n && range_->before_start(pos_, c)) ++pos_;
    } else {
      while (pos_ < n && !range_->after_end(pos_, c)) ++pos_;
    }
    return pos_;
  }

 private:
  const FrameOptions& o_;
  const PeerGroups& p_;
  const RangeTests* range_;
  bool is_start_;
  size_t pos_ = 0;
};

void Add(FrameSegments* s, size_t from, size_t to) {
  if (from < to) s->emplace_back(from, to);
}

}  // namespace

std::vector<FrameSegments> ComputeFrames(const FrameOptions& options, const PeerGroups& peers,
                                         const RangeTests* range) {
  const size_t n = peers.group_of.size();
  BoundCursor head(options, peers, range, true);
  BoundCursor tail(options, peers, range, false);
  std::vector<FrameSegments> frames(n);
  for (size_t c = 0; c < n; ++c) {
    const size_t s = head.At(c);
    const size_t e = std::max(s, tail.At(c));
    const size_t gs = peers.starts[peers.group_of[c]];
    const size_t ge = peers.starts[peers.group_of[c] + 1];
    FrameSegments& f = frames[c];
    switch (options.exclude) {
      case ast::FrameExclude::kNoOthers:
        Add(&f, s, e);
        break;
      case ast::FrameExclude::kCurrentRow:
        Add(&f, s, std::min(c, e));
        Add(&f, std::max(c + 1, s), e);
        break;
      case ast::FrameExclude::kGroup:
        Add(&f, s, std::min(gs, e));
        Add(&f, std::max(ge, s), e);
        break;
      case ast::FrameExclude::kTies:
        Add(&f, s, std::min(gs, e));
        if (c >= s && c < e) Add(&f, c, c + 1);
        Add(&f, std::max(ge, s), e);
        break;
    }
  }
  return frames;
}

}  // namespace lumadb::exec
