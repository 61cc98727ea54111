#include "big_nat.h"

#include <algorithm>

namespace lumadb::bignat {

namespace {
constexpr uint32_t kPow10[] = {1, 10, 100, 1000, 10000};
}  // namespace

void Trim(Digits& a) {
  while (!a.empty() && a.back() == 0) a.pop_back();
}

int Compare(const Digits& a, const Digits& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

Digits Add(const Digits& a, const Digits& b) {
  Digits r(std::max(a.size(), b.size()) + 1, 0);
  uint32_t carry = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    uint32_t s = carry + (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
    r[i] = static_cast<uint16_t>(s % kBase);
    carry = s / kBase;
  }
  Trim(r);
  return r;
}

Digits Sub(const Digits& a, const Digits& b) {
  Digits r(a.size(), 0);
  int32_t borrow = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    int32_t s = static_cast<int32_t>(a[i]) - borrow - (i < b.size() ? b[i] : 0);
    borrow = s < 0 ? 1 : 0;
    r[i] = static_cast<uint16_t>(s + borrow * static_cast<int32_t>(kBase));
  }
  Trim(r);
  return r;
}

Digits Mul(const Digits& a, const Digits& b) {
  if (a.empty() || b.empty()) return {};
  std::vector<uint64_t> acc(a.size() + b.size() + 1, 0);
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t j = 0; j < b.size(); ++j) acc[i + j] += static_cast<uint64_t>(a[i]) * b[j];
    // Normalise every row so the 64-bit accumulators never overflow, however long the operands.
    uint64_t carry = 0;
    for (size_t k = i; k < acc.size(); ++k) {
      acc[k] += carry;
      carry = acc[k] / kBase;
      acc[k] %= kBase;
      if (carry == 0 && k >= i + b.size()) break;
    }
  }
  Digits r(acc.size());
  for (size_t k = 0; k < acc.size(); ++k) r[k] = static_cast<uint16_t>(acc[k]);
  Trim(r);
  return r;
}

Digits MulSmall(const Digits& a, uint32_t m) {
  Digits r(a.size() + 2, 0);
  uint32_t carry = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    uint32_t s = carry + (i < a.size() ? a[i] * m : 0);
    r[i] = static_cast<uint16_t>(s % kBase);
    carry = s / kBase;
  }
  Trim(r);
  return r;
}

Digits MulPow10(const Digits& a, int32_t n) {
  if (a.empty()) return {};
  Digits r(static_cast<size_t>(n / 4), 0);
  r.insert(r.end(), a.begin(), a.end());
  return MulSmall(r, kPow10[n % 4]);
}

Digits DivPow10(const Digits& a, int32_t n, uint32_t* rem_digit) {
  *rem_digit = 0;
  if (n == 0) return a;
  // Digit just below the cut: decimal position n-1 of a.
  const size_t pos = static_cast<size_t>((n - 1) / 4);
  if (pos < a.size()) *rem_digit = (a[pos] / kPow10[(n - 1) % 4]) % 10;
  const size_t drop = static_cast<size_t>(n / 4);
  if (drop >= a.size()) return {};
  Digits r(a.begin() + static_cast<std::ptrdiff_t>(drop), a.end());
  const uint32_t div = kPow10[n % 4];
  if (div > 1) {
    uint32_t rem = 0;
    for (size_t i = r.size(); i-- > 0;) {
      uint32_t cur = rem * kBase + r[i];
      r[i] = static_cast<uint16_t>(cur / div);
      rem = cur % div;
    }
  }
  Trim(r);
  return r;
}

void DivMod(const Digits& a, const Digits& b, Digits* q, Digits* r) {
  Digits quot(a.size(), 0);
  Digits rem;
  for (size_t i = a.size(); i-- > 0;) {
    rem.insert(rem.begin(), a[i]);
    Trim(rem);
    // Binary search the largest quotient digit d with b * d <= rem.
    uint32_t lo = 0, hi = kBase - 1;
    while (lo < hi) {
      uint32_t mid = (lo + hi + 1) / 2;
      if (Compare(MulSmall(b, mid), rem) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (lo > 0) rem = Sub(rem, MulSmall(b, lo));
    quot[i] = static_cast<uint16_t>(lo);
  }
  Trim(quot);
  *q = std::move(quot);
  *r = std::move(rem);
}

Digits FromUint64(uint64_t v) {
  Digits r;
  r.reserve(5);  // every uint64 fits: one allocation instead of one per growth
  while (v > 0) {
    r.push_back(static_cast<uint16_t>(v % kBase));
    v /= kBase;
  }
  return r;
}

bool ToUint64(const Digits& a, uint64_t* out) {
  unsigned __int128 v = 0;
  for (size_t i = a.size(); i-- > 0;) {
    v = v * kBase + a[i];
    if (v > UINT64_MAX) return false;
  }
  *out = static_cast<uint64_t>(v);
  return true;
}

int32_t DecimalDigits(const Digits& a) {
  if (a.empty()) return 0;
  int32_t n = static_cast<int32_t>(a.size() - 1) * 4;
  for (uint32_t top = a.back(); top > 0; top /= 10) ++n;
  return n;
}

std::string ToDecimal(const Digits& a) {
  if (a.empty()) return "0";
  std::string s = std::to_string(a.back());
  for (size_t i = a.size() - 1; i-- > 0;) {
    std::string part = std::to_string(a[i]);
    s.append(4 - part.size(), '0');
    s += part;
  }
  return s;
}

Digits FromDecimal(std::string_view digits) {
  Digits r;
  for (size_t end = digits.size(); end > 0;) {
    size_t begin = end >= 4 ? end - 4 : 0;
    uint32_t v = 0;
    for (size_t i = begin; i < end; ++i) v = v * 10 + static_cast<uint32_t>(digits[i] - '0');
    r.push_back(static_cast<uint16_t>(v));
    end = begin;
  }
  Trim(r);
  return r;
}

}  // namespace lumadb::bignat
