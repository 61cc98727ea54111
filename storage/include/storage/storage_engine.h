#pragma once
// StorageEngine: the storage layer of one data directory: disk manager (relation files), write-ahead log,
// buffer pool, the heap of every relation file, checkpoints and crash recovery (storage/README.md).
// storage knows no SQL; callers name files by FileId.
//
// Opening a StorageEngine runs crash recovery (recovery.h) before it returns, so the catalog never sees
// a half-recovered directory; a background checkpointer then runs checkpoints every checkpoint_timeout or
// after max_wal_size of WAL, and flushes the WAL of asynchronous commits. Thread-safe.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "storage/ids.h"
#include "storage/log_context.h"

namespace lumadb::storage {

class BTree;
class BufferPool;
class HeapFile;
class LogManager;

/// WAL settings (PostgreSQL's GUCs of the same names), applied with StorageEngine::SetWalOptions.
struct WalOptions {
  bool fsync = true;                         // off: never fdatasync the WAL (tests; unsafe on power loss)
  int64_t checkpoint_timeout_ms = 300000;    // time between automatic checkpoints
  uint64_t max_wal_size_bytes = 1ull << 30;  // WAL written since the last checkpoint that triggers one
};

/// What the start-up recovery did (tests, logs).
struct RecoveryStats {
  bool crashed = false;         // pg_control said the server did not shut down cleanly
  size_t redo_records = 0;      // records read by redo
  size_t losers = 0;            // transactions rolled back
  size_t finished_commits = 0;  // committed transactions whose post-commit work was finished
};

class StorageEngine {
 public:
  /// Opens the storage under `data_dir` with a buffer pool of `buffer_pages` frames (shared_buffers), and
  /// runs crash recovery (a new directory gets a new WAL). Throws 58030 on I/O failure, XX001 on a damaged
  /// control file or checkpoint record. Log lines go to stderr (PostgreSQL's wording).
  StorageEngine(const std::filesystem::path& data_dir, size_t buffer_pages);
  /// Stops the checkpointer. Writes nothing: a clean shutdown calls FlushAll first; without it, the
  /// destructor is a crash (what the WAL holds is recovered by the next open).
  ~StorageEngine();

  /// Creates an empty relation file (and its database directory if needed), logged as FILE_CREATE in
  /// `log`'s transaction (a rollback, or recovery of a crash before commit, removes it) or, without one, as
  /// a system record. 58030 on I/O failure.
  void CreateFile(FileId file, LogContext* log = nullptr);
  /// Drops a relation file (logged as FILE_DROP): evicts its pages without writing them, unlinks it.
  void DropFile(FileId file);
  /// Drops every file of a database and its directory (DROP DATABASE; logged as FILE_DROP{db, 0}).
  void DropDatabaseFiles(uint32_t db);
  /// Evicts and unlinks a file without logging (undo and redo of a logged drop). Missing file: no-op.
  void RemoveFile(FileId file);
  bool FileExists(FileId file) const;

  /// The heap of a relation file (created on first use; the file must exist). Stable reference.
  HeapFile& Heap(FileId file);
  /// The B+tree of an index file (created on first use; the file must exist, 58P01 otherwise). Stable
  /// reference until the file is removed.
  BTree& Index(FileId file);

  /// A checkpoint (the CHECKPOINT statement; ARIES-lite, architecture-anchors §2.7 rule 8): redo LSN =
  /// insert LSN, write every dirty page (WAL rule) and fsync the files, append and flush CHECKPOINT with
  /// the active transaction table, rewrite pg_control, remove WAL segments no longer needed.
  void Checkpoint();
  /// Clean shutdown: a shutdown checkpoint (pg_control says "shut down"), after which nothing needs redo.
  void FlushAll();

  /// Applies fsync, checkpoint_timeout and max_wal_size (the session wires the GUCs here).
  void SetWalOptions(const WalOptions& options);
  WalOptions wal_options() const;

  const RecoveryStats& recovery_stats() const;

  BufferPool& pool();
  LogManager& log();
  const std::filesystem::path& data_dir() const;

 private:
  struct Impl;
  /// Runs one checkpoint; `shutdown` marks pg_control as cleanly shut down.
  void RunCheckpoint(bool shutdown);
  /// Opens the WAL: a new log for a new directory, else crash recovery.
  void StartUp();
  void CheckpointerLoop();
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumadb::storage
