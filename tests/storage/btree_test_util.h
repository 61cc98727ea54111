#pragma once
// Helpers shared by the B+tree tests: keys, full scans, the commit protocol without txn, tree height.

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "storage/btree.h"
#include "storage/buffer_pool.h"
#include "storage/log_manager.h"
#include "storage/storage_engine.h"
#include "storage/undo.h"
#include "support/temp_dir.h"

namespace lumadb::testing {

inline constexpr storage::FileId kIndexFile{1, 20000};

/// An empty, initialized index in a fresh storage engine of `pages` buffer frames.
struct BTreeFixture {
  explicit BTreeFixture(size_t pages = 64) : engine(dir.path(), pages) {
    engine.CreateFile(kIndexFile);
    tree = &engine.Index(kIndexFile);
    tree->Initialize(ctx);
  }
  TempDir dir;
  storage::StorageEngine engine;
  storage::LogContext ctx{1, &engine.log(), 0, {}};
  storage::BTree* tree = nullptr;
};

/// A key whose byte order is the order of i (8 digits), padded to `width` bytes.
inline std::string NumKey(int i, size_t width = 12) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "k%08d", i);
  std::string s(buf);
  if (s.size() < width) s.append(width - s.size(), '.');
  return s;
}

/// Every entry of the index in scan order.
inline std::vector<storage::BTree::Entry> ScanAll(const storage::BTree& tree, std::string_view lower = "") {
  std::vector<storage::BTree::Entry> out;
  storage::BTree::Cursor c = tree.Seek(lower);
  storage::BTree::Entry e;
  while (c.Next(&e)) out.push_back(e);
  return out;
}

/// (key, TID) order, the index's order.
inline bool EntryLess(const storage::BTree::Entry& a, const storage::BTree::Entry& b) {
  return std::tie(a.key, a.rid.page, a.rid.slot) < std::tie(b.key, b.rid.page, b.rid.slot);
}

inline bool EntryEq(const storage::BTree::Entry& a, const storage::BTree::Entry& b) {
  return a.key == b.key && a.rid == b.rid;
}

/// The root's level from the meta page (height - 1).
inline uint32_t RootLevel(storage::StorageEngine& engine, storage::FileId file) {
  storage::ReadPageGuard g = engine.pool().Read(file, 0);
  uint32_t level;
  std::memcpy(&level, g.data() + 24 + 12, 4);
  return level;
}

/// Appends a marker record; COMMIT is flushed.
inline void Marker(storage::LogContext& ctx, storage::LogRecordType type) {
  storage::LogRecord rec;
  rec.type = type;
  storage::Lsn lsn = ctx.log->Append(ctx, rec);
  if (type == storage::LogRecordType::kCommit) ctx.log->FlushTo(lsn);
}

/// TransactionManager::Commit's protocol, for tests that link storage only.
inline void CommitCtx(storage::StorageEngine& engine, storage::LogContext& ctx) {
  Marker(ctx, storage::LogRecordType::kCommit);
  storage::ApplyDeferredDeletes(engine, ctx);
  engine.log().Discard(ctx);
  Marker(ctx, storage::LogRecordType::kEnd);
}

/// TransactionManager::Abort's protocol.
inline void AbortCtx(storage::StorageEngine& engine, storage::LogContext& ctx) {
  storage::UndoRecords(engine, ctx);
  Marker(ctx, storage::LogRecordType::kAbort);
  Marker(ctx, storage::LogRecordType::kEnd);
}

}  // namespace lumadb::testing
