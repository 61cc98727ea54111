// format(formatstr text [, VARIADIC "any"]): text_format of PostgreSQL 15's varlena.c. Specifiers
// %[argpos$][-][width|*[argpos$]]{s|I|L} and %%.
#include <climits>

#include "builtins.h"
#include "common/error.h"
#include "common/value_io.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

[[noreturn]] void Invalid(const std::string& message) {
  throw DbError(sqlstate::kInvalidParameterValue, message);
}

// The format string being scanned; Advance is ADVANCE_PARSE_POINTER.
struct Cursor {
  const std::string& s;
  size_t p = 0;
  char Cur() const { return s[p]; }
  void Advance() {
    if (++p >= s.size()) {
      throw DbError(sqlstate::kInvalidParameterValue, "unterminated format() type specifier")
          .Hint("For a single \"%\" use \"%%\".");
    }
  }
  // text_format_parse_digits
  bool Digits(int* value) {
    if (!std::isdigit(static_cast<unsigned char>(Cur()))) return false;
    int64_t v = 0;
    while (std::isdigit(static_cast<unsigned char>(Cur()))) {
      v = v * 10 + (Cur() - '0');
      if (v > INT_MAX) throw DbError(sqlstate::kNumericValueOutOfRange, "number is out of range");
      Advance();
    }
    *value = static_cast<int>(v);
    return true;
  }
};

struct Spec {
  int argpos = -1;    // -1: the next argument
  int widthpos = -1;  // -1: no indirect width; 0: the next argument
  bool minus = false;
  int width = 0;
};

Spec ParseSpec(Cursor& c) {
  Spec spec;
  int n = 0;
  if (c.Digits(&n)) {
    if (c.Cur() != '$') {
      spec.width = n;
      return spec;
    }
    if (n == 0) Invalid("format specifies argument 0, but arguments are numbered from 1");
    spec.argpos = n;
    c.Advance();
  }
  while (c.Cur() == '-') {
    spec.minus = true;
    c.Advance();
  }
  if (c.Cur() == '*') {
    c.Advance();
    if (c.Digits(&n)) {
      if (c.Cur() != '$') Invalid("width argument position must be ended by \"$\"");
      if (n == 0) Invalid("format specifies argument 0, but arguments are numbered from 1");
      spec.widthpos = n;
      c.Advance();
    } else {
      spec.widthpos = 0;
    }
  } else if (c.Digits(&n)) {
    spec.width = n;
  }
  return spec;
}

// text_format_append_string: pads to |width| characters, left-aligned for '-' or a negative width.
void Append(std::string& out, const std::string& s, bool minus, int width) {
  if (width == 0) {
    out += s;
    return;
  }
  bool left = minus;
  if (width < 0) {
    if (width <= INT_MIN) throw DbError(sqlstate::kNumericValueOutOfRange, "number is out of range");
    left = true;
    width = -width;
  }
  int64_t len = 0;
  for (char ch : s) len += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  std::string pad(len < width ? width - len : 0, ' ');
  out += left ? s + pad : pad + s;
}

Value Format(const std::vector<Value>& a, const FunctionEnv&) {
  if (a[0].is_null()) return Value::Null(T::kText);
  const std::string& fmt = a[0].GetString();
  std::string out;
  size_t arg = 1;
  Cursor c{fmt};
  for (; c.p < fmt.size(); ++c.p) {
    if (c.Cur() != '%') {
      out += c.Cur();
      continue;
    }
    c.Advance();
    if (c.Cur() == '%') {
      out += '%';
      continue;
    }
    Spec spec = ParseSpec(c);
    char conv = c.Cur();
    if (conv != 's' && conv != 'I' && conv != 'L') {
      size_t n = 1;
      while (c.p + n < fmt.size() && (static_cast<unsigned char>(fmt[c.p + n]) & 0xC0) == 0x80) ++n;
      throw DbError(sqlstate::kInvalidParameterValue,
                    "unrecognized format() type specifier \"" + fmt.substr(c.p, n) + "\"")
          .Hint("For a single \"%\" use \"%%\".");
    }
    int width = spec.width;
    if (spec.widthpos >= 0) {
      if (spec.widthpos > 0) arg = spec.widthpos;
      if (arg >= a.size()) Invalid("too few arguments for format()");
      const Value& w = a[arg++];
      width = w.is_null() ? 0
              : w.type() == T::kInt4 || w.type() == T::kInt2
                  ? static_cast<int>(w.GetInt())
                  : static_cast<int>(ParseValue(TypeDesc{T::kInt4}, FormatValue(w)).GetInt());
    }
    if (spec.argpos > 0) arg = spec.argpos;
    if (arg >= a.size()) Invalid("too few arguments for format()");
    const Value& v = a[arg++];
    if (v.is_null()) {
      if (conv == 'I') {
        throw DbError(sqlstate::kNullValueNotAllowed, "null values cannot be formatted as an SQL identifier");
      }
      Append(out, conv == 'L' ? "NULL" : "", spec.minus, width);
      continue;
    }
    std::string text = FormatValue(v);
    if (conv == 'I') text = QuoteIdent(text);
    if (conv == 'L') text = QuoteLiteral(text);
    Append(out, text, spec.minus, width);
  }
  return Value::String(out);
}

}  // namespace

void AddFormatBuiltins(std::vector<ScalarFunction>& out) {
  out.push_back({"format", {T::kText, T::kInvalid}, T::kText, Format, false, true});
}

}  // namespace lumadb::planner
