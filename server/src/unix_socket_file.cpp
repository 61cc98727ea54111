#include "server/unix_socket_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <sys/socket.h>
#include <sys/un.h>

namespace lumadb::server {

namespace {

namespace fs = std::filesystem;

fs::path SocketPath(const fs::path& dir, int port) {
  fs::path path = dir / (".s.PGSQL." + std::to_string(port));
  constexpr size_t kMax = sizeof(sockaddr_un::sun_path) - 1;
  if (path.native().size() > kMax) {
    throw std::runtime_error("Unix-domain socket path \"" + path.string() + "\" is too long (maximum " +
                             std::to_string(kMax) + " bytes)");
  }
  return path;
}

std::string Trimmed(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\n\r");
  if (begin == std::string::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\n\r") - begin + 1);
}

}  // namespace

UnixSocketFile::UnixSocketFile(const fs::path& dir, int port)
    : path_(SocketPath(dir, port)), lock_(fs::path(path_.string() + ".lock"), path_) {
  // The lock is ours, so a socket file still there belongs to a server that died.
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) {
    throw std::runtime_error("could not remove stale socket file \"" + path_.string() + "\": " + std::strerror(errno));
  }
}

UnixSocketFile::~UnixSocketFile() {
  ::unlink(path_.c_str());
}

std::vector<fs::path> UnixSocketDirectories(const std::string& setting, const fs::path& data_dir) {
  std::vector<fs::path> dirs;
  size_t pos = 0;
  while (pos <= setting.size()) {
    size_t comma = setting.find(',', pos);
    if (comma == std::string::npos) comma = setting.size();
    std::string item = Trimmed(setting.substr(pos, comma - pos));
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"') item = item.substr(1, item.size() - 2);
    if (!item.empty()) {
      fs::path dir(item);
      dir = (dir.is_absolute() ? dir : fs::absolute(data_dir / dir)).lexically_normal();
      dirs.push_back(dir.has_filename() ? dir : dir.parent_path());  // "/data/." normalises to "/data/"
    }
    pos = comma + 1;
  }
  return dirs;
}

std::optional<uint32_t> PeerUid(int fd) {
  ucred cred{};
  socklen_t len = sizeof(cred);
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return std::nullopt;
  return static_cast<uint32_t>(cred.uid);
}

}  // namespace lumadb::server
