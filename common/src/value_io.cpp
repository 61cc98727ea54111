#include "common/value_io.h"

#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/array.h"
#include "common/datetime.h"
#include "common/error.h"
#include "common/float_output.h"
#include "common/interval.h"
#include "common/json.h"
#include "common/record.h"
#include "common/reg_names.h"
#include "common/time_of_day.h"
#include "common/uuid.h"
#include "string_util.h"

namespace lumadb {

namespace {

std::string Quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

[[noreturn]] void ThrowSyntax(const char* type_name, std::string_view text) {
  throw DbError(sqlstate::kInvalidTextRepresentation,
                std::string("invalid input syntax for type ") + type_name + ": " + Quoted(text));
}

// pg_strtoint16/32 and scanint8: optional whitespace, sign, decimal digits, whitespace.
int64_t ParseInteger(std::string_view text, int64_t min, int64_t max, const char* type_name) {
  std::string_view s = TrimSpace(text);
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  if (i == s.size()) ThrowSyntax(type_name, text);
  // Range is checked while accumulating, so a long run of digits reports "out of range" as PostgreSQL does.
  // The magnitude's limit is at most 2^63 (for INT64_MIN), so it and v fit an unsigned 64-bit word.
  const uint64_t limit = negative ? static_cast<uint64_t>(-(min + 1)) + 1 : static_cast<uint64_t>(max);
  uint64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') ThrowSyntax(type_name, text);
    const auto digit = static_cast<uint64_t>(s[i] - '0');
    if (v > (limit - digit) / 10) {
      throw DbError(sqlstate::kNumericValueOutOfRange,
                    "value " + Quoted(text) + " is out of range for type " + type_name);
    }
    v = v * 10 + digit;
  }
  // Two's complement negation of the magnitude; for 2^63 it gives INT64_MIN.
  return negative ? static_cast<int64_t>(~v + 1) : static_cast<int64_t>(v);
}

// oidin: like PostgreSQL's oidin_subr, negative inputs down to -2^31 wrap around to large oids.
int64_t ParseOid(std::string_view text) {
  std::string_view s = TrimSpace(text);
  if (s.empty()) ThrowSyntax("oid", text);
  int64_t v = ParseInteger(s, INT32_MIN, UINT32_MAX, "oid");
  return v < 0 ? v + (int64_t{1} << 32) : v;
}

// parse_bool_with_len(): unique prefixes of true/false/yes/no, on/off, 1/0, case-insensitive.
bool ParseBool(std::string_view text) {
  std::string s = ToLower(TrimSpace(text));
  auto prefix_of = [&](std::string_view word, size_t min_len) {
    return s.size() >= min_len && s.size() <= word.size() && word.substr(0, s.size()) == s;
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || s == "on" || s == "1") return true;
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || s == "0") return false;
  ThrowSyntax("boolean", text);
}

// float8in / float4in: strtod plus PostgreSQL's spellings of infinity and NaN.
double ParseFloat(std::string_view text, bool is_float4) {
  const char* type_name = is_float4 ? "real" : "double precision";
  std::string s(TrimSpace(text));
  std::string lower = ToLower(s);
  if (lower == "nan") return std::nan("");
  if (lower == "infinity" || lower == "+infinity" || lower == "inf" || lower == "+inf") return HUGE_VAL;
  if (lower == "-infinity" || lower == "-inf") return -HUGE_VAL;
  if (s.empty()) ThrowSyntax(type_name, text);
  char* end = nullptr;
  errno = 0;
  double v = is_float4 ? static_cast<double>(std::strtof(s.c_str(), &end)) : std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || lower.find("nan") != std::string::npos ||
      lower.find("inf") != std::string::npos) {
    ThrowSyntax(type_name, text);
  }
  if (errno == ERANGE && (v == 0.0 || std::isinf(v))) {
    throw DbError(sqlstate::kNumericValueOutOfRange, Quoted(s) + " is out of range for type " + type_name);
  }
  return v;
}

thread_local int extra_float_digits = 1;

// Shortest round-trip digits (PostgreSQL 12+ Ryu output): fixed notation when the decimal exponent is in
// [-4, 15) for float8 or [-4, 6) for float4, otherwise d.ddde+XX. With extra_float_digits <= 0, %g with
// that many fewer digits (pg_strfromd).
std::string FormatFloat(double v, bool is_float4) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  if (extra_float_digits <= 0) {
    int digits = std::max(1, (is_float4 ? FLT_DIG : DBL_DIG) + extra_float_digits);
    int n = std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return std::string(buf, static_cast<size_t>(n));
  }
  auto res = is_float4 ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v), std::chars_format::scientific)
                       : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  size_t epos = sci.find('e');
  int exp = std::atoi(sci.c_str() + epos + 1);
  if (exp < -4 || exp >= (is_float4 ? 6 : 15)) return sci;
  bool negative = sci[0] == '-';
  std::string digits;
  for (size_t i = negative ? 1 : 0; i < epos; ++i) {
    if (sci[i] != '.') digits += sci[i];
  }
  std::string out;
  if (exp < 0) {
    out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
  } else if (static_cast<size_t>(exp) + 1 >= digits.size()) {
    out = digits + std::string(static_cast<size_t>(exp) + 1 - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<size_t>(exp) + 1) + "." + digits.substr(static_cast<size_t>(exp) + 1);
  }
  return negative ? "-" + out : out;
}

}  // namespace

void SetExtraFloatDigits(int digits) {
  extra_float_digits = digits;
}

int ExtraFloatDigits() {
  return extra_float_digits;
}

Value ParseValue(TypeDesc type, std::string_view text) {
  if (IsArrayType(type.id)) return ParseArray(type, text);
  switch (type.id) {
    case TypeId::kBool:
      return Value::Bool(ParseBool(text));
    case TypeId::kInt2:
      return Value::Int2(static_cast<int16_t>(ParseInteger(text, INT16_MIN, INT16_MAX, "smallint")));
    case TypeId::kInt4:
      return Value::Int4(static_cast<int32_t>(ParseInteger(text, INT32_MIN, INT32_MAX, "integer")));
    case TypeId::kInt8:
      return Value::Int8(ParseInteger(text, INT64_MIN, INT64_MAX, "bigint"));
    case TypeId::kOid:
      return Value::Oid(static_cast<uint32_t>(ParseOid(text)));
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      return Value::Oid(ParseRegOid(type.id, text)).WithType(type.id);
    case TypeId::kVoid:
      return Value::Void();
    case TypeId::kFloat4:
      return Value::Float4(static_cast<float>(ParseFloat(text, true)));
    case TypeId::kFloat8:
      return Value::Float8(ParseFloat(text, false));
    case TypeId::kNumeric:
      return Value::Num(Numeric::Parse(text).ApplyTypmod(type.typmod));
    case TypeId::kVarchar:
    case TypeId::kBpchar:
      return Value::String(ApplyCharTypmod(std::string(text), type, false), type.id);
    case TypeId::kName:
      return Value::String(TruncateName(text), TypeId::kName);
    case TypeId::kBytea:
      return Value::String(ParseBytea(text), TypeId::kBytea);
    case TypeId::kDate:
      return Value::Date(ParseDate(text));
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return Value::Timestamp(ParseTimestamp(text, type.id == TypeId::kTimestampTz, type.typmod), type.id);
    case TypeId::kTime:
      return Value::Time(ParseTime(text, type.typmod));
    case TypeId::kTimeTz:
      return Value::OfTimeTz(ParseTimeTz(text, type.typmod));
    case TypeId::kInterval:
      return Value::OfInterval(ParseInterval(text, type.typmod));
    case TypeId::kUuid:
      return Value::Uuid(ParseUuid(text));
    case TypeId::kJson:
      json::ValidateJson(text);
      return Value::String(std::string(text), TypeId::kJson);
    case TypeId::kJsonb:
      return Value::String(json::JsonbText(json::ParseJson(text, true)), TypeId::kJsonb);
    case TypeId::kText:
    case TypeId::kUnknown:
      return Value::String(std::string(text), type.id);
    case TypeId::kRecord:
      throw DbError(sqlstate::kFeatureNotSupported, "input of anonymous composite types is not implemented");
    case TypeId::kInvalid:
      break;
  }
  throw DbError(sqlstate::kFeatureNotSupported, "type " + FormatType(type) + " has no input function");
}

std::string FormatValue(const Value& v) {
  LUMADB_ASSERT(!v.is_null(), "FormatValue of NULL");
  if (IsArrayType(v.type())) return FormatArray(v.GetArray());
  switch (v.type()) {
    case TypeId::kRecord:
      return FormatRecord(v.GetRecord());
    case TypeId::kBool:
      return v.GetBool() ? "t" : "f";
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
      return std::to_string(v.GetInt());
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      return FormatRegOid(v.type(), static_cast<Oid>(v.GetInt()));
    case TypeId::kVoid:
      return "";
    case TypeId::kFloat4:
      return FormatFloat(v.GetFloat(), true);
    case TypeId::kFloat8:
      return FormatFloat(v.GetFloat(), false);
    case TypeId::kNumeric:
      return v.GetNumeric().ToString();
    case TypeId::kBytea:
      return FormatByteaHex(v.GetString());
    case TypeId::kDate:
      return FormatDate(v.GetInt());
    case TypeId::kTimestamp:
      return FormatTimestamp(v.GetInt(), false);
    case TypeId::kTimestampTz:
      return FormatTimestamp(v.GetInt(), true);
    case TypeId::kTime:
      return FormatTime(v.GetInt());
    case TypeId::kTimeTz:
      return FormatTimeTz(v.GetTimeTz());
    case TypeId::kInterval:
      return FormatInterval(v.GetInterval());
    case TypeId::kUuid:
      return FormatUuid(v.GetString());
    default:
      return v.GetString();
  }
}

}  // namespace lumadb
