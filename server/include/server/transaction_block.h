#pragma once
// TransactionBlock: the transaction-block state machine of one session, reduced from PostgreSQL's
// xact.c TBlockState to the states the simple query protocol needs. It decides; the session acts (begins,
// commits or aborts the txn::Transaction), so the rules are testable without storage.
//
//             BEGIN                     error
//   kDefault ------> kInBlock ('T') ---------> kFailed ('E')
//     |  ^              | COMMIT/ROLLBACK        | COMMIT (answers ROLLBACK) / ROLLBACK
//     |  +--------------+------------------------+
//     | statement
//     v            second statement of the same Query string
//   kStarted ------------------------------------------------> kImplicit
//     (single statement: committed after it)                    (committed after the last statement)
//
// ReadyForQuery reports 'I' for kDefault/kStarted/kImplicit, 'T' for kInBlock, 'E' for kFailed
// (xact.c TransactionBlockStatusCode).
//
// Savepoints (xact.c DefineSavepoint, ReleaseSavepoint, RollbackToSavepoint) form a stack of names inside
// kInBlock/kFailed; the session keeps what each one restores in a parallel stack, indexed the same way.
// An error inside a savepoint leaves the stack as it is (PostgreSQL's TBLOCK_SUBABORT); ROLLBACK TO any
// savepoint on it brings a kFailed block back to kInBlock.

#include <cstddef>
#include <string>
#include <vector>

namespace lumadb::server {

enum class BlockState { kDefault, kStarted, kImplicit, kInBlock, kFailed };

/// What the session must do to the transaction after a COMMIT or ROLLBACK statement.
struct BlockEnd {
  bool commit = false;         // commit (else roll back) the current transaction, if any
  bool warn_no_block = false;  // send WARNING 25P01 "there is no transaction in progress"
  bool tag_rollback = false;   // the command tag is ROLLBACK (COMMIT of a failed block)
};

class TransactionBlock {
 public:
  BlockState state() const { return state_; }
  /// ReadyForQuery's status byte: 'I', 'T' or 'E'.
  char StatusByte() const;
  /// True inside an explicit or implicit block (xact.c IsTransactionBlock): CREATE/DROP DATABASE refuse.
  bool InTransactionBlock() const;

  /// Called before each statement. `exit_statement` is COMMIT/ROLLBACK (allowed in a failed block);
  /// `implicit_block` is true when the Query string holds several statements.
  /// Returns true when a new transaction starts. Throws 25P02 "current transaction is aborted, commands
  /// ignored until end of transaction block" in kFailed for anything else.
  bool BeforeStatement(bool exit_statement, bool implicit_block);

  /// BEGIN / START TRANSACTION. Returns true when already in a block (WARNING 25001 "there is already a
  /// transaction in progress"; the block goes on).
  bool Begin();
  /// COMMIT / END.
  BlockEnd Commit();
  /// ROLLBACK / ABORT.
  BlockEnd Rollback();

  /// SAVEPOINT name: pushes it (duplicates allowed; the newest wins). Throws 25P01 "SAVEPOINT can only be
  /// used in transaction blocks" outside an explicit block.
  void DefineSavepoint(const std::string& name);
  /// RELEASE [SAVEPOINT] name: pops the newest savepoint of that name and every later one. Returns how
  /// many savepoints remain. Throws 25P01 "RELEASE SAVEPOINT can only be used in transaction blocks",
  /// 3B001 "savepoint \"x\" does not exist".
  size_t ReleaseSavepoint(const std::string& name);
  /// ROLLBACK TO [SAVEPOINT] name: pops every savepoint after the newest of that name, which stays, and
  /// makes a failed block active again. Returns the savepoint's index. Throws 25P01 "ROLLBACK TO SAVEPOINT
  /// can only be used in transaction blocks", 3B001 (the block stays as it was).
  size_t RollbackToSavepoint(const std::string& name);
  /// Number of savepoints on the stack.
  size_t savepoint_count() const { return savepoints_.size(); }

  /// Called after a statement succeeded. Returns true when the transaction must commit now: a single
  /// statement outside a block, or the last statement of an implicit block (before its CommandComplete).
  bool AfterStatement(bool last_in_string);

  /// Called when a statement failed (the session rolls back the transaction, or to the newest savepoint,
  /// at once). An explicit block becomes kFailed; otherwise the state returns to kDefault.
  void Failed();

 private:
  /// The index of the newest savepoint called `name`; 3B001 if none.
  size_t FindSavepoint(const std::string& name) const;
  void SetState(BlockState state);

  BlockState state_ = BlockState::kDefault;
  std::vector<std::string> savepoints_;
};

}  // namespace lumadb::server
