// Type names and format_type() spellings, as PostgreSQL 15 prints them.
#include "common/types.h"

#include <string>

#include <doctest/doctest.h>

namespace lumadb {
namespace {

TEST_CASE("format_type spellings") {
  CHECK(FormatType({TypeId::kVarchar, 10 + 4}) == "character varying(10)");
  CHECK(FormatType({TypeId::kVarchar}) == "character varying");
  CHECK(FormatType({TypeId::kBpchar, 5 + 4}) == "character(5)");
  CHECK(FormatType({TypeId::kBpchar}) == "bpchar");
  CHECK(FormatType({TypeId::kNumeric, NumericTypmod(10, 2)}) == "numeric(10,2)");
  CHECK(FormatType({TypeId::kNumeric}) == "numeric");
  CHECK(FormatType({TypeId::kTimestamp, 3}) == "timestamp(3) without time zone");
  CHECK(FormatType({TypeId::kTimestampTz}) == "timestamp with time zone");
  CHECK(FormatType({TypeId::kInt4}) == "integer");
  CHECK(FormatType({TypeId::kInt2}) == "smallint");
  CHECK(FormatType({TypeId::kInt8}) == "bigint");
  CHECK(FormatType({TypeId::kFloat4}) == "real");
  CHECK(FormatType({TypeId::kFloat8}) == "double precision");
  CHECK(FormatType({TypeId::kBool}) == "boolean");
  CHECK(FormatType({TypeId::kText}) == "text");
  CHECK(FormatType({TypeId::kUnknown}) == "unknown");
  CHECK(FormatType({TypeId::kTime}) == "time without time zone");
  CHECK(FormatType({TypeId::kTime, 2}) == "time(2) without time zone");
  CHECK(FormatType({TypeId::kTimeTz}) == "time with time zone");
  CHECK(FormatType({TypeId::kTimeTz, 6}) == "time(6) with time zone");
  CHECK(FormatType({TypeId::kInterval}) == "interval");
  CHECK(FormatType({TypeId::kUuid}) == "uuid");
}

TEST_CASE("typname, typlen and typcategory") {
  CHECK(std::string(TypeName(TypeId::kInt4)) == "int4");
  CHECK(std::string(TypeName(TypeId::kTimestampTz)) == "timestamptz");
  CHECK(std::string(TypeName(TypeId::kBpchar)) == "bpchar");
  CHECK(TypeLength(TypeId::kInt8) == 8);
  CHECK(TypeLength(TypeId::kDate) == 4);
  CHECK(TypeLength(TypeId::kName) == 64);
  CHECK(TypeLength(TypeId::kText) == -1);
  CHECK(TypeLength(TypeId::kUnknown) == -2);
  CHECK(TypeCategory(TypeId::kNumeric) == 'N');
  CHECK(TypeCategory(TypeId::kVarchar) == 'S');
  CHECK(TypeCategory(TypeId::kTimestamp) == 'D');
  CHECK(TypeCategory(TypeId::kBool) == 'B');
  CHECK(TypeCategory(TypeId::kUnknown) == 'X');
  // select typname, typlen, typcategory from pg_type where typname in ('time','timetz','interval','uuid')
  CHECK(std::string(TypeName(TypeId::kTime)) == "time");
  CHECK(std::string(TypeName(TypeId::kTimeTz)) == "timetz");
  CHECK(std::string(TypeName(TypeId::kInterval)) == "interval");
  CHECK(std::string(TypeName(TypeId::kUuid)) == "uuid");
  CHECK(TypeLength(TypeId::kTime) == 8);
  CHECK(TypeLength(TypeId::kTimeTz) == 12);
  CHECK(TypeLength(TypeId::kInterval) == 16);
  CHECK(TypeLength(TypeId::kUuid) == 16);
  CHECK(TypeCategory(TypeId::kTime) == 'D');
  CHECK(TypeCategory(TypeId::kTimeTz) == 'D');
  CHECK(TypeCategory(TypeId::kInterval) == 'T');
  CHECK(TypeCategory(TypeId::kUuid) == 'U');
  CHECK(static_cast<int>(TypeId::kTime) == 1083);
  CHECK(static_cast<int>(TypeId::kTimeTz) == 1266);
  CHECK(static_cast<int>(TypeId::kInterval) == 1186);
  CHECK(static_cast<int>(TypeId::kUuid) == 2950);
}

}  // namespace
}  // namespace lumadb
