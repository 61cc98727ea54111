// CopyParser: text, csv and binary COPY input split into chunks at every byte position (issue 5), the
// escapes and quoting rules of copyfromparse.c, and its 22P04 errors with their CONTEXT lines.

#include "exec/copy_parser.h"

#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "common/error.h"
#include "exec/copy.h"

namespace lumadb::exec {

namespace {

using Fields = std::vector<std::optional<std::string>>;

/// Feeds `input` as chunks cut at `cuts` (ascending byte offsets) and returns every record's fields.
std::vector<Fields> ParseChunks(const CopyOptions& options, const std::string& input, const std::vector<size_t>& cuts,
                                size_t columns = 3) {
  std::vector<std::string> names;
  for (size_t i = 0; i < columns; ++i) names.push_back("c" + std::to_string(i + 1));
  CopyParser parser(options, "t", names);
  std::vector<Fields> rows;
  CopyRecord record;
  size_t at = 0;
  auto drain = [&] {
    while (parser.Next(&record)) rows.push_back(record.fields);
  };
  for (size_t cut : cuts) {
    parser.Feed(std::string_view(input).substr(at, cut - at));
    drain();
    at = cut;
  }
  parser.Feed(std::string_view(input).substr(at));
  drain();
  parser.Finish();
  drain();
  return rows;
}

/// Checks that every single split point, and byte-at-a-time feeding, give `expected`.
void CheckAllSplits(const CopyOptions& options, const std::string& input, const std::vector<Fields>& expected,
                    size_t columns = 3) {
  CHECK(ParseChunks(options, input, {}, columns) == expected);
  for (size_t k = 0; k <= input.size(); ++k) {
    CAPTURE(k);
    CHECK(ParseChunks(options, input, {k}, columns) == expected);
  }
  std::vector<size_t> every;
  for (size_t k = 1; k < input.size(); ++k) every.push_back(k);
  CHECK(ParseChunks(options, input, every, columns) == expected);
}

CopyOptions Csv() {
  CopyOptions o;
  o.format = CopyFormat::kCsv;
  o.delimiter = ',';
  o.null_string = "";
  return o;
}

DbError ParseError(const CopyOptions& options, const std::string& input, size_t columns = 3) {
  try {
    ParseChunks(options, input, {}, columns);
  } catch (const DbError& e) {
    return e;
  }
  FAIL("no error");
  return DbError(sqlstate::kInternalError, "unreachable");
}

std::string Be32(int32_t v) {
  std::string s;
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
  return s;
}

std::string Be16(int16_t v) {
  return std::string{static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)};
}

}  // namespace

TEST_CASE("text format: escapes, NULL, end marker, at every split") {
  CopyOptions text;
  const std::string good =
      "1\tab\\tc\t\\N\n"
      "2\t\\\\x\\n\\101\\x41\\q\t\n"
      "\\.\n"
      "ignored\n";
  CheckAllSplits(text, good, {Fields{"1", "ab\tc", std::nullopt}, Fields{"2", "\\x\nAAq", ""}});
}

TEST_CASE("text format: CRLF line ends and a last line without one") {
  CopyOptions text;
  CheckAllSplits(text, "1\ta\tb\r\n2\tc\td", {Fields{"1", "a", "b"}, Fields{"2", "c", "d"}});
  CheckAllSplits(text, "1\ta\tb\r\n\\.\r\n", {Fields{"1", "a", "b"}});
}

TEST_CASE("text format: header line skipped, custom delimiter and null") {
  CopyOptions text;
  text.header = true;
  text.delimiter = '|';
  text.null_string = "NULL";
  CheckAllSplits(text, "a|b|c\n1|NULL|x\\|y\n", {Fields{"1", std::nullopt, "x|y"}});
}

TEST_CASE("csv format: quotes, doubled quotes, embedded newlines, NULL") {
  CheckAllSplits(Csv(), "1,\"a,\"\"b\"\"\",\n2,\"\",\"line1\nline2\"\n3,x,\\.\n",
                 {Fields{"1", "a,\"b\"", std::nullopt}, Fields{"2", "", "line1\nline2"}, Fields{"3", "x", "\\."}});
  CheckAllSplits(Csv(), "1,2,3\n\\.\n", {Fields{"1", "2", "3"}});
}

TEST_CASE("csv format: escape character, FORCE_NOT_NULL and FORCE_NULL") {
  CopyOptions o = Csv();
  o.escape = '\\';
  o.force_not_null = {"c2"};
  o.force_null = {"c3"};
  CheckAllSplits(o, "\"a\\\"b\",,\"\"\n", {Fields{"a\"b", "", std::nullopt}});
}

TEST_CASE("csv HEADER MATCH") {
  CopyOptions o = Csv();
  o.header = true;
  o.header_match = true;
  CHECK(ParseChunks(o, "c1,c2,c3\n1,2,3\n", {}) == std::vector<Fields>{Fields{"1", "2", "3"}});
  DbError e = ParseError(o, "c1,c2,x\n1,2,3\n");
  CHECK(e.code() == sqlstate::kBadCopyFileFormat);
  CHECK(e.message() == "column name mismatch in header line field 3: got \"x\", expected \"c3\"");
  CHECK(e.context() == "COPY t, line 1: \"c1,c2,x\"");
  CHECK(ParseError(o, "c1,c2\n").message() == "wrong number of fields in header line: got 2, expected 3");
}

TEST_CASE("bad data: 22P04 with PostgreSQL's messages and CONTEXT") {
  CopyOptions text;
  DbError missing = ParseError(text, "1\tx\t2\n1\n");
  CHECK(missing.code() == sqlstate::kBadCopyFileFormat);
  CHECK(missing.message() == "missing data for column \"c2\"");
  CHECK(missing.context() == "COPY t, line 2: \"1\"");
  DbError extra = ParseError(text, "1\tx\t1\t4\n");
  CHECK(extra.message() == "extra data after last expected column");
  CHECK(extra.context() == "COPY t, line 1: \"1\tx\t1\t4\"");
  DbError quote = ParseError(Csv(), "1,\"abc\n");
  CHECK(quote.message() == "unterminated CSV quoted field");
  CHECK(quote.context() == "COPY t, line 1: \"1,\"abc\n\"");
  CHECK(ParseError(text, "1\ta\tb\n\\.x\n").message() == "end-of-copy marker corrupt");
  CHECK(ParseError(text, "1\ta\tb\r\n2\ta\tb\n").message() == "literal newline found in data");
  DbError cr = ParseError(text, "1\ta\tb\n2\ta\rb\n");
  CHECK(cr.message() == "literal carriage return found in data");
  CHECK(cr.hint() == "Use \"\\r\" to represent carriage return.");
  CHECK(cr.context() == "COPY t, line 2");
}

TEST_CASE("CONTEXT of a value: column and text, cut at 100 bytes") {
  CopyOptions text;
  std::vector<std::string> names{"a"};
  CopyParser parser(text, "t", names);
  CopyRecord r;
  r.line = 17;
  r.fields = {std::string(120, 'x')};
  CHECK(parser.Context(r, 0) == "COPY t, line 17, column a: \"" + std::string(100, 'x') + "...\"");
  r.fields = {std::nullopt};
  CHECK(parser.Context(r, 0) == "COPY t, line 17, column a: null input");
}

TEST_CASE("binary format at every split") {
  CopyOptions bin;
  bin.format = CopyFormat::kBinary;
  std::string input("PGCOPY\n\377\r\n\0", 11);
  input += Be32(0) + Be32(2) + "xy";  // flags, a 2-byte header extension
  input += Be16(2) + Be32(4) + Be32(7) + Be32(-1);
  input += Be16(2) + Be32(0) + Be32(3) + "abc";
  input += Be16(-1);
  CheckAllSplits(bin, input, {Fields{Be32(7), std::nullopt}, Fields{"", "abc"}}, 2);

  // Without the trailer the input simply ends at a row boundary.
  std::string no_trailer = input.substr(0, input.size() - 2);
  CHECK(ParseChunks(bin, no_trailer, {}, 2).size() == 2);
  DbError eof = ParseError(bin, no_trailer.substr(0, no_trailer.size() - 1), 2);
  CHECK(eof.message() == "unexpected EOF in COPY data");
  CHECK(ParseError(bin, "1\t2\n", 2).message() == "COPY file signature not recognized");
  std::string wrong = std::string("PGCOPY\n\377\r\n\0", 11) + Be32(0) + Be32(0) + Be16(3);
  DbError count = ParseError(bin, wrong, 2);
  CHECK(count.message() == "row field count is 3, expected 2");
  CHECK(count.context() == "COPY t, line 1");
}

}  // namespace lumadb::exec
