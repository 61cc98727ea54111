// Verify (amcheck's bt_index_check, contrib/amcheck/verify_nbtree.c) and CountEntries. Verify walks the
// tree level by level from the root, each page copied out under a short shared latch, checking every
// page against the bounds its parent gives it.

#include "btree_impl.h"
#include "storage/log_record.h"

namespace lumadb::storage {

using btree::EntryRef;
using btree::PageView;
using btree::SplitEntry;

namespace {

/// A page expected on a level with the key range its parent gives it (empty optional: unbounded).
struct Expected {
  PageId page;
  std::optional<std::string> low;   // entries >= low
  std::optional<std::string> high;  // entries < high, and the page's high key == high
};

std::string Encode(EntryRef e) {
  std::string s(e.key);
  s.append(e.tid);
  return s;
}

class Verifier {
 public:
  Verifier(BufferPool& pool, FileId file) : pool_(pool), file_(file) {}

  std::vector<std::string> Run() {
    PageId pages = pool_.disk().PageCount(file_);
    if (pages == 0) return {"block 0: the index has no meta page"};
    std::vector<char> meta_page = Copy(btree::kMetaPage);
    btree::Meta meta;
    if (!btree::ReadMeta(meta_page.data(), &meta)) return {"block 0: not a btree meta page"};
    if (meta.root == btree::kMetaPage || meta.root >= pages) {
      return {"block 0: root block " + std::to_string(meta.root) + " out of range"};
    }
    seen_.assign(pages, false);
    std::vector<Expected> level{{meta.root, std::nullopt, std::nullopt}};
    for (int64_t lvl = meta.level; lvl >= 0 && !level.empty(); --lvl) {
      std::vector<Expected> below;
      for (size_t n = 0; n < level.size(); ++n) {
        PageId right = n + 1 < level.size() ? level[n + 1].page : kInvalidPageId;
        CheckPage(level[n], static_cast<uint16_t>(lvl), right, &below);
      }
      level = std::move(below);
    }
    for (PageId p = 1; p < pages; ++p) {
      if (!seen_[p] && !PageIsZero(Copy(p).data())) Problem(p, "not reachable from the root");
    }
    return std::move(problems_);
  }

 private:
  std::vector<char> Copy(PageId page) {
    ReadPageGuard g = pool_.Read(file_, page);
    return {g.data(), g.data() + kPageSize};
  }

  void Problem(PageId page, const std::string& what) {
    problems_.push_back("block " + std::to_string(page) + ": " + what);
  }

  void CheckPage(const Expected& x, uint16_t level, PageId right, std::vector<Expected>* below) {
    if (x.page == btree::kMetaPage || x.page >= seen_.size()) {
      problems_.push_back("downlink to block " + std::to_string(x.page) + " out of range");
      return;
    }
    if (seen_[x.page]) return Problem(x.page, "reached twice");
    seen_[x.page] = true;
    std::vector<char> image = Copy(x.page);
    if (PageIsZero(image.data())) return Problem(x.page, "new (all-zero) page inside the tree");
    PageView p(image.data());
    if (std::string bad = p.CheckLayout(); !bad.empty()) return Problem(x.page, bad);
    if (p.flags() & btree::kFlagMeta) return Problem(x.page, "meta page inside the tree");
    if (p.level() != level) {
      return Problem(x.page, "level " + std::to_string(p.level()) + ", expected " + std::to_string(level));
    }
    if (p.right() != right) {
      Problem(x.page, "right link " + (p.rightmost() ? std::string("none") : std::to_string(p.right())) +
                          ", expected " + (right == kInvalidPageId ? std::string("none") : std::to_string(right)));
    }
    if (!p.rightmost() && x.high && Encode(p.Entry(0)) != *x.high) {
      Problem(x.page, "high key differs from the parent's separator");
    }
    uint16_t first = p.first_data();
    uint16_t from = level > 0 ? static_cast<uint16_t>(first + 1) : first;  // internal: the first is -infinity
    for (uint16_t i = from; i < p.count(); ++i) {
      EntryRef e = p.Entry(i);
      if (i > from && btree::Compare(p.Entry(static_cast<uint16_t>(i - 1)), e) >= 0) {
        Problem(x.page, "item " + std::to_string(i + 1) + " is not ordered after item " + std::to_string(i));
      }
      if (x.low && btree::Compare(e, SplitEntry(*x.low)) < 0) {
        Problem(x.page, "item " + std::to_string(i + 1) + " is below the lower bound from the parent");
      }
      if (!p.rightmost() && btree::Compare(e, p.Entry(0)) >= 0) {
        Problem(x.page, "item " + std::to_string(i + 1) + " is not below the high key");
      } else if (x.high && btree::Compare(e, SplitEntry(*x.high)) >= 0) {
        Problem(x.page, "item " + std::to_string(i + 1) + " is not below the upper bound from the parent");
      }
    }
    if (level == 0) return;
    if (p.count() == first) return Problem(x.page, "internal page without downlinks");
    for (uint16_t j = first; j < p.count(); ++j) {
      Expected child{p.Child(j), j == first ? x.low : Encode(p.Entry(j)), x.high};
      if (j + 1 < p.count()) child.high = Encode(p.Entry(static_cast<uint16_t>(j + 1)));
      below->push_back(std::move(child));
    }
  }

  BufferPool& pool_;
  FileId file_;
  std::vector<bool> seen_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> BTree::Verify() const {
  return Verifier(pool_, file_).Run();
}

size_t BTree::CountEntries() const {
  if (!impl_->Initialized()) return 0;
  std::string first = btree::EncodeEntry("", Rid{0, 0});
  ReadPageGuard g = impl_->DescendRead(SplitEntry(first));
  size_t n = 0;
  for (;;) {
    PageView p(g.data());
    n += p.count() - p.first_data();
    if (p.rightmost()) return n;
    g = pool_.Read(file_, p.right());
  }
}

}  // namespace lumadb::storage
