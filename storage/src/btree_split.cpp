// Structure modifications: a leaf split, the downlink it adds to the parent, parent splits up to a new
// root, all logged as one redo-only BTREE_SMO with the image of every page changed (architecture-anchors
// §2.7 rule 5: a nested top action, never undone). Every page is first changed in a scratch copy, and the
// copies reach the frames only once every latch is held and every new page allocated, so a failure
// (no free buffer, I/O error) leaves the tree as it was (the page change recipe, storage/README.md).

#include <cstdlib>
#include <deque>

#include "btree_impl.h"
#include "common/error.h"
#include "storage/log_record.h"

namespace lumadb::storage {

using btree::EntryRef;
using btree::MutPage;
using btree::PageView;
using btree::SplitEntry;

namespace {

/// The pages one structure modification latched and their new contents.
struct Smo {
  struct Change {
    WritePageGuard* guard;
    std::vector<char> image;
  };
  std::deque<WritePageGuard> owned;  // latched by the SMO itself (parents, new pages, meta)
  std::deque<Change> changes;

  WritePageGuard* Own(WritePageGuard g) {
    owned.push_back(std::move(g));
    return &owned.back();
  }
  /// A scratch copy of g's page, changed instead of the frame until Apply.
  char* Scratch(WritePageGuard* g) {
    changes.push_back({g, std::vector<char>(g->data(), g->data() + kPageSize)});
    return changes.back().image.data();
  }
};

/// Where to split `sizes` (item sizes with line pointers, in order): the number of items that stay left.
/// The left page also takes a high key the size of the first right item; the right page keeps `right_hk`
/// bytes of the old high key. Splitting the rightmost page at its end (ascending inserts) packs the left
/// page to 90% like PostgreSQL's rightmost splits; other splits balance the bytes.
size_t ChooseSplit(const std::vector<size_t>& sizes, size_t right_hk, bool append) {
  size_t m = sizes.size();
  std::vector<size_t> pre(m + 1, 0);
  for (size_t i = 0; i < m; ++i) pre[i + 1] = pre[i] + sizes[i];
  long target = append ? static_cast<long>(btree::kUsable * 9 / 10) : static_cast<long>((pre[m] + right_hk) / 2);
  size_t best = 0;
  long best_score = 0;
  for (size_t k = 1; k < m; ++k) {
    size_t left = pre[k] + sizes[k];
    size_t right = pre[m] - pre[k] + right_hk;
    if (left > btree::kUsable || right > btree::kUsable) continue;
    long score = std::labs(static_cast<long>(left) - target);
    if (best == 0 || score < best_score) {
      best = k;
      best_score = score;
    }
  }
  LUMADB_ASSERT(best != 0, "no split point fits a btree page");
  return best;
}

/// Splits the page of g into its scratch copy and a new right page (owned by smo). `incoming` is an item
/// that goes at data position pos: placed when `place`, else only room is made for it (a leaf entry
/// inserted after the split). Returns the right page and sets *sep to the separator (key ++ TID).
WritePageGuard* SplitPage(BufferPool& pool, FileId file, Smo& smo, WritePageGuard* g, std::string_view incoming,
                          uint16_t pos, bool place, std::string* sep) {
  PageView old(g->data());
  uint16_t level = old.level();
  std::vector<std::string_view> items;
  std::vector<size_t> sizes;
  size_t phantom = SIZE_MAX;
  for (uint16_t i = old.first_data(); i <= old.count(); ++i) {
    if (i == pos) {
      if (!place) phantom = items.size();
      items.push_back(incoming);
      sizes.push_back(incoming.size() + btree::kLpSize);
    }
    if (i < old.count()) {
      items.push_back(old.Item(i));
      sizes.push_back(items.back().size() + btree::kLpSize);
    }
  }
  size_t right_hk = old.rightmost() ? 0 : old.Item(0).size() + btree::kLpSize;
  size_t k = ChooseSplit(sizes, right_hk, old.rightmost() && pos == old.count());
  // The separator is the first right item's entry; as the left page's high key it carries no downlink.
  EntryRef sep_ref = btree::ItemEntry(items[k]);
  sep->assign(sep_ref.key);
  sep->append(sep_ref.tid);
  std::string high_key = btree::MakeItem(sep_ref, level, 0);

  WritePageGuard* right = smo.Own(pool.NewPage(file));
  std::vector<std::string_view> left_items{high_key};
  std::vector<std::string_view> right_items;
  if (!old.rightmost()) right_items.push_back(old.Item(0));
  for (size_t i = 0; i < items.size(); ++i) {
    if (i == phantom) continue;
    (i < k ? left_items : right_items).push_back(items[i]);
  }
  PageId old_right = old.right();
  char* right_image = smo.Scratch(right);
  char* left_image = smo.Scratch(g);  // copies g's bytes: the views above stay valid (the frame is unchanged)
  bool ok = MutPage(right_image).Rebuild(level, old_right, right_items) &&
            MutPage(left_image).Rebuild(level, right->page_id(), left_items);
  LUMADB_ASSERT(ok, "btree split halves do not fit");
  return right;
}

/// Adds the downlink (sep -> right_id) for the page left_id just split on `level` to the parent level,
/// splitting upwards or growing a new root as needed.
void InsertDownlink(BTree::Impl& impl, Smo& smo, uint16_t level, const std::string& sep, PageId right_id,
                    PageId left_id, const std::vector<PageId>& path) {
  auto plevel = static_cast<uint16_t>(level + 1);
  WritePageGuard* parent = nullptr;
  if (plevel < path.size() && path[plevel] != kInvalidPageId) {
    parent = smo.Own(impl.pool.Write(impl.file, path[plevel]));
  } else {
    // The split page was the root when the descent read the meta page. If it still is, a new root goes
    // above it; otherwise the tree grew meanwhile and the parent is found by a new descent.
    WritePageGuard meta = impl.pool.Write(impl.file, btree::kMetaPage);
    btree::Meta m;
    bool ok = btree::ReadMeta(meta.data(), &m);
    LUMADB_ASSERT(ok, "btree meta page damaged");
    if (m.root == left_id) {
      WritePageGuard* meta_guard = smo.Own(std::move(meta));
      WritePageGuard* root = smo.Own(impl.pool.NewPage(impl.file));
      std::string minus_infinity = btree::EncodeEntry("", Rid{0, 0});
      std::string first = btree::MakeItem(SplitEntry(minus_infinity), plevel, left_id);
      std::string second = btree::MakeItem(SplitEntry(sep), plevel, right_id);
      ok = MutPage(smo.Scratch(root)).Rebuild(plevel, kInvalidPageId, {first, second});
      LUMADB_ASSERT(ok, "btree root items do not fit");
      btree::WriteMeta(smo.Scratch(meta_guard), btree::Meta{root->page_id(), plevel});
      impl.InvalidateRoot();  // under the meta page's write latch, before anyone can read the new root
      return;
    }
    meta.Release();
    parent = smo.Own(impl.DescendWrite(SplitEntry(sep), plevel, nullptr));
  }
  uint16_t j = 0;
  for (;;) {  // the downlink of left_id is on this page or, after concurrent splits, to its right
    PageView p(parent->data());
    for (j = p.first_data(); j < p.count() && p.Child(j) != left_id; ++j) {
    }
    if (j < p.count()) break;
    LUMADB_ASSERT(!p.rightmost(), "btree parent has no downlink to a split page");
    PageId next = p.right();
    parent->Release();
    *parent = impl.pool.Write(impl.file, next);
  }
  std::string item = btree::MakeItem(SplitEntry(sep), plevel, right_id);
  auto pos = static_cast<uint16_t>(j + 1);
  if (PageView(parent->data()).free_space() >= item.size() + btree::kLpSize) {
    bool ok = MutPage(smo.Scratch(parent)).InsertItem(pos, item);
    LUMADB_ASSERT(ok, "btree downlink does not fit after its space check");
    return;
  }
  std::string parent_sep;
  WritePageGuard* parent_right = SplitPage(impl.pool, impl.file, smo, parent, item, pos, true, &parent_sep);
  InsertDownlink(impl, smo, plevel, parent_sep, parent_right->page_id(), parent->page_id(), path);
}

}  // namespace

WritePageGuard BTree::Impl::SplitLeaf(LogContext& log, WritePageGuard& left, EntryRef e,
                                      const std::vector<PageId>& path) {
  Smo smo;
  std::string incoming = btree::MakeItem(e, 0, 0);
  std::string sep;
  uint16_t pos = PageView(left.data()).LowerBound(e);
  WritePageGuard* right = SplitPage(pool, file, smo, &left, incoming, pos, false, &sep);
  InsertDownlink(*this, smo, 0, sep, right->page_id(), left.page_id(), path);

  // Every latch is held and every page allocated: apply, log, stamp.
  LogRecord rec;
  rec.type = LogRecordType::kBtreeSmo;
  rec.file = file;
  rec.rid = Rid{left.page_id(), 0};
  rec.after.reserve(smo.changes.size() * (4 + kPageSize));
  for (Smo::Change& c : smo.changes) {
    PageId id = c.guard->page_id();
    const auto* idb = reinterpret_cast<const std::byte*>(&id);
    rec.after.insert(rec.after.end(), idb, idb + 4);
    const auto* img = reinterpret_cast<const std::byte*>(c.image.data());
    rec.after.insert(rec.after.end(), img, img + kPageSize);
    std::memcpy(c.guard->mutable_data(), c.image.data(), kPageSize);
  }
  Lsn lsn = AppendLog(log, std::move(rec));
  for (Smo::Change& c : smo.changes) StampLsn(c.guard->mutable_data(), lsn);
  return std::move(*right);
}

}  // namespace lumadb::storage
