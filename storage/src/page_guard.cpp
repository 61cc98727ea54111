#include "storage/page_guard.h"

#include "storage/buffer_pool.h"

namespace lumadb::storage {

ReadPageGuard& ReadPageGuard::operator=(ReadPageGuard&& o) noexcept {
  if (this != &o) {
    Release();
    pool_ = std::exchange(o.pool_, nullptr);
    frame_ = std::exchange(o.frame_, nullptr);
    file_ = o.file_;
    page_ = std::exchange(o.page_, kInvalidPageId);
    data_ = std::exchange(o.data_, nullptr);
  }
  return *this;
}

void ReadPageGuard::Release() {
  if (frame_ == nullptr) return;
  frame_->latch.unlock_shared();
  pool_->Unpin(frame_);
  frame_ = nullptr;
  pool_ = nullptr;
  data_ = nullptr;
}

WritePageGuard& WritePageGuard::operator=(WritePageGuard&& o) noexcept {
  if (this != &o) {
    Release();
    pool_ = std::exchange(o.pool_, nullptr);
    frame_ = std::exchange(o.frame_, nullptr);
    file_ = o.file_;
    page_ = std::exchange(o.page_, kInvalidPageId);
    data_ = std::exchange(o.data_, nullptr);
  }
  return *this;
}

char* WritePageGuard::mutable_data() {
  frame_->dirty.store(true, std::memory_order_relaxed);
  return data_;
}

void WritePageGuard::Release() {
  if (frame_ == nullptr) return;
  frame_->latch.unlock();
  pool_->Unpin(frame_);
  frame_ = nullptr;
  pool_ = nullptr;
  data_ = nullptr;
}

}  // namespace lumadb::storage
