#pragma once
// SlottedPage: the layout of a heap page (BusTub's table_page.h, PostgreSQL's bufpage.h line pointers).
// A view over the bytes of a latched buffer frame; it owns nothing.
//
//   0          24                          lower              upper                       8192 (special)
//   +----------+---------+---------+--...--+------------------+----------+--...--+---------+
//   | header   | slot 0  | slot 1  |       |  free space  ->  <- | tuple k  |       | tuple 0 |
//   | (page.h) | 8 bytes | 8 bytes |       |                  |          |       |         |
//   +----------+---------+---------+--...--+------------------+----------+--...--+---------+
//
//   slot (8 bytes):  0        2        4          6        8
//                    +--------+--------+----------+--------+
//                    | offset | length | capacity | state  |   all u16
//                    +--------+--------+----------+--------+
//
//   state     0 = empty (unused, reusable), 1 = live, 2 = mark-deleted (deleted by a transaction that has
//             not ended: the bytes stay so rollback can restore them, the slot is not reused).
//   offset    where the tuple's bytes start; length: the tuple's size in bytes.
//   capacity  bytes reserved for the tuple (>= length). An in-place update that shrinks a tuple keeps the
//             old capacity, so undoing it (restoring the longer before image) can never run out of room.
//
// The slot array grows up from the header and tuples grow down from `special`; a tuple's slot index never
// changes (a Rid stays valid across compaction, which only moves bytes). Trailing empty slots are trimmed.
// The largest tuple is kMaxTupleSize = 8192 - 24 - 8 = 8160 bytes, PostgreSQL's MaxHeapTupleSize.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "storage/ids.h"
#include "storage/page.h"

namespace lumadb::storage {

enum class SlotState : uint16_t { kEmpty = 0, kLive = 1, kDeleted = 2 };

/// One line pointer, pinned to the layout drawn above.
struct SlotEntry {
  uint16_t offset;
  uint16_t length;
  uint16_t capacity;
  uint16_t state;
};
static_assert(sizeof(SlotEntry) == 8, "slot layout is part of the on-disk format");

/// Read-only access to a heap page. All methods accept a new (all-zero) page as an empty page.
class ConstSlottedPage {
 public:
  static constexpr size_t kSlotSize = sizeof(SlotEntry);
  static constexpr size_t kMaxTupleSize = kPageSize - kPageHeaderSize - kSlotSize;
  /// More slots cannot fit even with empty tuples.
  static constexpr size_t kMaxSlots = (kPageSize - kPageHeaderSize) / kSlotSize;

  explicit ConstSlottedPage(const char* data) : data_(const_cast<char*>(data)) {}

  /// True for an all-zero page that was never initialised.
  bool IsNew() const { return Header().lower == 0; }
  Lsn lsn() const { return PageLsn(data_); }

  /// Number of slots (live, deleted or empty) in the slot array.
  uint16_t SlotCount() const;
  /// The slot entry; slot must be < SlotCount().
  SlotEntry Slot(uint16_t slot) const;
  /// State of a slot; kEmpty for slots beyond SlotCount().
  SlotState State(uint16_t slot) const;
  /// The tuple bytes of a live or mark-deleted slot.
  std::span<const std::byte> Tuple(uint16_t slot) const;

  /// Bytes between the slot array and the tuple area.
  size_t ContiguousFree() const;
  /// Bytes free once the page is compacted: the page minus header, slots and every slot's capacity.
  size_t TotalFree() const;
  /// The largest tuple Insert() is sure to accept (assumes a new slot is needed).
  size_t MaxInsertSize() const;

  /// The slot Insert() would use (the first empty slot, else a new one), or nullopt if the tuple does
  /// not fit even after compaction.
  std::optional<uint16_t> SlotForInsert(size_t size) const;
  /// Appends the empty slots below SlotCount() to *out, lowest first: with SlotCount(), what a batch of
  /// inserts may use, in the order Insert() would use them (one walk of the slot array per page).
  void EmptySlots(std::vector<uint16_t>* out) const;
  /// True if Update(slot, size-byte tuple) would succeed.
  bool CanUpdate(uint16_t slot, size_t size) const;

  /// True when Vacuum() would change the page: a hole between tuples, a live tuple whose capacity exceeds
  /// its length, or a trailing empty slot.
  bool NeedsVacuum() const;

  /// Throws XX001 when the header or a slot points outside the page (a corrupt page that passed its
  /// checksum, or a page of another kind).
  void Validate(FileId file, PageId page) const;

 protected:
  PageHeader Header() const { return ReadPageHeader(data_); }
  char* data_;
};

/// Read-write access to a heap page. Callers hold the frame's write latch (WritePageGuard). Methods that
/// can fail return false/nullopt before changing any byte, so a caller can check, then change, then log.
/// Tuple spans passed in must not point into this page.
class SlottedPage : public ConstSlottedPage {
 public:
  explicit SlottedPage(char* data) : ConstSlottedPage(data) {}

  /// Turns a new (all-zero) page into an empty heap page; no-op otherwise.
  void InitIfNew();
  void set_lsn(Lsn lsn) { SetPageLsn(data_, lsn); }

  /// Stores a live tuple in the slot SlotForInsert(size) chose, compacting if needed; nullopt if it
  /// does not fit (nothing changed).
  std::optional<uint16_t> Insert(std::span<const std::byte> tuple);
  /// Stores a tuple in a given slot, which must be empty or beyond the slot array (the array grows with
  /// empty slots). Used to undo APPLYDELETE and to redo INSERT. False if it does not fit.
  bool InsertAt(uint16_t slot, std::span<const std::byte> tuple, SlotState state);

  /// Stores tuples[k] as a live tuple in slots[k] for every k (HEAP_MULTI_INSERT; PostgreSQL's
  /// heap_multi_insert fills a page the same way): every slot must be empty or beyond the slot array (which
  /// grows with empty slots), and all tuples must fit together. Compacts at most once and walks the slot
  /// array at most twice, however many tuples. False, with the page unchanged, if a slot is taken or the
  /// tuples do not fit.
  bool InsertMany(std::span<const uint16_t> slots, std::span<const std::span<const std::byte>> tuples);

  /// Replaces the bytes of a live or mark-deleted slot, keeping its state; capacity never shrinks.
  /// False if it does not fit (nothing changed).
  bool Update(uint16_t slot, std::span<const std::byte> tuple);

  /// live -> mark-deleted.
  void MarkDelete(uint16_t slot);
  /// mark-deleted -> live.
  void RollbackDelete(uint16_t slot);
  /// Frees a slot (-> empty) and its space; trailing empty slots are trimmed. Used for APPLYDELETE and to
  /// undo INSERT.
  void Free(uint16_t slot);

  /// Moves all tuples to the end of the page, removing the holes left by freed tuples.
  void Compact();

  /// VACUUM's page repair (PostgreSQL's PageRepairFragmentation, heap_page_prune): shrinks every live
  /// tuple's capacity to its length, trims trailing empty slots, compacts, and zeroes the free space.
  /// Deterministic (the result depends on the page bytes only), so redo of HEAP_VACUUM repeats it exactly.
  /// Precondition: no transaction that has not ended changed a tuple on this page, since a live tuple's
  /// extra capacity is what lets undo write a longer before image back. Mark-deleted tuples (whose
  /// transaction has not ended, by definition) keep their capacity. Slot indexes never change.
  void Vacuum();

 private:
  void SetSlot(uint16_t slot, const SlotEntry& e);
  void SetHeader(const PageHeader& h) { WritePageHeader(data_, h); }
  /// Reserves `size` bytes at the top of the free space (compacting if needed); returns the offset.
  uint16_t Allocate(size_t size);
};

}  // namespace lumadb::storage
