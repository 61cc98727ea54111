// Inserted-page locks (LockInsertedPage, COPY FROM's bulk path): one X lock covers every row the holder
// puts on a new page; others wait for the holder as a whole, with NOWAIT, lock_timeout and deadlock
// detection as for any row lock.
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include <doctest/doctest.h>

#include "common/error.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"

using namespace lumadb::txn;
using lumadb::DbError;
using lumadb::storage::Rid;
using namespace std::chrono_literals;

namespace {

constexpr RelationTag kRel{5, 16384};
using M = LockMode;
using Iso = IsolationLevel;

RowTag Row(uint32_t page, uint16_t slot) {
  return RowTag{kRel.db, kRel.rel, Rid{page, slot}};
}

}  // namespace

TEST_CASE("an inserted-page lock covers the holder's rows and keeps every other transaction out") {
  LockManager lm;
  Transaction copier(1, Iso::kReadCommitted, false), other(2, Iso::kReadCommitted, false);
  REQUIRE(lm.LockInsertedPage(copier, kRel, 7));
  CHECK(lm.LockInsertedPage(copier, kRel, 7));  // held already: no second lock
  CHECK(lm.HoldsInsertedPage(copier, kRel, 7));
  CHECK_FALSE(lm.HoldsInsertedPage(other, kRel, 7));
  CHECK_FALSE(lm.LockInsertedPage(other, kRel, 7));
  // The holder's own rows need no row lock; nobody else can claim, read or lock one.
  CHECK(lm.LockRow(copier, Row(7, 3), M::kExclusive) == RowLockResult::kAlreadyHeld);
  CHECK(lm.TryLockRow(copier, Row(7, 200), M::kExclusive));
  CHECK_FALSE(lm.TryLockRow(other, Row(7, 3), M::kShared));
  CHECK_FALSE(lm.TryLockRow(other, Row(7, 250), M::kExclusive));
  CHECK(lm.LockRow(other, Row(7, 3), M::kShared, 0, 0, false) == RowLockResult::kNotAvailable);
  CHECK(lm.LockRow(other, Row(8, 3), M::kShared) == RowLockResult::kAcquired);  // another page: free
  CHECK_THROWS_WITH_AS(lm.LockRow(other, Row(7, 3), M::kShared, 50), "canceling statement due to lock timeout",
                       DbError);
  auto wait = std::async(std::launch::async, [&] { return lm.LockRow(other, Row(7, 3), M::kExclusive); });
  CHECK(wait.wait_for(200ms) == std::future_status::timeout);
  lm.ReleaseAll(copier);  // the holder ends: the waiter goes on to lock the row itself
  REQUIRE(wait.wait_for(10s) == std::future_status::ready);
  CHECK(wait.get() == RowLockResult::kAcquired);
  CHECK(lm.TryLockRow(copier, Row(7, 4), M::kExclusive));  // no page lock left behind
  lm.ReleaseAll(copier);
  lm.ReleaseAll(other);
  CHECK(lm.QueueCount() == 0);
}

TEST_CASE("a deadlock through an inserted-page lock names the transaction waited for") {
  LockManager lm;
  Transaction copier(12, Iso::kReadCommitted, false), other(13, Iso::kReadCommitted, false);
  REQUIRE(lm.LockInsertedPage(copier, kRel, 3));
  lm.LockRow(other, Row(0, 0), M::kExclusive);
  std::atomic<int> victims{0};
  std::mutex mu;
  std::string detail;
  auto run = [&](Transaction& t, RowTag row, LockMode mode) {
    try {
      lm.LockRow(t, row, mode, 5000, 100);
    } catch (const DbError& e) {
      CHECK(e.code() == lumadb::sqlstate::kDeadlockDetected);
      std::lock_guard l(mu);
      detail = e.detail().value_or("");
      ++victims;
    }
    lm.ReleaseAll(t);
  };
  std::thread to(run, std::ref(other), Row(3, 5), M::kShared);  // a COPY row: waits for transaction 12
  std::thread tc(run, std::ref(copier), Row(0, 0), M::kExclusive);
  to.join();
  tc.join();
  CHECK(victims == 1);
  CHECK(detail.find("Process 13 waits for ShareLock on transaction 12; blocked by process 12.") != std::string::npos);
  CHECK(detail.find("Process 12 waits for ExclusiveLock on tuple (0,1) of relation 16384 of database 5; blocked by "
                    "process 13.") != std::string::npos);
  CHECK(lm.QueueCount() == 0);
}
