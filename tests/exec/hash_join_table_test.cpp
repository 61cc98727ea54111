// HashJoinTable (exec/src/hash_join_table.h): inner rows kept as encoded records come back with their
// values and types, candidates of one key come in insertion order, NULL keys are kept only when asked, and
// batching under a small work_mem loses no row.
#include "../../exec/src/hash_join_table.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "common/value_io.h"

namespace lumadb::exec {
namespace {

// The key of an inner row is its first column.
HashJoinTable::KeyFn FirstColumn() {
  return [](const Row& row, Row* key) {
    key->assign(1, row[0]);
    return !row[0].is_null();
  };
}

// The inner rows matching key in the current batch, as "second column" strings in the order found.
std::vector<std::string> Matches(HashJoinTable& table, const Value& key_value) {
  const Row key{key_value};
  std::vector<uint32_t> candidates;
  table.Candidates(HashJoinTable::Hash(key), &candidates);
  std::vector<std::string> out;
  Row row;
  for (uint32_t i : candidates) {
    if (table.DecodeIfMatch(i, key, &row)) out.push_back(row[1].is_null() ? "NULL" : FormatValue(row[1]));
  }
  return out;
}

TEST_CASE("hash join table: duplicates in insertion order, types and NULLs kept") {
  ExecContext ctx;
  HashJoinTable table(ctx, FirstColumn(), true);
  table.Insert({Value::Int4(7), Value::String("a")});
  table.Insert({Value::Int4(8), Value::String("b", TypeId::kVarchar)});
  table.Insert({Value::Int4(7), Value::Null(TypeId::kText)});
  table.Insert({Value::Null(TypeId::kInt4), Value::String("null key")});
  table.Insert({Value::Int4(7), Value::Num(Numeric::Parse("1.50"))});
  CHECK(table.inner_count() == 4 + 1);
  CHECK(Matches(table, Value::Int4(7)) == std::vector<std::string>{"a", "NULL", "1.50"});
  CHECK(Matches(table, Value::Int8(8)) == std::vector<std::string>{"b"});
  CHECK(Matches(table, Value::Int4(9)).empty());
  Row row;
  table.DecodeInner(1, &row);
  CHECK(row[1].type() == TypeId::kVarchar);
  table.DecodeInner(2, &row);
  CHECK(row[1].is_null());
  CHECK(row[1].type() == TypeId::kText);
  table.DecodeInner(3, &row);  // the NULL-key row is kept for RIGHT/FULL but matches nothing
  CHECK(row[0].is_null());
  CHECK(FormatValue(row[1]) == "null key");
  table.DecodeInner(4, &row);
  CHECK(row[1].type() == TypeId::kNumeric);
  CHECK(FormatValue(row[1]) == "1.50");
}

TEST_CASE("hash join table: NULL keys dropped for inner joins") {
  ExecContext ctx;
  HashJoinTable table(ctx, FirstColumn(), false);
  table.Insert({Value::Null(TypeId::kInt4), Value::String("x")});
  table.Insert({Value::Int4(1), Value::String("y")});
  CHECK(table.inner_count() == 1);
}

TEST_CASE("hash join table: batches under a small work_mem give every row once, with its matches") {
  const auto dir = std::filesystem::temp_directory_path() / "lumadb_hash_join_table_test";
  std::filesystem::remove_all(dir);
  ExecContext ctx;
  ctx.work_mem_kb = 64;
  ctx.temp_files = std::make_shared<storage::TempFileSpace>(dir, 1, -1);
  {
    HashJoinTable table(ctx, FirstColumn(), false);
    constexpr int kRows = 20000;
    for (int i = 0; i < kRows; ++i) table.Insert({Value::Int4(i % 5000), Value::Int4(i)});
    CHECK(table.Stats().batches > 1);
    // Key k has rows k, k + 5000, k + 10000, k + 15000 (a row that waited in a batch's file may come after
    // a later row of its key that went to the file directly, as in nodeHash.c).
    std::map<int, std::vector<std::string>> found;
    size_t seen = 0;
    do {
      seen += table.inner_count();
      for (int k = 0; k < 5000; ++k) {
        const Row key{Value::Int4(k)};
        if (table.BatchOf(HashJoinTable::Hash(key)) != table.current_batch()) continue;
        auto m = Matches(table, key[0]);
        found[k].insert(found[k].end(), m.begin(), m.end());
      }
    } while (table.NextBatch());
    CHECK(seen == kRows);
    REQUIRE(found.size() == 5000);
    for (auto& [k, rows] : found) {
      CAPTURE(k);
      std::sort(rows.begin(), rows.end(),
                [](const std::string& a, const std::string& b) { return std::stoi(a) < std::stoi(b); });
      CHECK(rows == std::vector<std::string>{std::to_string(k), std::to_string(k + 5000), std::to_string(k + 10000),
                                             std::to_string(k + 15000)});
    }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("hash join table: past hash_mem, batches shrink to the cache-sized limit and keep every row") {
  const auto dir = std::filesystem::temp_directory_path() / "lumadb_hash_join_table_test_big";
  std::filesystem::remove_all(dir);
  ExecContext ctx;  // work_mem 4MB: hash_mem 8MB, passed by the first batch, then the 768kB limit
  ctx.temp_files = std::make_shared<storage::TempFileSpace>(dir, 1, -1);
  {
    HashJoinTable table(ctx, FirstColumn(), false);
    constexpr int kRows = 400000;
    for (int i = 0; i < kRows; ++i) table.Insert({Value::Int4(i), Value::String("row " + std::to_string(i))});
    CHECK(table.Stats().batches >= 16);
    size_t seen = 0;
    size_t found = 0;
    do {
      seen += table.inner_count();
      for (int k = 0; k < kRows; k += 97) {
        const Row key{Value::Int4(k)};
        if (table.BatchOf(HashJoinTable::Hash(key)) != table.current_batch()) continue;
        auto m = Matches(table, key[0]);
        found += m.size();
        CHECK(m == std::vector<std::string>{"row " + std::to_string(k)});
      }
    } while (table.NextBatch());
    CHECK(seen == kRows);
    CHECK(found == (kRows + 96) / 97);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lumadb::exec
