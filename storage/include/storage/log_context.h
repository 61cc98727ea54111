#pragma once
// LogContext: what a heap change needs to log itself on behalf of a transaction. txn fills it in, so the
// dependency runs txn -> storage and never back (architecture-anchors §2.1).
//
// (Contract for the other modules. The storage module owns the definition of the record types.)

#include <vector>

#include "storage/ids.h"

namespace lumadb::storage {

class LogManager;
struct LogRecord;

/// The per-transaction log sink: heap operations append records through it and remember the LSN chain.
struct LogContext {
  TxnId txn = 0;
  LogManager* log = nullptr;
  Lsn last_lsn = 0;          // the transaction's newest record (prev_lsn of the next one)
  std::vector<Lsn> records;  // LSNs of its undoable records not yet undone, oldest first (undo walks back)
};

}  // namespace lumadb::storage
