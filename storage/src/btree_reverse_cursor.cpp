// BTree::ReverseCursor: backward scans over a B-link tree without left-links. The previous entry is
// found on the leaf of the last one while that leaf still covers it; below the leaf's low key a descent
// for "the greatest entry < e" finds the leaf to its left (nbtree instead follows left-links and
// re-checks them, nbtree README "Scans backward"; one descent per leaf costs about the same).
//
// That descent goes, on every level, to the last child whose separator is < e (strictly: the child whose
// separator equals e holds only entries >= e), moving right while e lies beyond a page's high key (a
// split moved entries < e to the right). It remembers each page's low key: the separator of the chosen
// child, or the low key of the parent for its first child, or the high key of the page it moved right
// from. A leaf with no entry < e (emptied by deletes) sends the search below its low key, which is < e,
// so the search always ends.

#include "btree_impl.h"

namespace lumadb::storage {

using btree::EntryRef;
using btree::PageView;
using btree::SplitEntry;

namespace {

std::string Encoded(EntryRef e) {
  std::string s(e.key);
  s.append(e.tid);
  return s;
}

// True when the greatest entry < e may lie to the right of the page (e > its high key); e null is +infinity.
bool EntriesToTheRight(const PageView& p, const std::string* e) {
  if (p.rightmost()) return false;
  return e == nullptr || btree::Compare(SplitEntry(*e), p.Entry(0)) > 0;
}

// The last data item of an internal page whose separator is < e (the first data item is minus infinity).
uint16_t LastChildBelow(const PageView& p, const std::string* e) {
  uint16_t first = p.first_data();
  if (e == nullptr) return static_cast<uint16_t>(p.count() - 1);
  uint16_t lo = static_cast<uint16_t>(first + 1), hi = p.count();
  EntryRef bound = SplitEntry(*e);
  while (lo < hi) {
    uint16_t mid = static_cast<uint16_t>(lo + (hi - lo) / 2);
    if (btree::Compare(p.Entry(mid), bound) < 0) {
      lo = static_cast<uint16_t>(mid + 1);
    } else {
      hi = mid;
    }
  }
  return static_cast<uint16_t>(lo - 1);
}

// Descends to the leaf that holds the greatest entry < e (e null: +infinity); *low gets its low key.
ReadPageGuard DescendBefore(BTree::Impl& impl, const std::string* e, std::optional<std::string>* low) {
  low->reset();
  PageId page = impl.Root().root;
  for (;;) {
    ReadPageGuard g = impl.pool.Read(impl.file, page);
    while (EntriesToTheRight(PageView(g.data()), e)) {
      PageView p(g.data());
      *low = Encoded(p.Entry(0));
      PageId right = p.right();
      g.Release();
      g = impl.pool.Read(impl.file, right);
    }
    PageView p(g.data());
    if (p.level() == 0) return g;
    uint16_t child = LastChildBelow(p, e);
    if (child != p.first_data()) *low = Encoded(p.Entry(child));
    page = p.Child(child);
  }
}

}  // namespace

BTree::ReverseCursor BTree::SeekBackward(const std::optional<std::string>& upper) const {
  if (!upper) return ReverseCursor(this, std::nullopt);
  return ReverseCursor(this, btree::EncodeEntry(*upper, Rid{0, 0}));
}

bool BTree::ReverseCursor::Next(Entry* out) {
  Impl& impl = *tree_->impl_;
  if (done_ || !impl.Initialized()) return false;
  auto take = [&](const ReadPageGuard& g, uint16_t i) {
    EntryRef e = PageView(g.data()).Entry(i);
    out->key.assign(e.key);
    out->rid = btree::DecodeTid(e.tid);
    upper_ = Encoded(e);
    page_ = g.page_id();
  };
  if (page_ != kInvalidPageId) {
    // Pages never merge and splits move only the upper part right: while upper_ is below the high key,
    // every entry between the leaf's low key and upper_ is still on the leaf.
    ReadPageGuard g = impl.pool.Read(impl.file, page_);
    PageView p(g.data());
    if (!p.BeyondHighKey(SplitEntry(*upper_))) {
      uint16_t i = p.LowerBound(SplitEntry(*upper_));
      if (i > p.first_data()) {
        take(g, static_cast<uint16_t>(i - 1));
        return true;
      }
      if (!page_low_) {
        done_ = true;
        return false;
      }
      upper_ = *page_low_;
    }
  }
  for (;;) {
    std::optional<std::string> low;
    ReadPageGuard g = DescendBefore(impl, upper_ ? &*upper_ : nullptr, &low);
    PageView p(g.data());
    uint16_t i = upper_ ? p.LowerBound(SplitEntry(*upper_)) : p.count();
    if (i > p.first_data()) {
      page_low_ = std::move(low);
      take(g, static_cast<uint16_t>(i - 1));
      return true;
    }
    if (!low) {
      done_ = true;
      return false;
    }
    upper_ = std::move(low);
  }
}

}  // namespace lumadb::storage
