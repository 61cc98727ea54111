#pragma once
// OidCounter: the cluster-wide OID generator (PostgreSQL's ShmemVariableCache->nextOid), starting at
// FirstNormalObjectId (16384). Durability follows PostgreSQL's XLOG_NEXTOID prefetch: the file
// <data>/global/lumadb_nextoid holds an upper bound, written atomically (temp + fsync + rename + fsync of the
// directory) before any OID below it is handed out, kPrefetch OIDs at a time. After a restart (clean or
// not) allocation resumes at the stored bound, so an OID is never reused; at most kPrefetch are skipped.
//
//   global/lumadb_nextoid:  "<decimal next OID>\n"

#include <filesystem>
#include <mutex>

#include "common/types.h"

namespace lumadb::catalog {

class OidCounter {
 public:
  /// OIDs reserved per write of the file.
  static constexpr Oid kPrefetch = 64;

  /// Writes a fresh counter file (initdb).
  static void Create(const std::filesystem::path& data_dir);

  /// Loads the counter of a data directory. 58030 if the file is missing or malformed.
  explicit OidCounter(const std::filesystem::path& data_dir);

  /// Returns a new OID (thread-safe). 58030 if the bound cannot be persisted.
  Oid Next();

 private:
  static std::filesystem::path FilePath(const std::filesystem::path& data_dir);
  static void Store(const std::filesystem::path& data_dir, Oid bound);

  std::filesystem::path data_dir_;
  std::mutex mutex_;
  Oid next_;
  Oid bound_;
};

}  // namespace lumadb::catalog
