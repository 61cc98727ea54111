#pragma once
// HeapFile: an unordered collection of tuples in a relation file of slotted pages (PostgreSQL's heap
// access method, access/heap/heapam.c). Every change goes through a LogContext so the transaction can be
// rolled back (and, from issue 3, replayed after a crash). Owned by StorageEngine; one per relation file.
// Tuples are opaque bytes. Thread-safe; callers serialise conflicting changes to one tuple with locks.
//
// (Contract for the other modules. The storage module owns the implementation and may add members.)

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "storage/ids.h"
#include "storage/log_context.h"

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

  /// Inserts a tuple, returning its TID. Throws 54000 "row is too big: size N, maximum size M" when the
  /// tuple cannot fit on an empty page. Logged as HEAP_INSERT.
  Rid Insert(LogContext& log, std::span<const std::byte> tuple);

  /// Marks a live tuple deleted; the slot stays reserved until the transaction ends (commit frees it,
  /// rollback restores the tuple). Scans no longer return it. Logged as HEAP_MARKDELETE.
  /// XX000 'attempted to delete invisible tuple' if rid is not a live tuple.
  void Delete(LogContext& log, Rid rid);

  /// Replaces a live tuple, in place when it fits on its page, else by delete + insert; returns the TID
  /// the new version has. Logged as HEAP_UPDATE (or MARKDELETE + INSERT). 54000 as Insert;
  /// XX000 'attempted to update invisible tuple' if rid is not a live tuple.
  Rid Update(LogContext& log, Rid rid, std::span<const std::byte> tuple);

  /// Copies the live tuple at rid into *out; false if the slot is empty or deleted (or rid is out of range).
  bool Get(Rid rid, std::vector<std::byte>* out) const;

  /// A forward scan over live tuples in TID order. Pages are pinned only inside Next(), so a scan may
  /// interleave with changes made by the same transaction (tuples inserted behind the cursor are seen).
  class Iterator {
   public:
    /// Advances to the next live tuple; false at the end.
    bool Next(Rid* rid, std::vector<std::byte>* tuple);

   private:
    friend class HeapFile;
    Iterator(const HeapFile* heap) : heap_(heap) {}
    const HeapFile* heap_;
    PageId page_ = 0;
    uint16_t slot_ = 0;
  };
  Iterator Scan() const { return Iterator(this); }

  /// Number of pages in the file.
  PageId PageCount() const;

  // Undo and commit support (storage/undo.h drives these; they write no log records, except ApplyDelete).

  /// Commit of a mark-delete: frees the slot (logged as HEAP_APPLYDELETE). No-op unless rid is mark-deleted.
  void ApplyDelete(LogContext& log, Rid rid);
  /// Undo of HEAP_INSERT: frees the slot.
  void UndoInsert(Rid rid);
  /// Undo of HEAP_MARKDELETE: the tuple is live again.
  void UndoMarkDelete(Rid rid);
  /// Undo of HEAP_UPDATE: writes the before image back (always fits: a slot's capacity never shrinks).
  void UndoUpdate(Rid rid, std::span<const std::byte> before);
  /// Undo of HEAP_APPLYDELETE: puts the tuple back, mark-deleted.
  void UndoApplyDelete(Rid rid, std::span<const std::byte> before);
  /// Undo of HEAP_ROLLBACKDELETE: marks the tuple deleted again.
  void UndoRollbackDelete(Rid rid);

 private:
  friend class Iterator;
  struct FreeSpace;
  /// Records the current insert capacity of a page in the free-space map.
  void NoteFreeSpace(PageId page, size_t max_insert) const;
  /// A page that may hold `size` more bytes, or kInvalidPageId (builds the map on first use).
  PageId FindPageWithSpace(size_t size) const;

  BufferPool& pool_;
  FileId file_;
  std::unique_ptr<FreeSpace> free_space_;
};

}  // namespace lumadb::storage
