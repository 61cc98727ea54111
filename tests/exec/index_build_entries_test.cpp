// IndexBuildEntries sorts as BTree orders entries (memcmp of keys, a proper prefix first, then TID),
// including the cases its 16-byte integer prefixes must not get wrong: keys sharing 8 or 16 bytes, keys
// shorter than 16 bytes (padded with zeros, so "ab" and "ab\0" tie on the prefix), keys of exactly 16
// bytes against longer ones with the same start, bytes >= 0x80, equal keys.
#include "../../exec/src/index_build_entries.h"

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

using lumadb::exec::IndexBuildEntries;
using lumadb::storage::Rid;

namespace {

struct Ref {
  std::string key;
  Rid rid;
};

bool RefLess(const Ref& a, const Ref& b) {
  return std::tie(a.key, a.rid.page, a.rid.slot) < std::tie(b.key, b.rid.page, b.rid.slot);
}

}  // namespace

TEST_CASE("IndexBuildEntries sorts by key bytes, then TID, like the B+tree") {
  std::mt19937 rng(42);
  const std::string alphabet(
      "\x00\x01\x7f\x80\xfe\xff"
      "ab",
      8);
  std::vector<Ref> refs;
  for (int i = 0; i < 5000; ++i) {
    // A quarter share their first 8 bytes, a quarter their first 16.
    std::string key = i % 4 == 0 ? "01234567" : i % 4 == 1 ? "0123456789abcdef" : "";
    size_t len = rng() % 20;
    for (size_t j = 0; j < len; ++j) key += alphabet[rng() % alphabet.size()];
    refs.push_back({key, Rid{static_cast<uint32_t>(rng() % 50), static_cast<uint16_t>(rng() % 4)}});
  }
  refs.push_back({"ab", Rid{1, 1}});
  refs.push_back({std::string("ab\0", 3), Rid{1, 1}});
  refs.push_back({"", Rid{0, 0}});
  refs.push_back({std::string("0123456789abcdef"), Rid{2, 2}});
  refs.push_back({std::string("0123456789abcdef\0", 17), Rid{2, 1}});
  refs.push_back({std::string("0123456789abcde\0", 16), Rid{2, 3}});
  IndexBuildEntries entries;
  for (const Ref& r : refs) {
    size_t start = entries.arena()->size();
    entries.arena()->append(r.key);
    entries.AddAppended(start, r.rid);
  }
  entries.Sort();
  std::stable_sort(refs.begin(), refs.end(), RefLess);
  REQUIRE(entries.size() == refs.size());
  size_t mismatches = 0;
  for (size_t i = 0; i < refs.size(); ++i) {
    bool same = entries.key(i) == refs[i].key && entries.rid(i) == refs[i].rid;
    mismatches += same ? 0 : 1;
  }
  CHECK(mismatches == 0);
}
