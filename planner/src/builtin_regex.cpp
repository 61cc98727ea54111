// The POSIX regular-expression operators' functions and regexp_* (PostgreSQL 15 utils/adt/regexp.c)
// over the PCRE2-backed Regex. Positions are 1-based characters of UTF-8 text, as in PostgreSQL.
#include <string>

#include "builtins.h"
#include "common/array.h"
#include "common/error.h"
#include "regex.h"

namespace lumadb::planner {

namespace {

using T = TypeId;
using Args = std::vector<Value>;

size_t CharLen(unsigned char lead) {
  return lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
}

// Byte offset of the 1-based character position pos (the end when past it).
size_t ByteOffset(std::string_view s, int64_t pos) {
  size_t b = 0;
  for (int64_t i = 1; i < pos && b < s.size(); ++i) b += CharLen(static_cast<unsigned char>(s[b]));
  return std::min(b, s.size());
}

// 1-based character position of byte offset b.
int32_t CharPos(std::string_view s, size_t b) {
  int32_t n = 1;
  for (size_t i = 0; i < b; i += CharLen(static_cast<unsigned char>(s[i]))) ++n;
  return n;
}

void CheckParam(bool ok, const char* name, int64_t value) {
  if (!ok) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  std::string("invalid value for parameter \"") + name + "\": " + std::to_string(value));
  }
}

RegexFlags FlagsNoGlobal(const Args& a, size_t index, const char* function) {
  RegexFlags f = RegexFlags::Parse(a.size() > index ? a[index].GetString() : "");
  if (f.global) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  std::string(function) + "() does not support the \"global\" option");
  }
  return f;
}

// Calls fn for each match from byte offset start until it returns false, advancing past an empty
// match by one character (regexp.c setup_regexp_matches).
template <typename Fn>
void ForEachMatch(const Regex& re, std::string_view s, size_t start, Fn fn) {
  RegexMatch m;
  while (start <= s.size() && re.Find(s, start, &m)) {
    if (!fn(m)) return;
    const auto [begin, end] = m.groups[0];
    start = end + (begin == end ? (end < s.size() ? CharLen(static_cast<unsigned char>(s[end])) : 1) : 0);
  }
}

// The n'th match (1-based) at or after byte offset start, or nullopt.
std::optional<RegexMatch> NthMatch(const Regex& re, std::string_view s, size_t start, int64_t n) {
  std::optional<RegexMatch> found;
  int64_t seen = 0;
  ForEachMatch(re, s, start, [&](const RegexMatch& m) {
    if (++seen < n) return true;
    found = m;
    return false;
  });
  return found;
}

template <bool kIcase, bool kNegate>
Value RegexEq(const Args& a, const FunctionEnv&) {
  RegexFlags f;
  f.icase = kIcase;
  RegexMatch m;
  return Value::Bool(Regex::Get(a[1].GetString(), f)->Find(a[0].GetString(), 0, &m) != kNegate);
}

// substring(string from pattern): the first parenthesised subexpression, else the whole match.
Value RegexSubstr(const Args& a, const FunctionEnv&) {
  const std::string s = a[0].GetString();
  auto re = Regex::Get(a[1].GetString(), {});
  RegexMatch m;
  if (!re->Find(s, 0, &m)) return Value::Null(T::kText);
  const auto span = m.groups[re->CaptureCount() > 0 ? 1 : 0];
  if (span.begin == std::string_view::npos) return Value::Null(T::kText);
  return Value::String(s.substr(span.begin, span.end - span.begin), T::kText);
}

// Appends the replacement with \1..\9 and \& substituted (regexp.c appendStringInfoRegexpSubstr).
void AppendReplacement(std::string& out, std::string_view repl, std::string_view s, const RegexMatch& m) {
  for (size_t i = 0; i < repl.size(); ++i) {
    const char c = repl[i];
    if (c != '\\' || i + 1 >= repl.size()) {
      out += c;
      continue;
    }
    const char n = repl[i + 1];
    size_t group = SIZE_MAX;
    if (n >= '1' && n <= '9') group = static_cast<size_t>(n - '0');
    if (n == '&') group = 0;
    if (group != SIZE_MAX) {
      if (group < m.groups.size() && m.groups[group].begin != std::string_view::npos) {
        out.append(s.substr(m.groups[group].begin, m.groups[group].end - m.groups[group].begin));
      }
      ++i;
    } else if (n == '\\') {
      out += '\\';
      ++i;
    } else {
      out += c;
    }
  }
}

// regexp_replace(source, pattern, replacement [, start [, N]] [, flags]): N = 0 replaces every match.
Value RegexpReplace(const Args& a, const FunctionEnv&) {
  const bool flags_text = a.size() == 4 && a[3].type() == T::kText;
  const int64_t start = a.size() >= 4 && !flags_text ? a[3].GetInt() : 1;
  CheckParam(start > 0, "start", start);
  int64_t n = a.size() >= 5 ? a[4].GetInt() : 1;
  CheckParam(n >= 0, "n", n);
  const size_t flags_at = flags_text ? 3 : 5;
  const RegexFlags f = RegexFlags::Parse(a.size() > flags_at ? a[flags_at].GetString() : "");
  if (f.global) n = 0;
  const std::string s = a[0].GetString();
  const std::string repl = a[2].GetString();
  auto re = Regex::Get(a[1].GetString(), f);
  std::string out;
  size_t copied = 0;
  int64_t seen = 0;
  ForEachMatch(*re, s, ByteOffset(s, start), [&](const RegexMatch& m) {
    if (n > 0 && ++seen < n) return true;
    out.append(s, copied, m.groups[0].begin - copied);
    AppendReplacement(out, repl, s, m);
    copied = m.groups[0].end;
    return n == 0;
  });
  out.append(s, copied);
  return Value::String(std::move(out), T::kText);
}

Value RegexpLike(const Args& a, const FunctionEnv&) {
  RegexMatch m;
  const RegexFlags f = FlagsNoGlobal(a, 2, "regexp_like");
  return Value::Bool(Regex::Get(a[1].GetString(), f)->Find(a[0].GetString(), 0, &m));
}

// regexp_count(string, pattern [, start [, flags]]).
Value RegexpCount(const Args& a, const FunctionEnv&) {
  const int64_t start = a.size() > 2 ? a[2].GetInt() : 1;
  CheckParam(start > 0, "start", start);
  const RegexFlags f = FlagsNoGlobal(a, 3, "regexp_count");
  const std::string s = a[0].GetString();
  int32_t count = 0;
  ForEachMatch(*Regex::Get(a[1].GetString(), f), s, ByteOffset(s, start), [&](const RegexMatch&) {
    ++count;
    return true;
  });
  return Value::Int4(count);
}

// The span regexp_instr/regexp_substr report: group subexpr of the N'th match from start, or nullopt.
std::optional<RegexMatch::Span> NthSpan(const Args& a, const std::string& s, size_t flags_at, size_t subexpr_at,
                                        const char* function) {
  const int64_t start = a.size() > 2 ? a[2].GetInt() : 1;
  CheckParam(start > 0, "start", start);
  const int64_t n = a.size() > 3 ? a[3].GetInt() : 1;
  CheckParam(n > 0, "n", n);
  const int64_t subexpr = a.size() > subexpr_at ? a[subexpr_at].GetInt() : 0;
  CheckParam(subexpr >= 0, "subexpr", subexpr);
  auto re = Regex::Get(a[1].GetString(), FlagsNoGlobal(a, flags_at, function));
  auto m = NthMatch(*re, s, ByteOffset(s, start), n);
  if (!m || static_cast<size_t>(subexpr) > re->CaptureCount()) return std::nullopt;
  const auto span = m->groups[static_cast<size_t>(subexpr)];
  if (span.begin == std::string_view::npos) return std::nullopt;
  return span;
}

// regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]]).
Value RegexpInstr(const Args& a, const FunctionEnv&) {
  const int64_t endoption = a.size() > 4 ? a[4].GetInt() : 0;
  CheckParam(endoption == 0 || endoption == 1, "endoption", endoption);
  const std::string s = a[0].GetString();
  auto span = NthSpan(a, s, 5, 6, "regexp_instr");
  if (!span) return Value::Int4(0);
  return Value::Int4(CharPos(s, endoption == 1 ? span->end : span->begin));
}

// regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]]).
Value RegexpSubstr(const Args& a, const FunctionEnv&) {
  const std::string s = a[0].GetString();
  auto span = NthSpan(a, s, 4, 5, "regexp_substr");
  if (!span) return Value::Null(T::kText);
  return Value::String(s.substr(span->begin, span->end - span->begin), T::kText);
}

// The text[] regexp_match(es) gives for match m: its capture groups (NULL for one that did not take
// part), or the whole match when the pattern has none.
Value MatchArray(const Regex& re, std::string_view s, const RegexMatch& m) {
  std::vector<Value> items;
  for (size_t g = re.CaptureCount() > 0 ? 1 : 0; g < m.groups.size(); ++g) {
    const auto span = m.groups[g];
    items.push_back(span.begin == std::string_view::npos
                        ? Value::Null(T::kText)
                        : Value::String(std::string(s.substr(span.begin, span.end - span.begin)), T::kText));
  }
  return MakeArray(T::kText, std::move(items));
}

// regexp_match(string, pattern [, flags]): the capture groups of the first match as text[] (NULL for a
// group that did not take part), or the whole match when there are none; NULL without a match.
Value RegexpMatch(const Args& a, const FunctionEnv&) {
  const RegexFlags f = RegexFlags::Parse(a.size() > 2 ? a[2].GetString() : "");
  if (f.global) {
    throw DbError(sqlstate::kInvalidParameterValue, "regexp_match() does not support the \"global\" option")
        .Hint("Use the regexp_matches function instead.");
  }
  const std::string s = a[0].GetString();
  auto re = Regex::Get(a[1].GetString(), f);
  RegexMatch m;
  if (!re->Find(s, 0, &m)) return Value::Null(array_type::kText);
  return MatchArray(*re, s, m);
}

// regexp_split_to_array(string, pattern [, flags]): the text between matches. As regexp.c with
// ignore_degenerate, an empty match at the end of the string or ending where the previous one did
// does not split.
std::vector<Value> SplitParts(const Args& a, const char* function) {
  const RegexFlags f = FlagsNoGlobal(a, 2, function);
  const std::string s = a[0].GetString();
  std::vector<Value> items;
  size_t prev_end = 0;
  ForEachMatch(*Regex::Get(a[1].GetString(), f), s, 0, [&](const RegexMatch& m) {
    const auto [begin, end] = m.groups[0];
    if (begin < s.size() && end > prev_end) {
      items.push_back(Value::String(s.substr(prev_end, begin - prev_end), T::kText));
      prev_end = end;
    }
    return true;
  });
  items.push_back(Value::String(s.substr(prev_end), T::kText));
  return items;
}

Value RegexpSplitToArray(const Args& a, const FunctionEnv&) {
  return MakeArray(T::kText, SplitParts(a, "regexp_split_to_array"));
}

}  // namespace

std::vector<Value> RegexSetRows(std::string_view function, const std::vector<Value>& args) {
  if (function == "regexp_split_to_table") return SplitParts(args, "regexp_split_to_table");
  const RegexFlags f = RegexFlags::Parse(args.size() > 2 ? args[2].GetString() : "");
  const std::string s = args[0].GetString();
  auto re = Regex::Get(args[1].GetString(), f);
  std::vector<Value> rows;
  ForEachMatch(*re, s, 0, [&](const RegexMatch& m) {
    rows.push_back(MatchArray(*re, s, m));
    return f.global;
  });
  return rows;
}

void AddRegexBuiltins(std::vector<ScalarFunction>& out) {
  const T x = T::kText;
  const T i = T::kInt4;
  std::vector<ScalarFunction> fns = {
      {"textregexeq", {x, x}, T::kBool, RegexEq<false, false>},
      {"textregexne", {x, x}, T::kBool, RegexEq<false, true>},
      {"texticregexeq", {x, x}, T::kBool, RegexEq<true, false>},
      {"texticregexne", {x, x}, T::kBool, RegexEq<true, true>},
      {"textregexsubstr", {x, x}, x, RegexSubstr},
      {"substring", {x, x}, x, RegexSubstr},
      {"regexp_replace", {x, x, x}, x, RegexpReplace},
      {"regexp_replace", {x, x, x, x}, x, RegexpReplace},
      {"regexp_replace", {x, x, x, i}, x, RegexpReplace},
      {"regexp_replace", {x, x, x, i, i}, x, RegexpReplace},
      {"regexp_replace", {x, x, x, i, i, x}, x, RegexpReplace},
      {"regexp_match", {x, x}, array_type::kText, RegexpMatch},
      {"regexp_match", {x, x, x}, array_type::kText, RegexpMatch},
      {"regexp_split_to_array", {x, x}, array_type::kText, RegexpSplitToArray},
      {"regexp_split_to_array", {x, x, x}, array_type::kText, RegexpSplitToArray},
      {"regexp_like", {x, x}, T::kBool, RegexpLike},
      {"regexp_like", {x, x, x}, T::kBool, RegexpLike},
      {"regexp_count", {x, x}, i, RegexpCount},
      {"regexp_count", {x, x, i}, i, RegexpCount},
      {"regexp_count", {x, x, i, x}, i, RegexpCount},
      {"regexp_instr", {x, x}, i, RegexpInstr},
      {"regexp_instr", {x, x, i}, i, RegexpInstr},
      {"regexp_instr", {x, x, i, i}, i, RegexpInstr},
      {"regexp_instr", {x, x, i, i, i}, i, RegexpInstr},
      {"regexp_instr", {x, x, i, i, i, x}, i, RegexpInstr},
      {"regexp_instr", {x, x, i, i, i, x, i}, i, RegexpInstr},
      {"regexp_substr", {x, x}, x, RegexpSubstr},
      {"regexp_substr", {x, x, i}, x, RegexpSubstr},
      {"regexp_substr", {x, x, i, i}, x, RegexpSubstr},
      {"regexp_substr", {x, x, i, i, x}, x, RegexpSubstr},
      {"regexp_substr", {x, x, i, i, x, i}, x, RegexpSubstr},
  };
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner
