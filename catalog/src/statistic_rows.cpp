#include "statistic_rows.h"

#include <string>
#include <vector>

#include "array_text.h"
#include "common/error.h"
#include "common/value_io.h"
#include "system_catalogs.h"

namespace lumadb::catalog {
namespace {

/// pg_collation OIDs (pg_collation.dat): "default" for the string types, "C" for name.
constexpr Oid kDefaultCollation = 100;
constexpr Oid kCCollation = 950;

/// The btree opclass operators of a type (pg_operator.dat): {"=", "<"}. varchar uses text's.
std::pair<Oid, Oid> OrderingOperators(TypeId type) {
  switch (type) {
    case TypeId::kBool:
      return {91, 58};
    case TypeId::kBytea:
      return {1955, 1957};
    case TypeId::kName:
      return {93, 660};
    case TypeId::kInt8:
      return {410, 412};
    case TypeId::kInt2:
      return {94, 95};
    case TypeId::kInt4:
      return {96, 97};
    case TypeId::kText:
    case TypeId::kVarchar:
      return {98, 664};
    case TypeId::kOid:
      return {607, 609};
    case TypeId::kFloat4:
      return {620, 622};
    case TypeId::kFloat8:
      return {670, 672};
    case TypeId::kBpchar:
      return {1054, 1058};
    case TypeId::kDate:
      return {1093, 1095};
    case TypeId::kTimestamp:
      return {2060, 2062};
    case TypeId::kTimestampTz:
      return {1320, 1322};
    case TypeId::kNumeric:
      return {1752, 1754};
    default:
      return {0, 0};
  }
}

/// pg_type.typcollation.
Oid CollationOf(TypeId type) {
  switch (type) {
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
      return kDefaultCollation;
    case TypeId::kName:
      return kCCollation;
    default:
      return 0;
  }
}

Value NumbersText(const std::vector<float>& numbers) {
  std::vector<std::string> elements;
  for (float n : numbers) elements.push_back(FormatValue(Value::Float4(n)));
  return Value::String(FormatArrayText(elements));
}

Value ValuesText(const std::vector<Value>& values) {
  std::vector<std::string> elements;
  for (const Value& v : values) elements.push_back(FormatValue(v));
  return Value::String(FormatArrayText(elements));
}

std::vector<float> ParseNumbers(const Value& v) {
  std::vector<float> out;
  for (const std::string& e : ParseArrayText(v.GetString())) {
    out.push_back(static_cast<float>(ParseValue(TypeDesc{TypeId::kFloat4, -1}, e).GetFloat()));
  }
  return out;
}

std::vector<Value> ParseValues(const Value& v, TypeDesc type) {
  std::vector<Value> out;
  for (const std::string& e : ParseArrayText(v.GetString())) out.push_back(ParseValue(type, e));
  return out;
}

}  // namespace

Row StatisticRow(Oid relid, TypeDesc type, const ColumnStatistics& stats) {
  Row r(col::kStaColumnCount);
  r[col::kStaRelid] = Value::Oid(relid);
  r[col::kStaAttnum] = Value::Int2(stats.attnum);
  r[col::kStaInherit] = Value::Bool(false);
  r[col::kStaNullfrac] = Value::Float4(stats.null_frac);
  r[col::kStaWidth] = Value::Int4(stats.avg_width);
  r[col::kStaDistinct] = Value::Float4(stats.n_distinct);
  for (int slot = 0; slot < 5; ++slot) {
    r[col::kStaKind1 + slot] = Value::Int2(0);
    r[col::kStaOp1 + slot] = Value::Oid(0);
    r[col::kStaColl1 + slot] = Value::Oid(0);
    r[col::kStaNumbers1 + slot] = Value::Null(TypeId::kText);
    r[col::kStaValues1 + slot] = Value::Null(TypeId::kText);
  }
  auto [eq_op, lt_op] = OrderingOperators(type.id);
  int slot = 0;
  auto fill = [&](int16_t kind, Oid op, Value numbers, Value values) {
    r[col::kStaKind1 + slot] = Value::Int2(kind);
    r[col::kStaOp1 + slot] = Value::Oid(op);
    r[col::kStaColl1 + slot] = Value::Oid(CollationOf(type.id));
    r[col::kStaNumbers1 + slot] = std::move(numbers);
    r[col::kStaValues1 + slot] = std::move(values);
    ++slot;
  };
  const Value none = Value::Null(TypeId::kText);
  if (!stats.mcv_values.empty()) {
    fill(kStatisticKindMcv, eq_op, NumbersText(stats.mcv_freqs), ValuesText(stats.mcv_values));
  }
  if (!stats.histogram.empty()) fill(kStatisticKindHistogram, lt_op, none, ValuesText(stats.histogram));
  if (stats.correlation) fill(kStatisticKindCorrelation, lt_op, NumbersText({*stats.correlation}), none);
  return r;
}

ColumnStatistics StatisticFromRow(const Row& r, TypeDesc type) {
  ColumnStatistics stats;
  stats.attnum = static_cast<int16_t>(r[col::kStaAttnum].GetInt());
  stats.null_frac = static_cast<float>(r[col::kStaNullfrac].GetFloat());
  stats.avg_width = static_cast<int32_t>(r[col::kStaWidth].GetInt());
  stats.n_distinct = static_cast<float>(r[col::kStaDistinct].GetFloat());
  try {
    for (int slot = 0; slot < 5; ++slot) {
      const Value& numbers = r[col::kStaNumbers1 + slot];
      const Value& values = r[col::kStaValues1 + slot];
      switch (r[col::kStaKind1 + slot].GetInt()) {
        case kStatisticKindMcv:
          stats.mcv_freqs = ParseNumbers(numbers);
          stats.mcv_values = ParseValues(values, type);
          break;
        case kStatisticKindHistogram:
          stats.histogram = ParseValues(values, type);
          break;
        case kStatisticKindCorrelation:
          stats.correlation = ParseNumbers(numbers).at(0);
          break;
        default:
          break;
      }
    }
  } catch (const std::exception& e) {
    throw DbError(sqlstate::kDataCorrupted, "malformed pg_statistic row for attribute " + std::to_string(stats.attnum) +
                                                " of relation " + std::to_string(r[col::kStaRelid].GetInt()) + ": " +
                                                e.what());
  }
  if (stats.mcv_freqs.size() != stats.mcv_values.size()) {
    throw DbError(sqlstate::kDataCorrupted, "malformed pg_statistic row: MCV values and frequencies differ in number");
  }
  return stats;
}

}  // namespace lumadb::catalog
