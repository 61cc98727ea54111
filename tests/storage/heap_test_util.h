#pragma once
// Helpers shared by the heap tests.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "storage/heap_file.h"
#include "support/byte_strings.h"

namespace lumadb::testing {

/// Every live tuple of the heap by TID (page, slot), as text.
inline std::map<std::pair<storage::PageId, uint16_t>, std::string> ScanAll(const storage::HeapFile& heap) {
  std::map<std::pair<storage::PageId, uint16_t>, std::string> rows;
  storage::HeapFile::Iterator it = heap.Scan();
  storage::Rid rid;
  std::vector<std::byte> t;
  while (it.Next(&rid, &t)) rows[{rid.page, rid.slot}] = Str(t);
  return rows;
}

}  // namespace lumadb::testing
