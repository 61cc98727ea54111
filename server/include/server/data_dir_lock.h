#pragma once
// DataDirLock: the exclusive claim of one process on a data directory, as PostgreSQL's postmaster.pid
// (miscinit.c CreateLockFile). `lumadb serve` holds it while it runs and `lumadb verify` while it checks,
// so neither opens a directory the other is using (a second opener would run crash recovery under a live
// server's feet).
//
//   <data>/postmaster.pid    line 1: the owner's PID
//                            line 2: the data directory as given on the command line
//
// Ownership is an flock(2) on the file, not the PID in it: the kernel drops the lock when the owner dies,
// even by SIGKILL, so a stale file left by a crash never blocks a restart and a recycled PID never fakes
// a live owner. The PID is there for the message (and for people). A clean exit removes the file.
// The same claim guards each Unix-domain socket (`.s.PGSQL.<port>.lock`, line 2 the socket's path), so a
// socket file left by a crash is replaced and a live server's is not.

#include <filesystem>
#include <functional>
#include <string>

namespace lumadb::server {

class DataDirLock {
 public:
  /// Claims `data_dir` (which must exist). Throws std::runtime_error 'lock file "postmaster.pid" already
  /// exists: is another server (PID N) running in data directory "D"?' when another process holds it, or
  /// 'could not create lock file ...: <strerror>' on I/O failure.
  explicit DataDirLock(const std::filesystem::path& data_dir);
  /// Claims the lock file of a Unix-domain socket (CreateSocketLockFile). Throws 'lock file "F" already
  /// exists' with HINT 'Is another postmaster (PID N) using socket file "S"?' while another server runs.
  DataDirLock(const std::filesystem::path& lock_file, const std::filesystem::path& socket_file);
  /// Removes the file and releases the claim.
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

 private:
  /// Locks path_ (retrying when its owner replaces it meanwhile) and writes our PID and `second_line`.
  void Claim(const std::string& second_line, const std::function<std::string(long pid)>& conflict);

  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace lumadb::server
