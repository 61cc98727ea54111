#include "oid_counter.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "catalog/catalog.h"
#include "common/error.h"

namespace lumadb::catalog {
namespace {

DbError IoError(const std::string& what, const std::filesystem::path& path) {
  return DbError(sqlstate::kIoError, "could not " + what + " file \"" + path.string() + "\": " + std::strerror(errno));
}

/// fsyncs a file or directory by path.
void SyncPath(const std::filesystem::path& path, int flags) {
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) throw IoError("open", path);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw IoError("fsync", path);
}

}  // namespace

std::filesystem::path OidCounter::FilePath(const std::filesystem::path& data_dir) {
  return data_dir / "global" / "lumadb_nextoid";
}

void OidCounter::Store(const std::filesystem::path& data_dir, Oid bound) {
  std::filesystem::path path = FilePath(data_dir);
  std::filesystem::path temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << bound << "\n";
    out.flush();
    if (!out) throw IoError("write", temp);
  }
  SyncPath(temp, O_RDONLY);
  if (::rename(temp.c_str(), path.c_str()) != 0) throw IoError("rename", temp);
  SyncPath(path.parent_path(), O_RDONLY | O_DIRECTORY);
}

void OidCounter::Create(const std::filesystem::path& data_dir) {
  Store(data_dir, kFirstNormalObjectId);
}

OidCounter::OidCounter(const std::filesystem::path& data_dir) : data_dir_(data_dir) {
  std::filesystem::path path = FilePath(data_dir);
  std::ifstream in(path);
  uint64_t value = 0;
  if (!(in >> value) || value < kFirstNormalObjectId || value > UINT32_MAX) {
    throw DbError(sqlstate::kIoError, "invalid OID counter file \"" + path.string() + "\"");
  }
  next_ = static_cast<Oid>(value);
  bound_ = next_;
}

Oid OidCounter::Next() {
  std::lock_guard lock(mutex_);
  // PostgreSQL wraps around to FirstNormalObjectId; four billion DDL OIDs are out of reach here.
  if (next_ >= bound_) {
    Store(data_dir_, next_ + kPrefetch);
    bound_ = next_ + kPrefetch;
  }
  return next_++;
}

}  // namespace lumadb::catalog
