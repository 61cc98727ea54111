// to_timestamp(text, text) and to_date(text, text): DCH_from_char and do_to_timestamp of PostgreSQL 15's
// formatting.c.
#include <cctype>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "common/datetime.h"
#include "common/error.h"
#include "common/formatting.h"
#include "common/time_zone.h"
#include "formatting_internal.h"

namespace lumadb::formatting {

namespace {

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",  "Jul",
                               "Aug", "Sep", "Oct", "Nov", "Dec", nullptr};
const char* const kMonthsFull[] = {"January", "February",  "March",   "April",    "May",      "June", "July",
                                   "August",  "September", "October", "November", "December", nullptr};
const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", nullptr};
const char* const kDaysShort[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", nullptr};
const char* const kAmPm[] = {"am", "pm", "AM", "PM", nullptr};
const char* const kAmPmLong[] = {"a.m.", "p.m.", "A.M.", "P.M.", nullptr};
const char* const kAdBc[] = {"ad", "bc", "AD", "BC", nullptr};
const char* const kAdBcLong[] = {"a.d.", "b.c.", "A.D.", "B.C.", nullptr};
const char* const kRoman[] = {"xii", "xi", "x", "ix", "viii", "vii", "vi", "v", "iv", "iii", "ii", "i", nullptr};

bool IsSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}
bool IsSeparator(char c) {
  return c > 0x20 && c < 0x7F && !std::isalnum(static_cast<unsigned char>(c));
}
size_t CharLen(const char* s) {
  return std::min(Utf8Length(*s), std::strlen(s));
}

[[noreturn]] void FormatError(const std::string& message) {
  throw DbError(sqlstate::kInvalidDatetimeFormat, message);
}

// from_char_set_int: a field may be set twice only to the same value.
void SetInt(int* dest, int value, const FormatNode& n) {
  if (*dest != 0 && *dest != value) {
    throw DbError(sqlstate::kInvalidDatetimeFormat,
                  std::string("conflicting values for \"") + n.key->name + "\" field in formatting string")
        .Detail("This value contradicts a previous setting for the same field type.");
  }
  *dest = value;
}

// is_next_separator: whether the field after n cannot start with a digit (so n may read any length).
bool NextIsSeparator(const std::vector<FormatNode>& nodes, size_t i) {
  const FormatNode& n = nodes[i];
  if (n.type == FormatNode::Type::kAction && (n.suffix & (kSuffixTH | kSuffixth))) return true;
  if (i + 1 == nodes.size()) return true;
  const FormatNode& next = nodes[i + 1];
  if (next.type == FormatNode::Type::kAction) return !next.key->is_digit;
  return !(next.character.size() == 1 && std::isdigit(static_cast<unsigned char>(next.character[0])));
}

// from_char_parse_int_len: reads an integer field of `len` characters (any length in FM mode or before a
// separator); returns the characters consumed.
int ParseInt(int* dest, const char** src, int len, const std::vector<FormatNode>& nodes, size_t i) {
  const FormatNode& n = nodes[i];
  const char* init = *src;
  while (**src && IsSpace(**src)) ++*src;
  std::string copy(*src, std::min<size_t>(std::strlen(*src), len));
  long result = 0;
  errno = 0;
  if ((n.suffix & kSuffixFM) || NextIsSeparator(nodes, i)) {
    char* end = nullptr;
    result = std::strtol(init, &end, 10);
    *src = end;
  } else {
    if (static_cast<int>(copy.size()) < len) {
      throw DbError(sqlstate::kInvalidDatetimeFormat,
                    std::string("source string too short for \"") + n.key->name + "\" formatting field")
          .Detail("Field requires " + std::to_string(len) + " characters, but only " + std::to_string(copy.size()) +
                  " remain.")
          .Hint("If your source string is not fixed-width, try using the \"FM\" modifier.");
    }
    char* last = nullptr;
    result = std::strtol(copy.c_str(), &last, 10);
    int used = static_cast<int>(last - copy.c_str());
    if (used > 0 && used < len) {
      throw DbError(sqlstate::kInvalidDatetimeFormat, "invalid value \"" + copy + "\" for \"" + n.key->name + "\"")
          .Detail("Field requires " + std::to_string(len) + " characters, but only " + std::to_string(used) +
                  " could be parsed.")
          .Hint("If your source string is not fixed-width, try using the \"FM\" modifier.");
    }
    *src += used;
  }
  if (*src == init) {
    throw DbError(sqlstate::kInvalidDatetimeFormat, "invalid value \"" + copy + "\" for \"" + n.key->name + "\"")
        .Detail("Value must be an integer.");
  }
  if (errno == ERANGE || result < INT_MIN || result > INT_MAX) {
    throw DbError(sqlstate::kDatetimeFieldOverflow,
                  std::string("value for \"") + n.key->name + "\" in source string is out of range")
        .Detail("Value must be in the range -2147483648 to 2147483647.");
  }
  if (dest) SetInt(dest, static_cast<int>(result), n);
  return static_cast<int>(*src - init);
}

// from_char_seq_search: the index of the first word of `words` the input starts with (case-insensitive).
int SeqSearch(const char** src, const char* const* words, const FormatNode& n) {
  for (int k = 0; words[k]; ++k) {
    size_t len = std::strlen(words[k]);
    if (strncasecmp(*src, words[k], len) == 0) {
      *src += len;
      return k;
    }
  }
  std::string copy(*src);
  for (size_t c = 0; c < copy.size(); ++c) {
    if (IsSpace(copy[c])) copy.resize(c);
  }
  throw DbError(sqlstate::kInvalidDatetimeFormat, "invalid value \"" + copy + "\" for \"" + n.key->name + "\"")
      .Detail("The given value did not match any of the allowed values for this field.");
}

void SkipTh(const char** s, int suffix) {
  if (!(suffix & (kSuffixTH | kSuffixth))) return;
  for (int k = 0; k < 2 && **s; ++k) *s += CharLen(*s);
}

int AdjustPartialYear(int year) {
  if (year < 70) return year + 2000;
  if (year < 100) return year + 1900;
  if (year < 520) return year + 2000;
  if (year < 1000) return year + 1000;
  return year;
}

void SetMode(FromChar* out, DateMode mode) {
  if (mode == DateMode::kNone) return;
  if (out->mode == DateMode::kNone) {
    out->mode = mode;
  } else if (out->mode != mode) {
    throw DbError(sqlstate::kInvalidDatetimeFormat, "invalid combination of date conventions")
        .Hint("Do not mix Gregorian and ISO week date conventions in a formatting template.");
  }
}

// One field of DCH_from_char.
void ReadField(const std::vector<FormatNode>& nodes, size_t i, const char** s, int extra_skip, FromChar* out,
               bool* fx_mode) {
  const FormatNode& n = nodes[i];
  auto read = [&](int* dest, int len) { return ParseInt(dest, s, len, nodes, i); };
  int value = 0;
  switch (n.key->id) {
    case DCH_FX:
      *fx_mode = true;
      return;
    case DCH_A_M:
    case DCH_P_M:
    case DCH_a_m:
    case DCH_p_m:
      SetInt(&out->pm, SeqSearch(s, kAmPmLong, n) % 2, n);
      out->clock12 = true;
      return;
    case DCH_AM:
    case DCH_PM:
    case DCH_am:
    case DCH_pm:
      SetInt(&out->pm, SeqSearch(s, kAmPm, n) % 2, n);
      out->clock12 = true;
      return;
    case DCH_HH:
    case DCH_HH12:
      read(&out->hh, 2);
      out->clock12 = true;
      break;
    case DCH_HH24:
      read(&out->hh, 2);
      break;
    case DCH_MI:
      read(&out->mi, n.key->len);
      break;
    case DCH_SS:
      read(&out->ss, n.key->len);
      break;
    case DCH_MS: {
      int len = read(&out->ms, 3);
      out->ms *= len == 1 ? 100 : len == 2 ? 10 : 1;
      break;
    }
    case DCH_FF1:
    case DCH_FF2:
    case DCH_FF3:
    case DCH_FF4:
    case DCH_FF5:
    case DCH_FF6:
    case DCH_US: {
      if (n.key->id != DCH_US) out->ff = n.key->id - DCH_FF1 + 1;
      int len = read(&out->us, n.key->id == DCH_US ? 6 : out->ff);
      static const int kScale[] = {1, 100000, 10000, 1000, 100, 10, 1};
      out->us *= len >= 1 && len <= 6 ? kScale[len] : 1;
      break;
    }
    case DCH_SSSS:
      read(&out->ssss, n.key->len);
      break;
    case DCH_tz:
    case DCH_TZ:
    case DCH_OF:
      throw DbError(sqlstate::kFeatureNotSupported,
                    std::string("formatting field \"") + n.key->name + "\" is only supported in to_char");
    case DCH_TZH:
      if (**s == '+' || **s == '-' || **s == ' ') {
        out->tzsign = **s == '-' ? -1 : 1;
        ++*s;
      } else {
        out->tzsign = extra_skip > 0 && *(*s - 1) == '-' ? -1 : 1;
      }
      read(&out->tzh, 2);
      return;
    case DCH_TZM:
      if (!out->tzsign) out->tzsign = 1;
      read(&out->tzm, 2);
      return;
    case DCH_A_D:
    case DCH_B_C:
    case DCH_a_d:
    case DCH_b_c:
      SetInt(&out->bc, SeqSearch(s, kAdBcLong, n) % 2, n);
      return;
    case DCH_AD:
    case DCH_BC:
    case DCH_ad:
    case DCH_bc:
      SetInt(&out->bc, SeqSearch(s, kAdBc, n) % 2, n);
      return;
    case DCH_MONTH:
    case DCH_Month:
    case DCH_month:
      SetInt(&out->mm, SeqSearch(s, kMonthsFull, n) + 1, n);
      return;
    case DCH_MON:
    case DCH_Mon:
    case DCH_mon:
      SetInt(&out->mm, SeqSearch(s, kMonths, n) + 1, n);
      return;
    case DCH_MM:
      read(&out->mm, n.key->len);
      break;
    case DCH_DAY:
    case DCH_Day:
    case DCH_day:
      SetInt(&out->d, SeqSearch(s, kDays, n), n);
      out->d++;
      return;
    case DCH_DY:
    case DCH_Dy:
    case DCH_dy:
      SetInt(&out->d, SeqSearch(s, kDaysShort, n), n);
      out->d++;
      return;
    case DCH_DDD:
      read(&out->ddd, n.key->len);
      break;
    case DCH_IDDD:
      read(&out->ddd, 3);
      break;
    case DCH_DD:
      read(&out->dd, n.key->len);
      break;
    case DCH_D:
      read(&out->d, n.key->len);
      break;
    case DCH_ID:
      read(&out->d, 1);
      if (++out->d > 7) out->d = 1;
      break;
    case DCH_WW:
    case DCH_IW:
      read(&out->ww, n.key->len);
      break;
    case DCH_Q:
      read(nullptr, n.key->len);
      break;
    case DCH_CC:
      read(&out->cc, n.key->len);
      break;
    case DCH_Y_YYY: {
      int millennia = 0, years = 0, nch = 0;
      if (std::sscanf(*s, "%d,%03d%n", &millennia, &years, &nch) < 2) FormatError("invalid input string for \"Y,YYY\"");
      SetInt(&out->year, years + millennia * 1000, n);
      out->yysz = 4;
      *s += nch;
      break;
    }
    case DCH_YYYY:
    case DCH_IYYY:
      read(&out->year, n.key->len);
      out->yysz = 4;
      break;
    case DCH_YYY:
    case DCH_IYY:
    case DCH_YY:
    case DCH_IY:
    case DCH_Y:
    case DCH_I: {
      int digits = n.key->len;
      if (read(&out->year, digits) < 4) out->year = AdjustPartialYear(out->year);
      out->yysz = digits;
      break;
    }
    case DCH_RM:
    case DCH_rm:
      value = SeqSearch(s, kRoman, n);
      SetInt(&out->mm, 12 - value, n);
      return;
    case DCH_W:
      read(&out->w, n.key->len);
      break;
    case DCH_J:
      read(&out->j, n.key->len);
      break;
    default:
      return;
  }
  SkipTh(s, n.suffix);
}

}  // namespace

FromChar FromCharFields(const std::vector<FormatNode>& nodes, const char* s) {
  FromChar out;
  bool fx_mode = false;
  int extra_skip = 0;
  for (size_t i = 0; i < nodes.size() && *s; ++i) {
    const FormatNode& n = nodes[i];
    bool action = n.type == FormatNode::Type::kAction;
    if (!fx_mode && (!action || n.key->id != DCH_FX) && (action || i == 0)) {
      while (*s && IsSpace(*s)) {
        ++s;
        ++extra_skip;
      }
    }
    if (n.type == FormatNode::Type::kSpace || n.type == FormatNode::Type::kSeparator) {
      if (!fx_mode) {
        --extra_skip;
        if (IsSpace(*s) || IsSeparator(*s)) {
          ++s;
          ++extra_skip;
        }
      } else {
        s += CharLen(s);
      }
      continue;
    }
    if (!action) {
      if (fx_mode || extra_skip <= 0)
        s += CharLen(s);
      else
        --extra_skip;
      continue;
    }
    SetMode(&out, n.key->date_mode);
    ReadField(nodes, i, &s, extra_skip, &out, &fx_mode);
    if (!fx_mode) {
      extra_skip = 0;
      while (*s && IsSpace(*s)) {
        ++s;
        ++extra_skip;
      }
    }
  }
  return out;
}

}  // namespace lumadb::formatting
