// Array text input and output: PostgreSQL 15 utils/adt/arrayfuncs.c array_in (with ArrayCount and
// ReadArrayStr) and array_out.

#include <string>

#include "common/array.h"
#include "common/error.h"
#include "common/value_io.h"

namespace lumadb {

namespace {

/// array_isspace: the ASCII white space array_in skips and array_out quotes.
bool IsArraySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

DbError Malformed(std::string_view text, std::string detail) {
  DbError e(sqlstate::kInvalidTextRepresentation, "malformed array literal: \"" + std::string(text) + "\"");
  if (!detail.empty()) e.Detail(std::move(detail));
  return e;
}

DbError TooManyDims(int ndim) {
  return DbError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(ndim) +
                                                      ") exceeds the maximum allowed (" +
                                                      std::to_string(kMaxArrayDims) + ")");
}

enum class State {
  kNoLevel,
  kLevelStarted,
  kElemStarted,
  kElemCompleted,
  kQuotedStarted,
  kQuotedCompleted,
  kElemDelimited,
  kLevelCompleted,
  kLevelDelimited
};

/// ArrayCount: validates the brace structure of `str` (starting at '{') and returns its dimensions
/// (empty for an empty array). The checks and their DETAILs are PostgreSQL 15's, in the same order.
std::vector<int32_t> CountDims(std::string_view str) {
  int nest = 0;
  int ndim = 1;
  int temp[kMaxArrayDims] = {};
  int nelems[kMaxArrayDims] = {1, 1, 1, 1, 1, 1};
  int nelems_last[kMaxArrayDims] = {};
  bool in_quotes = false;
  bool empty = true;
  State st = State::kNoLevel;
  size_t i = 0;
  auto at = [&](size_t k) { return k < str.size() ? str[k] : '\0'; };
  auto unexpected = [&](char c) { return Malformed(str, std::string("Unexpected \"") + c + "\" character."); };
  for (bool eo_array = false; !eo_array;) {
    for (bool item_done = false; !item_done;) {
      if (st == State::kElemStarted || st == State::kQuotedStarted) empty = false;
      const char c = at(i);
      if (c == '\0') throw Malformed(str, "Unexpected end of input.");
      if (c == '\\') {
        if (st != State::kLevelStarted && st != State::kElemStarted && st != State::kQuotedStarted &&
            st != State::kElemDelimited) {
          throw unexpected('\\');
        }
        if (st != State::kQuotedStarted) st = State::kElemStarted;
        if (at(i + 1) == '\0') throw Malformed(str, "Unexpected end of input.");
        ++i;
      } else if (c == '"') {
        if (st != State::kLevelStarted && st != State::kQuotedStarted && st != State::kElemDelimited) {
          throw Malformed(str, "Unexpected array element.");
        }
        in_quotes = !in_quotes;
        st = in_quotes ? State::kQuotedStarted : State::kQuotedCompleted;
      } else if (c == '{' && !in_quotes) {
        if (st != State::kNoLevel && st != State::kLevelStarted && st != State::kLevelDelimited) {
          throw unexpected('{');
        }
        st = State::kLevelStarted;
        if (nest >= kMaxArrayDims) throw TooManyDims(nest + 1);
        temp[nest] = 0;
        ++nest;
        ndim = std::max(ndim, nest);
      } else if (c == '}' && !in_quotes) {
        if (st != State::kElemStarted && st != State::kElemCompleted && st != State::kQuotedCompleted &&
            st != State::kLevelCompleted && !(nest == 1 && st == State::kLevelStarted)) {
          throw unexpected('}');
        }
        st = State::kLevelCompleted;
        if (nest == 0) throw Malformed(str, "Unmatched \"}\" character.");
        --nest;
        if (nelems_last[nest] != 0 && nelems[nest] != nelems_last[nest]) {
          throw Malformed(str, "Multidimensional arrays must have sub-arrays with matching dimensions.");
        }
        nelems_last[nest] = nelems[nest];
        nelems[nest] = 1;
        if (nest == 0) {
          eo_array = item_done = true;
        } else {
          ++temp[nest - 1];
        }
      } else if (c == ',' && !in_quotes) {
        if (st != State::kElemStarted && st != State::kElemCompleted && st != State::kQuotedCompleted &&
            st != State::kLevelCompleted) {
          throw unexpected(',');
        }
        st = st == State::kLevelCompleted ? State::kLevelDelimited : State::kElemDelimited;
        item_done = true;
        ++nelems[nest - 1];
      } else if (!in_quotes && !IsArraySpace(c)) {
        if (st != State::kLevelStarted && st != State::kElemStarted && st != State::kElemDelimited) {
          throw Malformed(str, "Unexpected array element.");
        }
        st = State::kElemStarted;
      }
      if (!item_done) ++i;
    }
    ++temp[ndim - 1];
    ++i;
  }
  for (; i < str.size(); ++i) {
    if (!IsArraySpace(str[i])) throw Malformed(str, "Junk after closing right brace.");
  }
  if (empty) return {};
  return std::vector<int32_t>(temp, temp + ndim);
}

/// One element's text as ReadArrayStr extracts it: quotes and backslashes removed, unquoted leading and
/// trailing white space dropped; nullopt for an unquoted NULL.
struct Element {
  std::string text;
  bool is_null = false;
};

/// ReadArrayStr: the elements of a literal CountDims accepted, in order.
std::vector<Element> ReadElements(std::string_view str) {
  std::vector<Element> out;
  std::string cur;
  size_t significant = 0;  // cur's length up to its last quoted, escaped or non-space character
  bool started = false;
  bool quoting = false;
  bool in_quotes = false;
  auto finish = [&] {
    if (!started) return;
    cur.resize(significant);
    const bool null_word = !quoting && cur.size() == 4 && (cur[0] | 0x20) == 'n' && (cur[1] | 0x20) == 'u' &&
                           (cur[2] | 0x20) == 'l' && (cur[3] | 0x20) == 'l';
    out.push_back({null_word ? std::string() : cur, null_word});
    cur.clear();
    significant = 0;
    started = quoting = false;
  };
  for (size_t i = 0; i < str.size(); ++i) {
    const char c = str[i];
    if (c == '\\') {
      cur += str[++i];
      significant = cur.size();
      started = quoting = true;
    } else if (c == '"') {
      in_quotes = !in_quotes;
      started = quoting = true;
      significant = cur.size();
    } else if (in_quotes) {
      cur += c;
      significant = cur.size();
    } else if (c == '{') {
      continue;
    } else if (c == '}' || c == ',') {
      finish();
    } else if (!IsArraySpace(c) || started) {
      cur += c;
      if (!IsArraySpace(c)) significant = cur.size();
      started = true;
    }
  }
  return out;
}

/// Reads the optional "[lb:ub][lb:ub]=" prefix; advances pos past it. Fills dims/lbounds.
void ReadDimensions(std::string_view text, size_t& pos, std::vector<int32_t>& dims, std::vector<int32_t>& lbounds) {
  auto read_int = [&](size_t from, size_t& to) {
    to = from;
    while (to < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[to])) || text[to] == '-' || text[to] == '+')) {
      ++to;
    }
    // atoi: an optional sign and the digits after it, stopping at anything else.
    return static_cast<int32_t>(std::strtol(std::string(text.substr(from, to - from)).c_str(), nullptr, 10));
  };
  for (;;) {
    while (pos < text.size() && IsArraySpace(text[pos])) ++pos;
    if (pos >= text.size() || text[pos] != '[') break;
    ++pos;
    if (static_cast<int>(dims.size()) >= kMaxArrayDims) throw TooManyDims(static_cast<int>(dims.size()) + 1);
    size_t q = 0;
    int32_t lb = read_int(pos, q);
    if (q == pos) throw Malformed(text, "\"[\" must introduce explicitly-specified array dimensions.");
    int32_t ub = lb;
    if (q < text.size() && text[q] == ':') {
      pos = q + 1;
      ub = read_int(pos, q);
      if (q == pos) throw Malformed(text, "Missing array dimension value.");
    } else {
      lb = 1;
    }
    if (q >= text.size() || text[q] != ']') throw Malformed(text, "Missing \"]\" after array dimensions.");
    pos = q + 1;
    if (ub < lb) throw DbError(sqlstate::kArraySubscriptError, "upper bound cannot be less than lower bound");
    dims.push_back(ub - lb + 1);
    lbounds.push_back(lb);
  }
}

}  // namespace

Value ParseArray(TypeDesc type, std::string_view text) {
  const TypeId element = ElementTypeOf(type.id);
  LUMADB_ASSERT(element != TypeId::kInvalid, "ParseArray of a non-array type");
  Array a;
  a.element = element;
  size_t pos = 0;
  ReadDimensions(text, pos, a.dims, a.lbounds);
  std::string_view body;
  if (a.dims.empty()) {
    if (pos >= text.size() || text[pos] != '{') {
      throw Malformed(text, "Array value must start with \"{\" or dimension information.");
    }
    body = text.substr(pos);
    a.dims = CountDims(body);
    a.lbounds.assign(a.dims.size(), 1);
  } else {
    if (pos >= text.size() || text[pos] != '=') throw Malformed(text, "Missing \"=\" after array dimensions.");
    ++pos;
    while (pos < text.size() && IsArraySpace(text[pos])) ++pos;
    if (pos >= text.size() || text[pos] != '{') throw Malformed(text, "Array contents must start with \"{\".");
    body = text.substr(pos);
    if (CountDims(body) != a.dims) throw Malformed(text, "Specified array dimensions do not match array contents.");
  }
  std::vector<Element> elements = ReadElements(body);
  size_t nitems = a.dims.empty() ? 0 : 1;
  for (int32_t d : a.dims) nitems *= static_cast<size_t>(d);
  if (nitems == 0) return MakeArray(Array{element, {}, {}, {}});
  if (elements.size() != nitems) throw Malformed(text, "");
  a.items.reserve(nitems);
  for (const Element& e : elements) {
    a.items.push_back(e.is_null ? Value::Null(element) : ParseValue({element, type.typmod}, e.text));
  }
  return MakeArray(std::move(a));
}

std::string FormatArray(const Array& a) {
  std::string out;
  if (a.ndim() == 0) return "{}";
  bool default_bounds = true;
  for (int32_t lb : a.lbounds) default_bounds = default_bounds && lb == 1;
  if (!default_bounds) {
    for (int d = 0; d < a.ndim(); ++d) {
      out += "[" + std::to_string(a.lbounds[d]) + ":" + std::to_string(a.lbounds[d] + a.dims[d] - 1) + "]";
    }
    out += "=";
  }
  // Row-major walk: open a brace for every dimension whose index is at 0, close for every one at its end.
  std::vector<int32_t> index(a.dims.size(), 0);
  for (size_t k = 0; k < a.items.size(); ++k) {
    int opening = a.ndim();
    while (opening > 0 && index[opening - 1] == 0) --opening;
    if (k > 0) out += ',';
    out.append(static_cast<size_t>(a.ndim() - opening), '{');
    const Value& v = a.items[k];
    if (v.is_null()) {
      out += "NULL";
    } else {
      const std::string s = FormatValue(v);
      bool quote = s.empty() || (s.size() == 4 && (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'u' &&
                                 (s[2] | 0x20) == 'l' && (s[3] | 0x20) == 'l');
      for (char c : s) {
        quote = quote || c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || IsArraySpace(c);
      }
      if (!quote) {
        out += s;
      } else {
        out += '"';
        for (char c : s) {
          if (c == '"' || c == '\\') out += '\\';
          out += c;
        }
        out += '"';
      }
    }
    int d = a.ndim() - 1;
    while (d >= 0 && ++index[d] == a.dims[d]) {
      index[d] = 0;
      out += '}';
      --d;
    }
  }
  return out;
}

}  // namespace lumadb
