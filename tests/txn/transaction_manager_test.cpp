#include "txn/transaction_manager.h"

#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "common/error.h"
#include "storage/buffer_pool.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/storage_engine.h"
#include "support/byte_strings.h"
#include "support/temp_dir.h"
#include "support/txn_fixture.h"

using namespace lumadb::txn;
using lumadb::storage::FileId;
using lumadb::storage::HeapFile;
using lumadb::storage::Rid;
using lumadb::storage::StorageEngine;
using lumadb::testing::Bytes;
using lumadb::testing::Str;
using lumadb::testing::TempDir;

namespace {

constexpr FileId kFile = lumadb::testing::kTxnTestFile;
using lumadb::testing::Contents;

struct Fixture : lumadb::testing::TxnFixture {
  Fixture() : TxnFixture(4) {}
};

}  // namespace

TEST_CASE("Begin assigns increasing ids and wires the log context") {
  Fixture f;
  auto a = f.tm.Begin();
  auto b = f.tm.Begin(IsolationLevel::kSerializable, true);
  CHECK(b->id() > a->id());
  CHECK(a->log().txn == a->id());
  CHECK(a->log().log == &f.engine.log());
  CHECK(b->isolation() == IsolationLevel::kSerializable);
  CHECK(b->read_only());
  CHECK(a->state() == TxnState::kActive);
  f.tm.Commit(*a);
  f.tm.Abort(*b);
  CHECK(a->state() == TxnState::kCommitted);
  CHECK(b->state() == TxnState::kAborted);
}

TEST_CASE("rollback undoes inserts, deletes and updates (including moved tuples)") {
  Fixture f;
  auto setup = f.tm.Begin();
  Rid keep = f.heap->Insert(setup->log(), Bytes("keep"));
  Rid gone = f.heap->Insert(setup->log(), Bytes("delete me"));
  Rid changed = f.heap->Insert(setup->log(), Bytes("change me"));
  for (int i = 0; i < 40; ++i) f.heap->Insert(setup->log(), Bytes(std::string(300, static_cast<char>('a' + i % 26))));
  f.tm.Commit(*setup);
  auto before = Contents(*f.heap);

  auto t = f.tm.Begin();
  for (int i = 0; i < 500; ++i) f.heap->Insert(t->log(), Bytes("new " + std::to_string(i)));  // spans pages
  f.heap->Delete(t->log(), gone);
  f.heap->Update(t->log(), changed, Bytes("changed"));
  f.heap->Update(t->log(), keep, Bytes(std::string(5000, 'K')));  // too big for its page: moves
  CHECK(Contents(*f.heap) != before);
  f.tm.Abort(*t);
  CHECK(Contents(*f.heap) == before);
  CHECK(f.engine.log().KeptRecords() == 0);
  CHECK(f.engine.pool().PinnedFrames() == 0);
}

TEST_CASE("commit makes deletes final and frees the slots") {
  Fixture f;
  auto setup = f.tm.Begin();
  Rid a = f.heap->Insert(setup->log(), Bytes("a"));
  f.heap->Insert(setup->log(), Bytes("b"));
  f.tm.Commit(*setup);

  auto t = f.tm.Begin();
  f.heap->Delete(t->log(), a);
  f.tm.Commit(*t);
  CHECK(Contents(*f.heap) == std::multiset<std::string>{"b"});
  CHECK(f.engine.log().KeptRecords() == 0);

  auto u = f.tm.Begin();
  CHECK(f.heap->Insert(u->log(), Bytes("c")) == a);  // the freed slot is reused
  f.tm.Abort(*u);
  CHECK(Contents(*f.heap) == std::multiset<std::string>{"b"});
}

TEST_CASE("hooks: OnCommit in order at commit; OnAbort newest first at abort; never the other kind") {
  Fixture f;
  std::vector<std::string> calls;
  auto t = f.tm.Begin();
  t->OnCommit([&] { calls.push_back("c1"); });
  t->OnCommit([&] { calls.push_back("c2"); });
  t->OnAbort([&] { calls.push_back("never"); });
  f.tm.Commit(*t);
  CHECK(calls == std::vector<std::string>{"c1", "c2"});

  calls.clear();
  auto u = f.tm.Begin();
  f.heap->Insert(u->log(), Bytes("x"));
  u->OnAbort([&] {
    // Runs after the undo: the row is gone already.
    calls.push_back(Contents(*f.heap).empty() ? "a1-after-undo" : "a1-too-early");
  });
  u->OnAbort([&] { calls.push_back("a2"); });
  u->OnAbort([&] { throw lumadb::DbError(lumadb::sqlstate::kIoError, "hook failure is reported, not thrown"); });
  u->OnCommit([&] { calls.push_back("never"); });
  CHECK_NOTHROW(f.tm.Abort(*u));
  CHECK(calls == std::vector<std::string>{"a2", "a1-after-undo"});
  CHECK_NOTHROW(f.tm.Abort(*u));  // a second abort is a no-op
}

TEST_CASE("locks are held until commit or abort") {
  Fixture f;
  auto a = f.tm.Begin();
  auto b = f.tm.Begin();
  RelationTag rel{1, 16384};
  f.locks.LockRelation(*a, rel, LockMode::kExclusive);
  CHECK_THROWS_AS(f.locks.LockRelation(*b, rel, LockMode::kIntentionShared, 50), lumadb::DbError);
  f.tm.Commit(*a);
  CHECK_FALSE(f.locks.HeldMode(*a, rel).has_value());
  f.locks.LockRelation(*b, rel, LockMode::kExclusive, 50);
  f.tm.Abort(*b);
  CHECK_FALSE(f.locks.HeldMode(*b, rel).has_value());
}

TEST_CASE("abort of a transaction whose table was dropped right away skips its records") {
  Fixture f;
  auto t = f.tm.Begin();
  f.heap->Insert(t->log(), Bytes("x"));
  f.engine.DropFile(kFile);
  CHECK_NOTHROW(f.tm.Abort(*t));
  CHECK(t->state() == TxnState::kAborted);
}
