// float.c's float8_accum, float8_regr_accum, float8_combine and float8_regr_combine, step for step.
#include "common/float_accum.h"

#include <cmath>

#include "common/error.h"

namespace lumadb {

namespace {

[[noreturn]] void Overflow() {
  throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}

double NaN() {
  return std::nan("");
}

// float8_pl: the sum, 22003 when finite operands overflow.
double Plus(double a, double b) {
  const double r = a + b;
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) Overflow();
  return r;
}

// The merged sum of squares (or products) of two groups with means' differences d1, d2.
double Merged(double s1, double s2, double n1, double n2, double d1, double d2) {
  const double r = s1 + s2 + n1 * n2 * d1 * d2 / (n1 + n2);
  if (std::isinf(r) && !std::isinf(s1) && !std::isinf(s2)) Overflow();
  return r;
}

}  // namespace

void Float8Accum(Float8AccumState& s, double x) {
  auto& [n, sx, sxx] = s;
  const double old_n = n, old_sx = sx;
  n += 1.0;
  sx += x;
  if (old_n > 0.0) {
    const double tmp = x * n - sx;
    sxx += tmp * tmp / (n * old_n);
    if (std::isinf(sx) || std::isinf(sxx)) {
      if (!std::isinf(old_sx) && !std::isinf(x)) Overflow();
      sxx = NaN();
    }
  } else if (std::isnan(x) || std::isinf(x)) {
    sxx = NaN();  // else a lone infinite input would report variance zero
  }
}

void Float8RegrAccum(Float8RegrState& s, double y, double x) {
  auto& [n, sx, sxx, sy, syy, sxy] = s;
  const double old_n = n, old_sx = sx, old_sy = sy;
  n += 1.0;
  sx += x;
  sy += y;
  if (old_n > 0.0) {
    const double tmp_x = x * n - sx;
    const double tmp_y = y * n - sy;
    const double scale = 1.0 / (n * old_n);
    sxx += tmp_x * tmp_x * scale;
    syy += tmp_y * tmp_y * scale;
    sxy += tmp_x * tmp_y * scale;
    if (std::isinf(sx) || std::isinf(sxx)) {
      if (!std::isinf(old_sx) && !std::isinf(x)) Overflow();
      sxx = NaN();
    }
    if (std::isinf(sy) || std::isinf(syy)) {
      if (!std::isinf(old_sy) && !std::isinf(y)) Overflow();
      syy = NaN();
    }
    if (std::isinf(sxy)) {
      if (!std::isinf(old_sx) && !std::isinf(x) && !std::isinf(old_sy) && !std::isinf(y)) Overflow();
      sxy = NaN();
    }
    return;
  }
  if (std::isnan(x) || std::isinf(x)) sxx = sxy = NaN();
  if (std::isnan(y) || std::isinf(y)) syy = sxy = NaN();
}

void Float8Combine(Float8AccumState& a, const Float8AccumState& b) {
  if (a[0] == 0.0) {
    a = b;
    return;
  }
  if (b[0] == 0.0) return;
  const double d = a[1] / a[0] - b[1] / b[0];
  const double sxx = Merged(a[2], b[2], a[0], b[0], d, d);
  a = {a[0] + b[0], Plus(a[1], b[1]), sxx};
}

void Float8RegrCombine(Float8RegrState& a, const Float8RegrState& b) {
  if (a[0] == 0.0) {
    a = b;
    return;
  }
  if (b[0] == 0.0) return;
  const double dx = a[1] / a[0] - b[1] / b[0];
  const double dy = a[3] / a[0] - b[3] / b[0];
  const double sxx = Merged(a[2], b[2], a[0], b[0], dx, dx);
  const double syy = Merged(a[4], b[4], a[0], b[0], dy, dy);
  const double sxy = Merged(a[5], b[5], a[0], b[0], dx, dy);
  a = {a[0] + b[0], Plus(a[1], b[1]), sxx, Plus(a[3], b[3]), syy, sxy};
}

}  // namespace lumadb
