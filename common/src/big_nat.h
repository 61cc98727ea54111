#pragma once
// Unsigned arbitrary-precision integers in base 10^4, the magnitude arithmetic under Numeric
// (private to common/). Digits are little-endian (digits[0] is the least significant) with no high
// zero digits, so zero is the empty vector.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lumadb::bignat {

using Digits = std::vector<uint16_t>;
inline constexpr uint32_t kBase = 10000;

/// Drops high zero digits.
void Trim(Digits& a);
/// Three-way comparison of magnitudes: -1, 0 or 1.
int Compare(const Digits& a, const Digits& b);
Digits Add(const Digits& a, const Digits& b);
/// a - b; requires a >= b.
Digits Sub(const Digits& a, const Digits& b);
Digits Mul(const Digits& a, const Digits& b);
/// a * m for 0 <= m <= 10^4.
Digits MulSmall(const Digits& a, uint32_t m);
/// a * 10^n, n >= 0.
Digits MulPow10(const Digits& a, int32_t n);
/// Truncating division by 10^n (n >= 0); *rem_digit receives the decimal digit just below the cut
/// (0..9), which decides half-up rounding.
Digits DivPow10(const Digits& a, int32_t n, uint32_t* rem_digit);
/// Truncating a / b and a % b; requires b != 0.
void DivMod(const Digits& a, const Digits& b, Digits* q, Digits* r);
Digits FromUint64(uint64_t v);
/// Converts to uint64; false when the value does not fit.
bool ToUint64(const Digits& a, uint64_t* out);
/// Number of decimal digits (0 for zero).
int32_t DecimalDigits(const Digits& a);
/// Decimal text without leading zeros ("0" for zero).
std::string ToDecimal(const Digits& a);
/// Parses a string of ASCII decimal digits (no sign).
Digits FromDecimal(std::string_view digits);

}  // namespace lumadb::bignat
