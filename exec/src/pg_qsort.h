#pragma once
// PostgreSQL's in-memory quicksort (src/include/lib/sort_template.h, as qsort_tuple instantiates it for
// tuplesort.c): Bentley & McIlroy's partitioning with median-of-three (ninther above 40 elements),
// insertion sort below 7, and a pre-sorted check at every level. It is not stable; sorting with it
// puts rows with equal keys in the same order PostgreSQL 15 does, given the same input order.

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace lumadb::exec {

namespace pg_qsort_detail {

template <class T, class Cmp>
size_t Med3(std::vector<T>& v, size_t a, size_t b, size_t c, Cmp& cmp) {
  return cmp(v[a], v[b]) < 0 ? (cmp(v[b], v[c]) < 0 ? b : (cmp(v[a], v[c]) < 0 ? c : a))
                             : (cmp(v[b], v[c]) > 0 ? b : (cmp(v[a], v[c]) < 0 ? a : c));
}

template <class T>
void SwapN(std::vector<T>& v, size_t a, size_t b, size_t n) {
  for (size_t i = 0; i < n; ++i) std::swap(v[a + i], v[b + i]);
}

}  // namespace pg_qsort_detail

/// Sorts v[a, a + n) with cmp(x, y) returning <0, 0 or >0, exactly as PostgreSQL's sort_template.h.
template <class T, class Cmp>
void PgQsort(std::vector<T>& v, size_t a, size_t n, Cmp& cmp) {
  using pg_qsort_detail::Med3;
  using pg_qsort_detail::SwapN;
  for (;;) {
    if (n < 7) {
      for (size_t pm = a + 1; pm < a + n; ++pm) {
        for (size_t pl = pm; pl > a && cmp(v[pl - 1], v[pl]) > 0; --pl) std::swap(v[pl], v[pl - 1]);
      }
      return;
    }
    bool presorted = true;
    for (size_t pm = a + 1; pm < a + n; ++pm) {
      if (cmp(v[pm - 1], v[pm]) > 0) {
        presorted = false;
        break;
      }
    }
    if (presorted) return;
    size_t pm = a + n / 2;
    if (n > 7) {
      size_t pl = a;
      size_t pn = a + n - 1;
      if (n > 40) {
        const size_t d = n / 8;
        pl = Med3(v, pl, pl + d, pl + 2 * d, cmp);
        pm = Med3(v, pm - d, pm, pm + d, cmp);
        pn = Med3(v, pn - 2 * d, pn - d, pn, cmp);
      }
      pm = Med3(v, pl, pm, pn, cmp);
    }
    std::swap(v[a], v[pm]);
    size_t pa = a + 1, pb = a + 1;
    // pc and pd may step below pb; kept signed so the loop test pb <= pc holds as in C.
    auto pc = static_cast<std::ptrdiff_t>(a + n - 1), pd = pc;
    for (;;) {
      int r;
      while (static_cast<std::ptrdiff_t>(pb) <= pc && (r = cmp(v[pb], v[a])) <= 0) {
        if (r == 0) std::swap(v[pa++], v[pb]);
        ++pb;
      }
      while (static_cast<std::ptrdiff_t>(pb) <= pc && (r = cmp(v[static_cast<size_t>(pc)], v[a])) >= 0) {
        if (r == 0) std::swap(v[static_cast<size_t>(pc)], v[static_cast<size_t>(pd--)]);
        --pc;
      }
      if (static_cast<std::ptrdiff_t>(pb) > pc) break;
      std::swap(v[pb++], v[static_cast<size_t>(pc--)]);
    }
    const size_t end = a + n;
    size_t d1 = std::min(pa - a, pb - pa);
    SwapN(v, a, pb - d1, d1);
    const auto upc = static_cast<size_t>(pc), upd = static_cast<size_t>(pd);
    d1 = std::min(upd - upc, end - upd - 1);
    SwapN(v, pb, end - d1, d1);
    const size_t left = pb - pa;
    const size_t right = upd - upc;
    if (left <= right) {
      if (left > 1) PgQsort(v, a, left, cmp);
      if (right <= 1) return;
      a = end - right;
      n = right;
    } else {
      if (right > 1) PgQsort(v, end - right, right, cmp);
      if (left <= 1) return;
      n = left;
    }
  }
}

}  // namespace lumadb::exec
