#pragma once
// DiskManager: the relation files of one data directory (PostgreSQL's md.c/smgr). A file is a sequence of
// 8 KiB pages at <data>/base/<db>/<rel>, or <data>/global/<rel> for db 0 (shared relations).
// Pages are read and written with pread/pwrite; the checksum (page.h) is set in a private copy on write and
// verified on read. Thread-safe: open files are cached and shared by all callers.
//
// Errors: I/O failures throw 58030 'could not <verb> ... "<path>": <strerror>' (PostgreSQL's md.c
// wording, path relative to the data directory), 58P01 when a file that must exist does not
// (errcode_for_file_access), XX001 for short reads and checksum mismatches.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "storage/ids.h"

namespace lumadb::storage {

class DiskManager {
 public:
  /// Uses (and creates if missing) <data_dir>/base and <data_dir>/global.
  explicit DiskManager(std::filesystem::path data_dir);
  ~DiskManager();
  DiskManager(const DiskManager&) = delete;
  DiskManager& operator=(const DiskManager&) = delete;

  const std::filesystem::path& data_dir() const { return data_dir_; }
  /// "base/<db>/<rel>" or "global/<rel>": the path used in messages.
  static std::string RelativePath(FileId file);
  std::filesystem::path FullPath(FileId file) const { return data_dir_ / RelativePath(file); }

  /// Creates an empty file (and its database directory). 58030 if it already exists or on I/O failure.
  void Create(FileId file);
  bool Exists(FileId file) const;
  /// Closes and removes the file; a missing file is not an error.
  void Unlink(FileId file);
  /// Removes <data>/base/<db> with everything in it (closing cached files of that database).
  void RemoveDatabase(uint32_t db);

  /// Number of pages in the file (its size / 8 KiB, plus pages added by Extend).
  PageId PageCount(FileId file);
  /// Appends a zero page and returns its number (not logged: an all-zero page is a valid empty page).
  PageId Extend(FileId file);

  /// Reads page `page` into out[0..kPageSize). A zero page passes; otherwise the checksum must match
  /// (XX001 'invalid page in block N of relation base/<db>/<rel>'). A short read is XX001 too.
  void ReadPage(FileId file, PageId page, char* out);
  /// Writes in[0..kPageSize) as page `page`, with its checksum set (in a copy; `in` is not modified).
  void WritePage(FileId file, PageId page, const char* in);

  /// fsyncs one file / every file written since its last sync.
  void Sync(FileId file);
  void SyncAll();

 private:
  struct OpenFile;
  /// The cached open file (opened on first use); 58P01 if missing.
  std::shared_ptr<OpenFile> Open(FileId file);
  void SyncFile(OpenFile& f);

  std::filesystem::path data_dir_;
  mutable std::mutex mu_;  // guards files_
  std::unordered_map<FileId, std::shared_ptr<OpenFile>> files_;
};

}  // namespace lumadb::storage
