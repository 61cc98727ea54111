#include "storage/btree.h"

#include <type_traits>

#include "btree_impl.h"
#include "common/error.h"
#include "storage/disk_manager.h"
#include "storage/log_record.h"

namespace lumadb::storage {

using btree::EncodeEntry;
using btree::EntryRef;
using btree::PageView;
using btree::SplitEntry;

namespace {

constexpr size_t kMaxKeySize = 2696;
constexpr size_t kTupleOverhead = 8;  // reported sizes count a TID and a length, as an IndexTuple's do

std::vector<std::byte> Bytes(std::string_view s) {
  const auto* p = reinterpret_cast<const std::byte*>(s.data());
  return {p, p + s.size()};
}

}  // namespace

// ---- descents ------------------------------------------------------------------------------------------

btree::Meta BTree::Impl::ReadMetaPage() {
  ReadPageGuard g = pool.Read(file, btree::kMetaPage);
  btree::Meta meta;
  if (!btree::ReadMeta(g.data(), &meta)) {
    throw DbError(sqlstate::kInternalError,
                  "index \"" + DiskManager::RelativePath(file) + "\" is not a btree: bad meta page");
  }
  return meta;
}

namespace {
constexpr uint64_t kRootValid = 1ull << 48;
constexpr uint64_t kRootGeneration = 1ull << 49;
}  // namespace

btree::Meta BTree::Impl::Root() {
  uint64_t seen = root_cache.load(std::memory_order_acquire);
  if (seen & kRootValid) return btree::Meta{static_cast<PageId>(seen), static_cast<uint32_t>((seen >> 32) & 0xFFFF)};
  btree::Meta meta = ReadMetaPage();
  uint64_t fill = (seen & ~(kRootGeneration - 1)) | kRootValid | static_cast<uint64_t>(meta.level) << 32 | meta.root;
  root_cache.compare_exchange_strong(seen, fill, std::memory_order_acq_rel);
  return meta;
}

void BTree::Impl::InvalidateRoot() {
  uint64_t seen = root_cache.load(std::memory_order_acquire);
  while (!root_cache.compare_exchange_weak(seen, (seen & ~(kRootGeneration - 1)) + kRootGeneration,
                                           std::memory_order_acq_rel)) {
  }
}

template <class Guard>
void BTree::Impl::MoveRight(Guard& g, EntryRef e) {
  for (;;) {
    PageView p(g.data());
    if (!p.BeyondHighKey(e)) return;
    PageId right = p.right();
    g.Release();
    if constexpr (std::is_same_v<Guard, WritePageGuard>) {
      g = pool.Write(file, right);
    } else {
      g = pool.Read(file, right);
    }
  }
}

WritePageGuard BTree::Impl::DescendWrite(EntryRef e, uint16_t level, std::vector<PageId>* path) {
  btree::Meta meta = level > 0 ? ReadMetaPage() : Root();  // finding a parent needs the current height
  if (path != nullptr) path->assign(meta.level + 1, kInvalidPageId);
  PageId page = meta.root;
  uint32_t at = meta.level;
  LUMADB_ASSERT(at >= level, "btree descent below the root level");
  while (at > level) {
    ReadPageGuard g = pool.Read(file, page);
    MoveRight(g, e);
    PageView p(g.data());
    if (path != nullptr) (*path)[at] = g.page_id();
    page = p.Child(p.FindChild(e));
    --at;
  }  // each page is released before its child is latched
  WritePageGuard w = pool.Write(file, page);
  MoveRight(w, e);
  return w;
}

ReadPageGuard BTree::Impl::DescendRead(EntryRef e) {
  btree::Meta meta = Root();
  PageId page = meta.root;
  for (;;) {
    ReadPageGuard g = pool.Read(file, page);
    MoveRight(g, e);
    PageView p(g.data());
    if (p.level() == 0) return g;
    page = p.Child(p.FindChild(e));
  }
}

// ---- insert --------------------------------------------------------------------------------------------

std::optional<BTree::InsertResult> BTree::Impl::CheckUnique(std::vector<WritePageGuard>& chain, std::string_view key,
                                                            Rid rid, const UniqueCheck& check) {
  std::string first = EncodeEntry(key, Rid{0, 0});
  uint16_t i = PageView(chain[0].data()).LowerBound(SplitEntry(first));
  for (size_t t = 0;; ++t) {
    PageView p(chain[t].data());
    for (uint16_t n = p.count(); i < n; ++i) {
      EntryRef e = p.Entry(i);
      if (e.key != key) return std::nullopt;  // past the last entry with this key
      Rid other = btree::DecodeTid(e.tid);
      if (other == rid) continue;
      UniqueVerdict v = check(other);
      if (v == UniqueVerdict::kConflict) return InsertResult{InsertResult::kConflict, other};
      if (v == UniqueVerdict::kWait) return InsertResult{InsertResult::kWait, other};
    }
    // Entries with this key may go on in the right sibling only if the high key still has it.
    if (p.rightmost() || p.Entry(0).key != key) return std::nullopt;
    chain.push_back(pool.Write(file, p.right()));
    i = PageView(chain.back().data()).first_data();
  }
}

void BTree::Impl::InsertIntoLeaf(LogContext& log, WritePageGuard& g, uint16_t pos, EntryRef e) {
  LogRecord rec;
  rec.type = LogRecordType::kBtreeInsert;
  rec.file = file;
  rec.rid = Rid{g.page_id(), pos};
  std::string enc(e.key);
  enc.append(e.tid);
  rec.after = Bytes(enc);
  std::string item = btree::MakeItem(e, 0, 0);
  btree::MutPage page(g.mutable_data());
  bool ok = page.InsertItem(pos, item);
  LUMADB_ASSERT(ok, "btree leaf insert found no room after its space check");
  StampLsn(g.mutable_data(), AppendPageLog(log, std::move(rec), g.data()));
}

BTree::InsertResult BTree::Impl::Insert(LogContext& log, std::string_view key, Rid rid, const UniqueCheck* unique) {
  if (!Initialized()) {
    std::lock_guard lock(init_mu);
    if (!Initialized()) Initialize(log);
  }
  std::string enc = EncodeEntry(key, rid);
  EntryRef me = SplitEntry(enc);
  std::string start = unique != nullptr ? EncodeEntry(key, Rid{0, 0}) : enc;
  std::vector<PageId> path;
  std::vector<WritePageGuard> chain;
  chain.push_back(DescendWrite(SplitEntry(start), 0, &path));
  if (unique != nullptr) {
    if (std::optional<InsertResult> r = CheckUnique(chain, key, rid, *unique)) return *r;
  }
  size_t t = 0;  // the leaf (key, rid) belongs in: chain[0] or a right sibling
  for (;;) {
    PageView p(chain[t].data());
    if (!p.BeyondHighKey(me)) break;
    if (t + 1 == chain.size()) chain.push_back(pool.Write(file, p.right()));
    ++t;
  }
  PageView p(chain[t].data());
  uint16_t pos = p.LowerBound(me);
  if (pos < p.count() && btree::Compare(p.Entry(pos), me) == 0) return {};  // already there
  if (p.free_space() >= btree::ItemSize(key.size(), 0) + btree::kLpSize) {
    InsertIntoLeaf(log, chain[t], pos, me);
    return {};
  }
  WritePageGuard right = SplitLeaf(log, chain[t], me, path);
  WritePageGuard& target = PageView(chain[t].data()).BeyondHighKey(me) ? right : chain[t];
  InsertIntoLeaf(log, target, PageView(target.data()).LowerBound(me), me);
  return {};
}

// ---- delete --------------------------------------------------------------------------------------------

bool BTree::Impl::RemoveEntry(LogContext& log, const std::string& enc, const LogRecord* undone) {
  if (!Initialized()) return false;
  EntryRef e = SplitEntry(enc);
  WritePageGuard g = DescendWrite(e, 0, nullptr);
  PageView p(g.data());
  uint16_t pos = p.LowerBound(e);
  if (pos >= p.count() || btree::Compare(p.Entry(pos), e) != 0) return false;
  LogRecord rec;
  rec.file = file;
  rec.rid = Rid{g.page_id(), pos};
  rec.before = Bytes(enc);
  if (undone != nullptr) {
    rec.type = LogRecordType::kClr;
    rec.action = LogRecordType::kBtreeDelete;
    rec.undo_next_lsn = undone->prev_lsn;
  } else {
    rec.type = LogRecordType::kBtreeDelete;
  }
  btree::MutPage page(g.mutable_data());
  page.DeleteItem(pos);
  StampLsn(g.mutable_data(), AppendPageLog(log, std::move(rec), g.data()));
  return true;
}

// ---- BTree ---------------------------------------------------------------------------------------------

BTree::BTree(BufferPool& pool, FileId file) : pool_(pool), file_(file), impl_(std::make_unique<Impl>(pool, file)) {}

BTree::~BTree() = default;

size_t BTree::MaxKeySize() {
  return kMaxKeySize;
}

void BTree::CheckKeySize(size_t key_size, std::string_view index_name) {
  if (key_size <= kMaxKeySize) return;
  throw DbError(sqlstate::kProgramLimitExceeded,
                "index row size " + std::to_string(key_size + kTupleOverhead) + " exceeds btree version 4 maximum " +
                    std::to_string(kMaxKeySize + kTupleOverhead) + " for index \"" + std::string(index_name) + "\"");
}

bool BTree::IsIndexPage(const char* page) {
  return PageView(page).CheckLayout().empty();
}

void BTree::Initialize(LogContext& log) {
  std::lock_guard lock(impl_->init_mu);
  impl_->Initialize(log);
}

BTree::InsertResult BTree::Insert(LogContext& log, std::string_view key, Rid rid, const UniqueCheck* unique) {
  CheckKeySize(key.size(), std::to_string(file_.rel));
  return impl_->Insert(log, key, rid, unique);
}

void BTree::DeleteOnCommit(LogContext& log, std::string_view key, Rid rid) {
  LogRecord rec;
  rec.type = LogRecordType::kBtreeDeletePending;
  rec.file = file_;
  rec.before = Bytes(EncodeEntry(key, rid));
  AppendLog(log, std::move(rec));
}

bool BTree::Delete(LogContext& log, std::string_view key, Rid rid) {
  return impl_->RemoveEntry(log, EncodeEntry(key, rid), nullptr);
}

void BTree::Compensate(LogContext& log, const LogRecord& undone) {
  if (undone.type == LogRecordType::kBtreeDeletePending) {
    LogRecord clr;
    clr.type = LogRecordType::kClr;
    clr.action = LogRecordType::kBtreeDeletePending;
    clr.file = file_;
    clr.undo_next_lsn = undone.prev_lsn;
    AppendLog(log, std::move(clr));
    return;
  }
  LUMADB_ASSERT(undone.type == LogRecordType::kBtreeInsert, "compensation of a btree record that is never undone");
  std::string enc(reinterpret_cast<const char*>(undone.after.data()), undone.after.size());
  if (!impl_->RemoveEntry(log, enc, &undone)) {
    throw DbError(sqlstate::kInternalError,
                  "internal error: undo of BTREE_INSERT found no entry in index " + DiskManager::RelativePath(file_));
  }
}

BTree::Cursor BTree::Seek(std::string_view lower) const {
  return Cursor(this, EncodeEntry(lower, Rid{0, 0}));
}

bool BTree::Cursor::Next(Entry* out) {
  Impl& impl = *tree_->impl_;
  if (done_ || !impl.Initialized()) return false;
  ReadPageGuard g;
  uint16_t i = 0;
  if (leaf_.valid() && leaf_.Relatch()) {
    g = std::move(leaf_);
    // The last entry still at its item number means nothing moved on the page before it: the entries after
    // it are the next ones (first_data() guards against a split having put a high key in front).
    PageView p(g.data());
    const bool in_place =
        pos_ >= p.first_data() && pos_ < p.count() && btree::Compare(p.Entry(pos_), SplitEntry(lower_)) == 0;
    i = in_place ? static_cast<uint16_t>(pos_ + 1) : p.LowerBound(SplitEntry(lower_), started_);
  } else {
    EntryRef low = SplitEntry(lower_);
    g = page_ == kInvalidPageId ? impl.DescendRead(low) : impl.pool.Read(impl.file, page_);
    // The leaf of the last entry never loses entries to the left (splits move the upper half right, pages
    // are never merged), so the next entry is on it or to its right.
    i = PageView(g.data()).LowerBound(low, started_);
  }
  for (;;) {
    PageView p(g.data());
    if (i < p.count()) {
      EntryRef e = p.Entry(i);
      out->key.assign(e.key);
      out->rid = btree::DecodeTid(e.tid);
      lower_.assign(e.key);
      lower_.append(e.tid);
      started_ = true;
      page_ = g.page_id();
      pos_ = i;
      g.Unlatch();
      leaf_ = std::move(g);
      return true;
    }
    if (p.rightmost()) {
      done_ = true;
      return false;
    }
    g = impl.pool.Read(impl.file, p.right());  // latched before the current page is released
    i = PageView(g.data()).LowerBound(SplitEntry(lower_), started_);
  }
}

}  // namespace lumadb::storage
