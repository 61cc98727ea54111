#include "storage/storage_engine.h"

#include <mutex>
#include <unordered_map>

#include "common/error.h"
#include "storage/buffer_pool.h"
#include "storage/disk_manager.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"

namespace lumadb::storage {

struct StorageEngine::Impl {
  Impl(const std::filesystem::path& dir, size_t pages) : data_dir(dir), disk(dir), pool(disk, pages) {}
  std::filesystem::path data_dir;
  DiskManager disk;
  BufferPool pool;
  LogManager log;
  std::mutex heaps_mu;
  std::unordered_map<FileId, std::unique_ptr<HeapFile>> heaps;
};

StorageEngine::StorageEngine(const std::filesystem::path& data_dir, size_t buffer_pages)
    : impl_(std::make_unique<Impl>(data_dir, buffer_pages)) {}

StorageEngine::~StorageEngine() = default;

void StorageEngine::CreateFile(FileId file) {
  impl_->disk.Create(file);
}

void StorageEngine::DropFile(FileId file) {
  {
    std::lock_guard lock(impl_->heaps_mu);
    impl_->heaps.erase(file);
  }
  impl_->pool.DiscardFile(file);
  impl_->disk.Unlink(file);
}

void StorageEngine::DropDatabaseFiles(uint32_t db) {
  {
    std::lock_guard lock(impl_->heaps_mu);
    std::erase_if(impl_->heaps, [db](const auto& kv) { return kv.first.db == db; });
  }
  impl_->pool.DiscardDatabase(db);
  impl_->disk.RemoveDatabase(db);
}

bool StorageEngine::FileExists(FileId file) const {
  return impl_->disk.Exists(file);
}

HeapFile& StorageEngine::Heap(FileId file) {
  std::lock_guard lock(impl_->heaps_mu);
  auto it = impl_->heaps.find(file);
  if (it != impl_->heaps.end()) return *it->second;
  impl_->disk.PageCount(file);  // opens the file: 58P01 now if it does not exist
  auto heap = std::make_unique<HeapFile>(impl_->pool, file);
  HeapFile& ref = *heap;
  impl_->heaps.emplace(file, std::move(heap));
  return ref;
}

void StorageEngine::FlushAll() {
  impl_->pool.FlushAll();
  impl_->disk.SyncAll();
}

BufferPool& StorageEngine::pool() {
  return impl_->pool;
}
LogManager& StorageEngine::log() {
  return impl_->log;
}
const std::filesystem::path& StorageEngine::data_dir() const {
  return impl_->data_dir;
}

}  // namespace lumadb::storage
