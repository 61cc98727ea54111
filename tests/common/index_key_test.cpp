// Order-preserving index keys (common/index_key.h): for every indexable type, thousands of random values
// with their edge cases, checking that memcmp on the keys orders them as CompareValues (value_ops.h) does,
// in all four ASC/DESC x NULLS FIRST/LAST orders, and that column encodings are prefix-free.
#include "common/index_key.h"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "common/datetime.h"
#include "common/value_ops.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::SqlStateOf;

int Sign(int c) {
  return (c > 0) - (c < 0);
}

// memcmp order of two keys (std::string compares as unsigned bytes, shorter first on a common prefix).
int KeyCompare(const std::string& a, const std::string& b) {
  return Sign(a.compare(b));
}

bool IsProperPrefix(const std::string& a, const std::string& b) {
  return a.size() < b.size() && b.compare(0, a.size(), a) == 0;
}

// The SQL order of one column: NULL placement first, then CompareValues, reversed for DESC.
int ReferenceCompare(const Value& a, const Value& b, const KeyColumnOrder& col) {
  if (a.is_null() || b.is_null()) {
    if (a.is_null() && b.is_null()) return 0;
    return a.is_null() == col.nulls_first ? -1 : 1;
  }
  const int c = Sign(CompareValues(a, b));
  return col.descending ? -c : c;
}

std::string Show(const Value& v) {
  return v.is_null() ? std::string("NULL") : FormatValue(v);
}

std::vector<KeyColumnOrder> AllOrders(TypeId type) {
  return {{type, false, false}, {type, false, true}, {type, true, true}, {type, true, false}};
}

// Encodes values (plus two NULLs) in every order; sorts by key and checks each adjacent pair (which with
// the transitivity of both orders covers every pair), then random pairs directly, and prefix-freeness.
void CheckOrderPreserved(std::vector<Value> values, TypeId type, std::mt19937_64& rng) {
  values.push_back(Value::Null(type));
  values.push_back(Value::Null(type));
  for (const KeyColumnOrder& col : AllOrders(type)) {
    CAPTURE(TypeName(type));
    CAPTURE(col.descending);
    CAPTURE(col.nulls_first);
    std::vector<std::string> keys;
    for (const Value& v : values) {
      std::string key;
      AppendKeyColumn(v, col, &key);
      REQUIRE(!key.empty());
      keys.push_back(std::move(key));
    }
    std::vector<size_t> idx(values.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
    size_t failures = 0;
    auto check = [&](size_t a, size_t b) {
      const int expected = ReferenceCompare(values[a], values[b], col);
      const int got = KeyCompare(keys[a], keys[b]);
      const bool prefix = IsProperPrefix(keys[a], keys[b]) || IsProperPrefix(keys[b], keys[a]);
      if ((expected != got || prefix) && failures++ < 5) {
        FAIL_CHECK("order mismatch: " << Show(values[a]) << " vs " << Show(values[b]) << ": expected " << expected
                                      << ", got " << got << (prefix ? std::string(" (prefix)") : std::string()));
      }
    };
    for (size_t i = 0; i + 1 < idx.size(); ++i) check(idx[i], idx[i + 1]);
    std::uniform_int_distribution<size_t> pick(0, values.size() - 1);
    for (int i = 0; i < 5000; ++i) check(pick(rng), pick(rng));
    CHECK(failures == 0);
  }
}

std::vector<Value> IntegerValues(TypeId type, int64_t lo, int64_t hi, std::mt19937_64& rng) {
  std::vector<Value> out;
  // Value::Timestamp stores any int64 under the given type: the representation of every integer type.
  auto make = [&](int64_t v) { return type == TypeId::kDate ? Value::Date(v) : Value::Timestamp(v, type); };
  for (int64_t v : {lo, lo + 1, int64_t{-1}, int64_t{0}, int64_t{1}, hi - 1, hi}) {
    if (v >= lo && v <= hi) out.push_back(make(v));
  }
  std::uniform_int_distribution<int64_t> wide(lo, hi), narrow(std::max<int64_t>(lo, -300), std::min<int64_t>(hi, 300));
  for (int i = 0; i < 1500; ++i) out.push_back(make(wide(rng)));
  for (int i = 0; i < 1500; ++i) out.push_back(make(narrow(rng)));  // many duplicates and near neighbours
  return out;
}

TEST_CASE("integer, date and timestamp keys keep their order") {
  std::mt19937_64 rng(4001);
  struct Range {
    TypeId type;
    int64_t lo, hi;
  };
  const Range ranges[] = {{TypeId::kInt2, INT16_MIN, INT16_MAX},
                          {TypeId::kInt4, INT32_MIN, INT32_MAX},
                          {TypeId::kInt8, INT64_MIN, INT64_MAX},
                          {TypeId::kOid, 0, UINT32_MAX},
                          {TypeId::kDate, kDateNoBegin, kDateNoEnd},
                          {TypeId::kTimestamp, kTimestampNoBegin, kTimestampNoEnd},
                          {TypeId::kTimestampTz, kTimestampNoBegin, kTimestampNoEnd}};
  for (const Range& r : ranges) {
    CheckOrderPreserved(IntegerValues(r.type, r.lo, r.hi, rng), r.type, rng);
  }
}

TEST_CASE("int2, int4 and int8 keys of equal value are equal bytes") {
  std::mt19937_64 rng(4002);
  std::uniform_int_distribution<int32_t> d(INT16_MIN, INT16_MAX);
  for (int i = 0; i < 2000; ++i) {
    const int16_t v = static_cast<int16_t>(d(rng));
    const std::string k8 = EncodeKey({Value::Int8(v)}, {{TypeId::kInt8}});
    CHECK(EncodeKey({Value::Int2(v)}, {{TypeId::kInt2}}) == k8);
    CHECK(EncodeKey({Value::Int4(v)}, {{TypeId::kInt4}}) == k8);
    CHECK(EncodeKey({Value::Int2(v)}, {{TypeId::kInt8}}) == k8);  // a search constant of another width
    CHECK(EncodeKey({Value::Int8(v)}, {{TypeId::kInt4, true, true}}) ==
          EncodeKey({Value::Int2(v)}, {{TypeId::kInt2, true, true}}));
  }
}

TEST_CASE("float keys: NaN greatest, -0 equals +0, infinities, denormals") {
  std::mt19937_64 rng(4003);
  const double specials[] = {0.0,
                             -0.0,
                             1.0,
                             -1.0,
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::nan(""),
                             -std::nan(""),
                             std::bit_cast<double>(uint64_t{0x7FF0000000000001}),  // a signalling NaN payload
                             std::bit_cast<double>(uint64_t{0xFFFFFFFFFFFFFFFF}),  // negative NaN, all bits
                             std::numeric_limits<double>::denorm_min(),
                             -std::numeric_limits<double>::denorm_min(),
                             DBL_MIN,
                             -DBL_MIN,
                             DBL_MAX,
                             -DBL_MAX,
                             DBL_EPSILON};
  std::vector<Value> f8, f4;
  for (double d : specials) {
    f8.push_back(Value::Float8(d));
    f4.push_back(Value::Float4(static_cast<float>(d)));
  }
  std::uniform_int_distribution<uint64_t> bits;
  std::uniform_int_distribution<int> small(-20, 20);
  for (int i = 0; i < 2000; ++i) {
    f8.push_back(Value::Float8(std::bit_cast<double>(bits(rng))));  // every class: NaNs, denormals, huge
    f4.push_back(Value::Float4(std::bit_cast<float>(static_cast<uint32_t>(bits(rng)))));
    f8.push_back(Value::Float8(small(rng) / 4.0));  // duplicates, -0 from 0/-4
    f4.push_back(Value::Float4(static_cast<float>(small(rng)) / 8.0f));
  }
  CheckOrderPreserved(std::move(f8), TypeId::kFloat8, rng);
  CheckOrderPreserved(std::move(f4), TypeId::kFloat4, rng);
  CHECK(EncodeKey({Value::Float8(-0.0)}, {{TypeId::kFloat8}}) == EncodeKey({Value::Float8(0.0)}, {{TypeId::kFloat8}}));
  CHECK(EncodeKey({Value::Float8(-std::nan(""))}, {{TypeId::kFloat8}}) ==
        EncodeKey({Value::Float4(std::nanf(""))}, {{TypeId::kFloat4}}));
}

TEST_CASE("bool keys") {
  std::mt19937_64 rng(4004);
  std::vector<Value> values;
  for (int i = 0; i < 100; ++i) values.push_back(Value::Bool(rng() & 1));
  CheckOrderPreserved(std::move(values), TypeId::kBool, rng);
}

// Strings over an alphabet that stresses the escaping: NUL, 0x01, 0xFF, 0xFE, spaces; short lengths so
// that many are equal or prefixes of each other.
std::vector<Value> RandomStrings(TypeId type, std::mt19937_64& rng) {
  const char alphabet[] = {'\0', '\x01', ' ', 'a', 'b', '\xfe', '\xff'};
  std::vector<Value> out;
  for (const char* s : {"", " ", "  ", "a", "a ", "ab", "a\xff", "a\x01"}) out.push_back(Value::String(s, type));
  out.push_back(Value::String(std::string("a\0", 2), type));
  out.push_back(Value::String(std::string("a\0\xff", 3), type));
  out.push_back(Value::String(std::string("\0", 1), type));
  std::uniform_int_distribution<int> len(0, 6), ch(0, sizeof alphabet - 1), byte(0, 255), long_len(0, 200);
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    for (int n = len(rng); n > 0; --n) s.push_back(alphabet[ch(rng)]);
    out.push_back(Value::String(s, type));
  }
  for (int i = 0; i < 500; ++i) {
    std::string s;
    for (int n = long_len(rng); n > 0; --n) s.push_back(static_cast<char>(byte(rng)));
    out.push_back(Value::String(s, type));
  }
  return out;
}

TEST_CASE("string keys: C collation, embedded NUL and 0xFF, prefixes, bpchar trailing spaces") {
  std::mt19937_64 rng(4005);
  for (TypeId t : {TypeId::kText, TypeId::kVarchar, TypeId::kName, TypeId::kBytea, TypeId::kBpchar}) {
    CheckOrderPreserved(RandomStrings(t, rng), t, rng);
  }
  const KeyColumnOrder bpchar{TypeId::kBpchar};
  CHECK(EncodeKey({Value::String("ab   ", TypeId::kBpchar)}, {bpchar}) ==
        EncodeKey({Value::String("ab", TypeId::kBpchar)}, {bpchar}));
  CHECK(EncodeKey({Value::String("ab ")}, {{TypeId::kText}}) != EncodeKey({Value::String("ab")}, {{TypeId::kText}}));
  // A text or unknown search constant of a varchar column encodes like the column's values.
  CHECK(EncodeKey({Value::String("x")}, {{TypeId::kVarchar}}) ==
        EncodeKey({Value::String("x", TypeId::kVarchar)}, {{TypeId::kVarchar}}));
}

// A random numeric text: sign, digits (sometimes leading/trailing zeros), a point, an exponent.
std::string RandomNumericText(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> digit(0, 9), ndigits(1, 45), coin(0, 3), exp(-40, 40), shape(0, 2);
  std::string s = coin(rng) == 0 ? "-" : "";
  const int n = shape(rng) == 0 ? ndigits(rng) : std::uniform_int_distribution<int>(1, 4)(rng);
  std::string digits;
  for (int i = 0; i < n; ++i) digits.push_back(static_cast<char>('0' + digit(rng)));
  if (coin(rng) == 0) digits += "000";
  const int point = std::uniform_int_distribution<int>(0, n)(rng);
  s += digits.substr(0, point) + "." + digits.substr(point);
  if (s.back() == '.' && coin(rng) == 0) s += "0";
  if (coin(rng) == 0) s += "e" + std::to_string(exp(rng));
  if (s == "." || s == "-.") s += "0";
  return s;
}

TEST_CASE("numeric keys: exact order, infinities outermost, NaN greatest, equal values at any scale encode equal") {
  std::mt19937_64 rng(4006);
  std::vector<Value> values;
  for (const char* s : {"0",
                        "-0",
                        "0.000",
                        "NaN",
                        "Infinity",
                        "-Infinity",
                        "1",
                        "1.0",
                        "1.00",
                        "10",
                        "100",
                        "0.1",
                        "0.01",
                        "0.10",
                        "-1",
                        "-1.0",
                        "-10",
                        "-0.1",
                        "-0.01",
                        "99",
                        "99.99",
                        "100.01",
                        "1e1000",
                        "-1e1000",
                        "1e-1000",
                        "-1e-1000",
                        "123456789012345678901234567890.123456789012345678901234567890",
                        "-123456789012345678901234567890.123456789012345678901234567891",
                        "0.00000000000000000001",
                        "9223372036854775807",
                        "9223372036854775808",
                        "-9223372036854775808"}) {
    values.push_back(Value::Num(Numeric::Parse(s)));
  }
  for (int i = 0; i < 3000; ++i) values.push_back(Value::Num(Numeric::Parse(RandomNumericText(rng))));
  // Results of division carry long fractions (at least 16 significant digits).
  for (int i = 0; i < 300; ++i) {
    Numeric a = Numeric::Parse(RandomNumericText(rng)), b = Numeric::Parse(RandomNumericText(rng));
    if (!b.IsZero()) values.push_back(Value::Num(a.Div(b)));
  }
  CheckOrderPreserved(std::move(values), TypeId::kNumeric, rng);

  const KeyColumnOrder col{TypeId::kNumeric};
  auto key = [&](const char* s) { return EncodeKey({Value::Num(Numeric::Parse(s))}, {col}); };
  CHECK(key("1.0") == key("1.00"));
  CHECK(key("1") == key("1.000"));
  CHECK(key("-0") == key("0.00"));
  CHECK(key("-12.50") == key("-12.5"));
  CHECK(key("1e3") == key("1000.0"));
  CHECK(key("NaN") > key("1e1000"));
}

TEST_CASE("time, timetz, interval and uuid keys keep their order") {
  std::mt19937_64 rng(4008);
  std::uniform_int_distribution<int64_t> day_us(0, kUsecsPerDay), small(-3, 3), wide(INT64_MIN, INT64_MAX);
  std::uniform_int_distribution<int32_t> zone(-57599, 57599), coarse_zone(-2, 2), i32(INT32_MIN, INT32_MAX);
  std::vector<Value> times, timetzs, intervals, uuids;
  for (int64_t t : {int64_t{0}, int64_t{1}, kUsecsPerDay - 1, kUsecsPerDay}) times.push_back(Value::Time(t));
  for (int i = 0; i < 2000; ++i) {
    times.push_back(Value::Time(day_us(rng)));
    times.push_back(Value::Time(3600000000LL * (small(rng) + 3)));
    // Same instant, different zones, and far-apart zones (timetz_cmp_internal: instant, then zone).
    timetzs.push_back(Value::OfTimeTz(TimeTz{day_us(rng), zone(rng)}));
    const int32_t z = coarse_zone(rng) * 3600;
    timetzs.push_back(Value::OfTimeTz(TimeTz{(small(rng) + 10) * 3600000000LL - z * 1000000LL, z}));
    // Equal spans with different fields ('1 mon' = '30 days' = '720 hours') and extreme fields.
    const int64_t m = small(rng), d = small(rng) * 15, h = small(rng) * 360;
    intervals.push_back(
        Value::OfInterval(Interval{h * 3600000000LL, static_cast<int32_t>(d), static_cast<int32_t>(m)}));
    intervals.push_back(Value::OfInterval(Interval{0, static_cast<int32_t>(m * 30 + d + h / 24), 0}));
    intervals.push_back(Value::OfInterval(Interval{wide(rng), i32(rng), i32(rng)}));
    std::string u(16, '\0');
    for (char& c : u) c = static_cast<char>(rng() % (i % 2 ? 256 : 3));  // many near-equal uuids
    uuids.push_back(Value::Uuid(u));
  }
  intervals.push_back(Value::OfInterval(Interval{INT64_MIN, INT32_MIN, INT32_MIN}));
  intervals.push_back(Value::OfInterval(Interval{INT64_MAX, INT32_MAX, INT32_MAX}));
  CheckOrderPreserved(std::move(times), TypeId::kTime, rng);
  CheckOrderPreserved(std::move(timetzs), TypeId::kTimeTz, rng);
  CheckOrderPreserved(std::move(intervals), TypeId::kInterval, rng);
  CheckOrderPreserved(std::move(uuids), TypeId::kUuid, rng);
  const KeyColumnOrder iv{TypeId::kInterval};
  CHECK(EncodeKey({Value::OfInterval(Interval{0, 0, 1})}, {iv}) ==
        EncodeKey({Value::OfInterval(Interval{0, 30, 0})}, {iv}));
}

TEST_CASE("pinned bytes of the on-disk layout") {
  using namespace std::string_literals;
  CHECK(EncodeKey({Value::Int4(1)}, {{TypeId::kInt4}}) == "\x01\x80\0\0\0\0\0\0\x01"s);
  CHECK(EncodeKey({Value::Int4(-1)}, {{TypeId::kInt4}}) == "\x01\x7f\xff\xff\xff\xff\xff\xff\xff"s);
  CHECK(EncodeKey({Value::Int4(1)}, {{TypeId::kInt4, true, true}}) == "\xfe\x7f\xff\xff\xff\xff\xff\xff\xfe"s);
  CHECK(EncodeKey({Value::Null(TypeId::kInt4)}, {{TypeId::kInt4}}) == "\x02"s);
  CHECK(EncodeKey({Value::Null(TypeId::kInt4)}, {{TypeId::kInt4, false, true}}) == "\x00"s);
  CHECK(EncodeKey({Value::Null(TypeId::kInt4)}, {{TypeId::kInt4, true, true}}) == "\xfd"s);
  CHECK(EncodeKey({Value::Null(TypeId::kInt4)}, {{TypeId::kInt4, true, false}}) == "\xff"s);
  CHECK(EncodeKey({Value::String("a\0b"s)}, {{TypeId::kText}}) ==
        "\x01"
        "a\0\xff"
        "b\0\x01"s);
  CHECK(EncodeKey({Value::Bool(true)}, {{TypeId::kBool}}) == "\x01\x01"s);
  CHECK(EncodeKey({Value::Float8(1.0)}, {{TypeId::kFloat8}}) == "\x01\xbf\xf0\0\0\0\0\0\0"s);
  CHECK(EncodeKey({Value::Float8(std::nan(""))}, {{TypeId::kFloat8}}) == "\x01\xff\xf8\0\0\0\0\0\0"s);
  // 12.5 = 0.125 * 10^2: class, E = 2, pairs 12 and 50, terminator.
  CHECK(EncodeKey({Value::Num(Numeric::Parse("12.50"))}, {{TypeId::kNumeric}}) == "\x01\x04\x80\0\0\x02\x0e\x34\0"s);
  CHECK(EncodeKey({Value::Num(Numeric::Parse("-12.5"))}, {{TypeId::kNumeric}}) ==
        "\x01\x02\x7f\xff\xff\xfd\xf1\xcb\xff"s);
  CHECK(EncodeKey({Value::Num(Numeric::Parse("0"))}, {{TypeId::kNumeric}}) == "\x01\x03"s);
  CHECK(EncodeKey({Value::Num(Numeric::NaN())}, {{TypeId::kNumeric}}) == "\x01\x06"s);
  CHECK(EncodeKey({Value::Time(1)}, {{TypeId::kTime}}) == "\x01\x80\0\0\0\0\0\0\x01"s);
  // timetz '00:00:01-00:00:01' (zone 1 second west): instant 2 s, then the zone.
  CHECK(EncodeKey({Value::OfTimeTz(TimeTz{1000000, 1})}, {{TypeId::kTimeTz}}) ==
        "\x01\x80\0\0\0\0\x1e\x84\x80\x80\0\0\x01"s);
  // interval '1 day' = 86400000000 microseconds as a 128-bit integer.
  CHECK(EncodeKey({Value::OfInterval(Interval{0, 1, 0})}, {{TypeId::kInterval}}) ==
        "\x01\x80\0\0\0\0\0\0\0\0\0\0\x14\x1d\xd7\x60\0"s);
  CHECK(EncodeKey({Value::Uuid(std::string(16, '\x5a'))}, {{TypeId::kUuid}}) == "\x01" + std::string(16, '\x5a'));
}

// Rows of three columns with small domains (many ties) in mixed orders.
TEST_CASE("multi-column keys order lexicographically; column prefixes are byte prefixes") {
  std::mt19937_64 rng(4007);
  const std::vector<KeyColumnOrder> cols = {
      {TypeId::kInt4, false, false}, {TypeId::kText, true, false}, {TypeId::kNumeric, false, true}};
  std::uniform_int_distribution<int> small(-3, 3), coin(0, 5);
  const char* texts[] = {"", "a", "ab", "b"};
  const char* nums[] = {"0", "1.0", "1", "-2.5", "NaN", "12"};
  std::vector<Row> rows;
  for (int i = 0; i < 1500; ++i) {
    Row r;
    r.push_back(coin(rng) == 0 ? Value::Null(TypeId::kInt4) : Value::Int4(small(rng)));
    r.push_back(coin(rng) == 0 ? Value::Null(TypeId::kText) : Value::String(texts[coin(rng) % 4]));
    r.push_back(coin(rng) == 0 ? Value::Null(TypeId::kNumeric) : Value::Num(Numeric::Parse(nums[coin(rng)])));
    rows.push_back(std::move(r));
  }
  auto reference = [&](const Row& a, const Row& b, size_t ncols) {
    for (size_t c = 0; c < ncols; ++c) {
      if (int r = ReferenceCompare(a[c], b[c], cols[c]); r != 0) return r;
    }
    return 0;
  };
  std::vector<std::string> keys;
  for (const Row& r : rows) keys.push_back(EncodeKey(r, cols));
  std::uniform_int_distribution<size_t> pick(0, rows.size() - 1);
  size_t failures = 0;
  for (int i = 0; i < 20000; ++i) {
    const size_t a = pick(rng), b = pick(rng);
    if (KeyCompare(keys[a], keys[b]) != reference(rows[a], rows[b], cols.size())) ++failures;
  }
  CHECK(failures == 0);

  // For each column prefix: the prefix key is a byte prefix of the full key, and the keys of rows whose
  // prefix columns order below / equal / above lie below the prefix / in [prefix, successor) / at or above
  // the successor, which is what an equality scan on a key prefix relies on.
  failures = 0;
  for (size_t ncols = 1; ncols <= cols.size(); ++ncols) {
    const std::vector<KeyColumnOrder> prefix_cols(cols.begin(), cols.begin() + ncols);
    for (int i = 0; i < 300; ++i) {
      const Row& probe = rows[pick(rng)];
      const std::string prefix = EncodeKey(Row(probe.begin(), probe.begin() + ncols), prefix_cols);
      const std::string succ = PrefixSuccessor(prefix);
      REQUIRE(!succ.empty());
      for (size_t j = 0; j < rows.size(); j += 7) {
        const int r = reference(rows[j], probe, ncols);
        const std::string& k = keys[j];
        const bool ok =
            r < 0 ? k < prefix : (r == 0 ? k.compare(0, prefix.size(), prefix) == 0 && k < succ : k >= succ);
        if (!ok) ++failures;
      }
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("PrefixSuccessor") {
  using namespace std::string_literals;
  CHECK(PrefixSuccessor("ab") == "ac");
  CHECK(PrefixSuccessor("a\xff\xff"s) == "b");
  CHECK(PrefixSuccessor("\x01\xfe"s) == "\x01\xff"s);
  CHECK(PrefixSuccessor("\xff\xff"s).empty());
  CHECK(PrefixSuccessor("").empty());
}

TEST_CASE("errors") {
  CHECK(IsIndexableType(TypeId::kNumeric));
  CHECK(IsIndexableType(TypeId::kBpchar));
  CHECK_FALSE(IsIndexableType(TypeId::kUnknown));
  CHECK_FALSE(IsIndexableType(TypeId::kInvalid));
  std::string out;
  CHECK(SqlStateOf([&] { AppendKeyColumn(Value::String("x"), {TypeId::kUnknown}, &out); }) == "0A000");
  CHECK(SqlStateOf([&] { AppendKeyColumn(Value::String("x"), {TypeId::kInt4}, &out); }) == "XX000");
  CHECK(SqlStateOf([&] { AppendKeyColumn(Value::Int4(1), {TypeId::kFloat8}, &out); }) == "XX000");
  CHECK(SqlStateOf([&] { AppendKeyColumn(Value::Date(1), {TypeId::kTimestamp}, &out); }) == "XX000");
  CHECK(SqlStateOf([&] { EncodeKey({Value::Int4(1)}, {}); }) == "XX000");
}

}  // namespace
}  // namespace lumadb
