#pragma once
// BTree's internals, shared by btree.cpp (descents, inserts, deletes, cursors), btree_split.cpp (structure
// modifications), btree_build.cpp (Initialize, BulkLoad) and btree_verify.cpp.
//
// Latching (storage/README.md, PostgreSQL's nbtree README): a descent holds one page latch at a time
// (release the parent, then latch the child; a concurrent split is caught by moving right past the high
// key). A writer latches the leaf exclusively and may then latch, in this order only: right siblings on
// the same level (unique checks, finding the insert page), the parent level (to insert a downlink after a
// split: child latches are kept, so the whole split is one atomic BTREE_SMO), and the meta page last. So
// latches are taken left-to-right within a level and bottom-up across levels, and a thread that waits for
// a latch while holding others only waits "upwards" or "rightwards": no cycle.

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "btree_page.h"
#include "storage/btree.h"
#include "storage/buffer_pool.h"
#include "storage/log_manager.h"

namespace lumadb::storage {

struct BTree::Impl {
  Impl(BufferPool& p, FileId f) : pool(p), file(f) {}

  BufferPool& pool;
  FileId file;
  std::mutex init_mu;  // serialises the lazy Initialize of an empty file

  // The meta page's root and level, cached so a descent need not latch block 0 (PostgreSQL caches it in
  // the relcache): bits 0-31 root, 32-47 level, 48 valid, 49-63 a generation that InvalidateRoot bumps.
  // A root change invalidates it while holding the meta page's write latch, and a reader fills it by a
  // compare-and-swap against the word it saw before reading the meta page, so a value read before a root
  // change can never be cached after it. (A stale root would still be correct, B-link, but slow.)
  std::atomic<uint64_t> root_cache{0};

  // Set once the file has pages (index files never shrink; a dropped file takes its BTree with it), so a
  // cursor's Next does not ask the disk manager (a global mutex) each time.
  mutable std::atomic<bool> has_pages{false};

  bool Initialized() const {
    if (has_pages.load(std::memory_order_acquire)) return true;
    bool yes = pool.disk().PageCount(file) > 0;
    if (yes) has_pages.store(true, std::memory_order_release);
    return yes;
  }
  /// The meta page's root and level; XX000 if page 0 is not a meta page.
  btree::Meta ReadMetaPage();
  /// The root and level for a descent (cached).
  btree::Meta Root();
  /// Forgets the cached root (the caller holds the meta page's write latch, or builds the tree).
  void InvalidateRoot();

  /// Moves g right while e is beyond its high key (releasing each page before latching the next).
  template <class Guard>
  void MoveRight(Guard& g, btree::EntryRef e);

  /// Descends to the page on `level` whose range holds e, latched exclusively. Records in path[l] the page
  /// passed through on each level l above it (path sized root level + 1).
  WritePageGuard DescendWrite(btree::EntryRef e, uint16_t level, std::vector<PageId>* path);
  /// Descends to the leaf whose range holds e, latched shared.
  ReadPageGuard DescendRead(btree::EntryRef e);

  /// Insert (BTree::Insert's contract).
  BTree::InsertResult Insert(LogContext& log, std::string_view key, Rid rid, const UniqueCheck* unique);
  /// Calls check for every entry with `key` from chain[0] rightwards (adding the right siblings to chain);
  /// the first verdict that is not kIgnore decides.
  std::optional<BTree::InsertResult> CheckUnique(std::vector<WritePageGuard>& chain, std::string_view key, Rid rid,
                                                 const UniqueCheck& check);
  /// Puts item at position pos of a latched leaf and logs BTREE_INSERT (the page change recipe).
  void InsertIntoLeaf(LogContext& log, WritePageGuard& g, uint16_t pos, btree::EntryRef e);
  /// Removes the entry enc from the leaf holding it; logs BTREE_DELETE, or a CLR when `undone` is given.
  /// False if there is no such entry.
  bool RemoveEntry(LogContext& log, const std::string& enc, const LogRecord* undone);

  /// Splits the full leaf `left` (exclusively latched by the caller) so that an item of `incoming` bytes
  /// fits on the half where e belongs, inserting the downlink into the parent levels (splitting them as
  /// needed) and logging everything as one BTREE_SMO. Returns the new right page, latched; `left` stays
  /// latched. `path` is the descent's record of parents.
  WritePageGuard SplitLeaf(LogContext& log, WritePageGuard& left, btree::EntryRef e, const std::vector<PageId>& path);

  /// Writes an empty index (meta + root leaf) into an empty file.
  void Initialize(LogContext& log);
  /// Makes the latched block 0 the meta page for m, logged as an FPI.
  void WriteMetaPage(LogContext& log, WritePageGuard& meta, btree::Meta m);
  /// Appends one page built in `image` to the file (which must give it page id `expect`), logged as an FPI.
  void WriteNewPage(LogContext& log, const char* image, PageId expect);
};

/// Sets a page's LSN when the change was logged (an unlogged context returns LSN 0).
inline void StampLsn(char* page, Lsn lsn) {
  if (lsn != 0) SetPageLsn(page, lsn);
}

}  // namespace lumadb::storage
