// LIKE matching, as PostgreSQL's like_match.c MatchText, over code points.
#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "exec/expression_evaluator.h"

namespace lumadb::exec {

namespace {

std::vector<uint32_t> Decode(std::string_view s, bool fold) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (fold && cp < 0x80) cp = static_cast<uint32_t>(std::tolower(static_cast<int>(cp)));
    out.push_back(cp);
    i += len;
  }
  return out;
}

constexpr uint32_t kNoEscape = UINT32_MAX;

// Iterative matcher with single-point backtracking to the last '%' (linear for typical patterns).
bool Match(const std::vector<uint32_t>& t, const std::vector<uint32_t>& p, uint32_t esc) {
  size_t ti = 0, pi = 0;
  size_t star_p = SIZE_MAX, star_t = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '%') {
      star_p = ++pi;
      star_t = ti;
      continue;
    }
    if (pi < p.size()) {
      bool escaped = p[pi] == esc;
      if (escaped && pi + 1 >= p.size()) {
        throw DbError(sqlstate::kInvalidEscapeSequence, "LIKE pattern must not end with escape character");
      }
      uint32_t pc = escaped ? p[pi + 1] : p[pi];
      if ((!escaped && pc == '_') || pc == t[ti]) {
        pi += escaped ? 2 : 1;
        ++ti;
        continue;
      }
    }
    if (star_p == SIZE_MAX) return false;
    pi = star_p;
    ti = ++star_t;
  }
  while (pi < p.size() && p[pi] == '%') ++pi;
  if (pi < p.size() && p[pi] == esc && pi + 1 >= p.size()) {
    throw DbError(sqlstate::kInvalidEscapeSequence, "LIKE pattern must not end with escape character");
  }
  return pi == p.size();
}

}  // namespace

bool LikeMatch(std::string_view text, std::string_view pattern, std::string_view escape, bool case_insensitive) {
  auto esc_points = Decode(escape, case_insensitive);
  if (esc_points.size() > 1) {
    throw DbError(sqlstate::kInvalidEscapeCharacter, "invalid escape string")
        .Hint("Escape string must be empty or one character.");
  }
  uint32_t esc = esc_points.empty() ? kNoEscape : esc_points[0];
  return Match(Decode(text, case_insensitive), Decode(pattern, case_insensitive), esc);
}

}  // namespace lumadb::exec
