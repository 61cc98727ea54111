#pragma once
// Relation locking and TID packing shared by the scan and modification executors.

#include "catalog/catalog.h"
#include "common/row_codec.h"
#include "exec/executor.h"
#include "storage/heap_file.h"
#include "txn/lock_manager.h"

namespace lumadb::exec {

/// Takes `mode` on the table for ctx's transaction, held to its end (strict 2PL). Throws 55P03 after
/// ctx.lock_timeout_ms, 40P01, 57014. A context without a lock manager (unit tests) skips locking.
inline void LockRelation(ExecContext& ctx, const catalog::TableInfo& table, txn::LockMode mode) {
  if (!ctx.locks || !ctx.txn || !ctx.catalog) return;
  ctx.locks->LockRelation(*ctx.txn, txn::RelationTag{ctx.catalog->database_oid(), table.oid}, mode, ctx.lock_timeout_ms,
                          ctx.deadlock_timeout_ms);
}

/// Packs a TID into the int8 the scan emits for UPDATE/DELETE: page << 16 | slot.
inline int64_t EncodeRid(storage::Rid rid) {
  return (static_cast<int64_t>(rid.page) << 16) | rid.slot;
}
inline storage::Rid DecodeRid(int64_t v) {
  return storage::Rid{static_cast<storage::PageId>(v >> 16), static_cast<uint16_t>(v & 0xffff)};
}

}  // namespace lumadb::exec
