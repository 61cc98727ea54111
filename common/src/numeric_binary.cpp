// numeric_send / numeric_recv of PostgreSQL 15's numeric.c, via numeric_out's plain decimal text, which
// Numeric produces exactly at its display scale.

#include "numeric_binary.h"

#include <algorithm>
#include <string>
#include <vector>

#include "common/error.h"

namespace lumadb {

namespace {

constexpr uint16_t kSignPositive = 0x0000;
constexpr uint16_t kSignNegative = 0x4000;
constexpr uint16_t kSignNaN = 0xC000;
constexpr uint16_t kSignPlusInfinity = 0xD000;
constexpr uint16_t kSignMinusInfinity = 0xF000;
constexpr uint16_t kDscaleMask = 0x3FFF;

void PutU16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v & 0xff));
}

std::string Header(uint16_t ndigits, int16_t weight, uint16_t sign, uint16_t dscale) {
  std::string out;
  PutU16(&out, ndigits);
  PutU16(&out, static_cast<uint16_t>(weight));
  PutU16(&out, sign);
  PutU16(&out, dscale);
  return out;
}

[[noreturn]] void ThrowBadNumeric(const char* what) {
  throw DbError(sqlstate::kInvalidBinaryRepresentation,
                std::string("invalid ") + what + " in external \"numeric\" value");
}

}  // namespace

uint64_t BinaryReader::Get(size_t width) {
  std::string_view b = Bytes(width);
  uint64_t v = 0;
  for (char c : b) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

std::string_view BinaryReader::Bytes(size_t n) {
  if (n > bytes_.size() - pos_) throw DbError(sqlstate::kProtocolViolation, "insufficient data left in message");
  std::string_view b = bytes_.substr(pos_, n);
  pos_ += n;
  return b;
}

std::string_view BinaryReader::Rest() {
  return Bytes(bytes_.size() - pos_);
}

// The decimal digits, grouped in fours around the point, become base-10000 digits; leading and trailing
// zero groups are stripped as make_result's strip_var does.
std::string SendNumeric(const Numeric& n) {
  if (n.IsNaN()) return Header(0, 0, kSignNaN, 0);
  // PostgreSQL 15 sends dscale 32 for the infinities: NUMERIC_DSCALE reads it from their short header.
  if (n.IsInf()) return Header(0, 0, n.IsNegative() ? kSignMinusInfinity : kSignPlusInfinity, 32);
  const std::string text = n.ToString();
  std::string_view s = text;
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  const size_t point = s.find('.');
  std::string int_part(s.substr(0, point));
  std::string frac_part(point == std::string_view::npos ? "" : s.substr(point + 1));
  int_part.insert(0, (4 - int_part.size() % 4) % 4, '0');
  frac_part.append((4 - frac_part.size() % 4) % 4, '0');
  std::vector<uint16_t> digits;
  const std::string all = int_part + frac_part;
  for (size_t i = 0; i < all.size(); i += 4) digits.push_back(static_cast<uint16_t>(std::stoi(all.substr(i, 4))));
  int weight = static_cast<int>(int_part.size() / 4) - 1;
  size_t first = 0;
  while (first < digits.size() && digits[first] == 0) ++first;
  size_t last = digits.size();
  while (last > first && digits[last - 1] == 0) --last;
  if (first == last) return Header(0, 0, kSignPositive, static_cast<uint16_t>(n.scale()));
  weight -= static_cast<int>(first);
  std::string out = Header(static_cast<uint16_t>(last - first), static_cast<int16_t>(weight),
                           negative ? kSignNegative : kSignPositive, static_cast<uint16_t>(n.scale()));
  for (size_t i = first; i < last; ++i) PutU16(&out, digits[i]);
  return out;
}

// The digits are written out as plain decimal text (integer part from the weight, fraction cut to dscale,
// as trunc_var) and parsed, which also normalises leading zero digits.
Numeric ReceiveNumeric(BinaryReader& in, int32_t typmod) {
  const auto ndigits = static_cast<uint16_t>(in.Get(2));
  const auto weight = static_cast<int16_t>(in.Get(2));
  const auto sign = static_cast<uint16_t>(in.Get(2));
  if (sign != kSignPositive && sign != kSignNegative && sign != kSignNaN && sign != kSignPlusInfinity &&
      sign != kSignMinusInfinity) {
    ThrowBadNumeric("sign");
  }
  const auto dscale = static_cast<uint16_t>(in.Get(2));
  if ((dscale & kDscaleMask) != dscale) ThrowBadNumeric("scale");
  std::vector<uint16_t> digits(ndigits);
  for (uint16_t& d : digits) {
    d = static_cast<uint16_t>(in.Get(2));
    if (d >= 10000) ThrowBadNumeric("digit");
  }
  if (sign == kSignNaN) return Numeric::NaN().ApplyTypmod(typmod);
  if (sign == kSignPlusInfinity || sign == kSignMinusInfinity) {
    return Numeric::Infinity(sign == kSignMinusInfinity).ApplyTypmod(typmod);
  }
  // Decimal digits of position p (p = 0 is the units group of 10000^0) for p from max(weight, 0) down.
  std::string int_digits, frac_digits;
  auto digit_at = [&](int p) -> uint16_t {
    const int i = weight - p;
    return i >= 0 && i < static_cast<int>(digits.size()) ? digits[static_cast<size_t>(i)] : 0;
  };
  for (int p = std::max<int>(weight, 0); p >= 0; --p) {
    const std::string group = std::to_string(10000 + digit_at(p)).substr(1);
    int_digits += group;
  }
  for (int p = -1; static_cast<int>(frac_digits.size()) < dscale; --p) {
    frac_digits += std::to_string(10000 + digit_at(p)).substr(1);
  }
  frac_digits.resize(dscale);
  std::string text = (sign == kSignNegative ? "-" : "") + int_digits;
  if (dscale > 0) text += "." + frac_digits;
  return Numeric::Parse(text).ApplyTypmod(typmod);
}

}  // namespace lumadb
