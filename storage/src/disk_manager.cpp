#include "storage/disk_manager.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "common/crash_point.h"
#include "common/error.h"
#include "storage/page.h"
#include <sys/stat.h>

namespace lumadb::storage {

namespace {

std::string ErrnoText(int err) {
  return std::strerror(err);
}

/// PostgreSQL's errcode_for_file_access, for the codes we distinguish.
SqlState FileAccessCode(int err) {
  return err == ENOENT ? sqlstate::kUndefinedFile : sqlstate::kIoError;
}

[[noreturn]] void ThrowFileError(int err, const std::string& what) {
  throw DbError(FileAccessCode(err), what + ": " + ErrnoText(err));
}

void FsyncPath(const std::filesystem::path& p) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // best effort for directories
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

/// An open relation file. Shared (shared_ptr) so an unlink can close the cache entry while a reader
/// finishes with its descriptor.
struct DiskManager::OpenFile {
  ~OpenFile() {
    if (fd >= 0) ::close(fd);
  }
  std::string rel_path;
  int fd = -1;
  std::mutex extend_mu;          // serialises Extend
  std::atomic<PageId> pages{0};  // size in pages, including extensions
  std::atomic<bool> needs_sync{false};
  std::atomic<bool> new_file{false};  // its directory entry must be fsynced too
  std::filesystem::path dir;
};

DiskManager::DiskManager(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {
  for (const char* sub : {"base", "global"}) {
    std::error_code ec;
    std::filesystem::create_directories(data_dir_ / sub, ec);
    if (ec) {
      throw DbError(sqlstate::kIoError,
                    "could not create directory \"" + (data_dir_ / sub).string() + "\": " + ec.message());
    }
  }
}

DiskManager::~DiskManager() = default;

std::string DiskManager::RelativePath(FileId file) {
  if (file.db == 0) return "global/" + std::to_string(file.rel);
  return "base/" + std::to_string(file.db) + "/" + std::to_string(file.rel);
}

void DiskManager::Create(FileId file) {
  std::filesystem::path path = FullPath(file);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    throw DbError(sqlstate::kIoError, "could not create directory \"" +
                                          std::filesystem::path(RelativePath(file)).parent_path().string() +
                                          "\": " + ec.message());
  }
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    int err = errno;
    throw DbError(sqlstate::kIoError, "could not create file \"" + RelativePath(file) + "\": " + ErrnoText(err));
  }
  auto f = std::make_shared<OpenFile>();
  f->rel_path = RelativePath(file);
  f->fd = fd;
  f->needs_sync = true;
  f->new_file = true;
  f->dir = path.parent_path();
  std::lock_guard lock(mu_);
  files_[file] = std::move(f);
}

bool DiskManager::Exists(FileId file) const {
  {
    std::lock_guard lock(mu_);
    if (files_.count(file) > 0) return true;
  }
  struct stat st;
  return ::stat(FullPath(file).c_str(), &st) == 0;
}

void DiskManager::Unlink(FileId file) {
  {
    std::lock_guard lock(mu_);
    files_.erase(file);
  }
  if (::unlink(FullPath(file).c_str()) != 0 && errno != ENOENT) {
    int err = errno;
    throw DbError(sqlstate::kIoError, "could not remove file \"" + RelativePath(file) + "\": " + ErrnoText(err));
  }
}

void DiskManager::RemoveDatabase(uint32_t db) {
  LUMADB_ASSERT(db != 0, "cannot remove the global directory");
  {
    std::lock_guard lock(mu_);
    std::erase_if(files_, [db](const auto& kv) { return kv.first.db == db; });
  }
  std::error_code ec;
  std::filesystem::remove_all(data_dir_ / "base" / std::to_string(db), ec);
  if (ec) {
    throw DbError(sqlstate::kIoError,
                  "could not remove directory \"base/" + std::to_string(db) + "\": " + ec.message());
  }
}

std::shared_ptr<DiskManager::OpenFile> DiskManager::Open(FileId file) {
  std::lock_guard lock(mu_);
  auto it = files_.find(file);
  if (it != files_.end()) return it->second;
  auto f = std::make_shared<OpenFile>();
  f->rel_path = RelativePath(file);
  f->fd = ::open(FullPath(file).c_str(), O_RDWR | O_CLOEXEC);
  if (f->fd < 0) ThrowFileError(errno, "could not open file \"" + f->rel_path + "\"");
  struct stat st;
  if (::fstat(f->fd, &st) != 0) ThrowFileError(errno, "could not stat file \"" + f->rel_path + "\"");
  // A torn extension can leave a partial last page; it reads as short (XX001) rather than vanishing.
  f->pages = static_cast<PageId>((st.st_size + kPageSize - 1) / kPageSize);
  files_[file] = f;
  return f;
}

PageId DiskManager::PageCount(FileId file) {
  return Open(file)->pages.load();
}

PageId DiskManager::Extend(FileId file) {
  std::shared_ptr<OpenFile> f = Open(file);
  std::lock_guard lock(f->extend_mu);
  PageId page = f->pages.load();
  LUMADB_ASSERT(page != kInvalidPageId, "relation file has too many pages");
  static const std::array<char, kPageSize> kZeroPage{};
  ssize_t n = ::pwrite(f->fd, kZeroPage.data(), kPageSize, static_cast<off_t>(page) * kPageSize);
  if (n != static_cast<ssize_t>(kPageSize)) {
    int err = n < 0 ? errno : ENOSPC;
    throw DbError(sqlstate::kIoError, "could not extend file \"" + f->rel_path + "\": " + ErrnoText(err));
  }
  f->needs_sync = true;
  f->pages.store(page + 1);
  return page;
}

void DiskManager::ReadPage(FileId file, PageId page, char* out) {
  std::shared_ptr<OpenFile> f = Open(file);
  size_t done = 0;
  while (done < kPageSize) {
    ssize_t n = ::pread(f->fd, out + done, kPageSize - done, static_cast<off_t>(page) * kPageSize + done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      throw DbError(sqlstate::kIoError, "could not read block " + std::to_string(page) + " in file \"" + f->rel_path +
                                            "\": " + ErrnoText(err));
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  if (done != kPageSize) {
    throw DbError(sqlstate::kDataCorrupted, "could not read block " + std::to_string(page) + " in file \"" +
                                                f->rel_path + "\": read only " + std::to_string(done) + " of " +
                                                std::to_string(kPageSize) + " bytes");
  }
  if (!VerifyPageChecksum(out)) {
    throw DbError(sqlstate::kDataCorrupted,
                  "invalid page in block " + std::to_string(page) + " of relation " + f->rel_path);
  }
}

void DiskManager::WritePage(FileId file, PageId page, const char* in) {
  std::shared_ptr<OpenFile> f = Open(file);
  std::array<char, kPageSize> copy;
  std::memcpy(copy.data(), in, kPageSize);
  SetPageChecksum(copy.data());
  // The "mid-page-write" crash point leaves a torn page: the first 4 KiB new, the rest old.
  bool crash = CrashPointsEnabled() && CrashPointReached("mid-page-write");
  size_t want = crash ? kPageSize / 2 : kPageSize;
  size_t done = 0;
  while (done < want) {
    ssize_t n = ::pwrite(f->fd, copy.data() + done, want - done, static_cast<off_t>(page) * kPageSize + done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? errno : ENOSPC;
      throw DbError(sqlstate::kIoError, "could not write block " + std::to_string(page) + " in file \"" + f->rel_path +
                                            "\": " + ErrnoText(err));
    }
    done += static_cast<size_t>(n);
  }
  if (crash) CrashNow("mid-page-write");
  f->needs_sync = true;
}

void DiskManager::SyncFile(OpenFile& f) {
  if (!f.needs_sync.exchange(false)) return;
  if (::fsync(f.fd) != 0) {
    int err = errno;
    f.needs_sync = true;
    throw DbError(sqlstate::kIoError, "could not fsync file \"" + f.rel_path + "\": " + ErrnoText(err));
  }
  if (f.new_file.exchange(false)) FsyncPath(f.dir);
}

void DiskManager::Sync(FileId file) {
  SyncFile(*Open(file));
}

void DiskManager::SyncAll() {
  std::vector<std::shared_ptr<OpenFile>> files;
  {
    std::lock_guard lock(mu_);
    for (auto& [id, f] : files_) files.push_back(f);
  }
  for (auto& f : files) SyncFile(*f);
  // New files and database directories must survive a crash too.
  FsyncPath(data_dir_ / "global");
  FsyncPath(data_dir_ / "base");
}

}  // namespace lumadb::storage
