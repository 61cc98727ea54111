// ARE-to-PCRE2 translation, compilation with PostgreSQL's error wording, and the per-thread pattern cache.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <list>

#include "common/error.h"
#include <pcre2.h>

namespace lumadb::planner {

namespace {

constexpr size_t kMaxCachedRegexes = 32;  // regexp.c MAX_CACHED_RES

// regerror()'s texts for the errors PCRE2 reports differently; anything else keeps PCRE2's message.
std::string ErrorReason(int code) {
  switch (code) {
    case PCRE2_ERROR_MISSING_CLOSING_PARENTHESIS:
    case PCRE2_ERROR_UNMATCHED_CLOSING_PARENTHESIS:
      return "parentheses () not balanced";
    case PCRE2_ERROR_MISSING_SQUARE_BRACKET:
      return "brackets [] not balanced";
    case PCRE2_ERROR_QUANTIFIER_INVALID:
      return "quantifier operand invalid";
    case PCRE2_ERROR_QUANTIFIER_OUT_OF_ORDER:
    case PCRE2_ERROR_QUANTIFIER_TOO_BIG:
      return "invalid repetition count(s)";
    case PCRE2_ERROR_END_BACKSLASH:
    case PCRE2_ERROR_UNKNOWN_ESCAPE:
      return "invalid escape \\ sequence";
    case PCRE2_ERROR_UNKNOWN_POSIX_CLASS:
      return "invalid character class";
    case PCRE2_ERROR_BAD_SUBPATTERN_REFERENCE:
      return "invalid backreference number";
    default: {
      PCRE2_UCHAR buf[256];
      pcre2_get_error_message(code, buf, sizeof buf);
      return reinterpret_cast<const char*>(buf);
    }
  }
}

uint32_t CompileOptions(const RegexFlags& f) {
  if (f.quote) return PCRE2_UTF | PCRE2_LITERAL | (f.icase ? PCRE2_CASELESS : 0);
  uint32_t opts = PCRE2_UTF | PCRE2_UCP;
  if (f.icase) opts |= PCRE2_CASELESS;
  if (f.expanded) opts |= PCRE2_EXTENDED;
  // ARE default: '.' matches a newline and $ matches only at the very end.
  if (!f.nlstop) opts |= PCRE2_DOTALL;
  opts |= f.nlanch ? PCRE2_MULTILINE : PCRE2_DOLLAR_ENDONLY;
  return opts;
}

struct CacheEntry {
  std::string key;
  std::shared_ptr<const Regex> regex;
};

std::string CacheKey(std::string_view pattern, const RegexFlags& f) {
  std::string key;
  for (bool b : {f.icase, f.nlstop, f.nlanch, f.expanded, f.quote}) key += b ? '1' : '0';
  key.append(pattern);
  return key;
}

}  // namespace

RegexFlags RegexFlags::Parse(std::string_view flags) {
  RegexFlags f;
  for (char c : flags) {
    switch (c) {
      case 'g':
        f.global = true;
        break;
      case 'b':  // basic and extended POSIX syntax are not translated: compiled as ARE
      case 'e':
        break;
      case 'c':
        f.icase = false;
        break;
      case 'i':
        f.icase = true;
        break;
      case 'm':
      case 'n':
        f.nlstop = f.nlanch = true;
        break;
      case 'p':
        f.nlstop = true;
        f.nlanch = false;
        break;
      case 'q':
        f.quote = true;
        break;
      case 's':
        f.nlstop = f.nlanch = false;
        break;
      case 't':
        f.expanded = false;
        break;
      case 'w':
        f.nlstop = false;
        f.nlanch = true;
        break;
      case 'x':
        f.expanded = true;
        break;
      default:
        throw DbError(sqlstate::kInvalidParameterValue,
                      "invalid regular expression option: \"" + std::string(1, c) + "\"");
    }
  }
  return f;
}

std::string TranslateAre(std::string_view p) {
  static constexpr std::string_view kWordStart = "\\b(?=\\w)";
  static constexpr std::string_view kWordEnd = "\\b(?<=\\w)";
  std::string out;
  bool in_bracket = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (!in_bracket && p.substr(i, 7) == "[[:<:]]") {
      out += kWordStart;
      i += 6;
    } else if (!in_bracket && p.substr(i, 7) == "[[:>:]]") {
      out += kWordEnd;
      i += 6;
    } else if (c == '\\' && i + 1 < p.size()) {
      const char n = p[++i];
      if (!in_bracket && n == 'm') {
        out += kWordStart;
      } else if (!in_bracket && n == 'M') {
        out += kWordEnd;
      } else if (!in_bracket && (n == 'y' || n == 'Y')) {
        out += n == 'y' ? "\\b" : "\\B";
      } else if (!in_bracket && n == 'Z') {
        out += "\\z";
      } else {
        out += c;
        out += n;
      }
    } else if (in_bracket && c == '[' && i + 1 < p.size() && (p[i + 1] == ':' || p[i + 1] == '.' || p[i + 1] == '=')) {
      // A [:class:] inside a bracket: copy through its closing ":]" so that ']' does not end the bracket.
      const size_t close = p.find(std::string{p[i + 1], ']'}, i + 2);
      const size_t end = close == std::string_view::npos ? p.size() : close + 2;
      out.append(p.substr(i, end - i));
      i = end - 1;
    } else if (!in_bracket && c == '[') {
      in_bracket = true;
      out += c;
      // A leading ']' (after an optional '^') is a literal member, as in both dialects.
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
    } else {
      if (in_bracket && c == ']') in_bracket = false;
      out += c;
    }
  }
  return out;
}

Regex::~Regex() {
  pcre2_code_free(static_cast<pcre2_code*>(code_));
}

std::shared_ptr<const Regex> Regex::Get(std::string_view pattern, const RegexFlags& flags) {
  thread_local std::list<CacheEntry> cache;
  std::string key = CacheKey(pattern, flags);
  for (auto it = cache.begin(); it != cache.end(); ++it) {
    if (it->key == key) {
      cache.splice(cache.begin(), cache, it);
      return cache.front().regex;
    }
  }
  const std::string source = flags.quote ? std::string(pattern) : TranslateAre(pattern);
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* compiled = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(),
                                       CompileOptions(flags), &code, &offset, nullptr);
  if (compiled == nullptr) {
    throw DbError(sqlstate::kInvalidRegularExpression, "invalid regular expression: " + ErrorReason(code));
  }
  std::shared_ptr<Regex> re(new Regex());
  re->code_ = compiled;
  uint32_t captures = 0;
  pcre2_pattern_info(compiled, PCRE2_INFO_CAPTURECOUNT, &captures);
  re->captures_ = captures;
  cache.push_front({std::move(key), re});
  if (cache.size() > kMaxCachedRegexes) cache.pop_back();
  return re;
}

bool Regex::Find(std::string_view subject, size_t start, RegexMatch* match) const {
  auto* code = static_cast<pcre2_code*>(code_);
  std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
      pcre2_match_data_create_from_pattern(code, nullptr), &pcre2_match_data_free);
  const int rc =
      pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), start, 0, data.get(), nullptr);
  if (rc == PCRE2_ERROR_NOMATCH) return false;
  if (rc < 0) {
    throw DbError(sqlstate::kInvalidRegularExpression, "regular expression failed: " + ErrorReason(rc));
  }
  const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data.get());
  match->groups.assign(captures_ + 1, {});
  for (size_t g = 0; g < captures_ + 1 && g < static_cast<size_t>(rc); ++g) {
    if (ov[2 * g] != PCRE2_UNSET) match->groups[g] = {ov[2 * g], ov[2 * g + 1]};
  }
  return true;
}

}  // namespace lumadb::planner
