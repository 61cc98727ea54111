#pragma once
// WalSegments: the WAL as a byte stream stored in 16 MiB segment files under <data>/pg_wal (PostgreSQL's
// xlog.c file handling). Byte position p (an LSN) lives in segment p / kWalSegmentSize at offset
// p % kWalSegmentSize; records may span segments. Files are named like PostgreSQL's, timeline 1:
//
//   pg_wal/000000010000000000000003   = %08X timeline, %08X segno / 256, %08X segno % 256
//
// A new segment is zero-filled once and fsynced (or an old one is recycled by renaming it), so writing
// into it later changes no file metadata and fdatasync only flushes data. Stale bytes in a recycled
// segment read as the end of the log: their records carry LSNs of their old position. When writing
// enters segment n, a background thread prepares segment n + 1, so a bulk load does not stop for 16 MiB
// of zeros and an fsync at every boundary (PostgreSQL prepares ahead only at checkpoints,
// PreallocXlogFiles). A segment beyond the end, zero-filled or recycled, is harmless, so that thread
// needs no coordination beyond create_mu_, which makes creating, recycling and truncating one at a time.
//
// Any failure to write or sync is a PANIC (storage/panic.h): never retried. Writes, syncs and removals
// come from one thread at a time (LogManager's flush leader); reads may run concurrently with them (the
// table of open descriptors has its own mutex).

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <thread>
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

  /// Segments kept for reuse at a checkpoint: 80 MB, PostgreSQL's min_wal_size.
  static constexpr size_t kRecycleSegments = 5;

 private:
  /// The open descriptor of segment `segno`, creating (zero-filling or recycling) it if `create`; -1 if
  /// it does not exist and !create.
  int Open(uint64_t segno, bool create);
  /// Creates segment segno as a new zero-filled file. Caller holds create_mu_.
  void Create(uint64_t segno);
  void CloseAll();
  /// Asks the background thread to create segment `segno` if it does not exist yet.
  void PrepareAhead(uint64_t segno);
  /// The background thread: creates the requested segments until the destructor stops it.
  void PrepareLoop();

  std::filesystem::path dir_;
  std::mutex fds_mu_;  // guards fds_
  std::map<uint64_t, int> fds_;
  std::set<uint64_t> unsynced_;
  std::atomic<uint64_t> sync_count_{0};

  std::mutex create_mu_;  // creating, recycling and removing segment files; taken before fds_mu_
  std::mutex ahead_mu_;   // guards the request fields below
  std::condition_variable ahead_cv_;
  uint64_t ahead_requested_ = 0;  // highest segment asked for (0: none)
  uint64_t ahead_done_ = 0;       // highest segment the thread has handled
  bool stopping_ = false;
  std::thread preparer_;  // last member: started when everything else exists
};

}  // namespace lumadb::storage
