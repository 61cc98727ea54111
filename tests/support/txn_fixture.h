#pragma once
// A storage engine with one heap file, a lock manager and a transaction manager over a temporary data
// directory: the setting of the transaction manager and savepoint tests.

#include <set>
#include <string>
#include <vector>

#include "storage/heap_file.h"
#include "storage/storage_engine.h"
#include "support/byte_strings.h"
#include "support/temp_dir.h"
#include "txn/lock_manager.h"
#include "txn/transaction_manager.h"

namespace lumadb::testing {

inline constexpr storage::FileId kTxnTestFile{1, 16384};

/// The live tuples of heap, as strings (order-insensitive).
inline std::multiset<std::string> Contents(const storage::HeapFile& heap) {
  std::multiset<std::string> out;
  storage::HeapFile::Iterator it = heap.Scan();
  storage::Rid rid;
  std::vector<std::byte> t;
  while (it.Next(&rid, &t)) out.insert(Str(t));
  return out;
}

/// Engine with `pages` buffer frames and the heap file kTxnTestFile created.
struct TxnFixture {
  explicit TxnFixture(size_t pages) : engine(dir.path(), pages), tm(engine, locks) {
    engine.CreateFile(kTxnTestFile);
    heap = &engine.Heap(kTxnTestFile);
  }
  TempDir dir;
  storage::StorageEngine engine;
  txn::LockManager locks;
  txn::TransactionManager tm;
  storage::HeapFile* heap = nullptr;
};

}  // namespace lumadb::testing
