#include "storage/panic.h"

#include <cstdio>
#include <cstdlib>

namespace lumadb::storage {

void Panic(std::string_view message) {
  std::fprintf(stderr, "PANIC:  %.*s\n", static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace lumadb::storage
