#include "common/index_key.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>

#include "common/array.h"
#include "common/error.h"
#include "common/json.h"

namespace lumadb {

namespace {

constexpr char kMarkerNullLow = 0x00;
constexpr char kMarkerValue = 0x01;
constexpr char kMarkerNullHigh = 0x02;

constexpr char kNumericMinusInfinity = 0x01;
constexpr char kNumericNegative = 0x02;
constexpr char kNumericZero = 0x03;
constexpr char kNumericPositive = 0x04;
constexpr char kNumericPlusInfinity = 0x05;
constexpr char kNumericNaN = 0x06;

enum class KeyKind { kInteger, kFloat, kBool, kString, kNumeric, kTimeTz, kInterval, kUuid, kJsonb, kArray, kNone };

KeyKind KindOf(TypeId t) {
  if (IsArrayType(t)) return KeyKind::kArray;
  switch (t) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
      return KeyKind::kInteger;
    case TypeId::kTimeTz:
      return KeyKind::kTimeTz;
    case TypeId::kInterval:
      return KeyKind::kInterval;
    case TypeId::kUuid:
      return KeyKind::kUuid;
    case TypeId::kJsonb:
      return KeyKind::kJsonb;
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      return KeyKind::kFloat;
    case TypeId::kBool:
      return KeyKind::kBool;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kName:
    case TypeId::kBytea:
      return KeyKind::kString;
    case TypeId::kNumeric:
      return KeyKind::kNumeric;
    default:
      return KeyKind::kNone;  // unknown (an unresolved literal) and invalid
  }
}

bool IsIntegerValueType(TypeId t) {
  return t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8 || t == TypeId::kOid;
}

// The value's own kind must be the column's, except that integer widths mix (int2 = int4 = int8 keys) and
// unknown literals are strings.
void CheckRepresentation(const Value& v, TypeId column_type, KeyKind kind) {
  const TypeId vt = v.type();
  bool ok;
  if (IsIntegerValueType(column_type)) {
    ok = IsIntegerValueType(vt);
  } else if (kind == KeyKind::kString) {
    ok = KindOf(vt) == KeyKind::kString || vt == TypeId::kUnknown;
  } else if (kind == KeyKind::kFloat) {
    ok = KindOf(vt) == KeyKind::kFloat;
  } else if (kind == KeyKind::kArray) {
    ok = IsArrayType(vt);
  } else {
    ok = vt == column_type;
  }
  LUMADB_ASSERT(ok,
                std::string("index key value of type ") + TypeName(vt) + " for a " + TypeName(column_type) + " column");
}

void AppendBigEndian64(uint64_t u, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>((u >> shift) & 0xff));
}

void AppendInteger(int64_t v, std::string* out) {
  AppendBigEndian64(static_cast<uint64_t>(v) ^ (uint64_t{1} << 63), out);
}

// timetz_cmp_internal's order: the UTC instant, then the zone.
void AppendTimeTz(const TimeTz& t, std::string* out) {
  AppendInteger(t.time + static_cast<int64_t>(t.zone) * 1000000, out);
  const uint32_t zone = static_cast<uint32_t>(t.zone) ^ (uint32_t{1} << 31);
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((zone >> shift) & 0xff));
}

// interval_cmp_value: the 128-bit span, big-endian with the sign bit flipped.
void AppendInterval(const Interval& v, std::string* out) {
  const auto span = static_cast<unsigned __int128>(IntervalSpan(v)) ^ (static_cast<unsigned __int128>(1) << 127);
  AppendBigEndian64(static_cast<uint64_t>(span >> 64), out);
  AppendBigEndian64(static_cast<uint64_t>(span), out);
}

void AppendFloat(double d, std::string* out) {
  if (d == 0.0) d = 0.0;  // -0 compares equal to +0
  // One NaN bit pattern whatever the payload or sign: NaN equals NaN (float8_cmp_internal).
  uint64_t bits = std::isnan(d) ? 0x7FF8000000000000ULL : std::bit_cast<uint64_t>(d);
  bits = (bits >> 63) ? ~bits : bits ^ (uint64_t{1} << 63);
  AppendBigEndian64(bits, out);
}

void AppendString(std::string_view s, std::string* out) {
  out->reserve(out->size() + s.size() + 2);
  for (char c : s) {
    out->push_back(c);
    if (c == '\0') out->push_back(static_cast<char>(0xff));
  }
  out->push_back('\0');
  out->push_back('\x01');
}

// numeric: see the drawing in index_key.h. The decimal digits come from numeric_out's plain notation,
// which Numeric gives exactly at its display scale.
void AppendNumeric(const Numeric& n, std::string* out) {
  if (n.IsNaN()) {
    out->push_back(kNumericNaN);
    return;
  }
  if (n.IsInf()) {
    out->push_back(n.IsNegative() ? kNumericMinusInfinity : kNumericPlusInfinity);
    return;
  }
  if (n.IsZero()) {
    out->push_back(kNumericZero);
    return;
  }
  const std::string text = n.ToString();
  std::string_view s = text;
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  const size_t point = s.find('.');
  const size_t int_digits = point == std::string_view::npos ? s.size() : point;
  std::string digits;
  digits.reserve(s.size());
  for (char c : s) {
    if (c != '.') digits.push_back(c);
  }
  size_t first = 0;
  while (first < digits.size() && digits[first] == '0') ++first;
  size_t last = digits.size();
  while (last > first && digits[last - 1] == '0') --last;
  const int64_t exponent = static_cast<int64_t>(int_digits) - static_cast<int64_t>(first);
  LUMADB_ASSERT(last > first && exponent >= INT32_MIN && exponent <= INT32_MAX, "numeric key out of range");

  out->push_back(negative ? kNumericNegative : kNumericPositive);
  const size_t body = out->size();
  const uint32_t e = static_cast<uint32_t>(static_cast<int32_t>(exponent)) ^ (uint32_t{1} << 31);
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((e >> shift) & 0xff));
  for (size_t i = first; i < last; i += 2) {
    const int hi = digits[i] - '0';
    const int lo = i + 1 < last ? digits[i + 1] - '0' : 0;
    out->push_back(static_cast<char>(hi * 10 + lo + 2));
  }
  out->push_back('\0');
  if (negative) {
    for (size_t i = body; i < out->size(); ++i) (*out)[i] = static_cast<char>(~(*out)[i]);
  }
}

void AppendCount(size_t n, std::string* out) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((n >> shift) & 0xff));
}

// A jsonb value below the top level (drawn in index_key.h). Every part is prefix-free, so the
// concatenation is.
void AppendJsonbNested(const json::JsonValue& v, std::string* out) {
  out->push_back(static_cast<char>(static_cast<int>(v.kind) + 1));
  switch (v.kind) {
    case json::JsonKind::kNull:
      return;
    case json::JsonKind::kString:
      return AppendString(v.text, out);
    case json::JsonKind::kNumber:
      return AppendNumeric(v.number, out);
    case json::JsonKind::kBool:
      out->push_back(v.boolean ? '\x01' : '\x00');
      return;
    case json::JsonKind::kArray:
    case json::JsonKind::kObject:
      break;
  }
  AppendCount(v.items.size(), out);
  for (size_t i = 0; i < v.items.size(); ++i) {
    if (v.kind == json::JsonKind::kObject) AppendString(v.keys[i], out);
    AppendJsonbNested(v.items[i], out);
  }
}

// A whole jsonb document: an object as a nested value, an array or a top-level scalar with the count first
// and then the scalar flag, so that the count decides before a scalar sorts below an array.
void AppendJsonb(std::string_view text, std::string* out) {
  const json::JsonValue v = json::ParseJson(text, true);
  if (v.kind == json::JsonKind::kObject) return AppendJsonbNested(v, out);
  const bool raw = v.kind != json::JsonKind::kArray;
  out->push_back('\x05');
  AppendCount(raw ? 1 : v.items.size(), out);
  out->push_back(raw ? '\x00' : '\x01');
  if (raw) return AppendJsonbNested(v, out);
  for (const json::JsonValue& item : v.items) AppendJsonbNested(item, out);
}

// An array in array_cmp's order (arrayfuncs.c): the elements in row-major order, each as an ASC NULLS LAST
// key column (so a NULL element sorts above every value), then 0x00 (below both element markers, so a
// shorter array whose elements are a prefix sorts first), then ndim as one byte, every dimension's length
// and then every lower bound as 4 bytes big-endian with the sign bit flipped. The dimensions are fixed-size
// once ndim is read, so the encoding stays prefix-free.
void AppendArray(const Array& a, std::string* out) {
  const KeyColumnOrder element{a.element, false, false};
  for (const Value& item : a.items) AppendKeyColumn(item, element, out);
  out->push_back('\x00');
  out->push_back(static_cast<char>(a.ndim()));
  auto append32 = [out](int32_t v) { AppendCount(static_cast<uint32_t>(v) ^ (uint32_t{1} << 31), out); };
  for (int32_t d : a.dims) append32(d);
  for (int32_t lb : a.lbounds) append32(lb);
}

}  // namespace

bool IsIndexableType(TypeId t) {
  return KindOf(t) != KeyKind::kNone;
}

void AppendKeyColumn(const Value& v, const KeyColumnOrder& col, std::string* out) {
  const KeyKind kind = KindOf(col.type);
  if (kind == KeyKind::kNone) {
    // PostgreSQL's wording for a type without a btree operator class (it uses 42704; the contract says 0A000).
    throw DbError(sqlstate::kFeatureNotSupported, "data type " + FormatType({col.type, -1}) +
                                                      " has no default operator class for access method \"btree\"");
  }
  const size_t start = out->size();
  if (v.is_null()) {
    // DESC complements the bytes, so the marker that sorts first there is the one that sorts last in ASC.
    out->push_back(col.nulls_first != col.descending ? kMarkerNullLow : kMarkerNullHigh);
  } else {
    CheckRepresentation(v, col.type, kind);
    out->push_back(kMarkerValue);
    switch (kind) {
      case KeyKind::kInteger:
        AppendInteger(v.GetInt(), out);
        break;
      case KeyKind::kFloat:
        AppendFloat(v.GetFloat(), out);
        break;
      case KeyKind::kBool:
        out->push_back(v.GetBool() ? '\x01' : '\x00');
        break;
      case KeyKind::kString: {
        std::string_view s = v.GetString();
        if (col.type == TypeId::kBpchar) {
          while (!s.empty() && s.back() == ' ') s.remove_suffix(1);  // bpcharcmp ignores trailing spaces
        }
        AppendString(s, out);
        break;
      }
      case KeyKind::kNumeric:
        AppendNumeric(v.GetNumeric(), out);
        break;
      case KeyKind::kTimeTz:
        AppendTimeTz(v.GetTimeTz(), out);
        break;
      case KeyKind::kInterval:
        AppendInterval(v.GetInterval(), out);
        break;
      case KeyKind::kUuid:
        LUMADB_ASSERT(v.GetString().size() == 16, "uuid of the wrong length");
        out->append(v.GetString());
        break;
      case KeyKind::kJsonb:
        AppendJsonb(v.GetString(), out);
        break;
      case KeyKind::kArray:
        AppendArray(v.GetArray(), out);
        break;
      case KeyKind::kNone:
        break;
    }
  }
  if (col.descending) {
    for (size_t i = start; i < out->size(); ++i) (*out)[i] = static_cast<char>(~(*out)[i]);
  }
}

std::string EncodeKey(const std::vector<Value>& values, const std::vector<KeyColumnOrder>& columns) {
  LUMADB_ASSERT(values.size() == columns.size(), "index key value count differs from its column count");
  std::string key;
  key.reserve(values.size() * 10);
  for (size_t i = 0; i < values.size(); ++i) AppendKeyColumn(values[i], columns[i], &key);
  return key;
}

std::string PrefixSuccessor(std::string_view prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.remove_suffix(1);
  if (prefix.empty()) return std::string();
  std::string succ(prefix);
  succ.back() = static_cast<char>(static_cast<unsigned char>(succ.back()) + 1);
  return succ;
}

}  // namespace lumadb
