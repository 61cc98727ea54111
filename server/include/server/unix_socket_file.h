#pragma once
// UnixSocketFile: the files of one Unix-domain socket the server listens on, as pqcomm.c names them:
//
//   <dir>/.s.PGSQL.<port>        the socket (created by the listener's bind, mode unix_socket_permissions)
//   <dir>/.s.PGSQL.<port>.lock   PID and socket path, flock'ed while the server runs (DataDirLock)
//
// Claiming the lock first makes it safe to remove a socket file left by a crashed server; a live server's
// lock makes the claim fail instead. Both files are removed when the object goes (server shutdown).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "server/data_dir_lock.h"

namespace lumadb::server {

class UnixSocketFile {
 public:
  /// Claims `<dir>/.s.PGSQL.<port>.lock` and removes a stale socket file. Throws std::runtime_error:
  /// 'Unix-domain socket path "P" is too long (maximum 107 bytes)', the lock conflict of DataDirLock,
  /// or 'could not remove stale socket file ...'.
  UnixSocketFile(const std::filesystem::path& dir, int port);
  /// Removes the socket file, then the lock file.
  ~UnixSocketFile();
  UnixSocketFile(const UnixSocketFile&) = delete;
  UnixSocketFile& operator=(const UnixSocketFile&) = delete;

  /// `<dir>/.s.PGSQL.<port>`, the path to bind.
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  DataDirLock lock_;
};

/// The directories of unix_socket_directories (SplitDirectoriesString: comma-separated, blanks around an
/// item ignored, an item may be double-quoted, no case folding); relative ones are taken against
/// `data_dir`, as PostgreSQL's postmaster runs in its data directory. Empty: no Unix socket.
std::vector<std::filesystem::path> UnixSocketDirectories(const std::string& setting,
                                                         const std::filesystem::path& data_dir);

/// The uid of the process at the other end of a connected Unix-domain socket (SO_PEERCRED), for `peer`
/// authentication; nullopt when the kernel does not say.
std::optional<uint32_t> PeerUid(int fd);

}  // namespace lumadb::server
