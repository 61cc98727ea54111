#pragma once
// SequenceCounters: the non-transactional state of every sequence of a database (PostgreSQL's
// commands/sequence.c nextval_internal, SEQ_LOG_VALS). Each sequence's file holds one tuple in the common
// row format, (last_value int8, log_cnt int8, is_called bool), which SELECT * FROM seq reads as a table:
//
//   last_value  the value nextval returned last (or the next one, while is_called is false)
//   log_cnt     how many more values nextval may hand out before it must log again
//
// Every nextval rewrites the tuple through a system log context (txn 0: redone after a crash, never undone,
// so a rollback does not return values). When log_cnt runs out, nextval reserves kLogAhead more values and
// flushes that record before returning: whatever prefix of these records a crash leaves, the tuple then
// covers every value handed out once advanced by its log_cnt. So after a crash recovery the first use of a
// sequence skips ahead by log_cnt (up to 32 values lost, as in PostgreSQL); after a clean shutdown it
// continues exactly.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

#include "catalog/catalog.h"
#include "storage/ids.h"

namespace lumadb::storage {
class StorageEngine;
}
namespace lumadb::txn {
class Transaction;
}

namespace lumadb::catalog {

class SequenceCounters {
 public:
  /// Values reserved per logged (and flushed) write: PostgreSQL's SEQ_LOG_VALS.
  static constexpr int64_t kLogAhead = 32;

  explicit SequenceCounters(storage::StorageEngine& storage) : storage_(storage) {}

  /// Inserts the first tuple of a new sequence's (empty) file, in txn: last_value = start, not called.
  static void WriteInitialTuple(storage::StorageEngine& storage, txn::Transaction& txn, const SequenceInfo& seq);

  /// nextval: 2200H "nextval: reached maximum value of sequence \"s\" (N)" (or minimum) without CYCLE.
  int64_t Next(const SequenceInfo& seq);
  /// setval: 22003 "setval: value N is out of bounds for sequence \"s\" (MIN..MAX)".
  void Set(const SequenceInfo& seq, int64_t value, bool is_called);
  /// (last_value, is_called).
  std::pair<int64_t, bool> State(const SequenceInfo& seq);
  /// ALTER SEQUENCE: log_cnt = 0 (the parameters changed, so the reserved values no longer apply) and,
  /// with restart, last_value = *restart, not called.
  void Reset(const SequenceInfo& seq, const std::optional<int64_t>& restart);
  /// Forgets a dropped sequence's state.
  void Forget(Oid oid);

 private:
  struct Counter {
    std::mutex mutex;  // serialises nextval/setval of one sequence (the WAL order is the state order)
    bool loaded = false;
    storage::FileId file;
    storage::Rid rid;
    int64_t last_value = 0;
    int64_t log_cnt = 0;
    bool is_called = false;
  };

  /// The counter of seq, created on first use (not loaded). Shared: Forget may run meanwhile.
  std::shared_ptr<Counter> Get(const SequenceInfo& seq);
  /// Reads the tuple (under c.mutex) if not loaded yet; after a crash recovery skips ahead by log_cnt.
  void Load(Counter& c, const SequenceInfo& seq);
  /// Rewrites the tuple from c through a system log context; returns the record's LSN.
  storage::Lsn Write(Counter& c);

  storage::StorageEngine& storage_;
  std::mutex mutex_;  // guards counters_
  std::unordered_map<Oid, std::shared_ptr<Counter>> counters_;
};

}  // namespace lumadb::catalog
