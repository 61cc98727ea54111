#pragma once
// WalSegments: the WAL as a byte stream stored in 16 MiB segment files under <data>/pg_wal (PostgreSQL's
// xlog.c file handling). Byte position p (an LSN) lives in segment p / kWalSegmentSize at offset
// p % kWalSegmentSize; records may span segments. Files are named like PostgreSQL's, timeline 1:
//
//   pg_wal/000000010000000000000003   = %08X timeline, %08X segno / 256, %08X segno % 256
//
// A new segment is zero-filled once and fsynced (or an old one is recycled by renaming it), so writing
// into it later changes no file metadata and fdatasync only flushes data. Stale bytes in a recycled
// segment read as the end of the log: their records carry LSNs of their old position.
//
// Any failure to write or sync is a PANIC (storage/panic.h): never retried. Writes, syncs and removals
// come from one thread at a time (LogManager's flush leader); reads may run concurrently with them (the
// table of open descriptors has its own mutex).

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "storage/ids.h"
#include "storage/log_manager.h"

namespace lumadb::storage {

class WalSegments {
 public:
  explicit WalSegments(std::filesystem::path dir);
  ~WalSegments();
  WalSegments(const WalSegments&) = delete;
  WalSegments& operator=(const WalSegments&) = delete;

  /// "000000010000000000000003" for segment number 3.
  static std::string SegmentName(uint64_t segno);
  const std::filesystem::path& dir() const { return dir_; }

  /// Writes bytes at WAL position `start`, creating segments as needed. PANIC on failure. With the
  /// "wal-append" crash point armed, writes half of the bytes and crashes.
  void Write(Lsn start, std::span<const std::byte> bytes);
  /// fdatasyncs every segment written since the last Sync. PANIC on failure.
  void Sync();

  /// Reads up to out.size() bytes at `start`; returns how many were read (fewer at a missing segment).
  size_t Read(Lsn start, std::span<std::byte> out);

  /// Makes `end` the end of the WAL: zeroes the rest of its segment and removes every later segment, so
  /// no stale record can follow the records written from there on.
  void TruncateAt(Lsn end);
  /// Removes the segments wholly before `keep`, renaming some to future segment names (beyond `end`, the
  /// current end of the WAL) so that at most kRecycleSegments wait there, ready for use.
  void RemoveBefore(Lsn keep, Lsn end);
  /// Segment numbers present, ascending.
  std::vector<uint64_t> List() const;

  /// Number of fdatasync calls made (tests: group commit syncs less often than it commits).
  uint64_t sync_count() const { return sync_count_.load(); }

  static constexpr size_t kRecycleSegments = 4;

 private:
  /// The open descriptor of segment `segno`, creating (zero-filling or recycling) it if `create`; -1 if
  /// it does not exist and !create.
  int Open(uint64_t segno, bool create);
  /// Creates segment segno from a recycled file or a new zero-filled one.
  void Create(uint64_t segno);
  void CloseAll();

  std::filesystem::path dir_;
  std::mutex fds_mu_;  // guards fds_
  std::map<uint64_t, int> fds_;
  std::set<uint64_t> unsynced_;
  std::atomic<uint64_t> sync_count_{0};
};

}  // namespace lumadb::storage
