#include "storage/log_record.h"

#include <algorithm>
#include <cstring>

#include "crc32c.h"

namespace lumadb::storage {

namespace {

constexpr size_t kHeapFixedPayload = 4 + 4 + 4 + 2 + 4 + 4;  // db, rel, page, slot, before_len, after_len

template <class T>
void Put(std::vector<std::byte>* out, T v) {
  for (size_t i = 0; i < sizeof(T); ++i)
    out->push_back(static_cast<std::byte>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff));
}

void PutBytes(std::vector<std::byte>* out, const std::vector<std::byte>& b) {
  Put<uint32_t>(out, static_cast<uint32_t>(b.size()));
  out->insert(out->end(), b.begin(), b.end());
}

/// Little-endian reader over a span; every Get fails softly (ok = false) past the end.
struct Reader {
  std::span<const std::byte> in;
  size_t pos = 0;
  bool ok = true;

  template <class T>
  T Get() {
    if (in.size() - pos < sizeof(T)) {
      ok = false;
      return T{};
    }
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<uint64_t>(in[pos + i]) << (8 * i);
    pos += sizeof(T);
    return static_cast<T>(v);
  }
  std::vector<std::byte> GetBytes() {
    auto n = Get<uint32_t>();
    if (!ok || in.size() - pos < n) {
      ok = false;
      return {};
    }
    std::vector<std::byte> b(in.begin() + static_cast<ptrdiff_t>(pos), in.begin() + static_cast<ptrdiff_t>(pos + n));
    pos += n;
    return b;
  }
};

bool KnownType(uint8_t t) {
  switch (static_cast<LogRecordType>(t)) {
    case LogRecordType::kBegin:
    case LogRecordType::kCommit:
    case LogRecordType::kAbort:
    case LogRecordType::kEnd:
    case LogRecordType::kCheckpoint:
    case LogRecordType::kHeapInsert:
    case LogRecordType::kHeapMarkDelete:
    case LogRecordType::kHeapApplyDelete:
    case LogRecordType::kHeapRollbackDelete:
    case LogRecordType::kHeapUpdate:
    case LogRecordType::kHeapVacuum:
    case LogRecordType::kHeapMultiInsert:
    case LogRecordType::kHeapMultiApplyDelete:
    case LogRecordType::kClr:
    case LogRecordType::kFpi:
    case LogRecordType::kFileCreate:
    case LogRecordType::kFileDrop:
    case LogRecordType::kBtreeInsert:
    case LogRecordType::kBtreeDelete:
    case LogRecordType::kBtreeDeletePending:
    case LogRecordType::kBtreeSmo:
      return true;
    case LogRecordType::kInvalid:
      break;
  }
  return false;
}

/// The compensating actions a CLR may carry.
bool KnownAction(uint8_t t) {
  auto a = static_cast<LogRecordType>(t);
  return a == LogRecordType::kHeapApplyDelete || a == LogRecordType::kHeapMultiApplyDelete ||
         a == LogRecordType::kHeapRollbackDelete || a == LogRecordType::kHeapUpdate || a == LogRecordType::kFileDrop ||
         a == LogRecordType::kBtreeDelete || a == LogRecordType::kBtreeDeletePending;
}

constexpr size_t kCheckpointEntry = 8 + 8 + 8 + 1;

size_t PayloadSize(const LogRecord& rec) {
  size_t heap = kHeapFixedPayload + rec.before.size() + rec.after.size();
  if (rec.type == LogRecordType::kClr) return 1 + 8 + heap;
  if (HasHeapPayload(rec.type)) return heap;
  if (rec.type == LogRecordType::kCheckpoint) return 8 + 4 + kCheckpointEntry * rec.active.size();
  return 0;
}

void PutHeapPayload(const LogRecord& rec, std::vector<std::byte>* out) {
  Put<uint32_t>(out, rec.file.db);
  Put<uint32_t>(out, rec.file.rel);
  Put<uint32_t>(out, rec.rid.page);
  Put<uint16_t>(out, rec.rid.slot);
  PutBytes(out, rec.before);
  PutBytes(out, rec.after);
}

void GetHeapPayload(Reader& r, LogRecord* rec) {
  rec->file.db = r.Get<uint32_t>();
  rec->file.rel = r.Get<uint32_t>();
  rec->rid.page = r.Get<uint32_t>();
  rec->rid.slot = r.Get<uint16_t>();
  rec->before = r.GetBytes();
  rec->after = r.GetBytes();
}

void GetCheckpointPayload(Reader& r, LogRecord* rec) {
  rec->redo_lsn = r.Get<uint64_t>();
  auto n = r.Get<uint32_t>();
  if (!r.ok || (r.in.size() - r.pos) / kCheckpointEntry < n) {
    r.ok = false;
    return;
  }
  rec->active.resize(n);
  for (CheckpointTxn& t : rec->active) {
    t.txn = r.Get<uint64_t>();
    t.first_lsn = r.Get<uint64_t>();
    t.last_lsn = r.Get<uint64_t>();
    auto state = r.Get<uint8_t>();
    if (state > CheckpointTxn::kAborted) r.ok = false;
    t.state = static_cast<CheckpointTxn::State>(state);
  }
}

}  // namespace

const char* LogRecordTypeName(LogRecordType type) {
  switch (type) {
    case LogRecordType::kInvalid:
      return "INVALID";
    case LogRecordType::kBegin:
      return "BEGIN";
    case LogRecordType::kCommit:
      return "COMMIT";
    case LogRecordType::kAbort:
      return "ABORT";
    case LogRecordType::kEnd:
      return "END";
    case LogRecordType::kCheckpoint:
      return "CHECKPOINT";
    case LogRecordType::kHeapInsert:
      return "HEAP_INSERT";
    case LogRecordType::kHeapMarkDelete:
      return "HEAP_MARKDELETE";
    case LogRecordType::kHeapApplyDelete:
      return "HEAP_APPLYDELETE";
    case LogRecordType::kHeapRollbackDelete:
      return "HEAP_ROLLBACKDELETE";
    case LogRecordType::kHeapUpdate:
      return "HEAP_UPDATE";
    case LogRecordType::kHeapVacuum:
      return "HEAP_VACUUM";
    case LogRecordType::kHeapMultiInsert:
      return "HEAP_MULTI_INSERT";
    case LogRecordType::kHeapMultiApplyDelete:
      return "HEAP_MULTI_APPLYDELETE";
    case LogRecordType::kClr:
      return "CLR";
    case LogRecordType::kFpi:
      return "FPI";
    case LogRecordType::kFileCreate:
      return "FILE_CREATE";
    case LogRecordType::kFileDrop:
      return "FILE_DROP";
    case LogRecordType::kBtreeInsert:
      return "BTREE_INSERT";
    case LogRecordType::kBtreeDelete:
      return "BTREE_DELETE";
    case LogRecordType::kBtreeDeletePending:
      return "BTREE_DELETE_PENDING";
    case LogRecordType::kBtreeSmo:
      return "BTREE_SMO";
  }
  return "INVALID";
}

bool IsHeapRecord(LogRecordType type) {
  return type == LogRecordType::kHeapInsert || type == LogRecordType::kHeapMarkDelete ||
         type == LogRecordType::kHeapApplyDelete || type == LogRecordType::kHeapRollbackDelete ||
         type == LogRecordType::kHeapUpdate || type == LogRecordType::kHeapVacuum ||
         type == LogRecordType::kHeapMultiInsert || type == LogRecordType::kHeapMultiApplyDelete;
}

bool InitializesPage(const LogRecord& rec) {
  return rec.type == LogRecordType::kHeapMultiInsert && (rec.rid.slot & kMultiInsertInitPage) != 0;
}

bool IsBTreeRecord(LogRecordType type) {
  return type == LogRecordType::kBtreeInsert || type == LogRecordType::kBtreeDelete ||
         type == LogRecordType::kBtreeDeletePending || type == LogRecordType::kBtreeSmo;
}

bool HasHeapPayload(LogRecordType type) {
  return IsHeapRecord(type) || IsBTreeRecord(type) || type == LogRecordType::kFpi ||
         type == LogRecordType::kFileCreate || type == LogRecordType::kFileDrop;
}

bool IsUndoable(LogRecordType type) {
  return type == LogRecordType::kHeapInsert || type == LogRecordType::kHeapMultiInsert ||
         type == LogRecordType::kHeapMarkDelete || type == LogRecordType::kHeapUpdate ||
         type == LogRecordType::kFileCreate || type == LogRecordType::kBtreeInsert ||
         type == LogRecordType::kBtreeDeletePending;
}

size_t LogRecord::SerializedSize() const {
  return kHeaderSize + PayloadSize(*this);
}

void SerializeLogRecord(const LogRecord& rec, std::vector<std::byte>* out) {
  size_t start = out->size();
  size_t size = rec.SerializedSize();
  // Grow geometrically: the log buffer holds many records, and reserving exactly start + size on every
  // append would copy the whole buffer each time (quadratic in the records between flushes).
  if (out->capacity() < start + size) out->reserve(std::max(start + size, 2 * out->capacity()));
  Put<uint32_t>(out, static_cast<uint32_t>(size));
  Put<uint32_t>(out, 0);  // crc, filled in below
  Put<uint64_t>(out, rec.lsn);
  Put<uint64_t>(out, rec.prev_lsn);
  Put<uint64_t>(out, rec.txn);
  Put<uint8_t>(out, static_cast<uint8_t>(rec.type));
  if (rec.type == LogRecordType::kClr) {
    Put<uint8_t>(out, static_cast<uint8_t>(rec.action));
    Put<uint64_t>(out, rec.undo_next_lsn);
  }
  if (HasHeapPayload(rec.type) || rec.type == LogRecordType::kClr) PutHeapPayload(rec, out);
  if (rec.type == LogRecordType::kCheckpoint) {
    Put<uint64_t>(out, rec.redo_lsn);
    Put<uint32_t>(out, static_cast<uint32_t>(rec.active.size()));
    for (const CheckpointTxn& t : rec.active) {
      Put<uint64_t>(out, t.txn);
      Put<uint64_t>(out, t.first_lsn);
      Put<uint64_t>(out, t.last_lsn);
      Put<uint8_t>(out, t.state);
    }
  }
  Crc32c crc;
  crc.Update(out->data() + start + 8, out->size() - start - 8);
  uint32_t sum = crc.Final();
  for (size_t i = 0; i < 4; ++i) (*out)[start + 4 + i] = static_cast<std::byte>((sum >> (8 * i)) & 0xff);
}

uint32_t PeekLogRecordLength(std::span<const std::byte> in) {
  Reader r{in};
  return r.Get<uint32_t>();
}

size_t DeserializeLogRecord(std::span<const std::byte> in, LogRecord* out) {
  Reader r{in};
  auto len = r.Get<uint32_t>();
  auto crc_stored = r.Get<uint32_t>();
  if (!r.ok || len < LogRecord::kHeaderSize || len > in.size()) return 0;
  Crc32c crc;
  crc.Update(in.data() + 8, len - 8);
  if (crc.Final() != crc_stored) return 0;
  r.in = in.first(len);
  LogRecord rec;
  rec.lsn = r.Get<uint64_t>();
  rec.prev_lsn = r.Get<uint64_t>();
  rec.txn = r.Get<uint64_t>();
  auto type = r.Get<uint8_t>();
  if (!KnownType(type)) return 0;
  rec.type = static_cast<LogRecordType>(type);
  if (rec.type == LogRecordType::kClr) {
    auto action = r.Get<uint8_t>();
    if (!KnownAction(action)) return 0;
    rec.action = static_cast<LogRecordType>(action);
    rec.undo_next_lsn = r.Get<uint64_t>();
  }
  if (HasHeapPayload(rec.type) || rec.type == LogRecordType::kClr) GetHeapPayload(r, &rec);
  if (rec.type == LogRecordType::kCheckpoint) GetCheckpointPayload(r, &rec);
  if (!r.ok || r.pos != len) return 0;
  *out = std::move(rec);
  return len;
}

}  // namespace lumadb::storage
