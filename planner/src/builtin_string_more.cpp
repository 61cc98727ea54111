// More string functions of PostgreSQL 15's varlena.c, oracle_compat.c and quote.c: concat_ws, reverse,
// initcap, md5, to_hex, split_part, lpad, rpad, translate, ascii, chr, quote_ident, quote_literal,
// quote_nullable, starts_with, bit_length. Text is UTF-8 and counted in characters.
#include <algorithm>
#include <cstdio>

#include <openssl/evp.h>

#include "builtins.h"
#include "common/error.h"
#include "common/reg_names.h"
#include "common/value_io.h"
#include "parser/keywords.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

// The UTF-8 characters of s.
std::vector<std::string> Chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

Value Text(std::string s) {
  return Value::String(std::move(s));
}

Value ConcatWs(const std::vector<Value>& a, const FunctionEnv&) {
  if (a[0].is_null()) return Value::Null(T::kText);
  std::string out;
  bool first = true;
  for (size_t i = 1; i < a.size(); ++i) {
    if (a[i].is_null()) continue;
    if (!first) out += a[0].GetString();
    out += FormatValue(a[i]);
    first = false;
  }
  return Text(out);
}

Value Reverse(const std::vector<Value>& a, const FunctionEnv&) {
  auto chars = Chars(a[0].GetString());
  std::string out;
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
  return Text(out);
}

Value Initcap(const std::vector<Value>& a, const FunctionEnv&) {
  std::string s = a[0].GetString();
  bool word = false;
  for (char& c : s) {
    auto u = static_cast<unsigned char>(c);
    c = static_cast<char>(word ? std::tolower(u) : std::toupper(u));
    word = std::isalnum(u) || u >= 0x80;
  }
  return Text(s);
}

Value Md5(const std::vector<Value>& a, const FunctionEnv&) {
  const std::string& s = a[0].GetString();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(s.data(), s.size(), digest, &len, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return Text(hex);
}

Value ToHex(const std::vector<Value>& a, const FunctionEnv&) {
  char buf[32];
  if (a[0].type() == T::kInt8) {
    std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(a[0].GetInt()));
  } else {
    std::snprintf(buf, sizeof buf, "%x", static_cast<uint32_t>(a[0].GetInt()));
  }
  return Text(buf);
}

// split_part: field n (1-based; negative counts from the end) of the string cut at every delimiter.
Value SplitPart(const std::vector<Value>& a, const FunctionEnv&) {
  const std::string& s = a[0].GetString();
  const std::string& sep = a[1].GetString();
  int64_t n = a[2].GetInt();
  if (n == 0) throw DbError(sqlstate::kInvalidParameterValue, "field position must not be zero");
  if (s.empty()) return Text("");
  std::vector<std::string> fields;
  if (sep.empty()) {
    fields.push_back(s);
  } else {
    size_t pos = 0;
    for (size_t hit; (hit = s.find(sep, pos)) != std::string::npos; pos = hit + sep.size()) {
      fields.push_back(s.substr(pos, hit - pos));
    }
    fields.push_back(s.substr(pos));
  }
  int64_t count = static_cast<int64_t>(fields.size());
  int64_t index = n > 0 ? n - 1 : count + n;
  return Text(index >= 0 && index < count ? fields[index] : "");
}

// lpad/rpad: the string cut or filled (with the fill repeated) to len characters.
template <bool kLeft>
Value Pad(const std::vector<Value>& a, const FunctionEnv&) {
  auto chars = Chars(a[0].GetString());
  int64_t len = std::max<int64_t>(a[1].GetInt(), 0);
  auto fill = Chars(a.size() > 2 ? a[2].GetString() : " ");
  std::string out;
  int64_t have = static_cast<int64_t>(chars.size());
  if (have >= len || fill.empty()) {
    for (int64_t i = 0; i < std::min(have, len); ++i) out += chars[i];
    return Text(out);
  }
  if (len > 268435455) throw DbError(sqlstate::kProgramLimitExceeded, "requested length too large");
  std::string padding;
  for (int64_t i = 0; i < len - have; ++i) padding += fill[i % fill.size()];
  std::string body;
  for (const auto& c : chars) body += c;
  return Text(kLeft ? padding + body : body + padding);
}

Value Translate(const std::vector<Value>& a, const FunctionEnv&) {
  auto from = Chars(a[1].GetString());
  auto to = Chars(a[2].GetString());
  std::string out;
  for (const auto& c : Chars(a[0].GetString())) {
    auto it = std::find(from.begin(), from.end(), c);
    if (it == from.end()) {
      out += c;
    } else if (size_t k = it - from.begin(); k < to.size()) {
      out += to[k];
    }
  }
  return Text(out);
}

Value Ascii(const std::vector<Value>& a, const FunctionEnv&) {
  const std::string& s = a[0].GetString();
  if (s.empty()) return Value::Int4(0);
  auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  uint32_t c = b(0);
  size_t n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  if (n) c &= 0x3F >> n;
  for (size_t i = 1; i <= n && i < s.size(); ++i) c = (c << 6) | (b(i) & 0x3F);
  return Value::Int4(static_cast<int32_t>(c));
}

Value Chr(const std::vector<Value>& a, const FunctionEnv&) {
  int64_t arg = a[0].GetInt();
  auto c = static_cast<uint32_t>(arg);
  if (c == 0) throw DbError(sqlstate::kProgramLimitExceeded, "null character not permitted");
  if (c > 0x10FFFF) {
    throw DbError(sqlstate::kProgramLimitExceeded,
                  "requested character too large for encoding: " + std::to_string(arg));
  }
  if (c >= 0xD800 && c <= 0xDFFF) {
    throw DbError(sqlstate::kProgramLimitExceeded,
                  "requested character not valid for encoding: " + std::to_string(arg));
  }
  std::string out;
  AppendUtf8(out, c);
  return Text(out);
}

}  // namespace

std::string QuoteIdent(std::string_view ident) {
  std::string quoted = QuoteIdentifier(ident);
  if (quoted.size() == ident.size() && parser::IsQuotedKeyword(ident)) return "\"" + std::string(ident) + "\"";
  return quoted;
}

std::string QuoteLiteral(std::string_view s) {
  std::string out = s.find('\\') != std::string_view::npos ? "E'" : "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

namespace {

Value QuoteIdentFn(const std::vector<Value>& a, const FunctionEnv&) {
  return Text(QuoteIdent(a[0].GetString()));
}
Value QuoteLiteralFn(const std::vector<Value>& a, const FunctionEnv&) {
  return Text(QuoteLiteral(a[0].type() == T::kText ? a[0].GetString() : FormatValue(a[0])));
}
Value QuoteNullable(const std::vector<Value>& a, const FunctionEnv& env) {
  return a[0].is_null() ? Text("NULL") : QuoteLiteralFn(a, env);
}
Value StartsWith(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Bool(a[0].GetString().starts_with(a[1].GetString()));
}
Value BitLength(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::Int4(static_cast<int32_t>(a[0].GetString().size() * 8));
}

}  // namespace

void AddMoreStringBuiltins(std::vector<ScalarFunction>& out) {
  std::vector<ScalarFunction> fns = {
      {"concat_ws", {T::kText, T::kInvalid}, T::kText, ConcatWs, false, true},
      {"reverse", {T::kText}, T::kText, Reverse},
      {"initcap", {T::kText}, T::kText, Initcap},
      {"md5", {T::kText}, T::kText, Md5},
      {"to_hex", {T::kInt4}, T::kText, ToHex},
      {"to_hex", {T::kInt8}, T::kText, ToHex},
      {"split_part", {T::kText, T::kText, T::kInt4}, T::kText, SplitPart},
      {"lpad", {T::kText, T::kInt4}, T::kText, Pad<true>},
      {"lpad", {T::kText, T::kInt4, T::kText}, T::kText, Pad<true>},
      {"rpad", {T::kText, T::kInt4}, T::kText, Pad<false>},
      {"rpad", {T::kText, T::kInt4, T::kText}, T::kText, Pad<false>},
      {"translate", {T::kText, T::kText, T::kText}, T::kText, Translate},
      {"ascii", {T::kText}, T::kInt4, Ascii},
      {"chr", {T::kInt4}, T::kText, Chr},
      {"quote_ident", {T::kText}, T::kText, QuoteIdentFn},
      {"quote_literal", {T::kText}, T::kText, QuoteLiteralFn},
      {"quote_literal", {T::kInvalid}, T::kText, QuoteLiteralFn},
      {"quote_nullable", {T::kText}, T::kText, QuoteNullable, false},
      {"quote_nullable", {T::kInvalid}, T::kText, QuoteNullable, false},
      {"starts_with", {T::kText, T::kText}, T::kBool, StartsWith},
      {"bit_length", {T::kText}, T::kInt4, BitLength},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner
