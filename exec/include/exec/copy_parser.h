#pragma once
// CopyParser: decodes COPY FROM input in text, csv or binary format (copy.h draws the formats), fed in
// chunks that need not align with rows (the CopyData messages of a client), following PostgreSQL 15's
// copyfromparse.c: CopyReadLineText (line ends, the \. end marker), CopyReadAttributesText/CSV (field
// splitting and unescaping) and CopyReadBinaryTupleField. It yields each row's raw fields; converting them
// to column values is CopyFrom's job.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exec/copy.h"

namespace lumadb::exec {

/// One row of input: per column its text (text/csv, unescaped) or typsend bytes (binary); nullopt is NULL.
struct CopyRecord {
  std::vector<std::optional<std::string>> fields;
  int64_t line = 0;  // 1-based line (text/csv; a header counts) or row number (binary), for CONTEXT
  std::string raw;   // the line as received, without its line end (text/csv only)
};

class CopyParser {
 public:
  /// `table` and `columns` (the columns read, in order) name things in errors; every row must have
  /// exactly columns.size() fields.
  CopyParser(const CopyOptions& options, std::string table, std::vector<std::string> columns);

  /// Appends input bytes.
  void Feed(std::string_view data);
  /// Marks the end of input (CopyDone): a last line without a line end becomes a row.
  void Finish();
  /// The next complete row, if one is buffered. Throws 22P04 for malformed input ("missing data for
  /// column \"x\"", "extra data after last expected column", "unterminated CSV quoted field", "literal
  /// newline found in data", "end-of-copy marker corrupt", "COPY file signature not recognized", "row
  /// field count is 3, expected 2", "unexpected EOF in COPY data", header mismatches), with the CONTEXT
  /// line set.
  bool Next(CopyRecord* record);
  /// True once the end marker (\. or the binary trailer) was read: later input is ignored.
  bool at_end_marker() const { return ended_; }

  /// PostgreSQL's CONTEXT line for an error in `record` (copyfrom.c CopyFromErrorCallback):
  /// `COPY t, line 3: "raw"`, or with column >= 0 `COPY t, line 3, column x: "value"` (binary formats
  /// name no value). Values longer than 100 bytes are cut and end in "...".
  std::string Context(const CopyRecord& record, int column = -1) const;
  /// The CONTEXT line for an error found after the line was read (a buffered row stored later, as in
  /// PostgreSQL's CopyMultiInsertBufferFlush, which clears line_buf_valid): `COPY t, line 3`.
  std::string Context(int64_t line) const;

 private:
  enum class Eol { kUnknown, kNl, kCr, kCrNl };
  enum class Scan { kLine, kMore, kEnd };

  Scan ScanLine(size_t* line_end, size_t* next);
  /// The first byte at or after i that may change the line scan's state (a line end, quote, escape or
  /// backslash), or the end of the buffer.
  size_t SkipOrdinary(size_t i) const;
  bool NextLine(std::string* line);
  [[noreturn]] void LineError(const std::string& message, const std::string& hint, size_t line_end);
  void SplitText(const std::string& line, CopyRecord* record) const;
  void SplitCsv(const std::string& line, CopyRecord* record) const;
  /// Field n of record, made an empty string (reusing its buffer) for a split to fill.
  static std::string& FieldBuffer(CopyRecord* record, size_t n);
  void CheckFieldCount(size_t count, const CopyRecord& record) const;
  void CheckHeader(const CopyRecord& header) const;
  bool NextBinary(CopyRecord* record);
  bool ReadBinaryHeader();
  void Compact();

  CopyOptions options_;
  std::string table_;
  std::vector<std::string> columns_;
  std::vector<bool> force_not_null_, force_null_;
  std::string buf_;
  size_t pos_ = 0;   // start of the unconsumed input
  size_t scan_ = 0;  // how far the current line has been scanned
  bool in_quote_ = false;
  bool last_was_esc_ = false;
  Eol eol_ = Eol::kUnknown;
  bool final_ = false;
  bool ended_ = false;
  bool header_done_ = false;
  int64_t line_ = 0;
};

}  // namespace lumadb::exec
