// ANALYZE's per-column statistics on known inputs. The expected figures of the 10,000-row columns are what
// PostgreSQL 15 stores in pg_statistic for the same data (a table that small is read whole, so both see the
// same sample).
#include "exec/column_statistics.h"

#include <string>

#include <doctest/doctest.h>

#include "common/value_io.h"

namespace {

using lumadb::TypeDesc;
using lumadb::TypeId;
using lumadb::Value;
using lumadb::exec::ComputeColumnStatistics;
using lumadb::exec::StoredWidth;

constexpr TypeDesc kInt4{TypeId::kInt4, -1};
constexpr TypeDesc kText{TypeId::kText, -1};

std::vector<Value> Ints(int from, int to, int (*f)(int)) {
  std::vector<Value> out;
  for (int i = from; i <= to; ++i) out.push_back(f(i) < 0 ? Value::Null(TypeId::kInt4) : Value::Int4(f(i)));
  return out;
}

std::string Text(const Value& v) {
  return lumadb::FormatValue(v);
}

}  // namespace

TEST_CASE("a unique column: stadistinct -1, no MCVs, a 101-bound histogram, correlation 1") {
  auto sample = Ints(1, 10000, [](int i) { return i; });
  auto stats = ComputeColumnStatistics(1, kInt4, sample, 10000);
  REQUIRE(stats);
  CHECK(stats->attnum == 1);
  CHECK(stats->null_frac == 0.0f);
  CHECK(stats->avg_width == 4);
  CHECK(stats->n_distinct == -1.0f);
  CHECK(stats->mcv_values.empty());
  REQUIRE(stats->histogram.size() == 101);
  // PostgreSQL: {1,100,200,...,9900,10000}
  CHECK(Text(stats->histogram[0]) == "1");
  CHECK(Text(stats->histogram[1]) == "100");
  CHECK(Text(stats->histogram[2]) == "200");
  CHECK(Text(stats->histogram[99]) == "9900");
  CHECK(Text(stats->histogram[100]) == "10000");
  REQUIRE(stats->correlation);
  CHECK(*stats->correlation == doctest::Approx(1.0));
}

TEST_CASE("a low-cardinality column with NULLs: complete MCV list, no histogram") {
  // i % 7, NULL for every tenth row.
  auto sample = Ints(1, 10000, [](int i) { return i % 10 == 0 ? -1 : i % 7; });
  auto stats = ComputeColumnStatistics(3, kInt4, sample, 10000);
  REQUIRE(stats);
  CHECK(stats->null_frac == doctest::Approx(0.1));
  CHECK(stats->n_distinct == 7.0f);
  // PostgreSQL: {0.1286,0.1286,0.1286,0.1286,0.1286,0.1285,0.1285} for {0,1,2,3,4,5,6}.
  REQUIRE(stats->mcv_values.size() == 7);
  for (int v = 0; v < 7; ++v) CHECK(Text(stats->mcv_values[v]) == std::to_string(v));
  CHECK(Text(Value::Float4(stats->mcv_freqs[0])) == "0.1286");
  CHECK(Text(Value::Float4(stats->mcv_freqs[6])) == "0.1285");
  CHECK(stats->histogram.empty());
  REQUIRE(stats->correlation);
  CHECK(Text(Value::Float4(*stats->correlation)) == "0.14295214");
}

TEST_CASE("a two-valued column: both values are MCVs of frequency 0.5") {
  auto stats = ComputeColumnStatistics(2, kInt4, Ints(1, 10000, [](int i) { return i % 2; }), 10000);
  REQUIRE(stats);
  CHECK(stats->n_distinct == 2.0f);
  REQUIRE(stats->mcv_values.size() == 2);
  CHECK(stats->mcv_freqs[0] == 0.5f);
  CHECK(stats->mcv_freqs[1] == 0.5f);
  CHECK(Text(Value::Float4(*stats->correlation)) == "0.49984998");
}

TEST_CASE("300 text values: 100 MCVs (the most common first), the other 200 in the histogram") {
  std::vector<Value> sample;
  for (int i = 1; i <= 10000; ++i) sample.push_back(Value::String("v" + std::to_string(i % 300)));
  auto stats = ComputeColumnStatistics(4, kText, sample, 10000);
  REQUIRE(stats);
  CHECK(stats->avg_width == 4);  // 1-byte varlena header + 2..4 bytes, truncated like PostgreSQL's
  CHECK(stats->n_distinct == 300.0f);
  // v1..v100 occur 34 times, the others 33: PostgreSQL's list is {v1,v10,v100,v11,...} at 0.0034.
  REQUIRE(stats->mcv_values.size() == 100);
  CHECK(Text(stats->mcv_values[0]) == "v1");
  CHECK(Text(stats->mcv_values[1]) == "v10");
  CHECK(Text(stats->mcv_values[2]) == "v100");
  CHECK(Text(Value::Float4(stats->mcv_freqs[99])) == "0.0034");
  // PostgreSQL: {v0,v101,v103,...}
  REQUIRE(stats->histogram.size() == 101);
  CHECK(Text(stats->histogram[0]) == "v0");
  CHECK(Text(stats->histogram[1]) == "v101");
  CHECK(Text(stats->histogram[2]) == "v103");
  CHECK(Text(Value::Float4(*stats->correlation)) == "0.014680792");
}

TEST_CASE("a unique text column with NULLs: stadistinct is minus the non-NULL fraction") {
  std::vector<Value> sample;
  for (int i = 1; i <= 10000; ++i) {
    sample.push_back(i % 4 == 0 ? Value::Null(TypeId::kText) : Value::String("u" + std::to_string(i)));
  }
  auto stats = ComputeColumnStatistics(5, kText, sample, 10000);
  REQUIRE(stats);
  CHECK(stats->null_frac == 0.25f);
  CHECK(stats->avg_width == 5);
  CHECK(stats->n_distinct == -0.75f);
  CHECK(stats->mcv_values.empty());
  REQUIRE(stats->histogram.size() == 101);
  CHECK(Text(stats->histogram[1]) == "u1089");  // PostgreSQL: {u1,u1089,u1178,...,u9999}
  CHECK(Text(stats->histogram[100]) == "u9999");
}

TEST_CASE("a sample of a larger table: Haas-Stokes distinct estimate, insignificant MCVs dropped") {
  // 1000 sampled rows of 100,000: 400 values seen once, 300 seen twice.
  std::vector<Value> sample;
  for (int v = 0; v < 400; ++v) sample.push_back(Value::Int4(v));
  for (int v = 1000; v < 1300; ++v) {
    sample.push_back(Value::Int4(v));
    sample.push_back(Value::Int4(v));
  }
  auto stats = ComputeColumnStatistics(1, kInt4, sample, 100000);
  REQUIRE(stats);
  // n*d / (n - f1 + f1*n/N) = 1000*700 / (600 + 4) = 1158.9 -> 1159 (under 10% of the rows: absolute)
  CHECK(stats->n_distinct == 1159.0f);
  CHECK(stats->mcv_values.empty());
  CHECK(stats->histogram.size() == 101);
}

TEST_CASE("only NULLs, too-wide values, and an empty sample") {
  std::vector<Value> nulls(10, Value::Null(TypeId::kText));
  auto stats = ComputeColumnStatistics(1, kText, nulls, 10);
  REQUIRE(stats);
  CHECK(stats->null_frac == 1.0f);
  CHECK(stats->n_distinct == 0.0f);
  CHECK(stats->avg_width == 0);
  CHECK(stats->histogram.empty());

  std::vector<Value> wide(4, Value::String(std::string(2000, 'x')));
  stats = ComputeColumnStatistics(1, kText, wide, 4);
  REQUIRE(stats);
  CHECK(stats->n_distinct == -1.0f);  // too wide to compare: assumed distinct
  CHECK(stats->avg_width == 2004);
  CHECK(stats->mcv_values.empty());

  CHECK_FALSE(ComputeColumnStatistics(1, kText, {}, 0));
}

TEST_CASE("stored widths are PostgreSQL's on-disk sizes") {
  CHECK(StoredWidth(Value::Int4(7)) == 4);
  CHECK(StoredWidth(Value::Int8(7)) == 8);
  CHECK(StoredWidth(Value::String("abc")) == 4);
  CHECK(StoredWidth(Value::String(std::string(200, 'a'))) == 204);
  // pg_column_size() shows these with a 4-byte header: 10, 8, 6, 12.
  CHECK(StoredWidth(lumadb::ParseValue(TypeDesc{TypeId::kNumeric, -1}, "1.5")) == 7);
  CHECK(StoredWidth(lumadb::ParseValue(TypeDesc{TypeId::kNumeric, -1}, "10000")) == 5);
  CHECK(StoredWidth(lumadb::ParseValue(TypeDesc{TypeId::kNumeric, -1}, "0")) == 3);
  CHECK(StoredWidth(lumadb::ParseValue(TypeDesc{TypeId::kNumeric, -1}, "123456.789")) == 9);
}

TEST_CASE("json has no = or <: only the null fraction and width (compute_trivial_stats)") {
  std::vector<Value> sample(100, Value::String(R"({"a":1})", TypeId::kJson));
  sample.push_back(Value::Null(TypeId::kJson));
  auto stats = ComputeColumnStatistics(1, {TypeId::kJson, -1}, sample, 101);
  REQUIRE(stats);
  CHECK(stats->null_frac == doctest::Approx(1.0 / 101));
  CHECK(stats->avg_width == 8);  // PostgreSQL 15: 8 for '{"a":1}'
  CHECK(stats->n_distinct == 0.0f);
  CHECK(stats->mcv_values.empty());
  CHECK(stats->histogram.empty());
}
