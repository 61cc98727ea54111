#include "storage/page.h"

#include <boost/crc.hpp>

namespace lumadb::storage {

namespace {
// CRC32C (Castagnoli), reflected, as iSCSI/ext4/PostgreSQL's WAL use it.
using Crc32c = boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true>;
}  // namespace

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
  crc.process_bytes(page, kPageChecksumOffset);
  crc.process_bytes(kZero, sizeof(kZero));
  crc.process_bytes(page + kPageChecksumOffset + sizeof(uint32_t), kPageSize - kPageChecksumOffset - sizeof(uint32_t));
  return crc.checksum();
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
