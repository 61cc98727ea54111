// Page checksums (storage/page.h) are CRC32C computed by ISA-L; Boost's table-driven CRC, which LumaDB
// used before, is the oracle here: the values must not change, or existing data directories would read
// as corrupt.
#include <cstring>
#include <random>
#include <vector>

#include <boost/crc.hpp>
#include <doctest/doctest.h>

#include "storage/page.h"

namespace lumadb::storage {
namespace {

using BoostCrc32c = boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true>;

uint32_t OracleChecksum(std::vector<char> page) {
  std::memset(page.data() + kPageChecksumOffset, 0, sizeof(uint32_t));
  BoostCrc32c crc;
  crc.process_bytes(page.data(), page.size());
  return crc.checksum();
}

TEST_CASE("page checksum is CRC32C of the page with a zero checksum field") {
  std::mt19937 rng(42);
  std::vector<char> page(kPageSize);
  for (int round = 0; round < 50; ++round) {
    for (char& c : page) c = static_cast<char>(rng());
    CHECK(ComputePageChecksum(page.data()) == OracleChecksum(page));
    SetPageChecksum(page.data());
    CHECK(VerifyPageChecksum(page.data()));
    page[rng() % kPageSize] ^= 1;  // any flipped bit outside the checksum field is caught
    CHECK(ComputePageChecksum(page.data()) == OracleChecksum(page));
  }
}

TEST_CASE("CRC32C check value") {
  // The standard check value of CRC32C ("123456789" -> 0xE3069283) through the page function: a page whose
  // only non-zero bytes are those nine gives the oracle's value, and a zero page a fixed one.
  std::vector<char> page(kPageSize, 0);
  CHECK(ComputePageChecksum(page.data()) == OracleChecksum(page));
  std::memcpy(page.data() + kPageSize - 9, "123456789", 9);
  CHECK(ComputePageChecksum(page.data()) == OracleChecksum(page));
  BoostCrc32c check;
  check.process_bytes("123456789", 9);
  CHECK(check.checksum() == 0xE3069283u);
}

}  // namespace
}  // namespace lumadb::storage
