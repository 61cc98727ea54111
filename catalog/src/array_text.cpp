#include "array_text.h"

#include "common/error.h"

namespace lumadb::catalog {
namespace {

/// array_isspace: the white space array_in skips and array_out quotes.
bool IsArraySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool IsNullWord(std::string_view s) {
  if (s.size() != 4) return false;
  for (size_t i = 0; i < 4; ++i) {
    if ((s[i] | 0x20) != "null"[i]) return false;
  }
  return true;
}

bool NeedsQuotes(std::string_view s) {
  if (s.empty() || IsNullWord(s)) return true;
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || IsArraySpace(c)) return true;
  }
  return false;
}

DbError Malformed(std::string_view text) {
  return DbError(sqlstate::kDataCorrupted, "malformed array literal: \"" + std::string(text) + "\"");
}

}  // namespace

std::string FormatArrayText(const std::vector<std::string>& elements) {
  std::string out = "{";
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) out += ',';
    const std::string& e = elements[i];
    if (!NeedsQuotes(e)) {
      out += e;
      continue;
    }
    out += '"';
    for (char c : e) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::vector<std::string> ParseArrayText(std::string_view text) {
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') throw Malformed(text);
  std::string_view body = text.substr(1, text.size() - 2);
  std::vector<std::string> out;
  if (body.empty()) return out;
  size_t i = 0;
  while (true) {
    while (i < body.size() && IsArraySpace(body[i])) ++i;
    std::string element;
    bool quoted = i < body.size() && body[i] == '"';
    if (quoted) {
      for (++i; i < body.size() && body[i] != '"'; ++i) {
        if (body[i] == '\\' && i + 1 < body.size()) ++i;
        element += body[i];
      }
      if (i >= body.size()) throw Malformed(text);
      ++i;
      while (i < body.size() && IsArraySpace(body[i])) ++i;
    } else {
      for (; i < body.size() && body[i] != ','; ++i) {
        if (body[i] == '{' || body[i] == '}' || body[i] == '"') throw Malformed(text);
        if (body[i] == '\\' && i + 1 < body.size()) ++i;
        element += body[i];
      }
      while (!element.empty() && IsArraySpace(element.back())) element.pop_back();
      if (element.empty() || IsNullWord(element)) throw Malformed(text);
    }
    out.push_back(std::move(element));
    if (i == body.size()) return out;
    if (body[i] != ',') throw Malformed(text);
    ++i;
  }
}

}  // namespace lumadb::catalog
