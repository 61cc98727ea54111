// The JSON lexer and recursive-descent parser, following PostgreSQL 15's src/common/jsonapi.c token by
// token so that what is accepted, and each error's DETAIL and CONTEXT, are PostgreSQL's own.
#include <cstdio>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "common/stack_depth.h"

namespace lumadb::json {

namespace {

// kInvalid is only the state before the first token (jsonapi.c's zeroed JSON_TOKEN_INVALID).
enum class Tok {
  kInvalid,
  kObjectStart,
  kObjectEnd,
  kArrayStart,
  kArrayEnd,
  kComma,
  kColon,
  kString,
  kNumber,
  kTrue,
  kFalse,
  kNull,
  kEnd
};

// What the parser expected where it failed (jsonapi.c JsonParseContext).
enum class Expect { kValue, kString, kArrayNext, kObjectFirst, kColon, kObjectNext, kEnd };

bool IsAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
// Bytes of the UTF-8 character starting with lead byte c (pg_mblen).
size_t CharLength(unsigned char c) {
  return c < 0x80 ? 1 : (c >= 0xf0 ? 4 : (c >= 0xe0 ? 3 : (c >= 0xc0 ? 2 : 1)));
}
void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

class Parser {
 public:
  Parser(std::string_view in, bool escapes, bool jsonb) : in_(in), escapes_(escapes), jsonb_(jsonb) {}

  JsonValue ParseDocument() {
    Next();
    JsonValue v = ParseValue();
    if (tok_ != Tok::kEnd) ExpectFailed(Expect::kEnd);
    return v;
  }

 private:
  // ---- lexer (json_lex) ----
  void Next() {
    size_t s = pos_;
    while (s < in_.size() && (in_[s] == ' ' || in_[s] == '\t' || in_[s] == '\n' || in_[s] == '\r')) {
      if (in_[s] == '\n') {
        ++line_;
        line_start_ = s + 1;
      }
      ++s;
    }
    start_ = s;
    if (s >= in_.size()) {
      tok_ = Tok::kEnd;
      end_ = pos_ = s;
      return;
    }
    const char c = in_[s];
    static constexpr std::string_view kPunct = "{}[],:";
    static constexpr Tok kPunctTok[] = {Tok::kObjectStart, Tok::kObjectEnd, Tok::kArrayStart,
                                        Tok::kArrayEnd,    Tok::kComma,     Tok::kColon};
    if (size_t p = kPunct.find(c); p != std::string_view::npos) {
      tok_ = kPunctTok[p];
      end_ = pos_ = s + 1;
    } else if (c == '"') {
      LexString(s);
    } else if (c == '-' || IsDigit(c)) {
      LexNumber(c == '-' ? s + 1 : s);
    } else {
      LexWord(s);
    }
  }

  void LexWord(size_t s) {
    size_t p = s;
    while (p < in_.size() && IsAlnum(static_cast<unsigned char>(in_[p]))) ++p;
    if (p == s) {
      end_ = s + CharLength(static_cast<unsigned char>(in_[s]));
      InvalidToken();
    }
    end_ = pos_ = p;
    const std::string_view word = in_.substr(s, p - s);
    if (word == "true") {
      tok_ = Tok::kTrue;
    } else if (word == "false") {
      tok_ = Tok::kFalse;
    } else if (word == "null") {
      tok_ = Tok::kNull;
    } else {
      InvalidToken();
    }
  }

  // json_lex_number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and no letter or digit right after.
  void LexNumber(size_t s) {
    bool error = false;
    auto digits = [&] {
      if (s >= in_.size() || !IsDigit(in_[s])) return false;
      while (s < in_.size() && IsDigit(in_[s])) ++s;
      return true;
    };
    if (s < in_.size() && in_[s] == '0') {
      ++s;
    } else if (!digits()) {
      error = true;
    }
    if (s < in_.size() && in_[s] == '.') {
      ++s;
      if (!digits()) error = true;
    }
    if (s < in_.size() && (in_[s] == 'e' || in_[s] == 'E')) {
      ++s;
      if (s < in_.size() && (in_[s] == '+' || in_[s] == '-')) ++s;
      if (!digits()) error = true;
    }
    while (s < in_.size() && IsAlnum(static_cast<unsigned char>(in_[s]))) {
      ++s;
      error = true;
    }
    end_ = pos_ = s;
    if (error) InvalidToken();
    tok_ = Tok::kNumber;
  }

  void LexString(size_t s) {
    text_.clear();
    int32_t hi_surrogate = -1;
    for (++s;; ++s) {
      if (s >= in_.size()) {
        end_ = s;
        InvalidToken();
      }
      const auto c = static_cast<unsigned char>(in_[s]);
      if (c == '"') break;
      if (c < 0x20) {
        end_ = s;
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", c);
        Fail(std::string("Character with value ") + hex + " must be escaped.");
      }
      if (c != '\\') {
        if (escapes_ && hi_surrogate != -1) UnicodeError(s, "Unicode low surrogate must follow a high surrogate.");
        if (escapes_) text_.push_back(static_cast<char>(c));
        continue;
      }
      if (++s >= in_.size()) {
        end_ = s;
        InvalidToken();
      }
      if (in_[s] == 'u') {
        uint32_t ch = 0;
        for (int i = 0; i < 4; ++i) {
          if (++s >= in_.size()) {
            end_ = s;
            InvalidToken();
          }
          const int h = HexValue(in_[s]);
          if (h < 0) {
            end_ = s + CharLength(static_cast<unsigned char>(in_[s]));
            Fail("\"\\u\" must be followed by four hexadecimal digits.");
          }
          ch = ch * 16 + static_cast<uint32_t>(h);
        }
        if (escapes_) DecodeUnicode(ch, hi_surrogate, s);
        continue;
      }
      if (escapes_ && hi_surrogate != -1) UnicodeError(s, "Unicode low surrogate must follow a high surrogate.");
      static constexpr std::string_view kEscapes = "\"\\/bfnrt";
      static constexpr std::string_view kDecoded = "\"\\/\b\f\n\r\t";
      const size_t e = kEscapes.find(in_[s]);
      if (e == std::string_view::npos) {
        start_ = s;
        end_ = s + CharLength(static_cast<unsigned char>(in_[s]));
        Fail("Escape sequence \"\\" + std::string(in_.substr(s, end_ - s)) + "\" is invalid.");
      }
      if (escapes_) text_.push_back(kDecoded[e]);
    }
    if (escapes_ && hi_surrogate != -1) UnicodeError(s, "Unicode low surrogate must follow a high surrogate.");
    end_ = pos_ = s + 1;
    tok_ = Tok::kString;
  }

  void DecodeUnicode(uint32_t ch, int32_t& hi_surrogate, size_t s) {
    if (ch >= 0xd800 && ch <= 0xdbff) {
      if (hi_surrogate != -1) UnicodeError(s, "Unicode high surrogate must not follow a high surrogate.");
      hi_surrogate = static_cast<int32_t>(ch);
      return;
    }
    if (ch >= 0xdc00 && ch <= 0xdfff) {
      if (hi_surrogate == -1) UnicodeError(s, "Unicode low surrogate must follow a high surrogate.");
      ch = ((static_cast<uint32_t>(hi_surrogate) & 0x3ff) << 10) + (ch & 0x3ff) + 0x10000;
      hi_surrogate = -1;
    }
    if (hi_surrogate != -1) UnicodeError(s, "Unicode low surrogate must follow a high surrogate.");
    if (ch == 0) {
      end_ = s + 1;
      throw WithContext(DbError(sqlstate::kUntranslatableCharacter, "unsupported Unicode escape sequence")
                            .Detail("\\u0000 cannot be converted to text."));
    }
    AppendUtf8(text_, ch);
  }

  // ---- errors (json_errdetail, report_json_context) ----
  [[noreturn]] void UnicodeError(size_t s, const std::string& detail) {
    end_ = s + 1;
    Fail(detail);
  }
  [[noreturn]] void InvalidToken() {
    Fail("Token \"" + std::string(in_.substr(start_, end_ - start_)) + "\" is invalid.");
  }
  [[noreturn]] void ExpectFailed(Expect what) {
    if (tok_ == Tok::kEnd) Fail("The input string ended unexpectedly.");
    const std::string found = "\"" + std::string(in_.substr(start_, end_ - start_)) + "\"";
    switch (what) {
      case Expect::kValue:
        Fail("Expected JSON value, but found " + found + ".");
      case Expect::kString:
        Fail("Expected string, but found " + found + ".");
      case Expect::kArrayNext:
        Fail("Expected \",\" or \"]\", but found " + found + ".");
      case Expect::kObjectFirst:
        Fail("Expected string or \"}\", but found " + found + ".");
      case Expect::kColon:
        Fail("Expected \":\", but found " + found + ".");
      case Expect::kObjectNext:
        Fail("Expected \",\" or \"}\", but found " + found + ".");
      case Expect::kEnd:
        break;
    }
    Fail("Expected end of input, but found " + found + ".");
  }
  [[noreturn]] void Fail(const std::string& detail) {
    throw WithContext(
        DbError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type json").Detail(detail));
  }
  // The excerpt ends at the failing token's end and shows at most about 50 bytes of its line.
  DbError WithContext(DbError e) const {
    size_t from = line_start_;
    while (end_ - from >= 50) from += CharLength(static_cast<unsigned char>(in_[from]));
    if (from - line_start_ <= 3) from = line_start_;
    const bool more = tok_ != Tok::kEnd && end_ < in_.size() && in_[end_] != '\n' && in_[end_] != '\r';
    e.Context("JSON data, line " + std::to_string(line_) + ": " + (from > line_start_ ? "..." : "") +
              std::string(in_.substr(from, end_ - from)) + (more ? "..." : ""));
    return e;
  }

  // ---- parser (parse_scalar, parse_object, parse_array) ----
  JsonValue ParseValue() {
    JsonValue v;
    v.begin = static_cast<uint32_t>(start_);
    switch (tok_) {
      case Tok::kObjectStart:
        ParseObject(v);
        break;
      case Tok::kArrayStart:
        ParseArray(v);
        break;
      case Tok::kString:
        v.kind = JsonKind::kString;
        v.text = std::move(text_);
        break;
      case Tok::kNumber:
        v.kind = JsonKind::kNumber;
        v.text = std::string(in_.substr(start_, end_ - start_));
        if (escapes_) v.number = Numeric::Parse(v.text);
        if (jsonb_) v.text = v.number.ToString();
        break;
      case Tok::kTrue:
      case Tok::kFalse:
        v.kind = JsonKind::kBool;
        v.boolean = tok_ == Tok::kTrue;
        break;
      case Tok::kNull:
        break;
      default:
        ExpectFailed(Expect::kValue);
    }
    if (v.kind != JsonKind::kObject && v.kind != JsonKind::kArray) {
      v.end = static_cast<uint32_t>(end_);
      Next();
    }
    return v;
  }

  void ParseObject(JsonValue& v) {
    CheckStackDepth();
    v.kind = JsonKind::kObject;
    Next();
    if (tok_ != Tok::kObjectEnd) {
      if (tok_ != Tok::kString) ExpectFailed(Expect::kObjectFirst);
      ParseMember(v);
      while (tok_ == Tok::kComma) {
        Next();
        ParseMember(v);
      }
    }
    if (tok_ != Tok::kObjectEnd) ExpectFailed(Expect::kObjectNext);
    v.end = static_cast<uint32_t>(end_);
    Next();
  }

  void ParseMember(JsonValue& v) {
    if (tok_ != Tok::kString) ExpectFailed(Expect::kString);
    v.keys.push_back(std::move(text_));
    Next();
    if (tok_ != Tok::kColon) ExpectFailed(Expect::kColon);
    Next();
    v.items.push_back(ParseValue());
  }

  void ParseArray(JsonValue& v) {
    CheckStackDepth();
    v.kind = JsonKind::kArray;
    Next();
    if (tok_ != Tok::kArrayEnd) {
      v.items.push_back(ParseValue());
      while (tok_ == Tok::kComma) {
        Next();
        v.items.push_back(ParseValue());
      }
    }
    if (tok_ != Tok::kArrayEnd) ExpectFailed(Expect::kArrayNext);
    v.end = static_cast<uint32_t>(end_);
    Next();
  }

  std::string_view in_;
  bool escapes_;
  bool jsonb_;
  size_t pos_ = 0;    // where the next token's scan starts
  size_t start_ = 0;  // the current token's first byte
  size_t end_ = 0;    // one past its last byte (token_terminator)
  Tok tok_ = Tok::kInvalid;
  std::string text_;  // the current string token, de-escaped
  int line_ = 1;
  size_t line_start_ = 0;
};

}  // namespace

JsonValue ParseJson(std::string_view text, bool jsonb) {
  JsonValue v = Parser(text, true, jsonb).ParseDocument();
  if (jsonb) NormalizeJsonb(v);
  return v;
}

void ValidateJson(std::string_view text) {
  Parser(text, false, false).ParseDocument();
}

}  // namespace lumadb::json
