// ROLLBACK TO SAVEPOINT (TransactionManager::RollbackTo) and the order of the commit protocol.
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/storage_engine.h"
#include "support/byte_strings.h"
#include "support/temp_dir.h"
#include "support/txn_fixture.h"
#include "txn/transaction_manager.h"

using namespace lumadb::txn;
using lumadb::storage::FileId;
using lumadb::storage::HeapFile;
using lumadb::storage::LogRecord;
using lumadb::storage::LogRecordType;
using lumadb::storage::Lsn;
using lumadb::storage::Rid;
using lumadb::storage::StorageEngine;
using lumadb::testing::Bytes;
using lumadb::testing::Str;
using lumadb::testing::TempDir;

namespace {

constexpr FileId kFile = lumadb::testing::kTxnTestFile;
using lumadb::testing::Contents;

struct Fixture : lumadb::testing::TxnFixture {
  Fixture() : TxnFixture(8) {}
};

}  // namespace

TEST_CASE("RollbackTo undoes the changes and hooks after the mark; the transaction goes on") {
  Fixture f;
  std::vector<std::string> calls;
  auto t = f.tm.Begin();
  Rid a = f.heap->Insert(t->log(), Bytes("a"));
  t->OnAbort([&] { calls.push_back("abort-before"); });
  t->OnCommit([&] { calls.push_back("commit-before"); });
  RelationTag rel{1, 16384};
  f.locks.LockRelation(*t, rel, LockMode::kIntentionExclusive);
  SavepointMark mark = t->Mark();

  f.heap->Insert(t->log(), Bytes("b"));
  f.heap->Update(t->log(), a, Bytes("a2"));
  f.heap->Delete(t->log(), a);
  t->OnAbort([&] { calls.push_back("abort-after-1"); });
  t->OnAbort([&] { calls.push_back("abort-after-2"); });
  t->OnCommit([&] { calls.push_back("commit-after"); });
  CHECK(Contents(*f.heap) == std::multiset<std::string>{"b"});

  f.tm.RollbackTo(*t, mark);
  CHECK(t->state() == TxnState::kActive);
  CHECK(Contents(*f.heap) == std::multiset<std::string>{"a"});
  CHECK(calls == std::vector<std::string>{"abort-after-2", "abort-after-1"});
  CHECK(t->Mark().records == mark.records);
  CHECK(t->log().last_lsn > mark.last_lsn);  // CLRs were logged
  CHECK(f.locks.HeldMode(*t, rel).has_value());

  f.heap->Insert(t->log(), Bytes("c"));
  calls.clear();
  f.tm.Commit(*t);
  CHECK(calls == std::vector<std::string>{"commit-before"});
  CHECK(Contents(*f.heap) == std::multiset<std::string>{"a", "c"});
  CHECK(f.engine.log().KeptRecords() == 0);
}

TEST_CASE("RollbackTo a mark taken at the start, then Abort, leaves nothing behind") {
  Fixture f;
  auto t = f.tm.Begin();
  SavepointMark start = t->Mark();
  f.heap->Insert(t->log(), Bytes("x"));
  f.tm.RollbackTo(*t, start);
  CHECK(Contents(*f.heap).empty());
  f.heap->Insert(t->log(), Bytes("y"));
  f.tm.Abort(*t);
  CHECK(Contents(*f.heap).empty());
  CHECK(t->state() == TxnState::kAborted);
}

TEST_CASE("commit order: COMMIT durable, then deletes applied, then hooks with locks held, then END") {
  Fixture f;
  auto setup = f.tm.Begin();
  Rid a = f.heap->Insert(setup->log(), Bytes("a"));
  f.tm.Commit(*setup);

  auto t = f.tm.Begin();
  RelationTag rel{1, 16384};
  f.locks.LockRelation(*t, rel, LockMode::kIntentionExclusive);
  f.heap->Delete(t->log(), a);
  Lsn before_commit = t->log().last_lsn;
  bool hook_ran = false;
  t->OnCommit([&] {
    hook_ran = true;
    CHECK(f.engine.log().flushed_lsn() > before_commit);  // the COMMIT record after it is on disk
    std::vector<std::byte> tuple;
    bool deleted = false;
    CHECK_FALSE(f.heap->Get(a, &tuple, &deleted));  // the post-commit delete was applied first
    CHECK(f.locks.HeldMode(*t, rel).has_value());
  });
  f.tm.Commit(*t);
  CHECK(hook_ran);
  CHECK_FALSE(f.locks.HeldMode(*t, rel).has_value());
  f.engine.log().FlushAll();
  LogRecord last;
  size_t size = 0;
  REQUIRE(f.engine.log().ReadRecord(t->log().last_lsn, &last, &size));
  CHECK(last.type == LogRecordType::kEnd);
  CHECK(last.txn == t->id());
}

TEST_CASE("synchronous_commit off: commit does not wait, the WAL writer flushes soon after") {
  Fixture f;
  auto t = f.tm.Begin();
  t->set_synchronous_commit(false);
  CHECK_FALSE(t->synchronous_commit());
  f.heap->Insert(t->log(), Bytes("async"));
  f.tm.Commit(*t);
  Lsn end = f.engine.log().next_lsn();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (f.engine.log().flushed_lsn() < end && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(f.engine.log().flushed_lsn() >= end);
}
