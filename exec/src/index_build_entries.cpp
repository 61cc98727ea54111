#include "index_build_entries.h"

#include <algorithm>
#include <cstring>

namespace lumadb::exec {

namespace {

/// Bytes [from, from + 8) of a key as a big-endian number (missing bytes as 0): comparing two such
/// numbers orders them as memcmp orders those bytes.
uint64_t KeyWord(std::string_view key, size_t from) {
  unsigned char b[8] = {};
  if (key.size() > from) std::memcpy(b, key.data() + from, std::min<size_t>(key.size() - from, 8));
  uint64_t v = 0;
  for (unsigned char c : b) v = v << 8 | c;
  return v;
}

}  // namespace

void IndexBuildEntries::AddAppended(size_t key_start, storage::Rid rid) {
  std::string_view key = std::string_view(arena_).substr(key_start);
  items_.push_back(
      {KeyWord(key, 0), KeyWord(key, 8), key_start, static_cast<uint32_t>(key.size()), rid.page, rid.slot});
}

void IndexBuildEntries::Sort() {
  const char* base = arena_.data();
  std::sort(items_.begin(), items_.end(), [base](const Item& a, const Item& b) {
    if (a.prefix_high != b.prefix_high) return a.prefix_high < b.prefix_high;
    if (a.prefix_low != b.prefix_low) return a.prefix_low < b.prefix_low;
    // Same first 16 bytes, shorter keys padded with zeros. Keys of at most 16 bytes are then equal or
    // one is a proper prefix of the other (shorter first); longer ones compare their remaining bytes.
    int c = 0;
    if (a.length > kPrefixBytes && b.length > kPrefixBytes) {
      c = std::string_view(base + a.offset + kPrefixBytes, a.length - kPrefixBytes)
              .compare(std::string_view(base + b.offset + kPrefixBytes, b.length - kPrefixBytes));
    } else {
      c = a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
    }
    if (c != 0) return c < 0;
    return a.page != b.page ? a.page < b.page : a.slot < b.slot;
  });
}

}  // namespace lumadb::exec
