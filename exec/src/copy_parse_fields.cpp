// CopyParser: splitting one line into fields, text format (copyfromparse.c CopyReadAttributesText) and
// csv (CopyReadAttributesCSV). A field is NULL when its raw text, before unescaping, is the null string
// (csv: only when unquoted).

#include "common/error.h"
#include "exec/copy_parser.h"

namespace lumadb::exec {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsOctal(char c) {
  return c >= '0' && c <= '7';
}

/// The character a backslash sequence stands for; `i` is just past the backslash and moves past the
/// sequence.
char Unescape(const std::string& line, size_t& i) {
  const char c = line[i++];
  switch (c) {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    case 'x': {
      if (i >= line.size() || HexValue(line[i]) < 0) return 'x';
      int v = HexValue(line[i++]);
      if (i < line.size() && HexValue(line[i]) >= 0) v = v * 16 + HexValue(line[i++]);
      return static_cast<char>(v);
    }
    default:
      if (!IsOctal(c)) return c;
      int v = c - '0';
      for (int k = 0; k < 2 && i < line.size() && IsOctal(line[i]); ++k) v = v * 8 + (line[i++] - '0');
      return static_cast<char>(v & 0xFF);
  }
}

}  // namespace

std::string& CopyParser::FieldBuffer(CopyRecord* record, size_t n) {
  // The record's field strings are reused from row to row: no allocation per field once they are long
  // enough.
  if (n == record->fields.size()) record->fields.emplace_back();
  auto& f = record->fields[n];
  if (!f) f.emplace();
  f->clear();
  return *f;
}

void CopyParser::SplitText(const std::string& line, CopyRecord* record) const {
  const char delimiter = options_.delimiter;
  size_t i = 0;
  size_t n = 0;
  while (true) {
    const size_t start = i;
    std::string& value = FieldBuffer(record, n++);
    bool found_delimiter = false;
    size_t raw_end = line.size();
    while (i < line.size()) {
      const size_t run = i;  // bytes up to the next delimiter or backslash go in one piece
      while (i < line.size() && line[i] != delimiter && line[i] != '\\') ++i;
      value.append(line, run, i - run);
      if (i >= line.size()) break;
      const char c = line[i++];
      if (c == delimiter) {
        found_delimiter = true;
        raw_end = i - 1;
        break;
      }
      if (i >= line.size()) break;  // a backslash ending the line stands for nothing
      value += Unescape(line, i);
    }
    if (!found_delimiter) raw_end = line.size();
    std::string_view raw(line.data() + start, raw_end - start);
    if (raw == options_.null_string) record->fields[n - 1].reset();
    if (!found_delimiter) break;
  }
  record->fields.resize(n);
}

void CopyParser::SplitCsv(const std::string& line, CopyRecord* record) const {
  const char delimiter = options_.delimiter;
  const char quote = options_.quote;
  const char escape = options_.escape;
  size_t i = 0;
  size_t n = 0;
  while (true) {
    const size_t start = i;
    std::string& value = FieldBuffer(record, n++);
    bool saw_quote = false;
    bool found_delimiter = false;
    size_t raw_end = line.size();
    while (true) {
      // Unquoted part.
      bool opened = false;
      const size_t run = i;  // appended in one piece: a field is mostly one unquoted run
      while (i < line.size() && line[i] != delimiter && line[i] != quote) ++i;
      value.append(line, run, i - run);
      if (i < line.size()) {
        if (line[i++] == delimiter) {
          found_delimiter = true;
          raw_end = i - 1;
        } else {
          saw_quote = true;
          opened = true;
        }
      }
      if (!opened) break;
      // Quoted part: the escape character quotes the next quote or escape character.
      while (true) {
        if (i >= line.size()) throw DbError(sqlstate::kBadCopyFileFormat, "unterminated CSV quoted field");
        const char c = line[i++];
        if (c == escape && i < line.size() && (line[i] == escape || line[i] == quote)) {
          value += line[i++];
          continue;
        }
        if (c == quote) break;
        value += c;
      }
    }
    std::string_view raw(line.data() + start, raw_end - start);
    if (!saw_quote && raw == options_.null_string) record->fields[n - 1].reset();
    if (!found_delimiter) break;
  }
  record->fields.resize(n);
}

}  // namespace lumadb::exec
