#include "storage/page_guard.h"

#include "storage/buffer_pool.h"

namespace lumadb::storage {

namespace detail {

template <class Byte>
void PageGuardBase<Byte>::TakeFrom(PageGuardBase& o) noexcept {
  pool_ = std::exchange(o.pool_, nullptr);
  frame_ = std::exchange(o.frame_, nullptr);
  file_ = o.file_;
  page_ = std::exchange(o.page_, kInvalidPageId);
  data_ = std::exchange(o.data_, nullptr);
}

template <class Byte>
void PageGuardBase<Byte>::Unpin() {
  pool_->Unpin(frame_);
  frame_ = nullptr;
  pool_ = nullptr;
  data_ = nullptr;
}

template class PageGuardBase<const char>;
template class PageGuardBase<char>;

}  // namespace detail

ReadPageGuard& ReadPageGuard::operator=(ReadPageGuard&& o) noexcept {
  if (this != &o) {
    Release();
    TakeFrom(o);
    latched_ = std::exchange(o.latched_, true);
  }
  return *this;
}

void ReadPageGuard::Release() {
  if (frame_ == nullptr) return;
  if (latched_) frame_->latch.unlock_shared();
  latched_ = true;
  Unpin();
}

void ReadPageGuard::Unlatch() {
  if (frame_ == nullptr || !latched_) return;
  frame_->latch.unlock_shared();
  latched_ = false;
}

bool ReadPageGuard::Relatch() {
  if (frame_ == nullptr) return false;
  if (latched_) return true;
  frame_->latch.lock_shared();
  latched_ = true;
  // The pin kept the frame's tag; only a discard can have taken the page away (BufferPool's pin rules).
  if (frame_->valid.load()) return true;
  Release();
  return false;
}

WritePageGuard& WritePageGuard::operator=(WritePageGuard&& o) noexcept {
  if (this != &o) {
    Release();
    TakeFrom(o);
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
  Unpin();
}

}  // namespace lumadb::storage
