#pragma once
// BTree: a B+tree index over memcmp-ordered byte-string keys (PostgreSQL's nbtree, Lehman & Yao's B-link
// tree; architecture-anchors §2.1, §2.6, §2.7 rule 5). storage knows no SQL: a key is opaque bytes made by
// common/index_key.h, and each entry is (key, heap TID). The TID is part of the entry's sort order
// (PostgreSQL 12's heap-TID tiebreak), so every entry is unique and one (key, TID) can be found again.
//
// Page 0 is the meta page (root page number, tree height); other pages are leaves or internal pages with
// right-links. The on-disk layout is drawn in src/btree_page.h.
//
// WAL (log_record.h): BTREE_INSERT (undone logically: re-descend and delete, logging a CLR), BTREE_DELETE
// (redo-only), BTREE_DELETE_PENDING (no page change: a delete applied after commit, like a heap
// MARKDELETE), BTREE_SMO (a split or new root: one redo-only record with the images of every page it
// changed), and FPIs for bulk-built pages.
//
// Thread-safe: readers and writers run concurrently (B-link: descents hold one latch at a time and move
// right past a page's high key after a concurrent split; writers latch rightwards and upwards only; see
// storage/README.md latch rules, which also allow an index leaf latch -> heap page latch for unique
// checks). Callers hold the row locks that make a (key, TID) change safe to undo.
//
// Insert and BulkLoad reject keys longer than MaxKeySize() with 54000 naming the index by its file
// number; callers that know the index name check first with CheckKeySize(size, name).
//
// (Contract for the other modules. The storage module owns the implementation and may add members.)

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/ids.h"
#include "storage/log_context.h"
#include "storage/page_guard.h"

namespace lumadb::storage {

class BufferPool;
struct LogRecord;

class BTree {
 public:
  BTree(BufferPool& pool, FileId file);
  ~BTree();
  BTree(const BTree&) = delete;
  BTree& operator=(const BTree&) = delete;

  FileId file() const { return file_; }

  /// Largest key (without the TID) an entry may have: 2696 bytes, so three internal items fit on a page
  /// (PostgreSQL's BTMaxItemSize rule; with the 8 bytes of TID and length it reports as 2704, PostgreSQL's
  /// figure). Insert and BulkLoad throw 54000 for longer keys; storage knows no index names, so callers that
  /// do call CheckKeySize with the name first.
  static size_t MaxKeySize();

  /// Throws 54000 `index row size N exceeds btree version 4 maximum 2704 for index "name"` (PostgreSQL's
  /// text; N = key_size + 8, as an index tuple's size) when key_size > MaxKeySize().
  static void CheckKeySize(size_t key_size, std::string_view index_name);

  /// True if the 8 KiB page is a B+tree page of this format (lumadb verify tells index files from heaps).
  static bool IsIndexPage(const char* page);

  /// Writes the meta page and an empty root leaf into an empty file (CREATE INDEX on an empty table; a
  /// bulk load does this itself; Insert does it too on an empty file). Logged as FPIs of both pages in log's
  /// transaction. XX000 if the file is not empty.
  void Initialize(LogContext& log);

  /// What a unique check decides about an existing entry with the same key (called under the leaf latch;
  /// must not block: it may try-lock the row and read the heap tuple).
  enum class UniqueVerdict {
    kIgnore,    // dead, or deleted by the inserting transaction itself: not a duplicate
    kConflict,  // a live tuple with this key: unique violation
    kWait,      // in doubt (another transaction holds the row): wait for it, then retry
  };
  using UniqueCheck = std::function<UniqueVerdict(Rid)>;

  struct InsertResult {
    enum Kind { kInserted, kConflict, kWait } kind = kInserted;
    Rid other;  // kConflict / kWait: the TID of the existing entry
  };

  /// Inserts (key, rid), logged as BTREE_INSERT (and BTREE_SMO for splits). With `unique`, first calls it
  /// for every existing entry whose key equals `key` (any TID), under the latch of the leaf the new entry
  /// goes into (and of its right siblings holding equal keys), and inserts only if every verdict is
  /// kIgnore; otherwise nothing changes and the result says which TID conflicted or must be waited for
  /// (the caller waits for that row's lock with no latch held and calls Insert again). Inserting an entry
  /// that already exists (same key and TID) is a no-op returning kInserted; the check skips an entry with
  /// `rid` itself. 54000 for an oversized key. The latch of the leaf where `key` starts is held from the
  /// check to the insert, so two inserters of one key are serialised and the second one sees the first.
  InsertResult Insert(LogContext& log, std::string_view key, Rid rid, const UniqueCheck* unique = nullptr);

  /// Schedules the removal of (key, rid) for after log's transaction commits: logs BTREE_DELETE_PENDING
  /// and keeps it among the transaction's undoable records; storage/undo.h's ApplyDeferredDeletes removes
  /// the entry after COMMIT (redo-only BTREE_DELETE), recovery finishes it after a crash, and a rollback
  /// (or ROLLBACK TO) simply forgets it. The entry stays visible until then (unique checks wait on it).
  void DeleteOnCommit(LogContext& log, std::string_view key, Rid rid);

  /// Removes (key, rid) now, logged as redo-only BTREE_DELETE (post-commit work, VACUUM of dangling
  /// entries). Returns false if there was no such entry.
  bool Delete(LogContext& log, std::string_view key, Rid rid);

  /// One entry.
  struct Entry {
    std::string key;  // without the TID
    Rid rid;
  };

  /// A forward scan in (key, TID) order. Between calls it keeps the leaf of the last entry pinned but not
  /// latched, with that entry's position, so the tree may change between calls (entries inserted ahead of
  /// the cursor are seen, entries behind it are not; none is returned twice). Next steps to the following
  /// position when the entry there is still the last one returned, else searches the leaf again
  /// (storage/README.md "B-tree cursors"). Not valid after the BTree is destroyed; move-only.
  class Cursor {
   public:
    /// Advances to the next entry; false at the end of the index.
    bool Next(Entry* out);

   private:
    friend class BTree;
    Cursor(const BTree* tree, std::string lower) : tree_(tree), lower_(std::move(lower)) {}
    const BTree* tree_;
    std::string lower_;     // key ++ TID (src/btree_page.h): the next entry returned is >= this, or >
    bool started_ = false;  // once an entry was returned (lower_ is then that entry)
    bool done_ = false;
    PageId page_ = kInvalidPageId;  // the leaf of the last entry: entries after it are there or to its right
    ReadPageGuard leaf_;            // page_, pinned and unlatched between calls (empty before the first)
    uint16_t pos_ = 0;              // the last entry's item number on page_ when it was returned
  };

  /// A scan starting at the first entry whose key is >= lower (empty: the whole index). The caller stops
  /// when the key passes its upper bound (common/index_key.h PrefixSuccessor for equality scans).
  Cursor Seek(std::string_view lower) const;

  /// A backward scan in descending (key, TID) order (PostgreSQL's backward index scan). Pins a page only
  /// inside Next(), as Cursor. The tree has no left-links: while the previous entry's leaf still covers it,
  /// the next entry is found there; past the start of that leaf a new descent looks for the greatest
  /// entry below it (one descent per leaf, not per entry). Entries inserted behind the cursor (below the
  /// last entry returned) are seen, entries ahead of it are not; none is returned twice.
  class ReverseCursor {
   public:
    /// Moves to the previous entry; false before the start of the index.
    bool Next(Entry* out);

   private:
    friend class BTree;
    ReverseCursor(const BTree* tree, std::optional<std::string> upper) : tree_(tree), upper_(std::move(upper)) {}
    const BTree* tree_;
    std::optional<std::string> upper_;  // key ++ TID: the next entry returned is < this; unset: +infinity
    bool done_ = false;
    PageId page_ = kInvalidPageId;         // the leaf of the last entry returned
    std::optional<std::string> page_low_;  // its low key (separator in the parent); unset: the leftmost leaf
  };

  /// A backward scan starting at the last entry whose key is < upper (nullopt: the last entry of the
  /// index). The caller stops when the key falls below its lower bound.
  ReverseCursor SeekBackward(const std::optional<std::string>& upper) const;

  /// Sorted BulkLoad input read in place (an index build keeps its keys in one arena rather than a
  /// std::string per entry): entry i is (key(i), rid(i)), i < size(), in (key, TID) order.
  class EntrySource {
   public:
    virtual ~EntrySource() = default;
    virtual size_t size() const = 0;
    virtual std::string_view key(size_t i) const = 0;
    virtual Rid rid(size_t i) const = 0;
  };

  /// Builds the tree from entries sorted by (key, TID) into an empty file: leaves filled to fillfactor
  /// percent, then each internal level, then the meta page; every page logged as an FPI in log's
  /// transaction. Much faster than inserting one by one (CREATE INDEX, REINDEX). XX000 if the file is
  /// not empty or the input is not strictly ascending; 54000 for an oversized key.
  void BulkLoad(LogContext& log, const EntrySource& sorted, int fillfactor = 90);
  void BulkLoad(LogContext& log, const std::vector<Entry>& sorted, int fillfactor = 90);

  /// Structure check (amcheck's bt_index_check): meta page sane, keys ascending within each page and
  /// across right-links, every key within its parent's separator bounds, all leaves on one level, every
  /// page reachable. Returns one line per problem (empty: the tree is sound), e.g.
  /// "block 7: item 3 is not ordered after item 2" (items numbered from 1, the high key first, like
  /// PostgreSQL's offsets). Meant for a quiescent index (after a restart, in tests): a split running
  /// concurrently may be reported as a problem.
  std::vector<std::string> Verify() const;

  /// Number of entries (a full leaf scan: tests, VACUUM, ANALYZE).
  size_t CountEntries() const;

  // Undo support (undo.cpp drives it; redo is src/btree_redo.h).

  /// Undoes a BTREE_INSERT of this file (logically: a new descent finds the entry wherever splits moved it,
  /// and removes it, logged as a CLR whose action is a BTREE_DELETE on that leaf) or a BTREE_DELETE_PENDING
  /// (a CLR with no page change, so recovery's post-commit pass skips it). undo_next_lsn = undone.prev_lsn.
  /// XX000 if the entry to remove is missing (a broken invariant: the caller PANICs).
  void Compensate(LogContext& log, const LogRecord& undone);

  struct Impl;

 private:
  friend class Cursor;
  BufferPool& pool_;
  FileId file_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumadb::storage
