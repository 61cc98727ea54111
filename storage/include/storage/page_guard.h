#pragma once
// ReadPageGuard / WritePageGuard: the only way to touch the bytes of a buffered page (BusTub's
// storage/page/page_guard.h). A guard holds one pin and the frame's latch (shared for read, exclusive for
// write) and releases both when destroyed or Release()d, so pins and latches cannot leak, even when an
// exception unwinds. Guards are move-only and are made only by BufferPool.

#include <utility>

#include "storage/ids.h"

namespace lumadb::storage {

class BufferPool;
struct BufferFrame;

namespace detail {

/// What both guards hold: one pin on a buffer frame and the identity and bytes of its page (Byte is
/// `const char` for a read guard). The derived guard owns the latch mode; this part only moves and unpins.
template <class Byte>
class PageGuardBase {
 public:
  bool valid() const { return frame_ != nullptr; }
  FileId file() const { return file_; }
  PageId page_id() const { return page_; }
  /// The kPageSize bytes of the page.
  const char* data() const { return data_; }
  template <class T>
  const T* As() const {
    return reinterpret_cast<const T*>(data_);
  }

 protected:
  PageGuardBase() = default;
  PageGuardBase(BufferPool* pool, BufferFrame* frame, FileId file, PageId page, Byte* data)
      : pool_(pool), frame_(frame), file_(file), page_(page), data_(data) {}
  PageGuardBase(const PageGuardBase&) = delete;
  PageGuardBase& operator=(const PageGuardBase&) = delete;
  ~PageGuardBase() = default;

  /// Takes o's pin and page, leaving o empty; this guard must hold none (released first).
  void TakeFrom(PageGuardBase& o) noexcept;
  /// Unpins the frame and forgets it; the caller has already unlatched it.
  void Unpin();

  BufferPool* pool_ = nullptr;
  BufferFrame* frame_ = nullptr;
  FileId file_;
  PageId page_ = kInvalidPageId;
  Byte* data_ = nullptr;
};

}  // namespace detail

/// A pinned page latched in shared mode.
class ReadPageGuard : public detail::PageGuardBase<const char> {
 public:
  ReadPageGuard() = default;
  ReadPageGuard(ReadPageGuard&& o) noexcept { *this = std::move(o); }
  ReadPageGuard& operator=(ReadPageGuard&& o) noexcept;
  ~ReadPageGuard() { Release(); }

  /// Unlatches and unpins now (idempotent).
  void Release();

  /// Releases the latch but keeps the pin, so the page stays in its frame while other threads may change
  /// it (PostgreSQL's index scan keeps its current leaf pinned between calls so). data() must not be read
  /// until Relatch(); Release() and the destructor still unpin.
  void Unlatch();
  /// Latches the page again after Unlatch(). False, with the guard released, if the frame no longer holds
  /// the page (discarded meanwhile): the caller reads it anew.
  bool Relatch();

 private:
  friend class BufferPool;
  ReadPageGuard(BufferPool* pool, BufferFrame* frame, FileId file, PageId page, const char* data)
      : PageGuardBase(pool, frame, file, page, data) {}
  bool latched_ = true;  // false between Unlatch() and Relatch()
};

/// A pinned page latched in exclusive mode. mutable_data() marks the page dirty, so it is written back
/// before its frame is reused and by FlushAll.
class WritePageGuard : public detail::PageGuardBase<char> {
 public:
  WritePageGuard() = default;
  WritePageGuard(WritePageGuard&& o) noexcept { *this = std::move(o); }
  WritePageGuard& operator=(WritePageGuard&& o) noexcept;
  ~WritePageGuard() { Release(); }

  /// The page bytes for writing; marks the page dirty.
  char* mutable_data();
  template <class T>
  T* AsMut() {
    return reinterpret_cast<T*>(mutable_data());
  }

  /// Unlatches and unpins now (idempotent).
  void Release();

 private:
  friend class BufferPool;
  WritePageGuard(BufferPool* pool, BufferFrame* frame, FileId file, PageId page, char* data)
      : PageGuardBase(pool, frame, file, page, data) {}
};

}  // namespace lumadb::storage
