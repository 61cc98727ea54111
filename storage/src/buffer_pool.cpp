#include "storage/buffer_pool.h"

#include <array>
#include <cstdio>
#include <cstring>

#include "clock_replacer.h"
#include "common/error.h"
#include "storage/log_manager.h"
#include "storage/page.h"

namespace lumadb::storage {
namespace {

/// A thread's memory of where it last found a page: direct-mapped by the page table hash, so a statement's
/// few hot pages (an index's upper levels, the page of a looked-up row) stay in it between statements.
struct PageHint {
  uint64_t pool = 0;  // BufferPool::generation_; 0 never matches
  uint64_t file = 0;  // FileId::Key()
  PageId page = kInvalidPageId;
  BufferFrame* frame = nullptr;
};
constexpr size_t kHints = 256;
thread_local std::array<PageHint, kHints> page_hints;

PageHint& HintSlot(FileId file, PageId page) {
  return page_hints[PageTable::Hash(file, page) % kHints];
}

std::atomic<uint64_t> next_pool_generation{1};

}  // namespace

BufferPool::BufferPool(DiskManager& disk, size_t frames, LogManager* wal)
    : disk_(disk), wal_(wal), generation_(next_pool_generation.fetch_add(1)) {
  LUMADB_ASSERT(frames >= 1, "a buffer pool needs at least one frame");
  frames_.reserve(frames);
  for (size_t i = 0; i < frames; ++i) frames_.push_back(std::make_unique<BufferFrame>(i));
  for (size_t i = frames; i > 0; --i) {  // frame 0 is handed out first
    free_.push_back(i - 1);
    frames_[i - 1]->on_free_list = true;
  }
  replacer_ = std::make_unique<ClockReplacer>(frames);
}

BufferPool::~BufferPool() = default;

ReadPageGuard BufferPool::Read(FileId file, PageId page) {
  BufferFrame* f = PinAndLatch(file, page, /*exclusive=*/false);
  return ReadPageGuard(this, f, file, page, f->data.data());
}

WritePageGuard BufferPool::Write(FileId file, PageId page) {
  BufferFrame* f = PinAndLatch(file, page, /*exclusive=*/true);
  return WritePageGuard(this, f, file, page, f->data.data());
}

WritePageGuard BufferPool::NewPage(FileId file) {
  // Claim the frame before extending the file, so running out of frames does not leave an extra page.
  BufferFrame* f = nullptr;
  {
    std::unique_lock lock(mu_);
    while (f == nullptr) f = ClaimFrame(lock, file, kInvalidPageId);
  }
  PageId page;
  try {
    page = disk_.Extend(file);
  } catch (...) {
    f->latch.unlock();
    Unpin(f);
    throw;
  }
  {
    std::unique_lock lock(mu_);
    if (Map(*f, file, page)) {
      lock.unlock();
      std::memset(f->data.data(), 0, kPageSize);
      return WritePageGuard(this, f, file, page, f->data.data());
    }
  }
  // A scan read the new (zero) page first: use its frame.
  f->latch.unlock();
  Unpin(f);
  BufferFrame* cached = PinAndLatch(file, page, /*exclusive=*/true);
  return WritePageGuard(this, cached, file, page, cached->data.data());
}

BufferFrame* BufferPool::PinHinted(FileId file, PageId page) {
  PageHint& hint = HintSlot(file, page);
  if (hint.pool != generation_ || hint.file != file.Key() || hint.page != page) return nullptr;
  BufferFrame* f = hint.frame;
  f->pins.fetch_add(1);
  // Checked after pinning: an unmapping that has not yet set `evicting` will see our pin and back off.
  if (!f->evicting.load() && f->valid.load() && f->file == file && f->page == page) return f;
  Unpin(f);
  hint.pool = 0;
  return nullptr;
}

void BufferPool::Hint(FileId file, PageId page, BufferFrame* frame) {
  PageHint& hint = HintSlot(file, page);
  hint = PageHint{generation_, file.Key(), page, frame};
}

BufferFrame* BufferPool::PinAndLatch(FileId file, PageId page, bool exclusive) {
  const Key key{file, page};
  Shard& shard = ShardOf(key);
  for (;;) {
    BufferFrame* f = PinHinted(file, page);
    if (f == nullptr) {
      std::shared_lock lock(shard.mu);
      f = shard.table.Find(file, page);
      if (f != nullptr) {
        f->pins.fetch_add(1);
        Hint(file, page, f);
      }
    }
    if (f != nullptr) {
      replacer_->RecordAccess(f->id);
      if (exclusive) {
        f->latch.lock();
      } else {
        f->latch.lock_shared();
      }
      // Our pin keeps the tag; only a failed load (or a discard) can have invalidated the frame meanwhile.
      if (f->valid.load()) return f;
      if (exclusive) {
        f->latch.unlock();
      } else {
        f->latch.unlock_shared();
      }
      Unpin(f);
      continue;
    }
    std::unique_lock lock(mu_);
    f = ClaimFrame(lock, file, page);
    if (f == nullptr) continue;  // another thread loaded the page first
    lock.unlock();
    try {
      LoadPage(file, page, f->data.data());
    } catch (...) {
      // Waiters blocked on the latch see valid == false and retry (and fail the same way).
      {
        std::lock_guard l(mu_);
        std::lock_guard s(shard.mu);
        if (shard.table.Find(file, page) == f) shard.table.Erase(file, page);
        f->valid = false;
      }
      f->latch.unlock();
      Unpin(f);
      throw;
    }
    if (!exclusive) {
      // No atomic downgrade: a writer may slip in between, which is harmless (the page is consistent).
      f->latch.unlock();
      f->latch.lock_shared();
    }
    Hint(file, page, f);
    return f;
  }
}

bool BufferPool::UnmapIfUnpinned(BufferFrame& f) {
  if (!f.valid.load()) return f.pins.load() == 0;  // in no table: only the free list race (FreeIfUnused)
  Shard& shard = ShardOf(Key{f.file, f.page});
  std::lock_guard lock(shard.mu);
  // Under the shard mutex no lookup can pin the frame after this check, and a hinted pinner that comes
  // later sees `evicting`; other pins need mu_ (held). A writer may have pinned, dirtied and unpinned it
  // since the caller looked: its unpin (a release) is seen by this load, and so is the dirty flag it set.
  f.evicting.store(true);
  if (f.pins.load() != 0 || f.dirty.load()) {
    f.evicting.store(false);
    return false;
  }
  shard.table.Erase(f.file, f.page);
  f.valid = false;
  f.evicting.store(false);  // hinted pinners now see `valid` false, or the next tag
  return true;
}

bool BufferPool::Map(BufferFrame& f, FileId file, PageId page) {
  Shard& shard = ShardOf(Key{file, page});
  std::lock_guard lock(shard.mu);
  if (!shard.table.Insert(file, page, &f)) return false;
  f.file = file;
  f.page = page;
  f.valid = true;
  return true;
}

void BufferPool::FreeIfUnused(BufferFrame& f) {
  if (f.pins.load() == 0 && !f.valid.load() && !f.on_free_list) {
    f.on_free_list = true;
    free_.push_back(f.id);
  }
}

BufferFrame* BufferPool::ClaimFrame(std::unique_lock<std::mutex>& lock, FileId file, PageId page) {
  auto cached = [&] {
    if (page == kInvalidPageId) return false;
    Shard& shard = ShardOf(Key{file, page});
    std::shared_lock l(shard.mu);
    return shard.table.Find(file, page) != nullptr;
  };
  // Mappings are only added under mu_, so once this says no, nobody else maps the page before we do.
  if (cached()) return nullptr;
  for (;;) {
    BufferFrame* f = nullptr;
    if (!free_.empty()) {
      f = frames_[free_.back()].get();
      free_.pop_back();
      f->on_free_list = false;
    } else {
      std::optional<size_t> victim = replacer_->Victim([this](size_t i) { return frames_[i]->pins.load() == 0; });
      if (!victim) throw DbError(sqlstate::kInternalError, "no unpinned buffers available");
      f = frames_[*victim].get();
      if (f->valid.load() && f->dirty.load()) {
        // Write the victim back while it is still mapped, so a concurrent reader of that page finds this
        // frame (and waits for the latch) instead of reading a stale copy from disk.
        f->pins.fetch_add(1);
        lock.unlock();
        try {
          WriteBack(*f);
        } catch (...) {
          lock.lock();
          f->pins.fetch_sub(1);
          FreeIfUnused(*f);
          throw;
        }
        lock.lock();
        f->pins.fetch_sub(1);
        if (cached()) {
          FreeIfUnused(*f);
          return nullptr;
        }
        // Dirtied again meanwhile: pick another (a pinned one is skipped by UnmapIfUnpinned below).
        if (f->valid.load() && f->dirty.load()) continue;
      }
      // Pinned meanwhile (a lookup or a writer): pick another. An invalid frame with no pins whose last
      // unpinner has not yet put it on the free list is simply taken (FreeIfUnused then sees it in use).
      if (!UnmapIfUnpinned(*f)) continue;
    }
    // Nobody can keep a pin on the frame now: it is in no table, hinted pinners see it invalid and give
    // theirs back (so add ours, not store 1), and other claims wait for mu_.
    f->pins.fetch_add(1);
    f->dirty = false;
    // Nobody latches an unpinned frame, so try_lock succeeds (and, unlike lock(), records no lock-order
    // edge mu_ -> latch for ThreadSanitizer); lock() only covers a spurious failure.
    if (!f->latch.try_lock()) f->latch.lock();
    if (page == kInvalidPageId) {
      f->file = file;
      f->page = kInvalidPageId;
      f->valid = false;
    } else {
      bool mapped = Map(*f, file, page);
      LUMADB_ASSERT(mapped, "a page got mapped while the pool mutex was held");
    }
    replacer_->RecordAccess(f->id);
    return f;
  }
}

void BufferPool::LoadPage(FileId file, PageId page, char* out) {
  try {
    disk_.ReadPage(file, page, out);
  } catch (const DbError& e) {
    if (!zero_damaged_pages_.load() || e.code() != sqlstate::kDataCorrupted) throw;
    // Recovery: a torn page is restored by the full-page image logged after the last checkpoint.
    std::fprintf(stderr, "WARNING:  %s; zeroing out page\n", e.what());
    std::memset(out, 0, kPageSize);
  }
}

void BufferPool::WriteBack(BufferFrame& f) {
  std::shared_lock latch(f.latch);
  std::lock_guard io(f.io);
  if (!f.valid.load() || !f.dirty.exchange(false)) return;
  try {
    // The WAL rule: the log describing the page's changes reaches disk before the page does.
    if (wal_ != nullptr) wal_->FlushTo(PageLsn(f.data.data()));
    disk_.WritePage(f.file, f.page, f.data.data());
  } catch (...) {
    if (!f.valid.load()) return;  // discarded (its file dropped) while we wrote: nothing to keep
    f.dirty = true;
    throw;
  }
}

void BufferPool::Unpin(BufferFrame* f) {
  // Sequentially consistent, against Discard: it clears `valid`, then reads `pins`; we drop the pin, then
  // read `valid`. At least one of us sees the other's write, so an invalid frame always reaches the free
  // list (FreeIfUnused ignores the second attempt).
  if (f->pins.fetch_sub(1) != 1 || f->valid.load()) return;
  std::lock_guard lock(mu_);
  FreeIfUnused(*f);
}

template <class Pred>
void BufferPool::Flush(Pred pred) {
  for (auto& frame : frames_) {
    BufferFrame* f = frame.get();
    {
      // mu_ keeps the tag stable and claims away, so a pin taken here is as good as a lookup's.
      std::lock_guard lock(mu_);
      if (!f->valid || !f->dirty.load() || !pred(*f)) continue;
      f->pins.fetch_add(1);
    }
    try {
      WriteBack(*f);
    } catch (...) {
      Unpin(f);
      throw;
    }
    Unpin(f);
  }
}

void BufferPool::FlushAll() {
  Flush([](const BufferFrame&) { return true; });
}

void BufferPool::FlushFile(FileId file) {
  Flush([file](const BufferFrame& f) { return f.file == file; });
}

template <class Pred>
void BufferPool::Discard(Pred pred) {
  std::lock_guard lock(mu_);
  for (auto& frame : frames_) {
    BufferFrame* f = frame.get();
    if (!f->valid || !pred(*f)) continue;
    {
      Shard& shard = ShardOf(Key{f->file, f->page});
      std::lock_guard s(shard.mu);
      shard.table.Erase(f->file, f->page);
    }
    f->valid = false;
    f->dirty = false;
    FreeIfUnused(*f);  // pinned: the last Unpin frees it
  }
}

void BufferPool::DiscardFile(FileId file) {
  Discard([file](const BufferFrame& f) { return f.file == file; });
}

void BufferPool::DiscardDatabase(uint32_t db) {
  Discard([db](const BufferFrame& f) { return f.file.db == db; });
}

size_t BufferPool::PinnedFrames() const {
  size_t n = 0;
  for (const auto& f : frames_) n += f->pins.load() > 0 ? 1 : 0;
  return n;
}

}  // namespace lumadb::storage
