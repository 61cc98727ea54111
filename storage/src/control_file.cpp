#include "control_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "common/error.h"
#include "crc32c.h"
#include "storage/panic.h"

namespace lumadb::storage {

namespace fs = std::filesystem;

namespace {

constexpr uint32_t kMagic = 0x434d554c;  // "LUMC"
constexpr uint32_t kVersion = 1;
constexpr size_t kSize = 36;

uint32_t Crc(const std::array<char, kSize>& b) {
  Crc32c crc;
  crc.Update(b.data(), 32);
  return crc.Final();
}

void SyncOrPanic(const fs::path& p, const char* rel) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) Panic(std::string("could not fsync file \"") + rel + "\": " + std::strerror(errno));
  ::close(fd);
}

}  // namespace

std::optional<ControlData> ReadControlFile(const fs::path& data_dir) {
  fs::path p = data_dir / "global" / "pg_control";
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return std::nullopt;
  if (fd < 0) {
    throw DbError(sqlstate::kIoError,
                  std::string("could not open file \"global/pg_control\": ") + std::strerror(errno));
  }
  std::array<char, kSize> b{};
  ssize_t n = ::pread(fd, b.data(), kSize, 0);
  ::close(fd);
  uint32_t magic, version, state, crc;
  ControlData d;
  std::memcpy(&magic, b.data(), 4);
  std::memcpy(&version, b.data() + 4, 4);
  std::memcpy(&state, b.data() + 8, 4);
  std::memcpy(&d.checkpoint_lsn, b.data() + 16, 8);
  std::memcpy(&d.redo_lsn, b.data() + 24, 8);
  std::memcpy(&crc, b.data() + 32, 4);
  if (n != static_cast<ssize_t>(kSize) || magic != kMagic || version != kVersion || crc != Crc(b)) {
    throw DbError(sqlstate::kDataCorrupted, "incorrect checksum in control file");
  }
  d.state = state == ControlData::kShutdown ? ControlData::kShutdown : ControlData::kInProduction;
  return d;
}

void WriteControlFile(const fs::path& data_dir, const ControlData& d) {
  std::array<char, kSize> b{};
  uint32_t state = d.state;
  std::memcpy(b.data(), &kMagic, 4);
  std::memcpy(b.data() + 4, &kVersion, 4);
  std::memcpy(b.data() + 8, &state, 4);
  std::memcpy(b.data() + 16, &d.checkpoint_lsn, 8);
  std::memcpy(b.data() + 24, &d.redo_lsn, 8);
  uint32_t crc = Crc(b);
  std::memcpy(b.data() + 32, &crc, 4);
  fs::path dir = data_dir / "global";
  fs::path tmp = dir / "pg_control.tmp";
  fs::path target = dir / "pg_control";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::pwrite(fd, b.data(), kSize, 0) != static_cast<ssize_t>(kSize) || ::fsync(fd) != 0) {
    Panic(std::string("could not write file \"global/pg_control.tmp\": ") + std::strerror(errno));
  }
  ::close(fd);
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    Panic(std::string("could not rename file \"global/pg_control.tmp\": ") + std::strerror(errno));
  }
  SyncOrPanic(dir, "global");
}

}  // namespace lumadb::storage
