#include "server/data_dir_lock.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <sys/file.h>
#include <sys/stat.h>

namespace lumadb::server {
namespace {

constexpr const char* kLockFileName = "postmaster.pid";
/// Attempts when the file is replaced between open and flock (its owner exited and another process
/// recreated it): each retry opens the new file.
constexpr int kMaxAttempts = 5;

std::runtime_error IoError(const std::string& what, const std::filesystem::path& path) {
  return std::runtime_error("could not " + what + " lock file \"" + path.string() + "\": " + std::strerror(errno));
}

/// The PID written by the holder of the lock, or 0 if unreadable.
long HolderPid(int fd) {
  char buf[32] = {};
  const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  return n > 0 ? std::strtol(buf, nullptr, 10) : 0;
}

/// True if `fd` is still the file at `path`: an owner that exits unlinks the file it locked, so a lock on
/// an unlinked inode protects nothing.
bool StillLinked(int fd, const std::filesystem::path& path) {
  struct stat by_fd {
  }, by_path{};
  return fstat(fd, &by_fd) == 0 && stat(path.c_str(), &by_path) == 0 && by_fd.st_ino == by_path.st_ino &&
         by_fd.st_dev == by_path.st_dev;
}

}  // namespace

DataDirLock::DataDirLock(const std::filesystem::path& data_dir) : path_(data_dir / kLockFileName) {
  Claim(data_dir.string(), [&data_dir](long pid) {
    return "lock file \"" + std::string(kLockFileName) + "\" already exists: is another server (PID " +
           std::to_string(pid) + ") running in data directory \"" + data_dir.string() + "\"?";
  });
}

DataDirLock::DataDirLock(const std::filesystem::path& lock_file, const std::filesystem::path& socket_file)
    : path_(lock_file) {
  Claim(socket_file.string(), [&](long pid) {
    return "lock file \"" + lock_file.string() + "\" already exists\nHINT:  Is another postmaster (PID " +
           std::to_string(pid) + ") using socket file \"" + socket_file.string() + "\"?";
  });
}

void DataDirLock::Claim(const std::string& second_line, const std::function<std::string(long)>& conflict) {
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw IoError("create", path_);
    if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      const long pid = HolderPid(fd_);
      close(fd_);
      fd_ = -1;
      errno = err;
      if (err != EWOULDBLOCK) throw IoError("lock", path_);
      throw std::runtime_error(conflict(pid));
    }
    if (!StillLinked(fd_, path_)) {
      close(fd_);
      fd_ = -1;
      continue;
    }
    const std::string content = std::to_string(getpid()) + "\n" + second_line + "\n";
    if (ftruncate(fd_, 0) != 0 ||
        pwrite(fd_, content.data(), content.size(), 0) != static_cast<ssize_t>(content.size())) {
      const int err = errno;
      close(fd_);
      errno = err;
      throw IoError("write", path_);
    }
    return;
  }
  throw std::runtime_error("could not lock file \"" + path_.string() + "\": it keeps being replaced");
}

DataDirLock::~DataDirLock() {
  // Unlink while still holding the lock, so nobody can lock this inode and believe it owns the directory.
  unlink(path_.c_str());
  close(fd_);
}

}  // namespace lumadb::server
