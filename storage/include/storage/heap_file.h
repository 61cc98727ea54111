#pragma once
// HeapFile: an unordered collection of tuples in a relation file of slotted pages (PostgreSQL's heap
// access method, access/heap/heapam.c). Every change goes through a LogContext, so the transaction can be
// rolled back and the change replayed after a crash. Owned by StorageEngine; one per relation file.
// Tuples are opaque bytes. Thread-safe; callers serialise conflicting changes to one tuple with locks.
//
// (Contract for the other modules. The storage module owns the implementation and may add members.)

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "storage/ids.h"
#include "storage/log_context.h"
#include "storage/log_record.h"
#include "storage/page_guard.h"

namespace lumadb::storage {

class BufferPool;

class HeapFile {
 public:
  HeapFile(BufferPool& pool, FileId file);
  ~HeapFile();
  HeapFile(const HeapFile&) = delete;
  HeapFile& operator=(const HeapFile&) = delete;

  FileId file() const { return file_; }

  /// Largest tuple a page can hold: 8160 bytes (PostgreSQL's MaxHeapTupleSize).
  static size_t MaxTupleSize();
  /// Throws 54000 "row is too big: size N, maximum size 8160" when size > MaxTupleSize().
  static void CheckTupleSize(size_t size);

  /// Asked, under the page's write latch and before the page changes, whether the tuple may take TID `rid`
  /// (the row-lock layer try-locks the row; the lock manager never takes a page latch, so latch -> lock-table
  /// mutex is a safe order). False: the heap leaves that slot alone and retries on a brand-new page, whose
  /// TIDs nobody can hold a lock on. Must not block.
  using InsertClaim = std::function<bool(Rid)>;

  /// Inserts a tuple, returning its TID. Throws 54000 "row is too big: size N, maximum size M" when the
  /// tuple cannot fit on an empty page. Logged as HEAP_INSERT. `claim`, if given, approves the TID first.
  Rid Insert(LogContext& log, std::span<const std::byte> tuple, const InsertClaim* claim = nullptr);

  /// Asked, under the write latch of each page InsertBatch is about to fill, whether the caller may claim
  /// every TID of that page at once (the row-lock layer holds one lock for "the rows this transaction
  /// inserts on page p"). `fresh`: the call has just added the page to the file, so nothing is on it yet
  /// and the claim may be taken now; otherwise only a claim the caller already holds counts. True: the
  /// tuples placed on that page skip the per-row InsertClaim. Must not block.
  using PageClaim = std::function<bool(PageId page, bool fresh)>;

  /// Inserts tuples in order (COPY FROM's bulk path; PostgreSQL's heap_multi_insert): fills one page per
  /// latch acquisition and logs ONE HEAP_MULTI_INSERT per page (with an FPI first under the usual rule).
  /// Appends each tuple's TID to *rids, in order. Pages come from the free-space map like Insert's; each is
  /// offered to `page_claim` first; where it says no, each TID is approved by `claim`
  /// (a refusal ends that page: the rest go to a brand-new page). Throws 54000 as Insert, before inserting
  /// anything, when a tuple is too big. A throw after the first page leaves the earlier pages inserted
  /// (logged, so a rollback undoes them).
  void InsertBatch(LogContext& log, std::span<const std::span<const std::byte>> tuples, std::vector<Rid>* rids,
                   const InsertClaim* claim = nullptr, const PageClaim* page_claim = nullptr);

  /// Marks a live tuple deleted; the slot stays reserved until the transaction ends (commit frees it,
  /// rollback restores the tuple). Scans no longer return it. Logged as HEAP_MARKDELETE.
  /// XX000 'attempted to delete invisible tuple' if rid is not a live tuple.
  void Delete(LogContext& log, Rid rid);

  /// Replaces a live tuple, in place when it fits on its page, else by delete + insert; returns the TID
  /// the new version has. Logged as HEAP_UPDATE (or MARKDELETE + INSERT). 54000 as Insert;
  /// XX000 'attempted to update invisible tuple' if rid is not a live tuple. `claim` approves the new TID
  /// when the new version moves (see Insert).
  Rid Update(LogContext& log, Rid rid, std::span<const std::byte> tuple, const InsertClaim* claim = nullptr);

  /// Copies the live tuple at rid into *out; false if the slot is empty or deleted (or rid is out of range).
  bool Get(Rid rid, std::vector<std::byte>* out) const;

  /// Like Get, but also returns a mark-deleted tuple (deleted by a transaction that has not ended), with
  /// *deleted = true. False only when the slot is empty or out of range. Lets a reader that waited for a
  /// row lock re-read the row and learn whether it is live, mark-deleted or gone.
  bool Get(Rid rid, std::vector<std::byte>* out, bool* deleted) const;

  /// Like Get(rid, out, deleted), for a reader fetching many TIDs in turn (an index scan): *pinned keeps the
  /// last page read pinned but unlatched between calls, and a fetch from that same page only latches it
  /// again instead of looking it up in the buffer pool (heapam_index_fetch_tuple keeping xs_cbuf). The
  /// caller releases *pinned when it stops fetching; it must not hold a page of another file.
  bool Get(Rid rid, std::vector<std::byte>* out, bool* deleted, ReadPageGuard* pinned) const;

  /// A forward scan over live tuples in TID order, a page at a time: entering a page, Next() copies all of
  /// its tuples under one shared latch and serves them from that copy, so a tuple is as it was when its page
  /// was read. Pages are pinned only while being copied, so a scan may interleave with changes made by the
  /// same transaction (tuples inserted on later pages are seen; on the page being served, they are not).
  class Iterator {
   public:
    /// Advances to the next live tuple; false at the end. With `deleted` non-null, mark-deleted tuples
    /// (deleted by a transaction that has not ended) are returned too, with *deleted = true: under strict
    /// 2PL a reader must wait for such a delete to commit or roll back rather than skip the row.
    /// Throws XX001 for a corrupt page and the buffer pool's errors.
    bool Next(Rid* rid, std::vector<std::byte>* tuple, bool* deleted = nullptr);

    /// Pages copied so far: a caller that notes it before Next() learns whether Next() read a new page.
    uint64_t pages_read() const { return pages_read_; }
    /// True if the next Next() serves a tuple of the page copied last, reading no page.
    bool HasBuffered() const { return next_ < entries_.size(); }

    /// Restarts the iterator on pages [first, end) only (a parallel scan's claimed chunk, heapam's
    /// table_block_parallelscan_nextpage); pages_read() keeps counting.
    void SetRange(PageId first, PageId end);

   private:
    friend class HeapFile;
    Iterator(const HeapFile* heap) : heap_(heap) {}
    /// Copies the tuples of page_ (mark-deleted ones only if with_deleted); false past the last page.
    bool ReadPage(bool with_deleted);

    struct Entry {
      uint16_t slot;
      bool deleted;
      uint32_t offset;  // into bytes_
      uint32_t length;
    };
    const HeapFile* heap_;
    PageId page_ = 0;              // the page served, or before the first read of a range, the first page to read
    PageId end_ = kInvalidPageId;  // the range's end (exclusive); kInvalidPageId: the end of the file
    bool started_ = false;         // a page of the range has been read
    uint64_t pages_read_ = 0;
    std::vector<Entry> entries_;  // the tuples of the page read last
    std::vector<std::byte> bytes_;
    size_t next_ = 0;  // the next entry to return
  };
  Iterator Scan() const { return Iterator(this); }

  /// Number of pages in the file.
  PageId PageCount() const;

  /// What one Vacuum() pass did.
  struct VacuumStats {
    PageId pages_scanned = 0;    // every page of the file
    PageId pages_vacuumed = 0;   // pages that changed (one HEAP_VACUUM record each)
    size_t bytes_reclaimed = 0;  // growth of the pages' free space (TotalFree): capacities and slots given back
    PageId empty_pages = 0;      // pages holding no tuple afterwards (reused first; the file is not truncated)
  };

  /// VACUUM of the heap (PostgreSQL's lazy_scan_heap / heap_page_prune, minus dead-tuple pruning: a delete's
  /// slot is already freed at commit). For each page, one at a time: if SlottedPage::NeedsVacuum(), repairs
  /// it with SlottedPage::Vacuum() (holes removed, live tuples' capacity shrunk to their length, trailing
  /// empty slots trimmed) and logs a redo-only HEAP_VACUUM (with an FPI first under the usual rule); then
  /// records the page's free space in the free-space map (building the map if it was not built yet).
  /// TIDs never change, so concurrent readers and index entries are unaffected.
  /// Precondition: no transaction that has not ended has changed this file (the caller holds a table lock
  /// that conflicts with every writer, e.g. S against the writers' IX), because undoing an in-place update
  /// that shrank a tuple needs the capacity this gives back. Throws XX001 for a corrupt page (pages before
  /// it stay vacuumed) and the buffer pool's errors.
  VacuumStats Vacuum(LogContext& log);

  // Commit and undo support (storage/undo.h drives these).

  /// Post-commit free of a mark-deleted tuple (logged as HEAP_APPLYDELETE, redo-only: never undone).
  /// No-op unless rid is mark-deleted.
  void ApplyDelete(LogContext& log, Rid rid);
  /// Undoes one HEAP_INSERT / MULTI_INSERT / MARKDELETE / UPDATE record of this file, logging a CLR (ARIES) whose
  /// undo_next_lsn is the record's prev_lsn; the page LSN becomes the CLR's. XX000 if the slot is not in
  /// the state the record left it in (a broken invariant: the caller PANICs).
  void Compensate(LogContext& log, const LogRecord& undone);

 private:
  friend class Iterator;
  struct FreeSpace;
  /// Remembers the page the last insert went to (PostgreSQL's rd_targblock): the next insert tries it first.
  void SetTarget(PageId page);
  /// Fills one page for InsertBatch with tuples [first, ...), returning how many it placed (0: the page had
  /// no room or refused the first TID; *force_new_page then says to extend the file).
  size_t FillPage(LogContext& log, std::span<const std::span<const std::byte>> tuples, std::vector<Rid>* rids,
                  const InsertClaim* claim, const PageClaim* page_claim, bool* force_new_page);
  /// Records the current insert capacity of a page in the free-space map.
  void NoteFreeSpace(PageId page, size_t max_insert) const;
  /// A page that may hold `size` more bytes, or kInvalidPageId (builds the map on first use).
  PageId FindPageWithSpace(size_t size) const;
  /// Repairs one page for Vacuum(), adding to *stats; returns the page's insert capacity afterwards.
  size_t VacuumPage(LogContext& log, PageId page, VacuumStats* stats);

  BufferPool& pool_;
  FileId file_;
  std::unique_ptr<FreeSpace> free_space_;
};

}  // namespace lumadb::storage
