// Index keys of arrays (common/index_key.cpp AppendArray): memcmp over the keys gives CompareArrays'
// (array_cmp's) order, and arrays that compare equal have equal keys.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "common/array.h"
#include "common/index_key.h"
#include "common/value_io.h"

namespace lumadb {
namespace {

std::string KeyOf(std::string_view text) {
  return EncodeKey({ParseValue({array_type::kInt4, -1}, text)}, {KeyColumnOrder{array_type::kInt4, false, false}});
}

TEST_CASE("array index keys sort as array_cmp: elements, NULLs last, length, ndim, dims, lower bounds") {
  // Ascending in PostgreSQL 15's ORDER BY of these int[] values.
  const std::vector<std::string> ordered = {
      "{}",      "{-5}",     "{1}", "{{1}}",  "[0:0]={1}",   "{1,2}",         "{1,2,3}",       "{1,2,10}",
      "{1,5,3}", "{1,NULL}", "{2}", "{NULL}", "{NULL,NULL}", "{{1,2},{3,4}}", "{1,2,3,4,5,6}", "{{1,2,3},{4,5,6}}"};
  for (size_t i = 0; i < ordered.size(); ++i) {
    for (size_t j = 0; j < ordered.size(); ++j) {
      const Value a = ParseValue({array_type::kInt4, -1}, ordered[i]);
      const Value b = ParseValue({array_type::kInt4, -1}, ordered[j]);
      const int want = CompareArrays(a.GetArray(), b.GetArray());
      const int got = KeyOf(ordered[i]).compare(KeyOf(ordered[j]));
      INFO(ordered[i], " vs ", ordered[j]);
      CHECK((want < 0) == (got < 0));
      CHECK((want == 0) == (got == 0));
    }
  }
  CHECK(KeyOf("{1,2}") == KeyOf("{1, 2}"));
}

}  // namespace
}  // namespace lumadb
