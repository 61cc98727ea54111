// ParseDateTime of PostgreSQL 15 (src/backend/utils/adt/datetime.c): splitting date/time input into
// classified fields.

#include <cctype>

#include "datetime_decode.h"

namespace lumadb::dt {

namespace {

constexpr size_t kMaxFields = 25;          // MAXDATEFIELDS
constexpr size_t kWorkBufSize = 128 + 25;  // MAXDATELEN + MAXDATEFIELDS

bool IsDigit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool IsAlpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool IsAlnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Builds the fields as PostgreSQL writes them into its work buffer; APPEND_CHAR's overflow check
// counts the NUL after each field too.
class Lexer {
 public:
  explicit Lexer(std::string_view in) : in_(in) {}

  std::vector<Field> Run() {
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
        continue;
      }
      if (IsDigit(c)) {
        StartField();
        Digits();
      } else if (c == '.') {  // a leading decimal point: fractional seconds
        StartField(kNumber);
        Append(Next());
        while (IsDigit(Peek())) Append(Next());
      } else if (IsAlpha(c)) {
        StartField();
        Word();
      } else if (c == '+' || c == '-') {
        StartField();
        Signed();
      } else if (std::ispunct(static_cast<unsigned char>(c))) {
        ++pos_;  // other punctuation only separates fields
        continue;
      } else {
        Fail(DecodeError::kBadFormat);
      }
      used_ += 1;  // the field's NUL terminator
    }
    return std::move(fields_);
  }

 private:
  char Peek() const { return pos_ < in_.size() ? in_[pos_] : '\0'; }
  char Next() { return in_[pos_++]; }
  void StartField(int type = kNumber) {
    if (fields_.size() >= kMaxFields) Fail(DecodeError::kBadFormat);
    fields_.push_back(Field{"", type});
  }
  void Append(char c) {
    if (used_ + 1 >= kWorkBufSize) Fail(DecodeError::kBadFormat);
    ++used_;
    fields_.back().text += c;
  }
  void SetType(int type) { fields_.back().type = type; }

  // A leading digit: a time (':'), a date ('-', '/', '.' delimiters, maybe with a text month) or a number.
  void Digits() {
    Append(Next());
    while (IsDigit(Peek())) Append(Next());
    if (Peek() == ':') {
      SetType(kTime);
      Append(Next());
      while (IsDigit(Peek()) || Peek() == ':' || Peek() == '.') Append(Next());
    } else if (Peek() == '-' || Peek() == '/' || Peek() == '.') {
      const char delim = Next();
      Append(delim);
      if (IsDigit(Peek())) {
        SetType(delim == '.' ? kNumber : kDate);
        while (IsDigit(Peek())) Append(Next());
        if (Peek() == delim) {  // three fields need matching delimiters
          SetType(kDate);
          Append(Next());
          while (IsDigit(Peek()) || Peek() == delim) Append(Next());
        }
      } else {
        SetType(kDate);
        while (IsAlnum(Peek()) || Peek() == delim) Append(Lower(Next()));
      }
    } else {
      SetType(kNumber);
    }
  }

  // A word: a keyword, a month or weekday, a zone abbreviation, or (with punctuation) a date with a text
  // month or a zone name; before a digit or '+', a known keyword stays a word ('j2451187').
  void Word() {
    SetType(kString);
    Append(Lower(Next()));
    while (IsAlpha(Peek())) Append(Lower(Next()));
    bool is_date = false;
    const char c = Peek();
    if (c == '-' || c == '/' || c == '.') {
      is_date = true;
    } else if (c == '+' || IsDigit(c)) {
      is_date = !IsDateKeyword(fields_.back().text);
    }
    if (!is_date) return;
    SetType(kDate);
    do {
      Append(Lower(Next()));
    } while (Peek() == '+' || Peek() == '-' || Peek() == '/' || Peek() == '_' || Peek() == '.' || Peek() == ':' ||
             IsAlnum(Peek()));
  }

  // A sign: a numeric zone ('-08:00', also swallowing '-' as in 'yyyy-mm') or a special ('-infinity').
  void Signed() {
    Append(Next());
    while (std::isspace(static_cast<unsigned char>(Peek()))) ++pos_;
    if (IsDigit(Peek())) {
      SetType(kTz);
      Append(Next());
      while (IsDigit(Peek()) || Peek() == ':' || Peek() == '.' || Peek() == '-') Append(Next());
    } else if (IsAlpha(Peek())) {
      SetType(kSpecial);
      Append(Lower(Next()));
      while (IsAlpha(Peek())) Append(Lower(Next()));
    } else {
      Fail(DecodeError::kBadFormat);
    }
  }

  std::string_view in_;
  size_t pos_ = 0;
  size_t used_ = 0;
  std::vector<Field> fields_;
};

}  // namespace

std::vector<Field> ParseDateTime(std::string_view input) {
  return Lexer(input).Run();
}

}  // namespace lumadb::dt
