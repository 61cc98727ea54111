#include "index_build_entries.h"

#include <algorithm>
#include <cstring>

namespace lumadb::exec {

namespace {

/// The first 8 bytes of a key as a big-endian number (missing bytes as 0): comparing two prefixes as
/// integers orders them as memcmp orders those bytes.
uint64_t KeyPrefix(std::string_view key) {
  unsigned char b[8] = {};
  std::memcpy(b, key.data(), std::min<size_t>(key.size(), 8));
  uint64_t v = 0;
  for (unsigned char c : b) v = v << 8 | c;
  return v;
}

}  // namespace

void IndexBuildEntries::AddAppended(size_t key_start, storage::Rid rid) {
  std::string_view key = std::string_view(arena_).substr(key_start);
  items_.push_back({KeyPrefix(key), key_start, static_cast<uint32_t>(key.size()), rid.page, rid.slot});
}

void IndexBuildEntries::Sort() {
  const char* base = arena_.data();
  std::sort(items_.begin(), items_.end(), [base](const Item& a, const Item& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    // Same first 8 bytes (or a shorter key padded with zeros): compare the keys for real.
    int c = std::string_view(base + a.offset, a.length).compare(std::string_view(base + b.offset, b.length));
    if (c != 0) return c < 0;
    return a.page != b.page ? a.page < b.page : a.slot < b.slot;
  });
}

}  // namespace lumadb::exec
