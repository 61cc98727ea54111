#include "numeric_sum_accum.h"

#include <algorithm>

namespace lumadb::exec {

namespace {

// Beyond this display scale 10^scale no longer fits the int64 factors the integer form multiplies by.
constexpr int32_t kMaxExactScale = 18;

__int128 Pow10(int32_t n) {
  __int128 p = 1;
  for (int32_t i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

void NumericSumAccum::Add(const Numeric& n) {
  if (exact_) {
    int64_t scaled = 0;
    if (n.ToScaledInt64(&scaled) && AddScaled(scaled, n.scale())) return;
    SwitchToNumeric();
  }
  big_ = big_.Add(n);
}

void NumericSumAccum::AddInt(int64_t v) {
  if (exact_ && AddScaled(v, 0)) return;
  SwitchToNumeric();
  big_ = big_.Add(Numeric::FromInt64(v));
}

bool NumericSumAccum::AddScaled(int64_t value, int32_t scale) {
  if (scale > kMaxExactScale) return false;
  __int128 sum = sum_;
  __int128 addend = value;
  if (scale > scale_ && __builtin_mul_overflow(sum, Pow10(scale - scale_), &sum)) return false;
  if (scale < scale_) addend *= Pow10(scale_ - scale);  // |value| < 2^63 and 10^18 < 2^60: fits
  if (__builtin_add_overflow(sum, addend, &sum)) return false;
  sum_ = sum;
  if (scale > scale_) scale_ = scale;
  return true;
}

Numeric NumericSumAccum::Sum() const {
  if (!exact_) return big_;
  const bool negative = sum_ < 0;
  // -sum_ of the most negative __int128 still has the right unsigned bits.
  const auto magnitude = negative ? -static_cast<unsigned __int128>(sum_) : static_cast<unsigned __int128>(sum_);
  return Numeric::FromScaled(magnitude, negative, scale_);
}

void NumericSumAccum::SwitchToNumeric() {
  if (!exact_) return;
  big_ = Sum();
  exact_ = false;
}

void NumericSumAccum::Combine(const NumericSumAccum& other) {
  if (exact_ && other.exact_) {
    // Both at their own scale: bring them to the larger one, as AddScaled does with an input.
    __int128 mine = sum_;
    __int128 theirs = other.sum_;
    const int32_t scale = std::max(scale_, other.scale_);
    const bool fits = !__builtin_mul_overflow(mine, Pow10(scale - scale_), &mine) &&
                      !__builtin_mul_overflow(theirs, Pow10(scale - other.scale_), &theirs) &&
                      !__builtin_add_overflow(mine, theirs, &mine);
    if (fits) {
      sum_ = mine;
      scale_ = scale;
      return;
    }
  }
  SwitchToNumeric();
  big_ = big_.Add(other.Sum());
}

}  // namespace lumadb::exec
