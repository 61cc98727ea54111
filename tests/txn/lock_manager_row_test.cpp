// Row locks: S/X, upgrades, TryLockRow, UnlockRow, relation-lock fast path, deadlocks across rows and
// relations, lock_timeout, interrupts and a concurrent stress test of the partitioned table.
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

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

std::future<RowLockResult> LockRowAsync(LockManager& lm, Transaction& t, RowTag row, LockMode mode,
                                        int64_t timeout = 0) {
  return std::async(std::launch::async, [&lm, &t, row, mode, timeout] { return lm.LockRow(t, row, mode, timeout); });
}

void AwaitWaiters(const LockManager& lm, RowTag row, size_t n) {
  for (int i = 0; i < 5000 && lm.WaitingCount(row) < n; ++i) std::this_thread::sleep_for(1ms);
  REQUIRE(lm.WaitingCount(row) >= n);
}

template <class F>
bool Ready(F& f, std::chrono::milliseconds wait = 100ms) {
  return f.wait_for(wait) == std::future_status::ready;
}

}  // namespace

TEST_CASE("row S locks share; row X excludes S and X; re-locking reports kAlreadyHeld") {
  LockManager lm;
  Transaction a(1, Iso::kReadCommitted, false), b(2, Iso::kReadCommitted, false), c(3, Iso::kReadCommitted, false);
  CHECK(lm.LockRow(a, Row(0, 0), M::kShared) == RowLockResult::kAcquired);
  CHECK(lm.LockRow(b, Row(0, 0), M::kShared) == RowLockResult::kAcquired);
  CHECK(lm.LockRow(a, Row(0, 0), M::kShared) == RowLockResult::kAlreadyHeld);
  CHECK_FALSE(lm.TryLockRow(c, Row(0, 0), M::kExclusive));
  CHECK(lm.TryLockRow(c, Row(0, 1), M::kExclusive));
  CHECK_FALSE(lm.TryLockRow(a, Row(0, 1), M::kShared));
  CHECK(lm.LockRow(a, Row(0, 1), M::kShared, 0, 0, false) == RowLockResult::kNotAvailable);
  CHECK(lm.HeldMode(c, Row(0, 1)) == M::kExclusive);
  CHECK(lm.LockRow(c, Row(0, 1), M::kShared) == RowLockResult::kAlreadyHeld);  // X covers S: no self-block
  CHECK_FALSE(lm.HeldMode(a, Row(0, 1)).has_value());
  lm.ReleaseAll(a);
  lm.ReleaseAll(b);
  lm.ReleaseAll(c);
  CHECK(lm.QueueCount() == 0);
}

TEST_CASE("a writer waits for a row reader and is granted when it releases") {
  LockManager lm;
  Transaction r(1, Iso::kRepeatableRead, false), w(2, Iso::kReadCommitted, false);
  lm.LockRow(r, Row(1, 2), M::kShared);
  auto fw = LockRowAsync(lm, w, Row(1, 2), M::kExclusive);
  CHECK_FALSE(Ready(fw, 150ms));
  lm.ReleaseAll(r);
  REQUIRE(Ready(fw, 2000ms));
  CHECK(fw.get() == RowLockResult::kAcquired);
  lm.ReleaseAll(w);
}

TEST_CASE("row upgrade S -> X waits for the other reader, ahead of queued requests") {
  LockManager lm;
  Transaction a(1, Iso::kReadCommitted, false), b(2, Iso::kReadCommitted, false), c(3, Iso::kReadCommitted, false);
  lm.LockRow(a, Row(0, 0), M::kShared);
  lm.LockRow(b, Row(0, 0), M::kShared);
  auto fc = LockRowAsync(lm, c, Row(0, 0), M::kExclusive);  // queued first
  AwaitWaiters(lm, Row(0, 0), 1);
  auto fa = LockRowAsync(lm, a, Row(0, 0), M::kExclusive);  // upgrade, served before c
  AwaitWaiters(lm, Row(0, 0), 2);
  CHECK_FALSE(Ready(fa, 100ms));
  lm.ReleaseAll(b);
  REQUIRE(Ready(fa, 2000ms));
  CHECK(fa.get() == RowLockResult::kUpgraded);
  CHECK(lm.HeldMode(a, Row(0, 0)) == M::kExclusive);
  CHECK_FALSE(Ready(fc, 50ms));
  lm.ReleaseAll(a);
  CHECK(fc.get() == RowLockResult::kAcquired);
  lm.ReleaseAll(c);
}

TEST_CASE("FIFO on a row: a waiting writer is not starved by later readers") {
  LockManager lm;
  Transaction r1(1, Iso::kReadCommitted, false), w(2, Iso::kReadCommitted, false), r2(3, Iso::kReadCommitted, false);
  lm.LockRow(r1, Row(0, 0), M::kShared);
  auto fw = LockRowAsync(lm, w, Row(0, 0), M::kExclusive);
  AwaitWaiters(lm, Row(0, 0), 1);
  CHECK_FALSE(lm.TryLockRow(r2, Row(0, 0), M::kShared));  // compatible with r1, but queued behind w
  auto f2 = LockRowAsync(lm, r2, Row(0, 0), M::kShared);
  AwaitWaiters(lm, Row(0, 0), 2);
  lm.UnlockRow(r1, Row(0, 0));
  REQUIRE(Ready(fw, 2000ms));
  CHECK_FALSE(Ready(f2, 100ms));
  lm.ReleaseAll(w);
  CHECK(f2.get() == RowLockResult::kAcquired);
  lm.ReleaseAll(r2);
  lm.ReleaseAll(r1);
}

TEST_CASE("UnlockRow releases one row lock and erases its queue; unknown rows are a no-op") {
  LockManager lm;
  Transaction a(1, Iso::kReadCommitted, false), b(2, Iso::kReadCommitted, false);
  lm.LockRow(a, Row(0, 0), M::kShared);
  lm.LockRow(a, Row(0, 1), M::kExclusive);
  CHECK(lm.QueueCount() == 2);
  lm.UnlockRow(a, Row(0, 0));
  lm.UnlockRow(a, Row(7, 7));
  CHECK(lm.QueueCount() == 1);
  CHECK_FALSE(lm.HeldMode(a, Row(0, 0)).has_value());
  CHECK(lm.TryLockRow(b, Row(0, 0), M::kExclusive));
  CHECK_FALSE(lm.TryLockRow(b, Row(0, 1), M::kShared));
  lm.ReleaseAll(a);
  lm.ReleaseAll(b);
  CHECK(lm.QueueCount() == 0);
}

TEST_CASE("a covering relation lock makes row locks free (fast path)") {
  LockManager lm;
  Transaction a(1, Iso::kSerializable, false), b(2, Iso::kReadCommitted, false);
  lm.LockRelation(a, kRel, M::kShared);
  CHECK(lm.LockRow(a, Row(0, 0), M::kShared) == RowLockResult::kAlreadyHeld);
  CHECK(lm.QueueCount() == 1);  // only the relation
  lm.LockRelation(b, kRel, M::kIntentionShared);
  lm.LockRelation(a, kRel, M::kIntentionExclusive);  // S + IX = SIX: still covers row S, not row X
  CHECK(lm.HeldMode(a, kRel) == M::kSharedIntentionExclusive);
  CHECK(lm.LockRow(a, Row(0, 0), M::kShared) == RowLockResult::kAlreadyHeld);
  CHECK(lm.LockRow(a, Row(0, 0), M::kExclusive) == RowLockResult::kAcquired);
  lm.ReleaseAll(a);
  lm.ReleaseAll(b);
}

TEST_CASE("TryLockRow never blocks, even when the row is contended") {
  LockManager lm;
  Transaction holder(1, Iso::kReadCommitted, false), waiter(2, Iso::kReadCommitted, false),
      t(3, Iso::kReadCommitted, false);
  lm.LockRow(holder, Row(0, 0), M::kExclusive);
  auto fw = LockRowAsync(lm, waiter, Row(0, 0), M::kExclusive);
  AwaitWaiters(lm, Row(0, 0), 1);
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) CHECK_FALSE(lm.TryLockRow(t, Row(0, 0), M::kShared));
  CHECK(std::chrono::steady_clock::now() - start < 2s);
  CHECK(lm.WaitingCount(Row(0, 0)) == 1);  // failed tries leave nothing queued
  lm.ReleaseAll(holder);
  fw.get();
  lm.ReleaseAll(waiter);
}

TEST_CASE("row lock_timeout: 55P03, request withdrawn, earlier locks kept") {
  LockManager lm;
  Transaction a(1, Iso::kReadCommitted, false), b(2, Iso::kReadCommitted, false);
  lm.LockRow(a, Row(0, 0), M::kExclusive);
  lm.LockRow(b, Row(0, 1), M::kShared);
  try {
    lm.LockRow(b, Row(0, 0), M::kShared, 100);
    FAIL("expected a lock timeout");
  } catch (const DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kLockNotAvailable);
    CHECK(e.message() == "canceling statement due to lock timeout");
  }
  CHECK(lm.WaitingCount(Row(0, 0)) == 0);
  CHECK(lm.HeldMode(b, Row(0, 1)) == M::kShared);
  lm.ReleaseAll(a);
  lm.ReleaseAll(b);
}

TEST_CASE("the interrupt check cancels a row lock wait with 57014") {
  LockManager lm;
  Transaction a(1, Iso::kReadCommitted, false), b(2, Iso::kReadCommitted, false);
  std::atomic<bool> cancel{false};
  b.SetInterruptCheck([&] {
    if (cancel) throw DbError(lumadb::sqlstate::kQueryCanceled, "canceling statement due to user request");
  });
  lm.LockRow(a, Row(0, 0), M::kExclusive);
  auto fb = LockRowAsync(lm, b, Row(0, 0), M::kExclusive);
  CHECK_FALSE(Ready(fb, 100ms));
  cancel = true;
  REQUIRE(Ready(fb, 1000ms));
  try {
    fb.get();
    FAIL("expected 57014");
  } catch (const DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kQueryCanceled);
  }
  CHECK(lm.WaitingCount(Row(0, 0)) == 0);
  lm.ReleaseAll(a);
}

TEST_CASE("row deadlock of two: exactly one victim, 40P01 with tuple DETAIL and HINT") {
  LockManager lm;
  Transaction a(12, Iso::kReadCommitted, false), b(13, Iso::kReadCommitted, false);
  lm.LockRow(a, Row(0, 0), M::kExclusive);
  lm.LockRow(b, Row(0, 1), M::kExclusive);
  std::atomic<int> victims{0};
  std::mutex mu;
  std::string detail, hint;
  auto run = [&](Transaction& t, RowTag row, LockMode mode) {
    try {
      lm.LockRow(t, row, mode, 5000, 100);  // per-request deadlock_timeout
    } catch (const DbError& e) {
      CHECK(e.code() == lumadb::sqlstate::kDeadlockDetected);
      CHECK(e.message() == "deadlock detected");
      std::lock_guard l(mu);
      detail = e.detail().value_or("");
      hint = e.hint().value_or("");
      ++victims;
    }
    lm.ReleaseAll(t);
  };
  std::thread ta(run, std::ref(a), Row(0, 1), M::kShared);
  std::thread tb(run, std::ref(b), Row(0, 0), M::kExclusive);
  ta.join();
  tb.join();
  CHECK(victims == 1);
  bool a_victim = detail.rfind("Process 12", 0) == 0;
  if (a_victim) {
    CHECK(detail ==
          "Process 12 waits for ShareLock on tuple (0,2) of relation 16384 of database 5; blocked by process 13.\n"
          "Process 13 waits for ExclusiveLock on tuple (0,1) of relation 16384 of database 5; blocked by process 12.");
  } else {
    CHECK(detail ==
          "Process 13 waits for ExclusiveLock on tuple (0,1) of relation 16384 of database 5; blocked by process 12.\n"
          "Process 12 waits for ShareLock on tuple (0,2) of relation 16384 of database 5; blocked by process 13.");
  }
  CHECK(hint == "See server log for query details.");
  CHECK(lm.QueueCount() == 0);
}

TEST_CASE("deadlock of three over rows and a relation: exactly one victim") {
  LockManager lm;
  lm.set_deadlock_timeout_ms(50);
  Transaction a(1, Iso::kReadCommitted, false), b(2, Iso::kReadCommitted, false), c(3, Iso::kReadCommitted, false);
  const RelationTag other{5, 16390};
  lm.LockRow(a, Row(0, 0), M::kExclusive);
  lm.LockRow(b, Row(0, 1), M::kExclusive);
  lm.LockRelation(c, other, M::kExclusive);
  std::atomic<int> victims{0};
  std::string detail;
  std::mutex mu;
  auto guard = [&](Transaction& t, auto lock) {
    try {
      lock();
    } catch (const DbError& e) {
      CHECK(e.code() == lumadb::sqlstate::kDeadlockDetected);
      std::lock_guard l(mu);
      detail = e.detail().value_or("");
      ++victims;
    }
    lm.ReleaseAll(t);
  };
  std::thread ta([&] { guard(a, [&] { lm.LockRow(a, Row(0, 1), M::kShared, 5000); }); });
  std::thread tb([&] { guard(b, [&] { lm.LockRelation(b, other, M::kIntentionShared, 5000); }); });
  std::thread tc([&] { guard(c, [&] { lm.LockRow(c, Row(0, 0), M::kExclusive, 5000); }); });
  ta.join();
  tb.join();
  tc.join();
  CHECK(victims == 1);
  CHECK(std::count(detail.begin(), detail.end(), '\n') == 2);  // three edges
  CHECK(detail.find("AccessShareLock on relation 16390 of database 5") != std::string::npos);
  CHECK(detail.find("on tuple (0,1) of relation 16384") != std::string::npos);
  CHECK(lm.QueueCount() == 0);
}

TEST_CASE("partitioned table under concurrent stress: exclusion holds and nothing leaks") {
  LockManager lm;
  lm.set_deadlock_timeout_ms(20);
  constexpr int kThreads = 8;
  constexpr int kRows = 24;
  std::vector<std::atomic<int>> writers(kRows);
  std::vector<std::atomic<int>> readers(kRows);
  std::atomic<int> violations{0}, deadlocks{0}, commits{0};
  auto worker = [&](int id) {
    std::mt19937 rng(static_cast<unsigned>(id) * 7919u);
    for (int iter = 0; iter < 150; ++iter) {
      Transaction t(static_cast<lumadb::storage::TxnId>(id * 1000 + iter + 1), Iso::kRepeatableRead, false);
      std::vector<std::pair<int, bool>> mine;
      try {
        for (int k = 0; k < 3; ++k) {
          int r = static_cast<int>(rng() % kRows);
          bool x = rng() % 2 == 0;
          auto res = lm.LockRow(t, Row(static_cast<uint32_t>(r / 8), static_cast<uint16_t>(r % 8)),
                                x ? M::kExclusive : M::kShared, 5000);
          if (res == RowLockResult::kAlreadyHeld) continue;
          if (res == RowLockResult::kUpgraded) {  // our S became X: count it as a writer now
            --readers[r];
            std::erase(mine, std::pair<int, bool>(r, false));
          }
          mine.emplace_back(r, x);
          std::this_thread::sleep_for(50us);  // hold it a while so the threads really contend
          if (x && (++writers[r] != 1 || readers[r] != 0)) ++violations;
          if (!x && (++readers[r], writers[r] != 0)) ++violations;
        }
        ++commits;
      } catch (const DbError& e) {
        if (e.code() != lumadb::sqlstate::kDeadlockDetected) ++violations;
        ++deadlocks;
      }
      for (auto [r, x] : mine) (x ? writers[r] : readers[r])--;
      lm.ReleaseAll(t);
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back(worker, i);
  for (auto& th : threads) th.join();
  CHECK(violations == 0);
  CHECK(commits + deadlocks == kThreads * 150);
  CHECK(lm.QueueCount() == 0);
}
