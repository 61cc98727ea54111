#include "server/transaction_block.h"

#include <doctest/doctest.h>

#include "common/error.h"

using namespace lumadb;
using namespace lumadb::server;

TEST_CASE("a single statement outside a block commits after it") {
  TransactionBlock b;
  CHECK(b.StatusByte() == 'I');
  CHECK(b.BeforeStatement(false, false));
  CHECK(b.state() == BlockState::kStarted);
  CHECK(b.AfterStatement(true));
  CHECK(b.state() == BlockState::kDefault);
}

TEST_CASE("an implicit block commits only after its last statement") {
  TransactionBlock b;
  CHECK(b.BeforeStatement(false, true));
  CHECK(b.state() == BlockState::kImplicit);
  CHECK(b.InTransactionBlock());
  CHECK_FALSE(b.AfterStatement(false));
  CHECK_FALSE(b.BeforeStatement(false, true));
  CHECK(b.AfterStatement(true));
  CHECK(b.StatusByte() == 'I');
}

TEST_CASE("BEGIN ... COMMIT, with the 25001 warning for a nested BEGIN") {
  TransactionBlock b;
  b.BeforeStatement(false, false);
  CHECK_FALSE(b.Begin());
  CHECK_FALSE(b.AfterStatement(true));
  CHECK(b.StatusByte() == 'T');
  b.BeforeStatement(false, false);
  CHECK(b.Begin());  // already in a block: warn, stay
  CHECK(b.StatusByte() == 'T');
  b.BeforeStatement(true, false);
  BlockEnd end = b.Commit();
  CHECK(end.commit);
  CHECK_FALSE(end.warn_no_block);
  CHECK_FALSE(end.tag_rollback);
  CHECK(b.StatusByte() == 'I');
}

TEST_CASE("an error in a block gives E and 25P02 until ROLLBACK") {
  TransactionBlock b;
  b.BeforeStatement(false, false);
  b.Begin();
  b.BeforeStatement(false, false);
  b.Failed();
  CHECK(b.StatusByte() == 'E');
  try {
    b.BeforeStatement(false, false);
    FAIL("expected 25P02");
  } catch (const DbError& e) {
    CHECK(e.code() == sqlstate::kInFailedSqlTransaction);
    CHECK(e.message() == "current transaction is aborted, commands ignored until end of transaction block");
  }
  CHECK(b.StatusByte() == 'E');
  CHECK_FALSE(b.BeforeStatement(true, false));
  BlockEnd end = b.Rollback();
  CHECK_FALSE(end.commit);
  CHECK_FALSE(end.warn_no_block);
  CHECK(b.StatusByte() == 'I');
}

TEST_CASE("COMMIT of a failed block rolls back and answers ROLLBACK") {
  TransactionBlock b;
  b.BeforeStatement(false, false);
  b.Begin();
  b.Failed();
  b.BeforeStatement(true, false);
  BlockEnd end = b.Commit();
  CHECK_FALSE(end.commit);
  CHECK(end.tag_rollback);
  CHECK(b.state() == BlockState::kDefault);
}

TEST_CASE("COMMIT and ROLLBACK outside a block warn 25P01") {
  TransactionBlock b;
  b.BeforeStatement(true, false);
  CHECK(b.Commit().warn_no_block);
  b.BeforeStatement(true, false);
  CHECK(b.Rollback().warn_no_block);
  b.BeforeStatement(false, true);
  b.BeforeStatement(true, true);
  BlockEnd end = b.Commit();  // inside an implicit block: warns and commits what ran so far
  CHECK(end.warn_no_block);
  CHECK(end.commit);
}

TEST_CASE("an error outside an explicit block returns to idle") {
  TransactionBlock b;
  b.BeforeStatement(false, true);
  b.Failed();
  CHECK(b.state() == BlockState::kDefault);
  CHECK(b.StatusByte() == 'I');
}

TEST_CASE("BEGIN inside an implicit block turns it into a real block") {
  TransactionBlock b;
  b.BeforeStatement(false, true);
  CHECK_FALSE(b.Begin());
  CHECK_FALSE(b.AfterStatement(true));
  CHECK(b.StatusByte() == 'T');
}
