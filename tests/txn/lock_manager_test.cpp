#include "txn/lock_manager.h"

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "common/error.h"
#include "txn/transaction.h"

using namespace lumadb::txn;
using lumadb::DbError;
using namespace std::chrono_literals;

namespace {

constexpr RelationTag kRel{5, 16384};
constexpr RelationTag kRel2{5, 16385};
using M = LockMode;

/// Starts LockRelation on another thread; the future becomes ready when it is granted (or throws).
std::future<void> LockAsync(LockManager& lm, Transaction& t, RelationTag rel, LockMode mode, int64_t timeout = 0) {
  return std::async(std::launch::async, [&lm, &t, rel, mode, timeout] { lm.LockRelation(t, rel, mode, timeout); });
}

/// Waits until `n` requests wait on rel (so the order of queued requests is known).
void AwaitWaiters(const LockManager& lm, RelationTag rel, size_t n) {
  for (int i = 0; i < 5000 && lm.WaitingCount(rel) < n; ++i) std::this_thread::sleep_for(1ms);
  REQUIRE(lm.WaitingCount(rel) >= n);
}

bool Ready(std::future<void>& f, std::chrono::milliseconds wait = 100ms) {
  return f.wait_for(wait) == std::future_status::ready;
}

}  // namespace

TEST_CASE("compatibility matrix, cover and upgrade rules") {
  const M all[] = {M::kIntentionShared, M::kIntentionExclusive, M::kShared, M::kSharedIntentionExclusive,
                   M::kExclusive};
  const bool expected[5][5] = {{1, 1, 1, 1, 0}, {1, 1, 0, 0, 0}, {1, 0, 1, 0, 0}, {1, 0, 0, 0, 0}, {0, 0, 0, 0, 0}};
  for (int r = 0; r < 5; ++r) {
    for (int h = 0; h < 5; ++h) {
      CHECK(LockModesCompatible(all[r], all[h]) == expected[r][h]);
      CHECK(LockModesCompatible(all[r], all[h]) == LockModesCompatible(all[h], all[r]));  // symmetric
    }
  }
  CHECK(LockModeUpgrade(M::kShared, M::kIntentionExclusive) == M::kSharedIntentionExclusive);
  CHECK(LockModeUpgrade(M::kIntentionShared, M::kShared) == M::kShared);
  CHECK(LockModeUpgrade(M::kSharedIntentionExclusive, M::kExclusive) == M::kExclusive);
  CHECK(LockModeCovers(M::kSharedIntentionExclusive, M::kShared));
  CHECK_FALSE(LockModeCovers(M::kShared, M::kIntentionExclusive));
  CHECK(LockModeName(M::kIntentionExclusive) == "RowExclusiveLock");
}

TEST_CASE("compatible locks are granted at once; re-locking a covered mode is a no-op") {
  LockManager lm;
  Transaction a(1, IsolationLevel::kReadCommitted, false), b(2, IsolationLevel::kReadCommitted, false);
  lm.LockRelation(a, kRel, M::kIntentionExclusive);
  lm.LockRelation(b, kRel, M::kIntentionExclusive);
  lm.LockRelation(b, kRel, M::kIntentionShared);
  CHECK(lm.HeldMode(a, kRel) == M::kIntentionExclusive);
  CHECK(lm.HeldMode(b, kRel) == M::kIntentionExclusive);
  CHECK_FALSE(lm.HeldMode(a, kRel2).has_value());
  lm.ReleaseAll(a);
  lm.ReleaseAll(b);
  CHECK_FALSE(lm.HeldMode(a, kRel).has_value());
}

TEST_CASE("S blocks X until the holder releases") {
  LockManager lm;
  Transaction reader(1, IsolationLevel::kReadCommitted, false), writer(2, IsolationLevel::kReadCommitted, false);
  lm.LockRelation(reader, kRel, M::kShared);
  auto w = LockAsync(lm, writer, kRel, M::kExclusive);
  CHECK_FALSE(Ready(w, 200ms));
  lm.ReleaseAll(reader);
  REQUIRE(Ready(w, 2000ms));
  w.get();
  CHECK(lm.HeldMode(writer, kRel) == M::kExclusive);
  lm.ReleaseAll(writer);
}

TEST_CASE("FIFO: a waiting writer is not overtaken by later readers; readers are then granted together") {
  LockManager lm;
  Transaction r1(1, IsolationLevel::kReadCommitted, false), w(2, IsolationLevel::kReadCommitted, false),
      r2(3, IsolationLevel::kReadCommitted, false), r3(4, IsolationLevel::kReadCommitted, false);
  std::mutex order_mu;
  std::vector<int> order;
  lm.LockRelation(r1, kRel, M::kShared);
  auto fw = std::async(std::launch::async, [&] {
    lm.LockRelation(w, kRel, M::kExclusive);
    {
      std::lock_guard l(order_mu);
      order.push_back(2);
    }
    std::this_thread::sleep_for(100ms);
    lm.ReleaseAll(w);
  });
  AwaitWaiters(lm, kRel, 1);  // w is queued before r2 and r3
  auto f2 = std::async(std::launch::async, [&] {
    lm.LockRelation(r2, kRel, M::kShared);
    std::lock_guard l(order_mu);
    order.push_back(3);
  });
  auto f3 = std::async(std::launch::async, [&] {
    lm.LockRelation(r3, kRel, M::kShared);
    std::lock_guard l(order_mu);
    order.push_back(4);
  });
  CHECK_FALSE(Ready(f2, 200ms));  // compatible with the holder r1, but queued behind the writer
  AwaitWaiters(lm, kRel, 3);
  CHECK_FALSE(Ready(f3, 10ms));
  lm.ReleaseAll(r1);
  fw.get();
  f2.get();
  f3.get();
  REQUIRE(order.size() == 3);
  CHECK(order[0] == 2);
  CHECK(lm.HeldMode(r2, kRel) == M::kShared);  // both readers hold S at the same time
  CHECK(lm.HeldMode(r3, kRel) == M::kShared);
  lm.ReleaseAll(r2);
  lm.ReleaseAll(r3);
}

TEST_CASE("a request compatible with the holders and with every waiter ahead is granted at once") {
  LockManager lm;
  Transaction h(1, IsolationLevel::kReadCommitted, false), w(2, IsolationLevel::kReadCommitted, false),
      late(3, IsolationLevel::kReadCommitted, false);
  lm.LockRelation(h, kRel, M::kShared);
  auto fw = LockAsync(lm, w, kRel, M::kIntentionExclusive);  // waits: IX conflicts with S
  AwaitWaiters(lm, kRel, 1);
  lm.LockRelation(late, kRel, M::kIntentionShared, 1000);  // IS fits S and IX: no wait
  CHECK(lm.HeldMode(late, kRel) == M::kIntentionShared);
  lm.ReleaseAll(h);
  fw.get();
  lm.ReleaseAll(w);
  lm.ReleaseAll(late);
}

TEST_CASE("upgrade: a holder's stronger request waits for the other holders, ahead of queued requests") {
  LockManager lm;
  Transaction a(1, IsolationLevel::kReadCommitted, false), b(2, IsolationLevel::kReadCommitted, false),
      c(3, IsolationLevel::kReadCommitted, false);
  lm.LockRelation(a, kRel, M::kShared);
  lm.LockRelation(b, kRel, M::kShared);
  auto fc = LockAsync(lm, c, kRel, M::kExclusive);  // queued first
  AwaitWaiters(lm, kRel, 1);
  auto fa = LockAsync(lm, a, kRel, M::kIntentionExclusive);  // S + IX -> SIX, waits for b
  AwaitWaiters(lm, kRel, 2);
  CHECK(lm.HeldMode(a, kRel) == M::kShared);  // keeps its S while it waits
  lm.ReleaseAll(b);
  REQUIRE(Ready(fa, 2000ms));  // the upgrade goes before c
  fa.get();
  CHECK(lm.HeldMode(a, kRel) == M::kSharedIntentionExclusive);
  CHECK_FALSE(Ready(fc, 100ms));
  lm.ReleaseAll(a);
  fc.get();
  lm.ReleaseAll(c);
}

TEST_CASE("lock_timeout: 55P03 and the waiter's request is withdrawn") {
  LockManager lm;
  Transaction a(1, IsolationLevel::kReadCommitted, false), b(2, IsolationLevel::kReadCommitted, false),
      c(3, IsolationLevel::kReadCommitted, false);
  lm.LockRelation(a, kRel, M::kIntentionShared);
  lm.LockRelation(a, kRel2, M::kExclusive);
  auto start = std::chrono::steady_clock::now();
  try {
    lm.LockRelation(b, kRel2, M::kShared, 150);
    FAIL("expected a timeout");
  } catch (const DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kLockNotAvailable);
    CHECK(e.message() == "canceling statement due to lock timeout");
  }
  CHECK(std::chrono::steady_clock::now() - start >= 150ms);
  CHECK_FALSE(lm.HeldMode(b, kRel2).has_value());
  // The withdrawn waiter no longer blocks anyone: c's IS on kRel2 still waits for a's X only.
  lm.ReleaseAll(a);
  lm.LockRelation(c, kRel2, M::kIntentionShared, 100);
  lm.ReleaseAll(c);
}

TEST_CASE("upgrade timeout keeps the old lock") {
  LockManager lm;
  Transaction a(1, IsolationLevel::kReadCommitted, false), b(2, IsolationLevel::kReadCommitted, false);
  lm.LockRelation(a, kRel, M::kShared);
  lm.LockRelation(b, kRel, M::kShared);
  CHECK_THROWS_AS(lm.LockRelation(a, kRel, M::kExclusive, 100), DbError);
  CHECK(lm.HeldMode(a, kRel) == M::kShared);
  lm.ReleaseAll(b);
  lm.LockRelation(a, kRel, M::kExclusive, 100);
  CHECK(lm.HeldMode(a, kRel) == M::kExclusive);
  lm.ReleaseAll(a);
}

TEST_CASE("deadlock: exactly one of two crossing waiters gets 40P01 with a DETAIL") {
  LockManager lm;
  lm.set_deadlock_timeout_ms(100);
  Transaction a(1, IsolationLevel::kReadCommitted, false), b(2, IsolationLevel::kReadCommitted, false);
  lm.LockRelation(a, kRel, M::kExclusive);
  lm.LockRelation(b, kRel2, M::kExclusive);
  std::atomic<int> deadlocks{0};
  std::string detail;
  std::mutex mu;
  auto run = [&](Transaction& t, RelationTag rel) {
    try {
      lm.LockRelation(t, rel, M::kExclusive, 5000);
    } catch (const DbError& e) {
      CHECK(e.code() == lumadb::sqlstate::kDeadlockDetected);
      CHECK(e.message() == "deadlock detected");
      std::lock_guard l(mu);
      detail = e.detail().value_or("");
      ++deadlocks;
    }
    lm.ReleaseAll(t);  // the victim aborts, letting the other finish
  };
  std::thread ta(run, std::ref(a), kRel2);
  std::thread tb(run, std::ref(b), kRel);
  ta.join();
  tb.join();
  CHECK(deadlocks == 1);
  CHECK(detail.find("waits for AccessExclusiveLock on relation 1638") != std::string::npos);
  CHECK(detail.find("\n") != std::string::npos);  // two edges
}

TEST_CASE("upgrade deadlock: two S holders both asking for X") {
  LockManager lm;
  lm.set_deadlock_timeout_ms(50);
  Transaction a(1, IsolationLevel::kReadCommitted, false), b(2, IsolationLevel::kReadCommitted, false);
  lm.LockRelation(a, kRel, M::kShared);
  lm.LockRelation(b, kRel, M::kShared);
  std::atomic<int> deadlocks{0};
  auto run = [&](Transaction& t) {
    try {
      lm.LockRelation(t, kRel, M::kExclusive, 5000);
    } catch (const DbError& e) {
      CHECK(e.code() == lumadb::sqlstate::kDeadlockDetected);
      ++deadlocks;
    }
    lm.ReleaseAll(t);
  };
  std::thread ta(run, std::ref(a));
  std::thread tb(run, std::ref(b));
  ta.join();
  tb.join();
  CHECK(deadlocks == 1);
}

TEST_CASE("no false deadlock for a plain wait") {
  LockManager lm;
  lm.set_deadlock_timeout_ms(20);
  Transaction a(1, IsolationLevel::kReadCommitted, false), b(2, IsolationLevel::kReadCommitted, false);
  lm.LockRelation(a, kRel, M::kExclusive);
  auto fb = LockAsync(lm, b, kRel, M::kShared);
  CHECK_FALSE(Ready(fb, 200ms));  // well past deadlock_timeout, still waiting
  lm.ReleaseAll(a);
  fb.get();
  lm.ReleaseAll(b);
}

TEST_CASE("the interrupt check cancels a lock wait") {
  LockManager lm;
  Transaction a(1, IsolationLevel::kReadCommitted, false), b(2, IsolationLevel::kReadCommitted, false);
  std::atomic<bool> cancel{false};
  b.SetInterruptCheck([&] {
    if (cancel) throw DbError(lumadb::sqlstate::kQueryCanceled, "canceling statement due to user request");
  });
  lm.LockRelation(a, kRel, M::kExclusive);
  auto fb = LockAsync(lm, b, kRel, M::kExclusive);
  CHECK_FALSE(Ready(fb, 100ms));
  cancel = true;
  REQUIRE(Ready(fb, 1000ms));
  CHECK_THROWS_AS(fb.get(), DbError);
  CHECK_FALSE(lm.HeldMode(b, kRel).has_value());
  lm.ReleaseAll(a);
}

TEST_CASE("destroying a transaction releases its locks") {
  LockManager lm;
  Transaction b(2, IsolationLevel::kReadCommitted, false);
  {
    Transaction a(1, IsolationLevel::kReadCommitted, false);
    lm.LockRelation(a, kRel, M::kExclusive);
  }
  lm.LockRelation(b, kRel, M::kExclusive, 100);
  lm.ReleaseAll(b);
}

TEST_CASE("write activity: quiet while no transaction holds a write-mode lock, and stamps see writers come and go") {
  LockManager lm;
  Transaction reader(1, IsolationLevel::kReadCommitted, false);
  Transaction writer(2, IsolationLevel::kReadCommitted, false);
  lm.LockRelation(reader, kRel, M::kIntentionShared);
  auto quiet = lm.WriteActivity(kRel);
  CHECK(quiet.quiet);
  CHECK(lm.WriteQuiet(kRel, quiet));

  // A writer taking IX after the stamp: the stamp is no longer quiet, and nor is a new one while it holds it.
  lm.LockRelation(writer, kRel, M::kIntentionExclusive);
  CHECK_FALSE(lm.WriteQuiet(kRel, quiet));
  auto during = lm.WriteActivity(kRel);
  CHECK_FALSE(during.quiet);
  CHECK_FALSE(lm.WriteQuiet(kRel, during));
  // Re-locking a covered mode or upgrading among write modes does not count twice.
  lm.LockRelation(writer, kRel, M::kIntentionExclusive);
  lm.LockRelation(writer, kRel, M::kSharedIntentionExclusive);

  // Its release ends the activity, but a stamp taken before the release is still not quiet.
  lm.ReleaseAll(writer);
  CHECK_FALSE(lm.WriteQuiet(kRel, during));
  auto after = lm.WriteActivity(kRel);
  CHECK(after.quiet);
  CHECK(lm.WriteQuiet(kRel, after));

  // Read modes never count; an upgrade from S to SIX does.
  lm.LockRelation(writer, kRel, M::kShared);
  CHECK(lm.WriteQuiet(kRel, after));
  lm.LockRelation(writer, kRel, M::kSharedIntentionExclusive);
  CHECK_FALSE(lm.WriteQuiet(kRel, after));
  lm.ReleaseAll(writer);
  lm.ReleaseAll(reader);
  CHECK(lm.WriteActivity(kRel).quiet);
}
