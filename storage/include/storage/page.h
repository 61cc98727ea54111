#pragma once
// The common header of every 8 KiB page (heap pages now, B+tree pages later), after PostgreSQL's
// PageHeaderData (storage/bufpage.h). The body is defined by the page kind (slotted_page.h for the heap).
//
//   0                 8           12      14      16      18        20          24
//   +-----------------+-----------+-------+-------+-------+---------+-----------+
//   | lsn (u64)       | checksum  | flags | lower | upper | special | reserved  |
//   |                 | (u32)     | (u16) | (u16) | (u16) | (u16)   | (u32)     |
//   +-----------------+-----------+-------+-------+-------+---------+-----------+
//
//   lsn       LSN of the last log record that changed the page (the WAL rule flushes the log to it).
//   checksum  CRC32C (Castagnoli) of all 8192 bytes with this field read as zero; set by the disk manager
//             when the page is written, verified when it is read. Never maintained in memory.
//   flags     page-kind specific bits (none used by the heap yet).
//   lower     end of the slot array (first free byte after the header and the slots).
//   upper     start of the tuple area (tuples grow down from `special` towards `lower`).
//   special   start of the special area at the end of the page (kPageSize for heap pages).
//
// An all-zero page is valid and means "new, empty" (lower == 0): relation extension writes zero pages and
// is not logged (PostgreSQL's PageIsNew). All integers are stored in host (little-endian) byte order.

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "storage/ids.h"

namespace lumadb::storage {

/// The page header, pinned to 24 bytes and the offsets drawn above.
struct PageHeader {
  uint64_t lsn;
  uint32_t checksum;
  uint16_t flags;
  uint16_t lower;
  uint16_t upper;
  uint16_t special;
  uint32_t reserved;
};
static_assert(sizeof(PageHeader) == 24, "page header layout is part of the on-disk format");
static_assert(offsetof(PageHeader, lsn) == 0 && offsetof(PageHeader, checksum) == 8 &&
                  offsetof(PageHeader, flags) == 12 && offsetof(PageHeader, lower) == 14 &&
                  offsetof(PageHeader, upper) == 16 && offsetof(PageHeader, special) == 18,
              "page header offsets are part of the on-disk format");

inline constexpr size_t kPageHeaderSize = sizeof(PageHeader);
inline constexpr size_t kPageChecksumOffset = offsetof(PageHeader, checksum);

/// Reads the header of a page (memcpy: page bytes carry no C++ objects).
inline PageHeader ReadPageHeader(const char* page) {
  PageHeader h;
  std::memcpy(&h, page, sizeof(h));
  return h;
}
inline void WritePageHeader(char* page, const PageHeader& h) {
  std::memcpy(page, &h, sizeof(h));
}

/// The page's LSN (0 for a new page).
inline Lsn PageLsn(const char* page) {
  return ReadPageHeader(page).lsn;
}
inline void SetPageLsn(char* page, Lsn lsn) {
  std::memcpy(page + offsetof(PageHeader, lsn), &lsn, sizeof(lsn));
}

/// True when all kPageSize bytes are zero (a new page; valid without a checksum).
bool PageIsZero(const char* page);

/// CRC32C of the page with the checksum field taken as zero (what is stored in the checksum field).
uint32_t ComputePageChecksum(const char* page);

/// Stores ComputePageChecksum(page) in the page's checksum field.
void SetPageChecksum(char* page);

/// True if the page is all zero or its stored checksum matches its contents.
bool VerifyPageChecksum(const char* page);

}  // namespace lumadb::storage
