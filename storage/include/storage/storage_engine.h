#pragma once
// StorageEngine: the storage layer of one data directory: disk manager (relation files), buffer pool,
// log manager and the heap of every relation file. storage knows no SQL; callers name files by FileId.
//
// (Contract for the other modules. The storage module owns the implementation and may add members.)

#include <cstddef>
#include <filesystem>
#include <memory>

#include "storage/ids.h"

namespace lumadb::storage {

class BufferPool;
class HeapFile;
class LogManager;

class StorageEngine {
 public:
  /// Opens the storage under `data_dir` with a buffer pool of `buffer_pages` frames (shared_buffers).
  StorageEngine(const std::filesystem::path& data_dir, size_t buffer_pages);
  ~StorageEngine();

  /// Creates an empty relation file (and its database directory if needed). 58030 on I/O failure.
  void CreateFile(FileId file);
  /// Drops a relation file: evicts its pages without writing them, unlinks the file.
  void DropFile(FileId file);
  /// Drops every file of a database and its directory (DROP DATABASE).
  void DropDatabaseFiles(uint32_t db);
  bool FileExists(FileId file) const;

  /// The heap of a relation file (created on first use; the file must exist). Stable reference.
  HeapFile& Heap(FileId file);

  /// Writes every dirty page and fsyncs the files (clean shutdown, checkpoint).
  void FlushAll();

  BufferPool& pool();
  LogManager& log();
  const std::filesystem::path& data_dir() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumadb::storage
