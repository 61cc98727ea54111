#pragma once
// BufferPool: a fixed set of 8 KiB frames caching pages of relation files (PostgreSQL's bufmgr.c, BusTub's
// buffer_pool_manager.h). A page table maps (file, page) to a frame; a clock replacer picks victims among
// unpinned frames; a dirty victim is written back before its frame is reused. Pages are reached only
// through ReadPageGuard / WritePageGuard (page_guard.h). Thread-safe.
//
// Concurrency (storage/README.md "Buffer pool"), after PostgreSQL's buffer mapping partitions
// (src/backend/storage/buffer/README):
//
//   hit:    shard(key).mu shared { find; ++pins (atomic) }   then latch the frame, check `valid`
//   hinted: ++pins on the frame a thread-local hint names; !evicting, valid and the tag? else unpin, as hit
//   unpin:  --pins (atomic); a last unpin of an invalid frame takes mu_ to put it on the free list
//   miss:   mu_ { shard(key).mu { still absent? }  claim a frame: free list or clock victim with
//           shard(old).mu { pins == 0? unmap };  tag it, latch it, shard(key).mu { map } }  then read
//
// * The page table is split into kShards hash tables (PageTable), each with its own reader-writer mutex;
//   a key's shard is fixed by its hash. A buffer hit takes only that shard's mutex, shared, so lookups
//   never serialise; mapping and unmapping take it exclusively.
// * Pin counts are atomics. A pin is taken (a) by a lookup holding the shard mutex that maps the frame,
//   (b) under mu_ (claims, Flush), or (c) by a hinted hit, which holds no lock: it pins the frame its
//   thread last found for the key, then keeps the pin only if the frame is not `evicting`, is valid and
//   carries the key. A frame is unmapped or re-tagged only by a holder of mu_ and the mapping shard's
//   mutex that set `evicting` and then saw pins == 0 (both sequentially consistent: a hinted pinner either
//   sees `evicting` or is seen, Dekker's handshake); so a pin kept is never followed by a re-tagging, and
//   a pinned frame keeps its tag (`valid` may still go false: a discard or a failed read). A hinted pin
//   given back may land on a frame being claimed, so a claim adds its pin rather than storing 1.
// * Tags (file, page) change only under mu_ (plus the shard mutexes of the mappings changed), so a
//   holder of mu_, of a pin, or of the shard mutex that maps the frame reads a stable tag.
// * Lock order: mu_ before a shard mutex; at most one shard mutex at a time; neither is held while
//   waiting for a frame latch or doing I/O, except that a frame with no pins (so nobody holds its latch)
//   is latched under mu_ while it is being claimed. The clock's reference bits are atomics set on hits.
// A thread may hold several guards, but two page latches only in a fixed order (for the heap: never two).

#include <array>
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "storage/disk_manager.h"
#include "storage/ids.h"
#include "storage/page_guard.h"
#include "storage/page_table.h"

namespace lumadb::storage {

class ClockReplacer;
class LogManager;

/// One buffer frame. The bytes are a std::vector<char> of kPageSize so ASan catches overruns.
struct BufferFrame {
  explicit BufferFrame(size_t index) : id(index), data(kPageSize, 0) {}
  const size_t id;
  std::vector<char> data;
  std::shared_mutex latch;  // protects `data`
  std::mutex io;            // held while the frame is written back (one write at a time)
  // The tag: changed under BufferPool::mu_ (and the mapping shard's mutex), and only while pins == 0,
  // except `valid`, which a failed load or a discard clears while the frame is pinned (so it is atomic:
  // a pinner checks it after latching).
  FileId file;
  PageId page = kInvalidPageId;
  std::atomic<bool> valid{false};     // holds (file, page) and is in the page table
  std::atomic<int> pins{0};           // see BufferPool: taken under a shard mutex or mu_, or hinted
  std::atomic<bool> evicting{false};  // set while an unmapping checks pins (the hinted pinners' handshake)
  bool on_free_list = false;          // under BufferPool::mu_
  // Set under the exclusive latch; cleared under a latch by the writer-back.
  std::atomic<bool> dirty{false};
};

class BufferPool {
 public:
  /// A pool of `frames` frames (shared_buffers in pages; at least 1) over `disk`. With a `wal`, a dirty
  /// page is written only after LogManager::FlushTo(page LSN) (the WAL rule).
  BufferPool(DiskManager& disk, size_t frames, LogManager* wal = nullptr);
  ~BufferPool();
  BufferPool(const BufferPool&) = delete;
  BufferPool& operator=(const BufferPool&) = delete;

  /// Pins page `page` of `file` (reading it if not cached) and latches it shared / exclusive.
  /// Throws XX000 'no unpinned buffers available' when every frame is pinned, the DiskManager's errors
  /// (58030, XX001) on I/O failure or a bad page. Blocks while another thread holds a conflicting latch.
  ReadPageGuard Read(FileId file, PageId page);
  WritePageGuard Write(FileId file, PageId page);

  /// Appends a zero page to `file` and returns it pinned and exclusively latched.
  WritePageGuard NewPage(FileId file);

  /// Writes every dirty page (the files are not fsynced: see DiskManager::SyncAll).
  void FlushAll();
  /// Writes the dirty pages of one file.
  void FlushFile(FileId file);
  /// Forgets every page of `file` without writing it (DROP). A page still pinned (it should not be) is
  /// forgotten when its last pin goes.
  void DiscardFile(FileId file);
  /// Forgets every page of every file of database `db` without writing it.
  void DiscardDatabase(uint32_t db);

  /// Recovery only: a page failing its checksum reads as a new (zero) page, with a WARNING, instead of
  /// XX001 (PostgreSQL's zero_damaged_pages); redo restores it from its full-page image.
  void set_zero_damaged_pages(bool on) { zero_damaged_pages_ = on; }

  size_t size() const { return frames_.size(); }
  /// Number of frames pinned right now (tests and leak checks).
  size_t PinnedFrames() const;
  DiskManager& disk() { return disk_; }

 private:
  template <class Byte>
  friend class detail::PageGuardBase;  // Unpin
  struct Key {
    FileId file;
    PageId page;
    bool operator==(const Key&) const = default;
  };
  /// One partition of the page table (PostgreSQL's NUM_BUFFER_PARTITIONS, a power of two).
  static constexpr size_t kShards = size_t{1} << PageTable::kPartitionBits;
  struct alignas(64) Shard {
    // Lookups share it; only mapping changes take it exclusively. The root pages of hot B+trees live in
    // a few shards that every statement reads, where an exclusive mutex made lookups queue and sleep.
    std::shared_mutex mu;
    PageTable table;
  };
  Shard& ShardOf(const Key& k) { return shards_[PageTable::Hash(k.file, k.page) % kShards]; }

  /// Pins the frame for (file, page), reading the page if it is not cached, latched as asked.
  BufferFrame* PinAndLatch(FileId file, PageId page, bool exclusive);
  /// Pins the frame the calling thread last found for (file, page) without a shard mutex (the hot pages of
  /// every statement, B+tree roots above all, sit in a few shards whose mutex lines then bounce between
  /// cores); nullptr, with no pin kept, when there is no hint or it is stale.
  BufferFrame* PinHinted(FileId file, PageId page);
  /// Remembers `frame` as the calling thread's hint for (file, page). The frame is pinned by the caller.
  void Hint(FileId file, PageId page, BufferFrame* frame);
  /// Claims an unused or evictable frame (writing a dirty victim back first); returns it pinned once,
  /// exclusively latched, tagged with (file, page) and in the page table; or, for page kInvalidPageId,
  /// untagged (valid = false) and in no table. Returns nullptr if (file, page) is (or got) cached by
  /// another thread. Caller holds `lock` on mu_.
  BufferFrame* ClaimFrame(std::unique_lock<std::mutex>& lock, FileId file, PageId page);
  /// Takes the frame of a clock victim out of the page table if it is unpinned and clean; false (and no
  /// change) if it is pinned or dirty. Caller holds mu_.
  bool UnmapIfUnpinned(BufferFrame& f);
  /// Maps (file, page) to a frame that is in no table; false (and no change) if it is already mapped.
  /// Caller holds mu_.
  bool Map(BufferFrame& f, FileId file, PageId page);
  /// Puts an unpinned, invalid frame on the free list unless it is there already. Caller holds mu_.
  void FreeIfUnused(BufferFrame& f);
  /// Reads a page from disk into a frame (zeroing it if damaged and zero_damaged_pages is on).
  void LoadPage(FileId file, PageId page, char* out);
  /// Writes a pinned frame back if dirty (takes its latch shared). Throws on I/O failure (stays dirty).
  void WriteBack(BufferFrame& frame);
  void Unpin(BufferFrame* frame);
  template <class Pred>
  void Discard(Pred pred);
  template <class Pred>
  void Flush(Pred pred);

  DiskManager& disk_;
  LogManager* wal_;
  // Names this pool in the threads' hints: unique over the process's lifetime, so a hint left by a pool
  // destroyed since (whose address a new pool may reuse) never matches.
  const uint64_t generation_;
  std::atomic<bool> zero_damaged_pages_{false};
  std::vector<std::unique_ptr<BufferFrame>> frames_;
  mutable std::mutex mu_;  // claims, tags, the free list, the clock hand (see the top of this file)
  std::array<Shard, kShards> shards_;
  std::vector<size_t> free_;  // frames holding no page, not pinned
  std::unique_ptr<ClockReplacer> replacer_;
};

}  // namespace lumadb::storage
