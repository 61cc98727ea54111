// Binary I/O (common/value_binary.h): the bytes SendValue produces are pinned to PostgreSQL 15's typsend
// output (select int4send(5), numeric_send(12.340), ...), ReceiveValue reads them back to the same value,
// and malformed input fails with the SQLSTATE and message PostgreSQL 15 gave for the same bytes bound as a
// binary parameter through libpq.
#include "common/value_binary.h"

#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "common/value_ops.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::Hex;
using test::MessageOf;
using test::SqlStateOf;
using test::Unhex;

struct BinCase {
  TypeId type;
  const char* text;
  const char* hex;  // the typsend output of PostgreSQL 15
};

TEST_CASE("SendValue is byte-exact with PostgreSQL 15's typsend and ReceiveValue reads it back") {
  const BinCase cases[] = {
      {TypeId::kBool, "t", "01"},
      {TypeId::kBool, "f", "00"},
      {TypeId::kInt2, "5", "0005"},
      {TypeId::kInt2, "-32768", "8000"},
      {TypeId::kInt4, "5", "00000005"},
      {TypeId::kInt4, "-2147483648", "80000000"},
      {TypeId::kInt8, "-2", "fffffffffffffffe"},
      {TypeId::kInt8, "9223372036854775807", "7fffffffffffffff"},
      {TypeId::kFloat4, "NaN", "7fc00000"},
      {TypeId::kFloat4, "1.5", "3fc00000"},
      {TypeId::kFloat4, "-Infinity", "ff800000"},
      {TypeId::kFloat4, "-0", "80000000"},
      {TypeId::kFloat8, "-Infinity", "fff0000000000000"},
      {TypeId::kFloat8, "0.1", "3fb999999999999a"},
      {TypeId::kFloat8, "NaN", "7ff8000000000000"},
      {TypeId::kNumeric, "Infinity", "00000000d0000020"},
      {TypeId::kNumeric, "-Infinity", "00000000f0000020"},
      {TypeId::kFloat8, "1e308", "7fe1ccf385ebc8a0"},
      {TypeId::kText, "héllo", "68c3a96c6c6f"},
      {TypeId::kText, "", ""},
      {TypeId::kVarchar, "xy", "7879"},
      {TypeId::kBpchar, "ab  ", "61622020"},
      {TypeId::kName, "abc", "616263"},
      {TypeId::kBytea, "\\x00ff", "00ff"},
      {TypeId::kOid, "4000000000", "ee6b2800"},
      {TypeId::kDate, "2024-02-29", "00002279"},
      {TypeId::kDate, "infinity", "7fffffff"},
      {TypeId::kDate, "-infinity", "80000000"},
      {TypeId::kDate, "4714-11-24 BC", "ffda97a7"},
      {TypeId::kDate, "5874897-12-31", "7fda970c"},
      {TypeId::kTimestamp, "2024-01-01 12:00:00.5", "0002b0dfe3dc9120"},
      {TypeId::kTimestampTz, "2000-01-01 00:00:00+00", "0000000000000000"},
      {TypeId::kTimestamp, "infinity", "7fffffffffffffff"},
      {TypeId::kTimestamp, "-infinity", "8000000000000000"},
      {TypeId::kTime, "00:00", "0000000000000000"},
      {TypeId::kTime, "24:00", "000000141dd76000"},
      {TypeId::kTime, "13:30:25.575401", "0000000b524f65e9"},
      {TypeId::kTimeTz, "10:00+02", "0000000861c46800ffffe3e0"},
      {TypeId::kTimeTz, "10:00-08:30", "0000000861c4680000007788"},
      {TypeId::kTimeTz, "24:00+15:59", "000000141dd76000ffff1f3c"},
      {TypeId::kInterval, "1 year 2 mons 3 days 04:05:06.5", "000000036c9361a0000000030000000e"},
      {TypeId::kInterval, "-1 days +02:00", "00000001ad274800ffffffff00000000"},
      {TypeId::kInterval, "0", "00000000000000000000000000000000"},
      {TypeId::kUuid, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc999c0b4ef8bb6d6bb9bd380a11"},
      {TypeId::kNumeric, "12.340", "0002000000000003000c0d48"},
      {TypeId::kNumeric, "0", "0000000000000000"},
      {TypeId::kNumeric, "0.00", "0000000000000002"},
      {TypeId::kNumeric, "-1", "00010000400000000001"},
      {TypeId::kNumeric, "NaN", "00000000c0000000"},
      {TypeId::kNumeric, "10000", "00010001000000000001"},
      {TypeId::kNumeric, "0.0001", "0001ffff000000040001"},
      {TypeId::kNumeric, "123456789.123456789", "0006000200000009000109291a8504d2162e2328"},
      {TypeId::kNumeric, "-0.5", "0001ffff400000011388"},
      {TypeId::kNumeric, "1e100", "00010019000000000001"},
      {TypeId::kNumeric, "1e-20", "0001fffb000000140001"},
      {TypeId::kNumeric, "99999999", "0002000100000000270f270f"},
      {TypeId::kNumeric, "100000000", "00010002000000000001"},
      {TypeId::kNumeric, "0.00012", "0002ffff00000005000107d0"},
      {TypeId::kNumeric, "0.0000", "0000000000000004"},
      {TypeId::kNumeric, "-0.0", "0000000000000001"},
      {TypeId::kNumeric, "1.5e-7", "0001fffe00000008000f"},
      {TypeId::kNumeric, "5e10", "000100020000000001f4"},
      {TypeId::kNumeric, "-123456789012345678901234567890.000000000000000000000001",
       "000e000740000018000c0d801ed204d2162e23340d801ed2000000000000000000000001"},
      {TypeId::kNumeric, "0.1", "0001ffff0000000103e8"},
      {TypeId::kNumeric, "1.10", "0002000000000002000103e8"},
      {TypeId::kNumeric, "12345.6789", "0003000100000004000109291a85"},
  };
  for (const BinCase& c : cases) {
    CAPTURE(TypeName(c.type));
    CAPTURE(c.text);
    const Value v = ParseValue({c.type}, c.text);
    const std::string bytes = SendValue(v);
    CHECK(Hex(bytes) == c.hex);
    const Value back = ReceiveValue({c.type}, bytes);
    CHECK(back.type() == c.type);
    CHECK(FormatValue(back) == FormatValue(v));
    CHECK(SendValue(back) == bytes);
  }
}

TEST_CASE("ReceiveValue: special values, typmods and normalisation") {
  // A NaN float arrives as NaN; any non-zero byte is true (boolrecv).
  CHECK(std::isnan(ReceiveValue({TypeId::kFloat8}, Unhex("7ff8000000000000")).GetFloat()));
  CHECK(ReceiveValue({TypeId::kBool}, Unhex("05")).GetBool());
  // Digits hidden by dscale are truncated; leading zero digits are dropped (bound as $1::numeric: 1.5 and 5).
  CHECK(FormatValue(ReceiveValue({TypeId::kNumeric}, Unhex("000200000000000100011388"))) == "1.5");
  CHECK(FormatValue(ReceiveValue({TypeId::kNumeric}, Unhex("000200010000000000000005"))) == "5");
  CHECK(FormatValue(ReceiveValue({TypeId::kNumeric}, Unhex("0000000040000003"))) == "0.000");
  CHECK(FormatValue(ReceiveValue({TypeId::kNumeric, NumericTypmod(5, 1)}, Unhex("0001000000000004000c"))) == "12.0");
  // (3 mons 2 days 1 microsecond, as PostgreSQL showed it)
  CHECK(FormatValue(ReceiveValue({TypeId::kInterval}, Unhex("00000000000000010000000200000003"))) ==
        "3 mons 2 days 00:00:00.000001");
  CHECK(FormatValue(ReceiveValue({TypeId::kTimestamp}, Unhex("7f00000000000000"))) == "291993-08-11 05:40:16.847872");
  CHECK(FormatValue(ReceiveValue({TypeId::kDate}, Unhex("7f000000"))) == "5835676-01-26");
  CHECK(FormatValue(ReceiveValue({TypeId::kBpchar, 4 + 4}, "ab")) == "ab  ");
  CHECK(FormatValue(ReceiveValue({TypeId::kTime, 0}, Unhex("000000000007a120"))) == "00:00:01");
  CHECK(FormatValue(ReceiveValue({TypeId::kTimestamp, 0}, Unhex("000000000007a120"))) == "2000-01-01 00:00:01");
  CHECK(ReceiveValue({TypeId::kText}, "").GetString().empty());
  CHECK(FormatValue(ReceiveValue({TypeId::kText}, "h\xc3\xa9")) == "h\xc3\xa9");
}

TEST_CASE("ReceiveValue rejects malformed input as PostgreSQL 15 does") {
  auto state = [](TypeDesc t, std::string_view hex) { return SqlStateOf([&] { ReceiveValue(t, Unhex(hex)); }); };
  auto message = [](TypeDesc t, std::string_view hex) { return MessageOf([&] { ReceiveValue(t, Unhex(hex)); }); };
  CHECK(state({TypeId::kInt4}, "000000") == "08P01");
  CHECK(message({TypeId::kInt4}, "000000") == "insufficient data left in message");
  CHECK(state({TypeId::kInt4}, "0000000000") == "22P03");
  CHECK(MessageOf([] { ReceiveValue({TypeId::kInt4}, Unhex("0000000000"), 1); }) ==
        "incorrect binary data format in bind parameter 1");
  CHECK(message({TypeId::kInt4}, "0000000000") == "incorrect binary data format");
  CHECK(state({TypeId::kUuid}, "303132333435363738396162636465") == "08P01");
  CHECK(state({TypeId::kNumeric}, "00010000120000000001") == "22P03");
  CHECK(message({TypeId::kNumeric}, "00010000120000000001") == "invalid sign in external \"numeric\" value");
  CHECK(message({TypeId::kNumeric}, "00010000000040000001") == "invalid scale in external \"numeric\" value");
  CHECK(message({TypeId::kNumeric}, "00010000000000002710") == "invalid digit in external \"numeric\" value");
  CHECK(state({TypeId::kNumeric}, "0001000000000000") == "08P01");
  CHECK(state({TypeId::kNumeric, NumericTypmod(10, 2)}, "00000000d0000000") == "22003");
  CHECK(state({TypeId::kText}, "61c328") == "22021");
  CHECK(message({TypeId::kText}, "61c328") == "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28");
  CHECK(message({TypeId::kText}, "610062") == "invalid byte sequence for encoding \"UTF8\": 0x00");
  CHECK(message({TypeId::kText}, "61e282") == "invalid byte sequence for encoding \"UTF8\": 0xe2 0x82");
  CHECK(message({TypeId::kVarchar}, "eda080") == "invalid byte sequence for encoding \"UTF8\": 0xed 0xa0 0x80");
  CHECK(state({TypeId::kVarchar, 2 + 4}, "616263") == "22001");
  CHECK(state({TypeId::kName}, std::string(128, '6')) == "42622");
  CHECK(message({TypeId::kName}, std::string(128, '6')) == "identifier too long");
  CHECK(state({TypeId::kName}, std::string(126, '6')) == "");
  CHECK(message({TypeId::kTime}, "0000002000000000") == "time out of range");
  CHECK(state({TypeId::kTime}, "ffffffffffffffff") == "22008");
  CHECK(state({TypeId::kTimeTz}, "000000000000000000010000") == "22009");
  CHECK(message({TypeId::kTimeTz}, "000000000000000000010000") == "time zone displacement out of range");
  CHECK(message({TypeId::kDate}, "80000001") == "date out of range");
  CHECK(message({TypeId::kTimestamp}, "8000000000000001") == "timestamp out of range");
  CHECK(state({TypeId::kBool}, "") == "08P01");
}

}  // namespace
}  // namespace lumadb
