#include "posix_zone.h"

namespace lumadb {

namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// getnum: a decimal field of at most three digits in [0, max].
bool ReadNumber(std::string_view* s, int32_t max, int32_t* out) {
  int32_t v = 0;
  size_t n = 0;
  while (n < s->size() && IsDigit((*s)[n]) && n < 3) v = v * 10 + ((*s)[n++] - '0');
  if (n == 0 || v > max) return false;
  s->remove_prefix(n);
  *out = v;
  return true;
}

// getoffset / getsecs: [+-]hh[:mm[:ss]], seconds west of UTC (POSIX's sign).
bool ReadOffset(std::string_view* s, int32_t* west) {
  int sign = 1;
  if (!s->empty() && (s->front() == '+' || s->front() == '-')) {
    sign = s->front() == '-' ? -1 : 1;
    s->remove_prefix(1);
  }
  int32_t h = 0, m = 0, sec = 0;
  if (!ReadNumber(s, 24 * 7 - 1, &h)) return false;
  if (!s->empty() && s->front() == ':') {
    s->remove_prefix(1);
    if (!ReadNumber(s, 59, &m)) return false;
    if (!s->empty() && s->front() == ':') {
      s->remove_prefix(1);
      if (!ReadNumber(s, 60, &sec)) return false;
    }
  }
  *west = sign * (h * 3600 + m * 60 + sec);
  return true;
}

}  // namespace

std::string ToUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::optional<PosixZone> ParsePosixZone(std::string_view spec) {
  std::string_view rest = spec;
  std::string_view name;
  if (!rest.empty() && rest.front() == '<') {
    const size_t close = rest.find('>');
    if (close == std::string_view::npos) return std::nullopt;
    name = rest.substr(1, close - 1);
    rest.remove_prefix(close + 1);
  } else {
    size_t n = 0;
    while (n < rest.size() && !IsDigit(rest[n]) && rest[n] != ',' && rest[n] != '-' && rest[n] != '+') ++n;
    name = rest.substr(0, n);
    rest.remove_prefix(n);
  }
  int32_t west = 0;
  if (rest.empty() || !ReadOffset(&rest, &west) || !rest.empty()) return std::nullopt;
  return PosixZone{ToUpper(name), -west};
}

}  // namespace lumadb
