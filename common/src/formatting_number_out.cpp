// to_char(numeric|int4|int8|float4|float8, text) and to_number(text, text): numeric_to_char,
// int4_to_char, int8_to_char, float4_to_char, float8_to_char and numeric_to_number of PostgreSQL 15's
// formatting.c over the number-picture processor.
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdio>

#include "common/error.h"
#include "common/formatting.h"
#include "formatting_internal.h"

namespace lumadb {

namespace {

using formatting::NumDesc;

// int_to_roman: 1..3999 in roman numerals, else 15 '#'.
std::string IntToRoman(int64_t number) {
  static const char* const kRm1[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  static const char* const kRm10[] = {"X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
  static const char* const kRm100[] = {"C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};
  if (number > 3999 || number < 1) return std::string(15, '#');
  std::string digits = std::to_string(number);
  std::string out;
  size_t len = digits.size();
  for (char c : digits) {
    int num = c - '1';
    if (num >= 0) {
      if (len > 3)
        out += std::string(num + 1, 'M');
      else
        out += (len == 3 ? kRm100 : len == 2 ? kRm10 : kRm1)[num];
    }
    --len;
  }
  return out;
}

// The '#' fill of an overflowed picture: pre '#', '.', post '#'.
std::string Overflow(const NumDesc& num) {
  std::string s(num.pre + num.post + 1, '#');
  s[num.pre] = '.';
  return s;
}

// PostgreSQL's snprintf prints NaN and infinities by name.
std::string PrintFloat(const char* format, int precision, double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
  char buf[512];
  std::snprintf(buf, sizeof buf, format, precision, v);
  return buf;
}

// get_str_from_var_sci: d.ddd (rounded to scale digits) e+XX.
std::string NumericSci(const Numeric& v, int scale) {
  if (v.IsSpecial()) return v.ToString();
  std::string s = v.Abs().ToString();
  std::string digits;
  size_t int_len = s.find('.') == std::string::npos ? s.size() : s.find('.');
  for (char c : s) {
    if (c != '.') digits += c;
  }
  size_t first = digits.find_first_not_of('0');
  int exponent = 0;
  std::string sig = "0";
  if (first != std::string::npos) {
    exponent = static_cast<int>(int_len) - static_cast<int>(first) - 1;
    sig = digits.substr(first, 1) + "." + digits.substr(first + 1);
  }
  Numeric m = Numeric::Parse(sig).Round(std::max(scale, 0));
  char exp[16];
  std::snprintf(exp, sizeof exp, "e%+03d", exponent);
  return (v.IsNegative() ? "-" : "") + m.ToString() + exp;
}

// The EEEE text of NaN or an infinity: '#'s in the picture's shape.
std::string SciOverflow(const NumDesc& num) {
  std::string s(num.pre + num.post + 6, '#');
  s[0] = ' ';
  s[num.pre + 1] = '.';
  return s;
}

struct Prepared {
  std::vector<formatting::FormatNode> nodes;
  NumDesc num;
};
Prepared Prepare(std::string_view format) {
  Prepared p{formatting::ParseFormat(format, formatting::Flavor::kNumber), {}};
  p.num = formatting::NumDescribe(p.nodes);
  return p;
}

// The shared tail of the plain (not roman, not EEEE) conversions: sign split and padding.
std::string LayOut(const Prepared& p, NumDesc num, std::string orgnum) {
  char sign = '+';
  if (!orgnum.empty() && orgnum[0] == '-') {
    sign = '-';
    orgnum.erase(0, 1);
  }
  size_t dot = orgnum.find('.');
  int pre_len = static_cast<int>(dot == std::string::npos ? orgnum.size() : dot);
  int out_pre_spaces = 0;
  if (pre_len < num.pre)
    out_pre_spaces = num.pre - pre_len;
  else if (pre_len > num.pre)
    orgnum = Overflow(num);
  return formatting::NumToChar(p.nodes, num, orgnum, out_pre_spaces, sign);
}

int32_t ToInt4(const Numeric& n) {
  int64_t v = n.ToInt64();
  if (v < INT32_MIN || v > INT32_MAX) throw DbError(sqlstate::kNumericValueOutOfRange, "integer out of range");
  return static_cast<int32_t>(v);
}

}  // namespace

std::string NumericToChar(const Numeric& value, std::string_view format) {
  if (format.empty()) return "";
  Prepared p = Prepare(format);
  NumDesc num = p.num;
  if (num.flag & formatting::kNumRoman) {
    if (value.IsNaN()) throw DbError(sqlstate::kFeatureNotSupported, "cannot convert NaN to integer");
    if (value.IsInf()) throw DbError(sqlstate::kFeatureNotSupported, "cannot convert infinity to integer");
    return formatting::NumToChar(p.nodes, num, IntToRoman(ToInt4(value.Round(0))), 0, '+');
  }
  if (num.flag & formatting::kNumEeee) {
    std::string org = NumericSci(value, num.post);
    if (value.IsSpecial())
      org = SciOverflow(num);
    else if (org[0] != '-')
      org.insert(0, " ");
    return formatting::NumToChar(p.nodes, num, org, 0, '+');
  }
  Numeric val = value;
  if (num.flag & formatting::kNumMulti) {
    val = val.Mul(Numeric::FromInt64(10).Power(Numeric::FromInt64(num.multi)));
    num.pre += num.multi;
  }
  return LayOut(p, num, val.Round(num.post).ToString());
}

std::string IntegerToChar(int64_t value, bool is_int8, std::string_view format) {
  if (format.empty()) return "";
  Prepared p = Prepare(format);
  NumDesc num = p.num;
  if (num.flag & formatting::kNumRoman) {
    if (is_int8 && (value < INT32_MIN || value > INT32_MAX)) {
      throw DbError(sqlstate::kNumericValueOutOfRange, "integer out of range");
    }
    return formatting::NumToChar(p.nodes, num, IntToRoman(value), 0, '+');
  }
  if (num.flag & formatting::kNumEeee) {
    std::string org = is_int8 ? NumericSci(Numeric::FromInt64(value), num.post)
                              : PrintFloat("%+.*e", num.post, static_cast<double>(value));
    if (org[0] == '+')
      org[0] = ' ';
    else if (org[0] != '-')
      org.insert(0, " ");
    return formatting::NumToChar(p.nodes, num, org, 0, '+');
  }
  if (num.flag & formatting::kNumMulti) {
    double factor = std::pow(10.0, num.multi);
    if (is_int8) {
      if (!(factor < 9223372036854775808.0)) throw DbError(sqlstate::kNumericValueOutOfRange, "bigint out of range");
      int64_t r = 0;
      if (__builtin_mul_overflow(value, static_cast<int64_t>(factor), &r)) {
        throw DbError(sqlstate::kNumericValueOutOfRange, "bigint out of range");
      }
      value = r;
    } else {
      // int4_to_char multiplies in int32 without a check; keep its wrap-around.
      value = static_cast<int32_t>(static_cast<uint32_t>(value) * static_cast<uint32_t>(static_cast<int32_t>(factor)));
    }
    num.pre += num.multi;
  }
  std::string org = std::to_string(value);
  if (num.post) org += "." + std::string(num.post, '0');
  return LayOut(p, num, org);
}

std::string FloatToChar(double value, bool is_float4, std::string_view format) {
  if (format.empty()) return "";
  Prepared p = Prepare(format);
  NumDesc num = p.num;
  if (num.flag & formatting::kNumRoman) {
    return formatting::NumToChar(p.nodes, num, IntToRoman(static_cast<int>(std::rint(value))), 0, '+');
  }
  if (num.flag & formatting::kNumEeee) {
    std::string org = std::isnan(value) || std::isinf(value) ? SciOverflow(num) : PrintFloat("%+.*e", num.post, value);
    if (org[0] == '+') org[0] = ' ';
    return formatting::NumToChar(p.nodes, num, org, 0, '+');
  }
  double val = value;
  if (num.flag & formatting::kNumMulti) {
    val = is_float4 ? static_cast<float>(value * std::pow(10.0, num.multi)) : value * std::pow(10.0, num.multi);
    num.pre += num.multi;
  }
  const int max_digits = is_float4 ? FLT_DIG : DBL_DIG;
  int pre_len = static_cast<int>(PrintFloat("%.*f", 0, std::fabs(val)).size());
  if (pre_len >= max_digits)
    num.post = 0;
  else if (pre_len + num.post > max_digits)
    num.post = max_digits - pre_len;
  return LayOut(p, num, PrintFloat("%.*f", num.post, val));
}

std::optional<Numeric> ToNumber(std::string_view text, std::string_view format) {
  if (format.empty()) return std::nullopt;
  Prepared p = Prepare(format);
  NumDesc num = p.num;
  std::string numstr = formatting::NumFromChar(p.nodes, &num, text);
  int scale = num.post;
  int precision = num.pre + num.multi + scale;
  Numeric result = Numeric::Parse(numstr).ApplyTypmod(((precision << 16) | scale) + 4);
  if (num.flag & formatting::kNumMulti) {
    result = result.Mul(Numeric::FromInt64(10).Power(Numeric::FromInt64(-num.multi)));
  }
  return result;
}

}  // namespace lumadb
