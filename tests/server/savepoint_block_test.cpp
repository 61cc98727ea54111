// TransactionBlock's savepoint stack: xact.c DefineSavepoint / ReleaseSavepoint / RollbackToSavepoint
// semantics, with the messages PostgreSQL 15 prints.
#include <string>

#include <doctest/doctest.h>

#include "common/error.h"
#include "server/transaction_block.h"
#include "support/error_of.h"

using namespace lumadb;
using namespace lumadb::server;

using lumadb::testing::ErrorOf;

namespace {
/// A block after BEGIN, ready for savepoint commands.
TransactionBlock InBlock() {
  TransactionBlock b;
  b.BeforeStatement(false, false);
  b.Begin();
  return b;
}
}  // namespace

TEST_CASE("savepoint commands outside a block are 25P01 errors") {
  using Error = std::pair<std::string, std::string>;
  TransactionBlock b;
  b.BeforeStatement(false, false);
  CHECK(ErrorOf([&] { b.DefineSavepoint("a"); }) == Error{"25P01", "SAVEPOINT can only be used in transaction blocks"});
  CHECK(ErrorOf([&] { b.ReleaseSavepoint("a"); }) ==
        Error{"25P01", "RELEASE SAVEPOINT can only be used in transaction blocks"});
  CHECK(ErrorOf([&] { b.RollbackToSavepoint("a"); }) ==
        Error{"25P01", "ROLLBACK TO SAVEPOINT can only be used in transaction blocks"});
  b.Failed();
  b.BeforeStatement(false, true);  // an implicit block is not a transaction block for SAVEPOINT
  CHECK(b.state() == BlockState::kImplicit);
  CHECK(ErrorOf([&] { b.DefineSavepoint("a"); }).first == "25P01");
}

TEST_CASE("RELEASE pops the newest savepoint of the name and everything after it") {
  TransactionBlock b = InBlock();
  b.DefineSavepoint("a");
  b.DefineSavepoint("b");
  b.DefineSavepoint("a");
  b.DefineSavepoint("c");
  CHECK(b.savepoint_count() == 4);
  CHECK(b.ReleaseSavepoint("a") == 2);  // the newer "a" and "c" go
  CHECK(b.ReleaseSavepoint("a") == 0);  // then the older "a" and "b"
  CHECK(ErrorOf([&] { b.ReleaseSavepoint("a"); }) ==
        std::pair<std::string, std::string>{"3B001", "savepoint \"a\" does not exist"});
  CHECK(b.state() == BlockState::kInBlock);
}

TEST_CASE("ROLLBACK TO keeps the savepoint, drops later ones and revives a failed block") {
  TransactionBlock b = InBlock();
  b.DefineSavepoint("a");
  b.DefineSavepoint("b");
  b.DefineSavepoint("c");
  CHECK(b.RollbackToSavepoint("b") == 1);
  CHECK(b.savepoint_count() == 2);
  CHECK(ErrorOf([&] { b.RollbackToSavepoint("c"); }).first == "3B001");
  CHECK(b.RollbackToSavepoint("b") == 1);  // it is still there
  b.Failed();
  CHECK(b.StatusByte() == 'E');
  CHECK(b.savepoint_count() == 2);  // an error keeps the stack (TBLOCK_SUBABORT)
  CHECK(ErrorOf([&] { b.BeforeStatement(false, false); }).first == "25P02");
  CHECK_FALSE(b.BeforeStatement(true, false));  // ROLLBACK TO is allowed in a failed block
  CHECK(ErrorOf([&] { b.RollbackToSavepoint("zz"); }).first == "3B001");
  CHECK(b.StatusByte() == 'E');  // an unknown name leaves it failed
  CHECK(b.RollbackToSavepoint("a") == 0);
  CHECK(b.StatusByte() == 'T');
  CHECK(b.savepoint_count() == 1);
}

TEST_CASE("a failed block without savepoints cannot be revived, and the end of a block forgets them") {
  TransactionBlock b = InBlock();
  b.Failed();
  CHECK(ErrorOf([&] { b.RollbackToSavepoint("a"); }) ==
        std::pair<std::string, std::string>{"3B001", "savepoint \"a\" does not exist"});
  b.Rollback();
  b = InBlock();
  b.DefineSavepoint("a");
  b.Commit();
  CHECK(b.savepoint_count() == 0);
  b = InBlock();
  b.DefineSavepoint("a");
  b.Failed();
  b.Commit();  // answers ROLLBACK
  CHECK(b.savepoint_count() == 0);
}
