#include "storage/page.h"

#include "crc32c.h"

namespace lumadb::storage {

bool PageIsZero(const char* page) {
  // Word-at-a-time would be faster; pages are checked only when read from disk.
  for (size_t i = 0; i < kPageSize; ++i) {
    if (page[i] != 0) return false;
  }
  return true;
}

uint32_t ComputePageChecksum(const char* page) {
  static constexpr char kZero[sizeof(uint32_t)] = {};
  Crc32c crc;
  crc.Update(page, kPageChecksumOffset);
  crc.Update(kZero, sizeof(kZero));
  crc.Update(page + kPageChecksumOffset + sizeof(uint32_t), kPageSize - kPageChecksumOffset - sizeof(uint32_t));
  return crc.Final();
}

void SetPageChecksum(char* page) {
  uint32_t sum = ComputePageChecksum(page);
  std::memcpy(page + kPageChecksumOffset, &sum, sizeof(sum));
}

bool VerifyPageChecksum(const char* page) {
  uint32_t stored;
  std::memcpy(&stored, page + kPageChecksumOffset, sizeof(stored));
  if (stored == ComputePageChecksum(page)) return true;
  return PageIsZero(page);
}

}  // namespace lumadb::storage
