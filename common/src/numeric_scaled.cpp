// Numeric <-> scaled integers: the fast path of sum() and avg() over numeric (PostgreSQL's int128
// accumulators in numeric.c, Int128AggState) reads each input as an integer at its display scale.
#include <cstdint>

#include "common/numeric.h"

namespace lumadb {

namespace {

constexpr uint64_t kNbase = 10000;

}  // namespace

bool Numeric::ToScaledInt64(int64_t* out) const {
  if (IsSpecial() || mag_.size() > 5) return false;
  unsigned __int128 v = 0;
  for (size_t i = mag_.size(); i-- > 0;) v = v * kNbase + mag_[i];
  if (v > static_cast<unsigned __int128>(INT64_MAX)) return false;
  *out = negative_ ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

Numeric Numeric::FromScaled(unsigned __int128 magnitude, bool negative, int32_t dscale) {
  std::vector<uint16_t> digits;
  for (; magnitude != 0; magnitude /= kNbase) digits.push_back(static_cast<uint16_t>(magnitude % kNbase));
  return Numeric(negative, std::move(digits), dscale);
}

}  // namespace lumadb
