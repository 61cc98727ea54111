// String functions, as PostgreSQL's varlena.c / oracle_compat.c, over UTF-8 text counted in characters.
#include <algorithm>
#include <string>

#include "builtins.h"
#include "common/error.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

bool IsContinuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Byte offsets of each character start, plus the end offset.
std::vector<size_t> CharStarts(const std::string& s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsContinuation(static_cast<unsigned char>(s[i]))) starts.push_back(i);
  }
  starts.push_back(s.size());
  return starts;
}

int64_t CharLength(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return !IsContinuation(static_cast<unsigned char>(c)); });
}

// Characters [from, from + count) of s (0-based, clamped).
std::string CharSlice(const std::string& s, int64_t from, int64_t count) {
  auto starts = CharStarts(s);
  int64_t n = static_cast<int64_t>(starts.size()) - 1;
  int64_t begin = std::clamp<int64_t>(from, 0, n);
  int64_t end = std::clamp<int64_t>(count < 0 ? n : from + count, begin, n);
  return s.substr(starts[begin], starts[end] - starts[begin]);
}

Value Text(std::string s) {
  return Value::String(std::move(s), T::kText);
}

Value Length(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Int4(static_cast<int32_t>(CharLength(a[0].GetString())));
}
Value BpcharLength(const std::vector<Value>& a, const FunctionEnv&) {
  std::string s = a[0].GetString();
  s.erase(s.find_last_not_of(' ') + 1);
  return Value::Int4(static_cast<int32_t>(CharLength(s)));
}
Value OctetLength(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Int4(static_cast<int32_t>(a[0].GetString().size()));
}
Value Lower(const std::vector<Value>& a, const FunctionEnv&) {
  std::string s = a[0].GetString();
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return Text(s);
}
Value Upper(const std::vector<Value>& a, const FunctionEnv&) {
  std::string s = a[0].GetString();
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return Text(s);
}

// text_substr: the window [start, start + len) in 1-based characters, clipped to the string.
Value Substring(const std::vector<Value>& a, const FunctionEnv&) {
  int64_t start = a[1].GetInt();
  if (a.size() == 2) return Text(CharSlice(a[0].GetString(), std::max<int64_t>(start, 1) - 1, -1));
  int64_t len = a[2].GetInt();
  if (len < 0) throw DbError(sqlstate::kSubstringError, "negative substring length not allowed");
  int64_t end = start + len;
  int64_t begin = std::max<int64_t>(start, 1);
  if (end <= begin) return Text("");
  return Text(CharSlice(a[0].GetString(), begin - 1, end - begin));
}

int64_t FindChars(const std::string& haystack, const std::string& needle) {
  size_t pos = haystack.find(needle);
  if (pos == std::string::npos) return 0;
  return CharLength(haystack.substr(0, pos)) + 1;
}
Value Position(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Int4(static_cast<int32_t>(FindChars(a[1].GetString(), a[0].GetString())));
}
Value Strpos(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Int4(static_cast<int32_t>(FindChars(a[0].GetString(), a[1].GetString())));
}

// Trims characters of `set` (whole UTF-8 characters) from the chosen ends.
std::string TrimChars(const std::string& s, const std::string& set, bool left, bool right) {
  auto starts = CharStarts(s);
  auto in_set = [&](size_t i) { return set.find(s.substr(starts[i], starts[i + 1] - starts[i])) != std::string::npos; };
  size_t n = starts.size() - 1;
  size_t b = 0;
  size_t e = n;
  while (left && b < e && in_set(b)) ++b;
  while (right && e > b && in_set(e - 1)) --e;
  return s.substr(starts[b], starts[e] - starts[b]);
}
template <bool kLeft, bool kRight>
Value Trim(const std::vector<Value>& a, const FunctionEnv&) {
  return Text(TrimChars(a[0].GetString(), a.size() > 1 ? a[1].GetString() : " ", kLeft, kRight));
}

Value Replace(const std::vector<Value>& a, const FunctionEnv&) {
  std::string s = a[0].GetString();
  const std::string& from = a[1].GetString();
  const std::string& to = a[2].GetString();
  if (from.empty()) return Text(s);
  std::string out;
  size_t pos = 0;
  for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out += s.substr(pos, hit - pos) + to;
  }
  return Text(out + s.substr(pos));
}

Value Left(const std::vector<Value>& a, const FunctionEnv&) {
  const std::string& s = a[0].GetString();
  int64_t n = a[1].GetInt();
  return Text(n >= 0 ? CharSlice(s, 0, n) : CharSlice(s, 0, std::max<int64_t>(CharLength(s) + n, 0)));
}
Value Right(const std::vector<Value>& a, const FunctionEnv&) {
  const std::string& s = a[0].GetString();
  int64_t len = CharLength(s);
  int64_t n = a[1].GetInt();
  return Text(n >= 0 ? CharSlice(s, std::max<int64_t>(len - n, 0), -1) : CharSlice(s, std::min(-n, len), -1));
}
Value Repeat(const std::vector<Value>& a, const FunctionEnv&) {
  std::string out;
  for (int64_t i = 0; i < a[1].GetInt(); ++i) out += a[0].GetString();
  return Text(out);
}

}  // namespace

void AddStringBuiltins(std::vector<ScalarFunction>& out) {
  std::vector<ScalarFunction> fns = {
      {"length", {T::kText}, T::kInt4, Length},
      {"length", {T::kBpchar}, T::kInt4, BpcharLength},
      {"char_length", {T::kText}, T::kInt4, Length},
      {"char_length", {T::kBpchar}, T::kInt4, BpcharLength},
      {"character_length", {T::kText}, T::kInt4, Length},
      {"octet_length", {T::kText}, T::kInt4, OctetLength},
      {"lower", {T::kText}, T::kText, Lower},
      {"upper", {T::kText}, T::kText, Upper},
      {"substring", {T::kText, T::kInt4, T::kInt4}, T::kText, Substring},
      {"substring", {T::kText, T::kInt4}, T::kText, Substring},
      {"substr", {T::kText, T::kInt4, T::kInt4}, T::kText, Substring},
      {"substr", {T::kText, T::kInt4}, T::kText, Substring},
      {"position", {T::kText, T::kText}, T::kInt4, Position},
      {"strpos", {T::kText, T::kText}, T::kInt4, Strpos},
      {"btrim", {T::kText}, T::kText, Trim<true, true>},
      {"btrim", {T::kText, T::kText}, T::kText, Trim<true, true>},
      {"ltrim", {T::kText}, T::kText, Trim<true, false>},
      {"ltrim", {T::kText, T::kText}, T::kText, Trim<true, false>},
      {"rtrim", {T::kText}, T::kText, Trim<false, true>},
      {"rtrim", {T::kText, T::kText}, T::kText, Trim<false, true>},
      {"replace", {T::kText, T::kText, T::kText}, T::kText, Replace},
      {"left", {T::kText, T::kInt4}, T::kText, Left},
      {"right", {T::kText, T::kInt4}, T::kText, Right},
      {"repeat", {T::kText, T::kInt4}, T::kText, Repeat},
      // After the text forms, so an untyped argument still resolves to text (byteaoctetlen).
      {"length", {T::kBytea}, T::kInt4, OctetLength},
      {"octet_length", {T::kBytea}, T::kInt4, OctetLength},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner
