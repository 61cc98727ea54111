#include <cstring>

#include "pgwire/transport.h"

namespace lumadb::pgwire {

bool MemoryTransport::ReadExact(void* buf, size_t n) {
  if (input_.size() - read_pos_ < n) {
    read_pos_ = input_.size();  // a short read consumes what was there, as a closed socket would
    return false;
  }
  std::memcpy(buf, input_.data() + read_pos_, n);
  read_pos_ += n;
  return true;
}

void MemoryTransport::Flush() {
  output_ += pending_;
  pending_.clear();
}

}  // namespace lumadb::pgwire
