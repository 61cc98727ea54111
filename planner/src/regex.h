#pragma once
// PostgreSQL's POSIX regular expressions (Spencer's ARE, backend/regex and utils/adt/regexp.c) on top of
// PCRE2. The ARE-only escapes are translated; see Regex::Compile for what is and is not.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lumadb::planner {

/// The regexp flags string of regexp_replace & co. (regexp.c parse_re_flags).
struct RegexFlags {
  bool icase = false;     // i (c turns it off again)
  bool nlstop = false;    // p, n/m: '.' stops at newlines
  bool nlanch = false;    // w, n/m: ^ and $ match at newlines
  bool expanded = false;  // x (t turns it off again)
  bool quote = false;     // q: the pattern is a literal string
  bool global = false;    // g: only meaningful to regexp_replace

  /// Parses flags; 22023 'invalid regular expression option: "z"' for an unknown letter.
  static RegexFlags Parse(std::string_view flags);
};

/// One match: byte offsets [begin, end) of the whole match (group 0) and each capture group; a group
/// that did not take part has begin == npos.
struct RegexMatch {
  struct Span {
    size_t begin = std::string_view::npos;
    size_t end = std::string_view::npos;
  };
  std::vector<Span> groups;
};

/// A compiled pattern. Instances come from Get, which keeps the 32 most recently used patterns per
/// thread as PostgreSQL's RE_compile_and_cache does, so a constant pattern is compiled once, not per row.
class Regex {
 public:
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  /// The compiled form of pattern under flags (cached). 2201B 'invalid regular expression: ...' with
  /// PostgreSQL's wording for the common syntax errors.
  static std::shared_ptr<const Regex> Get(std::string_view pattern, const RegexFlags& flags);

  /// Searches subject from byte offset start (^ still anchors at offset 0 only, as pg_regexec's
  /// search_start). Returns false when there is no match.
  bool Find(std::string_view subject, size_t start, RegexMatch* match) const;

  /// The number of capture groups (regex_t.re_nsub).
  size_t CaptureCount() const { return captures_; }

 private:
  Regex() = default;
  void* code_ = nullptr;  // pcre2_code_8*, opaque so callers need not include pcre2.h
  size_t captures_ = 0;
};

/// Translates an ARE pattern to PCRE2 syntax: \m \M [[:<:]] [[:>:]] (word start/end), \y \Y (word
/// boundary or not), \Z (end of string only). Everything else is passed through.
std::string TranslateAre(std::string_view pattern);

}  // namespace lumadb::planner
