#include "txn/transaction.h"

#include "held_locks.h"

namespace lumadb::txn {

Transaction::Transaction(storage::TxnId id, IsolationLevel iso, bool read_only)
    : id_(id), isolation_(iso), read_only_(read_only), locks_(std::make_unique<HeldLocks>()) {
  log_.txn = id;
}

Transaction::~Transaction() {
  // A transaction destroyed without Commit/Abort must not leave requests that point at it in the lock table.
  if (locks_ && locks_->manager != nullptr && !locks_->Empty()) locks_->manager->ReleaseAll(*this);
}

}  // namespace lumadb::txn
