// similar_to_escape(pattern [, escape]): the POSIX regular expression of an SQL SIMILAR TO pattern
// (PostgreSQL 15 regexp.c similar_escape_internal), which `a SIMILAR TO b` matches with ~.
#include "builtins.h"
#include "common/error.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

// SQLSTATE 2200C (errcodes.txt invalid_use_of_escape_character).
constexpr SqlState kInvalidUseOfEscapeCharacter{"2200C"};
// SQLSTATE 22025 (errcodes.txt invalid_escape_sequence).
constexpr SqlState kInvalidEscapeSequence{"22025"};

std::string SimilarEscape(const std::string& pattern, const std::string* escape) {
  std::string e = escape ? *escape : "\\";
  size_t chars = 0;
  for (char c : e) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (chars > 1) {
    throw DbError(kInvalidEscapeSequence, "invalid escape string")
        .Hint("Escape string must be empty or one character.");
  }
  std::string r = "^(?:";
  bool afterescape = false, incharclass = false;
  int nquotes = 0;
  for (size_t i = 0; i < pattern.size();) {
    size_t n = 1;
    while (i + n < pattern.size() && (static_cast<unsigned char>(pattern[i + n]) & 0xC0) == 0x80) ++n;
    const std::string ch = pattern.substr(i, n);
    const char c = pattern[i];
    i += n;
    if (afterescape) {
      if (c == '"' && !incharclass) {
        if (nquotes == 0) {
          r += "){1,1}?(";
        } else if (nquotes == 1) {
          r += "){1,1}(?:";
        } else {
          throw DbError(kInvalidUseOfEscapeCharacter,
                        "SQL regular expression may not contain more than two escape-double-quote separators");
        }
        ++nquotes;
      } else {
        r += "\\" + ch;
      }
      afterescape = false;
    } else if (!e.empty() && ch == e) {
      afterescape = true;
    } else if (incharclass) {
      if (c == '\\') r += '\\';
      r += ch;
      if (c == ']') incharclass = false;
    } else if (c == '[') {
      r += ch;
      incharclass = true;
    } else if (c == '%') {
      r += ".*";
    } else if (c == '_') {
      r += '.';
    } else if (c == '(') {
      r += "(?:";
    } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
      r += "\\" + ch;
    } else {
      r += ch;
    }
  }
  return r + ")$";
}

Value SimilarToEscape(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::String(SimilarEscape(a[0].GetString(), a.size() > 1 ? &a[1].GetString() : nullptr));
}

// substring(string, pattern, escape): SUBSTRING(x SIMILAR p ESCAPE e) and the SQL99 FROM p FOR e form,
// pg_proc's SQL function substring($1, similar_to_escape($2, $3)).
Value SimilarSubstring(const std::vector<Value>& a, const FunctionEnv& env) {
  static const ScalarFunction* const kRegexSubstr = ResolveFunction("textregexsubstr", {T::kText, T::kText})->func;
  return kRegexSubstr->impl({a[0], Value::String(SimilarEscape(a[1].GetString(), &a[2].GetString()))}, env);
}

}  // namespace

void AddSimilarBuiltins(std::vector<ScalarFunction>& out) {
  out.push_back({"similar_to_escape", {T::kText}, T::kText, SimilarToEscape});
  out.push_back({"similar_to_escape", {T::kText, T::kText}, T::kText, SimilarToEscape});
  out.push_back({"substring", {T::kText, T::kText, T::kText}, T::kText, SimilarSubstring});
}

}  // namespace lumadb::planner
