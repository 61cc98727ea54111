// Initialize and BulkLoad: an index written page by page into an empty file, bottom-up (PostgreSQL's
// nbtsort.c). Each page is built in a private buffer, appended to the file and logged as an FPI in the
// caller's transaction; the meta page (block 0) is written last, so a half-built index has none.

#include <algorithm>
#include <utility>

#include "btree_impl.h"
#include "common/error.h"
#include "storage/disk_manager.h"
#include "storage/log_record.h"

namespace lumadb::storage {

using btree::EntryRef;
using btree::MutPage;
using btree::PageView;

namespace {

/// Internal pages are filled to 70%, PostgreSQL's BTREE_NONLEAF_FILLFACTOR.
constexpr int kInternalFill = 70;

/// Fills the pages of one level left to right. Items go in up to `fill` bytes; the item that does not fit
/// becomes the page's high key (the first entry of the next page). When even the high key does not fit,
/// the page's last item moves to the next page and serves as the high key instead.
class LevelBuilder {
 public:
  LevelBuilder(BTree::Impl& impl, LogContext& log, uint16_t level, int fillfactor, PageId* next_id)
      : impl_(impl), log_(log), level_(level), next_id_(next_id), buf_(kPageSize) {
    fill_ = btree::kUsable * static_cast<size_t>(fillfactor) / 100;
    Start();
  }

  /// Appends the entry (key, tid bytes) with its downlink (internal levels).
  void Add(EntryRef e, PageId child) {
    size_t need = btree::ItemSize(e.key.size(), level_) + btree::kLpSize;
    MutPage page(buf_.data());
    bool has_data = page.count() > 1;
    if (has_data && (Used() + need > fill_ || page.free_space() < need)) {
      std::string carried;
      std::string high_key = btree::MakeItem(e, level_, 0);
      if (page.free_space() < high_key.size()) {
        // Move the last item on: it becomes both this page's high key and the next page's first item.
        uint16_t last = static_cast<uint16_t>(page.count() - 1);
        carried.assign(page.Item(last));
        page.DeleteItem(last);
        high_key = btree::MakeItem(btree::ItemEntry(carried), level_, 0);
      }
      Flush(high_key);
      Start();
      if (!carried.empty()) Append(carried);
    }
    AppendEntry(e, child);
  }

  /// Writes the last (rightmost) page; returns (first entry, page) of every page of the level.
  std::vector<std::pair<std::string, PageId>> Finish() {
    // No high key on the rightmost page: drop the reserved line pointer 0.
    char* d = buf_.data();
    PageHeader h = ReadPageHeader(d);
    std::memmove(d + kPageHeaderSize, d + kPageHeaderSize + btree::kLpSize, h.lower - kPageHeaderSize - btree::kLpSize);
    h.lower = static_cast<uint16_t>(h.lower - btree::kLpSize);
    WritePageHeader(d, h);
    Write(kInvalidPageId);
    return std::move(pages_);
  }

 private:
  size_t Used() const { return btree::kUsable - PageView(buf_.data()).free_space(); }

  void Start() {
    MutPage::Init(buf_.data(), level_, kInvalidPageId);
    PageHeader h = ReadPageHeader(buf_.data());
    h.lower = static_cast<uint16_t>(h.lower + btree::kLpSize);  // line pointer 0: the high key, set by Flush
    WritePageHeader(buf_.data(), h);
  }

  void Append(std::string_view item) {
    MutPage page(buf_.data());
    bool ok = page.InsertItem(page.count(), item);
    LUMADB_ASSERT(ok, "bulk-loaded btree item does not fit an empty page");
  }

  /// Append(MakeItem(e, level_, child)) without building the item in a string first (once per entry).
  void AppendEntry(EntryRef e, PageId child) {
    char* d = buf_.data();
    PageHeader h = ReadPageHeader(d);
    size_t size = btree::ItemSize(e.key.size(), level_);
    LUMADB_ASSERT(static_cast<size_t>(h.upper - h.lower) >= size + btree::kLpSize,
                  "bulk-loaded btree item does not fit an empty page");
    auto off = static_cast<uint16_t>(h.upper - size);
    auto k = static_cast<uint16_t>(e.key.size());
    std::memcpy(d + off, &k, 2);
    if (k != 0) std::memcpy(d + off + 2, e.key.data(), k);
    std::memcpy(d + off + 2 + k, e.tid.data(), btree::kTidSize);
    if (level_ > 0) std::memcpy(d + off + 2 + k + btree::kTidSize, &child, 4);
    std::memcpy(d + h.lower, &off, 2);
    h.lower = static_cast<uint16_t>(h.lower + btree::kLpSize);
    h.upper = off;
    WritePageHeader(d, h);
  }

  void Flush(const std::string& high_key) {
    char* d = buf_.data();
    PageHeader h = ReadPageHeader(d);
    auto off = static_cast<uint16_t>(h.upper - high_key.size());
    std::memcpy(d + off, high_key.data(), high_key.size());
    std::memcpy(d + kPageHeaderSize, &off, 2);
    h.upper = off;
    WritePageHeader(d, h);
    Write(*next_id_ + 1);
  }

  void Write(PageId right) {
    MutPage page(buf_.data());
    page.set_right(right);
    if (page.count() > page.first_data()) {
      EntryRef first = page.Entry(page.first_data());
      std::string enc(first.key);
      enc.append(first.tid);
      pages_.emplace_back(std::move(enc), *next_id_);
    } else {
      pages_.emplace_back(btree::EncodeEntry("", Rid{0, 0}), *next_id_);  // an empty index: one empty leaf
    }
    impl_.WriteNewPage(log_, buf_.data(), (*next_id_)++);
  }

  BTree::Impl& impl_;
  LogContext& log_;
  uint16_t level_;
  PageId* next_id_;
  size_t fill_;
  std::vector<char> buf_;
  std::vector<std::pair<std::string, PageId>> pages_;
};

}  // namespace

void BTree::Impl::WriteNewPage(LogContext& log, const char* image, PageId expect) {
  WritePageGuard g = pool.NewPage(file);
  LUMADB_ASSERT(g.page_id() == expect, "a btree being built was extended by someone else");
  std::memcpy(g.mutable_data(), image, kPageSize);
  LogRecord rec;
  rec.type = LogRecordType::kFpi;
  rec.file = file;
  rec.rid = Rid{g.page_id(), 0};
  const auto* b = reinterpret_cast<const std::byte*>(image);
  rec.after.assign(b, b + kPageSize);
  StampLsn(g.mutable_data(), AppendLog(log, std::move(rec)));
}

void BTree::Impl::Initialize(LogContext& log) {
  if (Initialized()) {
    throw DbError(sqlstate::kInternalError, "index \"" + DiskManager::RelativePath(file) + "\" is not empty");
  }
  InvalidateRoot();
  // Block 0 stays latched until it is a meta page: a concurrent descent that saw the file grow waits for it.
  WritePageGuard meta = pool.NewPage(file);
  LUMADB_ASSERT(meta.page_id() == btree::kMetaPage, "a btree being built was extended by someone else");
  std::vector<char> page(kPageSize);
  MutPage::Init(page.data(), 0, kInvalidPageId);
  WriteNewPage(log, page.data(), 1);
  WriteMetaPage(log, meta, btree::Meta{1, 0});
}

void BTree::Impl::WriteMetaPage(LogContext& log, WritePageGuard& meta, btree::Meta m) {
  btree::WriteMeta(meta.mutable_data(), m);
  InvalidateRoot();
  LogRecord rec;
  rec.type = LogRecordType::kFpi;
  rec.file = file;
  rec.rid = Rid{btree::kMetaPage, 0};
  const auto* b = reinterpret_cast<const std::byte*>(meta.data());
  rec.after.assign(b, b + kPageSize);
  StampLsn(meta.mutable_data(), AppendLog(log, std::move(rec)));
}

namespace {

/// BulkLoad's input as a vector of entries (tests, small builds).
class VectorSource : public BTree::EntrySource {
 public:
  explicit VectorSource(const std::vector<BTree::Entry>& entries) : entries_(entries) {}
  size_t size() const override { return entries_.size(); }
  std::string_view key(size_t i) const override { return entries_[i].key; }
  Rid rid(size_t i) const override { return entries_[i].rid; }

 private:
  const std::vector<BTree::Entry>& entries_;
};

}  // namespace

void BTree::BulkLoad(LogContext& log, const std::vector<Entry>& sorted, int fillfactor) {
  BulkLoad(log, VectorSource(sorted), fillfactor);
}

void BTree::BulkLoad(LogContext& log, const EntrySource& sorted, int fillfactor) {
  Impl& impl = *impl_;
  std::lock_guard lock(impl.init_mu);
  if (impl.Initialized()) {
    throw DbError(sqlstate::kInternalError, "index \"" + DiskManager::RelativePath(file_) + "\" is not empty");
  }
  const size_t n = sorted.size();
  for (size_t i = 0; i < n; ++i) {
    if (sorted.key(i).size() > MaxKeySize()) CheckKeySize(sorted.key(i).size(), std::to_string(file_.rel));
  }
  fillfactor = std::clamp(fillfactor, 10, 100);
  WritePageGuard meta = pool_.NewPage(file_);  // block 0, latched until it is filled in, last
  LUMADB_ASSERT(meta.page_id() == btree::kMetaPage, "a btree being built was extended by someone else");
  PageId next_id = 1;
  LevelBuilder leaves(impl, log, 0, fillfactor, &next_id);
  // Entries are viewed in place: the keys stay in the source, the TIDs in two small buffers.
  char tids[2][btree::kTidSize];
  EntryRef prev;
  for (size_t i = 0; i < n; ++i) {
    char* tid = tids[i % 2];
    btree::EncodeTid(sorted.rid(i), tid);
    EntryRef e{sorted.key(i), std::string_view(tid, btree::kTidSize)};
    if (i > 0 && btree::Compare(prev, e) >= 0) {
      throw DbError(sqlstate::kInternalError, "internal error: btree bulk load input is not sorted");
    }
    leaves.Add(e, 0);
    prev = e;
  }
  std::vector<std::pair<std::string, PageId>> level = leaves.Finish();
  uint16_t height = 0;
  while (level.size() > 1) {
    ++height;
    LevelBuilder parents(impl, log, height, kInternalFill, &next_id);
    for (const auto& [first, page] : level) parents.Add(btree::SplitEntry(first), page);
    level = parents.Finish();
  }
  impl.WriteMetaPage(log, meta, btree::Meta{level[0].second, height});
}

}  // namespace lumadb::storage
