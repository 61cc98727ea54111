#include "server/transaction_block.h"

#include "common/error.h"

namespace lumadb::server {

char TransactionBlock::StatusByte() const {
  switch (state_) {
    case BlockState::kInBlock:
      return 'T';
    case BlockState::kFailed:
      return 'E';
    default:
      return 'I';
  }
}

bool TransactionBlock::InTransactionBlock() const {
  return state_ == BlockState::kImplicit || state_ == BlockState::kInBlock || state_ == BlockState::kFailed;
}

bool TransactionBlock::BeforeStatement(bool exit_statement, bool implicit_block) {
  if (state_ == BlockState::kFailed && !exit_statement) {
    throw DbError(sqlstate::kInFailedSqlTransaction,
                  "current transaction is aborted, commands ignored until end of transaction block");
  }
  bool starts = state_ == BlockState::kDefault;
  if (starts) state_ = BlockState::kStarted;
  if (state_ == BlockState::kStarted && implicit_block) state_ = BlockState::kImplicit;
  return starts;
}

bool TransactionBlock::Begin() {
  if (state_ == BlockState::kInBlock || state_ == BlockState::kFailed) return true;
  state_ = BlockState::kInBlock;
  return false;
}

BlockEnd TransactionBlock::Commit() {
  BlockEnd end;
  switch (state_) {
    case BlockState::kInBlock:
      end.commit = true;
      break;
    case BlockState::kFailed:
      end.tag_rollback = true;
      break;
    default:
      // COMMIT outside a block (or inside an implicit one) warns and commits what there is.
      end.commit = true;
      end.warn_no_block = true;
      break;
  }
  SetState(BlockState::kDefault);
  return end;
}

BlockEnd TransactionBlock::Rollback() {
  BlockEnd end;
  end.warn_no_block =
      state_ == BlockState::kStarted || state_ == BlockState::kImplicit || state_ == BlockState::kDefault;
  SetState(BlockState::kDefault);
  return end;
}

bool TransactionBlock::AfterStatement(bool last_in_string) {
  if (state_ == BlockState::kStarted || (state_ == BlockState::kImplicit && last_in_string)) {
    state_ = BlockState::kDefault;
    return true;
  }
  return false;
}

void TransactionBlock::Failed() {
  SetState((state_ == BlockState::kInBlock || state_ == BlockState::kFailed) ? BlockState::kFailed
                                                                             : BlockState::kDefault);
}

void TransactionBlock::SetState(BlockState state) {
  state_ = state;
  if (state_ != BlockState::kInBlock && state_ != BlockState::kFailed) savepoints_.clear();
}

size_t TransactionBlock::FindSavepoint(const std::string& name) const {
  for (size_t i = savepoints_.size(); i-- > 0;) {
    if (savepoints_[i] == name) return i;
  }
  throw DbError(sqlstate::kInvalidSavepointSpecification, "savepoint \"" + name + "\" does not exist");
}

void TransactionBlock::DefineSavepoint(const std::string& name) {
  // kFailed never gets here: BeforeStatement answered 25P02.
  if (state_ != BlockState::kInBlock) {
    throw DbError(sqlstate::kNoActiveSqlTransaction, "SAVEPOINT can only be used in transaction blocks");
  }
  savepoints_.push_back(name);
}

size_t TransactionBlock::ReleaseSavepoint(const std::string& name) {
  if (state_ != BlockState::kInBlock) {
    throw DbError(sqlstate::kNoActiveSqlTransaction, "RELEASE SAVEPOINT can only be used in transaction blocks");
  }
  size_t index = FindSavepoint(name);
  savepoints_.resize(index);
  return index;
}

size_t TransactionBlock::RollbackToSavepoint(const std::string& name) {
  if (state_ != BlockState::kInBlock && state_ != BlockState::kFailed) {
    throw DbError(sqlstate::kNoActiveSqlTransaction, "ROLLBACK TO SAVEPOINT can only be used in transaction blocks");
  }
  size_t index = FindSavepoint(name);
  savepoints_.resize(index + 1);
  state_ = BlockState::kInBlock;
  return index;
}

}  // namespace lumadb::server
