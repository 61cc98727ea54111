#include "storage/buffer_pool.h"

#include <cstdio>
#include <cstring>

#include "clock_replacer.h"
#include "common/error.h"
#include "storage/log_manager.h"
#include "storage/page.h"

namespace lumadb::storage {

BufferPool::BufferPool(DiskManager& disk, size_t frames, LogManager* wal) : disk_(disk), wal_(wal) {
  LUMADB_ASSERT(frames >= 1, "a buffer pool needs at least one frame");
  frames_.reserve(frames);
  for (size_t i = 0; i < frames; ++i) frames_.push_back(std::make_unique<BufferFrame>(i));
  for (size_t i = frames; i > 0; --i) free_.push_back(i - 1);  // frame 0 is handed out first
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
    if (table_.count(Key{file, page}) == 0) {
      f->file = file;
      f->page = page;
      f->valid = true;
      table_.emplace(Key{file, page}, f);
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

BufferFrame* BufferPool::PinAndLatch(FileId file, PageId page, bool exclusive) {
  for (;;) {
    std::unique_lock lock(mu_);
    auto it = table_.find(Key{file, page});
    if (it != table_.end()) {
      BufferFrame* f = it->second;
      ++f->pins;
      replacer_->RecordAccess(f->id);
      lock.unlock();
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
    BufferFrame* f = ClaimFrame(lock, file, page);
    if (f == nullptr) continue;  // another thread loaded the page while we wrote a victim back
    lock.unlock();
    try {
      LoadPage(file, page, f->data.data());
    } catch (...) {
      // Waiters blocked on the latch see valid == false and retry (and fail the same way).
      {
        std::lock_guard l(mu_);
        auto again = table_.find(Key{file, page});
        if (again != table_.end() && again->second == f) table_.erase(again);
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
    return f;
  }
}

BufferFrame* BufferPool::ClaimFrame(std::unique_lock<std::mutex>& lock, FileId file, PageId page) {
  for (;;) {
    BufferFrame* f = nullptr;
    if (!free_.empty()) {
      f = frames_[free_.back()].get();
      free_.pop_back();
    } else {
      std::optional<size_t> victim = replacer_->Victim([this](size_t i) { return frames_[i]->pins == 0; });
      if (!victim) throw DbError(sqlstate::kInternalError, "no unpinned buffers available");
      f = frames_[*victim].get();
      if (f->dirty.load()) {
        // Write the victim back while it is still mapped, so a concurrent reader of that page finds this
        // frame (and waits for the latch) instead of reading a stale copy from disk.
        ++f->pins;
        lock.unlock();
        try {
          WriteBack(*f);
        } catch (...) {
          lock.lock();
          --f->pins;
          if (f->pins == 0 && !f->valid) free_.push_back(f->id);
          throw;
        }
        lock.lock();
        --f->pins;
        if (page != kInvalidPageId && table_.count(Key{file, page}) > 0) {
          if (f->pins == 0 && !f->valid) free_.push_back(f->id);
          return nullptr;
        }
        // Pinned or dirtied again meanwhile: pick another (a discarded frame still pinned by someone is
        // freed by that pinner's Unpin).
        if (f->pins != 0 || (f->valid && f->dirty.load())) continue;
      }
      if (f->valid) {
        auto it = table_.find(Key{f->file, f->page});
        if (it != table_.end() && it->second == f) table_.erase(it);
      }
    }
    f->file = file;
    f->page = page;
    f->valid = page != kInvalidPageId;
    f->pins = 1;
    f->dirty = false;
    // Nobody latches an unpinned frame, so try_lock succeeds (and, unlike lock(), records no lock-order
    // edge mu_ -> latch for ThreadSanitizer); lock() only covers a spurious failure.
    if (!f->latch.try_lock()) f->latch.lock();
    if (f->valid) table_.emplace(Key{file, page}, f);
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
  std::lock_guard lock(mu_);
  --f->pins;
  if (f->pins == 0 && !f->valid) free_.push_back(f->id);
}

template <class Pred>
void BufferPool::Flush(Pred pred) {
  for (auto& frame : frames_) {
    BufferFrame* f = frame.get();
    {
      std::lock_guard lock(mu_);
      if (!f->valid || !f->dirty.load() || !pred(*f)) continue;
      ++f->pins;
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
    table_.erase(Key{f->file, f->page});
    f->valid = false;
    f->dirty = false;
    if (f->pins == 0) free_.push_back(f->id);
  }
}

void BufferPool::DiscardFile(FileId file) {
  Discard([file](const BufferFrame& f) { return f.file == file; });
}

void BufferPool::DiscardDatabase(uint32_t db) {
  Discard([db](const BufferFrame& f) { return f.file.db == db; });
}

size_t BufferPool::PinnedFrames() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const auto& f : frames_) n += f->pins > 0 ? 1 : 0;
  return n;
}

}  // namespace lumadb::storage
