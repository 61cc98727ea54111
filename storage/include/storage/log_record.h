#pragma once
// LogRecord: one ARIES-style log record (BusTub's recovery/log_record.h; architecture-anchors §2.7).
// In issue 2 the LogManager keeps records in memory for rollback; the serialised form below is what
// issue 3 writes to the WAL, so it carries its own length and CRC.
//
//   header (33 bytes)
//   0        4        8               16              24              32     33
//   +--------+--------+---------------+---------------+---------------+------+
//   | len    | crc32c | lsn           | prev_lsn      | txn           | type |
//   | u32    | u32    | u64           | u64           | u64           | u8   |
//   +--------+--------+---------------+---------------+---------------+------+
//   len: total bytes including the header; crc32c: CRC32C of bytes [8, len) (everything after the crc).
//   prev_lsn: the same transaction's previous record (0 for its first): undo walks this chain.
//
//   heap payload (types HEAP_*), after the header
//   +--------+--------+--------+--------+------------+--------+-----------+-------+
//   | db u32 | rel u32| page   | slot   | before_len | before | after_len | after |
//   |        |        | u32    | u16    | u32        | bytes  | u32       | bytes |
//   +--------+--------+--------+--------+------------+--------+-----------+-------+
//   BEGIN / COMMIT / ABORT have no payload. All integers little-endian.
//
// Which images a heap record carries, and how it is undone (undo.h):
//   HEAP_INSERT          after            undo: free the slot
//   HEAP_MARKDELETE      before           undo: clear the delete mark (ROLLBACKDELETE)
//   HEAP_APPLYDELETE     before           undo: put the tuple back, mark-deleted (a failed commit)
//   HEAP_ROLLBACKDELETE  before           undo: mark deleted again (CLR-like; written from issue 3)
//   HEAP_UPDATE          before, after    undo: write the before image back into the slot

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
  kHeapInsert = 10,
  kHeapMarkDelete = 11,
  kHeapApplyDelete = 12,
  kHeapRollbackDelete = 13,
  kHeapUpdate = 14,
};

/// "HEAP_INSERT", ...
const char* LogRecordTypeName(LogRecordType type);
/// True for the HEAP_* types (they carry the heap payload).
bool IsHeapRecord(LogRecordType type);

struct LogRecord {
  static constexpr size_t kHeaderSize = 33;

  Lsn lsn = 0;
  Lsn prev_lsn = 0;
  TxnId txn = 0;
  LogRecordType type = LogRecordType::kInvalid;
  // Heap records only.
  FileId file;
  Rid rid;
  std::vector<std::byte> before;
  std::vector<std::byte> after;

  /// Bytes SerializeLogRecord appends for this record.
  size_t SerializedSize() const;
  bool operator==(const LogRecord&) const = default;
};

/// Appends the serialised record (format above) to *out.
void SerializeLogRecord(const LogRecord& rec, std::vector<std::byte>* out);

/// Parses one record from the start of `in`. Returns the bytes it used, or 0 when `in` does not start
/// with a complete record whose length, CRC and type are valid (issue 3 treats that as the end of the log).
size_t DeserializeLogRecord(std::span<const std::byte> in, LogRecord* out);

}  // namespace lumadb::storage
