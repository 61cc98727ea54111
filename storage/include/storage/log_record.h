#pragma once
// LogRecord: one ARIES-style WAL record (BusTub's recovery/log_record.h; architecture-anchors §2.7) and its
// serialised form, which is what the WAL files hold. A record carries its own length, CRC and LSN, so a
// torn, corrupt or stale (recycled segment) record reads as "end of log".
//
//   header (33 bytes)
//   0        4        8               16              24              32     33
//   +--------+--------+---------------+---------------+---------------+------+
//   | len    | crc32c | lsn           | prev_lsn      | txn           | type |
//   | u32    | u32    | u64           | u64           | u64           | u8   |
//   +--------+--------+---------------+---------------+---------------+------+
//   len: total bytes including the header; crc32c: CRC32C of bytes [8, len) (everything after the crc).
//   lsn: the record's byte position in the WAL stream (a reader checks it equals the position it read at).
//   prev_lsn: the same transaction's previous record (0 for its first): undo walks this chain.
//   txn: 0 for records of no transaction (FPI, CHECKPOINT, FILE_* done by the storage engine itself).
//
//   heap payload: types HEAP_*, BTREE_*, FPI, FILE_CREATE, FILE_DROP
//   +--------+--------+--------+--------+------------+--------+-----------+-------+
//   | db u32 | rel u32| page   | slot   | before_len | before | after_len | after |
//   |        |        | u32    | u16    | u32        | bytes  | u32       | bytes |
//   +--------+--------+--------+--------+------------+--------+-----------+-------+
//   HEAP_VACUUM: page = the vacuumed page; slot 0 and both images empty (before_len = after_len = 0):
//   +--------+--------+--------+--------+------------+-----------+
//   | db u32 | rel u32| page   | 0 u16  | 0 u32      | 0 u32     |   22 bytes after the header
//   +--------+--------+--------+--------+------------+-----------+
//   HEAP_MULTI_INSERT (one per page a batch filled; PostgreSQL's XLOG_HEAP2_MULTI_INSERT): page = the
//   page, slot = flags (1 = INIT_PAGE: the page was new, all zero; redo rebuilds it from a zero page, so
//   the record needs no FPI, as PostgreSQL's XLOG_HEAP_INIT_PAGE), before = the n slots, after = the n
//   tuples in the same order:
//   +--------+--------+--------+-------+----------------+----------------------------------------------+
//   | db u32 | rel u32| page   | flags | before_len u32 | n x slot u16                                 |
//   |        |        | u32    |       | (= 2n)         |                                              |
//   +--------+--------+--------+-------+----------------+----------------------------------------------+
//   | after_len u32 | n x { len u16 | len tuple bytes }                                                 |
//   +---------------+-----------------------------------------------------------------------------------+
//   The in-memory copy kept for runtime undo holds the slots only (after is empty): undo needs no image.
//   FPI: after = the 8192-byte page image (its LSN field is that of the record it precedes).
//   FILE_CREATE / FILE_DROP: page, slot and the images unused (0); FILE_DROP with rel 0 drops database db.
//   BTREE_INSERT: page = the leaf, slot = the item's position then (informative), after = the entry.
//   BTREE_DELETE: page = the leaf, slot as above, before = the entry.
//   BTREE_DELETE_PENDING: page, slot unused, before = the entry (no page changes until after commit).
//   BTREE_SMO: page = the split leaf (informative), after = n x { page u32, 8192-byte image }.
//   An entry is key ++ TID (block u32, slot u16, big-endian): storage/src/btree_page.h.
//
//   CLR payload: the compensating action, then a heap payload describing it
//   +-----------+-------------------+--------------+
//   | action u8 | undo_next_lsn u64 | heap payload |
//   +-----------+-------------------+--------------+
//   action: HEAP_APPLYDELETE (undoes INSERT: free the slot), HEAP_MULTI_APPLYDELETE (undoes MULTI_INSERT:
//   free every slot listed in before, as the undone record's), HEAP_ROLLBACKDELETE (undoes MARKDELETE),
//   HEAP_UPDATE (undoes UPDATE: after = the before image), FILE_DROP (undoes FILE_CREATE), BTREE_DELETE
//   (undoes BTREE_INSERT: page = the leaf the entry was found on by a new descent, before = the entry),
//   BTREE_DELETE_PENDING (undoes BTREE_DELETE_PENDING: no page change; recovery's post-commit pass skips
//   the pending delete). Redo of a CLR is the redo of its action. undo_next_lsn: the next record of the
//   transaction still to undo.
//
//   CHECKPOINT payload
//   +---------------+-------+----------------------------------------------------------------+
//   | redo_lsn u64  | n u32 | n x { txn u64, first_lsn u64, last_lsn u64, state u8 }         |
//   +---------------+-------+----------------------------------------------------------------+
//   The transactions that had written records and not yet ended (state 0 active, 1 committed,
//   2 aborted: ABORT written, END not yet).
//
//   BEGIN / COMMIT / ABORT / END have no payload. All integers little-endian.
//
// Heap records, how they are redone (recovery) and undone (undo.h):
//   HEAP_INSERT          after            redo: put after in the slot      undo: CLR(APPLYDELETE)
//   HEAP_MULTI_INSERT    slots, tuples    redo: put each tuple in its slot undo: CLR(MULTI_APPLYDELETE)
//   HEAP_MULTI_APPLYDELETE slots          redo: free every slot            only as a CLR action
//   HEAP_MARKDELETE      before           redo: mark the slot deleted      undo: CLR(ROLLBACKDELETE)
//   HEAP_APPLYDELETE     before           redo: free the slot              post-commit, never undone
//   HEAP_ROLLBACKDELETE  before           redo: clear the delete mark      only as a CLR action
//   HEAP_UPDATE          before, after    redo: write after in the slot    undo: CLR(UPDATE to before)
//   HEAP_VACUUM          (none)           redo: SlottedPage::Vacuum()      VACUUM, never undone (its
//                                         (compact, shrink capacities,     table lock keeps every
//                                         trim slots; deterministic)       unfinished writer out)
//   FILE_CREATE                           redo: create if missing          undo: CLR(FILE_DROP)
//
// B+tree records (storage/btree.h; structure changes redo-only, key changes undone logically):
//   BTREE_INSERT         after = entry    redo: insert on the leaf         undo: CLR(BTREE_DELETE) found by
//                                                                           a new descent
//   BTREE_DELETE         before = entry   redo: remove from the leaf       post-commit/VACUUM, never undone
//   BTREE_DELETE_PENDING before = entry   redo: nothing                    undo: CLR(DELETE_PENDING), no-op;
//                                         after COMMIT: BTREE_DELETE (ApplyDeferredDeletes or recovery)
//   BTREE_SMO            page images      redo: copy the images            never undone

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "storage/ids.h"

namespace lumadb::storage {

enum class LogRecordType : uint8_t {
  kInvalid = 0,
  kBegin = 1,
  kCommit = 2,
  kAbort = 3,
  kEnd = 4,
  kCheckpoint = 5,
  kHeapInsert = 10,
  kHeapMarkDelete = 11,
  kHeapApplyDelete = 12,
  kHeapRollbackDelete = 13,
  kHeapUpdate = 14,
  kHeapVacuum = 15,
  kHeapMultiInsert = 16,
  kHeapMultiApplyDelete = 17,
  kClr = 20,
  kFpi = 21,
  kFileCreate = 22,
  kFileDrop = 23,
  kBtreeInsert = 30,
  kBtreeDelete = 31,
  kBtreeDeletePending = 32,
  kBtreeSmo = 33,
};

/// "HEAP_INSERT", ...
const char* LogRecordTypeName(LogRecordType type);
/// True for the HEAP_* types.
bool IsHeapRecord(LogRecordType type);
/// HEAP_MULTI_INSERT's flag (in rid.slot) for a page that was new: redo starts from a zero page.
inline constexpr uint16_t kMultiInsertInitPage = 1;

struct LogRecord;
/// True for a record whose redo rebuilds its page from a zero page (HEAP_MULTI_INSERT with INIT_PAGE):
/// it needs no FPI, and redo applies it whatever the page's LSN (the page may be torn).
bool InitializesPage(const LogRecord& rec);

/// True for the BTREE_* types.
bool IsBTreeRecord(LogRecordType type);
/// True for the types serialised with the heap payload (HEAP_*, BTREE_*, FPI, FILE_*); CLRs carry it too.
bool HasHeapPayload(LogRecordType type);
/// True for the records a transaction's rollback must undo (HEAP_INSERT, MULTI_INSERT, MARKDELETE, UPDATE,
/// FILE_CREATE,
/// BTREE_INSERT, BTREE_DELETE_PENDING). The log manager keeps these in memory while the transaction runs.
bool IsUndoable(LogRecordType type);

/// One entry of a CHECKPOINT record's transaction table.
struct CheckpointTxn {
  enum State : uint8_t { kActive = 0, kCommitted = 1, kAborted = 2 };
  TxnId txn = 0;
  Lsn first_lsn = 0;
  Lsn last_lsn = 0;
  State state = kActive;
  bool operator==(const CheckpointTxn&) const = default;
};

struct LogRecord {
  static constexpr size_t kHeaderSize = 33;

  Lsn lsn = 0;
  Lsn prev_lsn = 0;
  TxnId txn = 0;
  LogRecordType type = LogRecordType::kInvalid;
  // Heap payload (see HasHeapPayload; CLRs too).
  FileId file;
  Rid rid;
  std::vector<std::byte> before;
  std::vector<std::byte> after;
  // CLR only.
  LogRecordType action = LogRecordType::kInvalid;
  Lsn undo_next_lsn = 0;
  // CHECKPOINT only.
  Lsn redo_lsn = 0;
  std::vector<CheckpointTxn> active;

  /// Bytes SerializeLogRecord appends for this record.
  size_t SerializedSize() const;
  bool operator==(const LogRecord&) const = default;
};

/// Appends the serialised record (format above) to *out.
void SerializeLogRecord(const LogRecord& rec, std::vector<std::byte>* out);

/// Parses one record from the start of `in`. Returns the bytes it used, or 0 when `in` does not start
/// with a complete record whose length, CRC and type are valid (the end of the log).
size_t DeserializeLogRecord(std::span<const std::byte> in, LogRecord* out);

/// Reads the length field of a serialised record (in must hold at least 4 bytes).
uint32_t PeekLogRecordLength(std::span<const std::byte> in);

}  // namespace lumadb::storage
