// CopyParser: buffering, line scanning (copyfromparse.c CopyReadLineText), header handling and the
// CONTEXT line. Field splitting is in copy_parse_fields.cpp, the binary format in copy_parse_binary.cpp.

#include "exec/copy_parser.h"

#include <algorithm>
#include <cstring>

#include "common/error.h"

namespace lumadb::exec {

namespace {

/// Input consumed beyond this many bytes is dropped from the buffer.
constexpr size_t kCompactThreshold = 64 * 1024;
/// copyfrom.c MAX_COPY_DATA_DISPLAY.
constexpr size_t kMaxDisplay = 100;

/// limit_printout_length: at most 100 bytes, cut at a UTF-8 character boundary, then "...".
std::string LimitPrintout(const std::string& s) {
  if (s.size() <= kMaxDisplay) return s;
  size_t n = kMaxDisplay;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "...";
}

std::vector<bool> ColumnFlags(const std::vector<std::string>& columns, const std::vector<std::string>& names) {
  std::vector<bool> flags(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    flags[i] = std::find(names.begin(), names.end(), columns[i]) != names.end();
  }
  return flags;
}

}  // namespace

CopyParser::CopyParser(const CopyOptions& options, std::string table, std::vector<std::string> columns)
    : options_(options),
      table_(std::move(table)),
      columns_(std::move(columns)),
      force_not_null_(ColumnFlags(columns_, options.force_not_null)),
      force_null_(ColumnFlags(columns_, options.force_null)) {}

void CopyParser::Feed(std::string_view data) {
  if (ended_) return;  // data after the end marker is read and dropped, as PostgreSQL does
  Compact();
  buf_.append(data);
}

void CopyParser::Finish() {
  final_ = true;
}

void CopyParser::Compact() {
  if (pos_ < kCompactThreshold || pos_ * 2 < buf_.size()) return;
  buf_.erase(0, pos_);
  scan_ = scan_ >= pos_ ? scan_ - pos_ : 0;
  pos_ = 0;
}

bool CopyParser::Next(CopyRecord* record) {
  if (options_.format == CopyFormat::kBinary) return NextBinary(record);
  while (true) {
    if (!NextLine(&record->raw)) return false;  // assigned in place: the record's buffer is reused
    record->line = line_;
    try {
      if (options_.format == CopyFormat::kCsv) {
        SplitCsv(record->raw, record);
      } else {
        SplitText(record->raw, record);
      }
    } catch (DbError& e) {
      if (!e.context()) e.Context(Context(*record));
      throw;
    }
    if (options_.header && !header_done_) {
      header_done_ = true;
      if (options_.header_match) CheckHeader(*record);
      continue;
    }
    header_done_ = true;
    CheckFieldCount(record->fields.size(), *record);
    if (options_.format != CopyFormat::kCsv) return true;
    for (size_t i = 0; i < record->fields.size(); ++i) {
      auto& f = record->fields[i];
      if (!f && force_not_null_[i]) {
        f = options_.null_string;
      } else if (f && force_null_[i] && *f == options_.null_string) {
        f.reset();
      }
    }
    return true;
  }
}

bool CopyParser::NextLine(std::string* line) {
  if (ended_) return false;
  size_t end = 0;
  size_t next = 0;
  Scan scan = ScanLine(&end, &next);
  if (scan == Scan::kMore) return false;
  if (scan == Scan::kEnd) {
    ended_ = true;
    // Data before \. on its line is a last row (CopyReadLineText keeps it).
    if (end == pos_) return false;
  }
  line->assign(buf_, pos_, end - pos_);
  pos_ = next;
  scan_ = next;
  in_quote_ = false;
  last_was_esc_ = false;
  ++line_;
  return true;
}

void CopyParser::LineError(const std::string& message, const std::string& hint, size_t /*line_end*/) {
  DbError e(sqlstate::kBadCopyFileFormat, message);
  if (!hint.empty()) e.Hint(hint);
  // The line is not complete, so the context names only its number (line_buf_valid is false).
  throw e.Context("COPY " + table_ + ", line " + std::to_string(line_ + 1));
}

size_t CopyParser::SkipOrdinary(size_t i) const {
  const char quote = options_.quote;
  const char escape = options_.escape;
  const char* p = buf_.data();
  const size_t size = buf_.size();
  // Usually the rest of the line holds nothing special: memchr (vectorised) proves it in a few passes.
  const auto* nl = static_cast<const char*>(std::memchr(p + i, '\n', size - i));
  const size_t end = nl != nullptr ? static_cast<size_t>(nl - p) : size;
  bool special = false;
  for (char c : {'\r', '\\', quote, escape}) special = special || std::memchr(p + i, c, end - i) != nullptr;
  if (!special) return end;
  auto ordinary = [&](char c) { return c != '\n' && c != '\r' && c != '\\' && c != quote && c != escape; };
  while (i < size && ordinary(p[i])) ++i;
  return i;
}

CopyParser::Scan CopyParser::ScanLine(size_t* line_end, size_t* next) {
  const bool csv = options_.format == CopyFormat::kCsv;
  const char quote = options_.quote;
  const char escape = options_.escape;
  const size_t size = buf_.size();
  size_t i = scan_;
  while (i < size) {
    // Ordinary bytes change no state (an escape run ends at any of them): skip them in a tight loop.
    const size_t run = i;
    i = SkipOrdinary(i);
    if (i != run) last_was_esc_ = false;
    if (i >= size) break;
    const char c = buf_[i];
    if (csv) {
      // With quote == escape the quote is a plain toggle; otherwise an escape counts only inside quotes
      // and right before a quote, not as the second of an escape-escape pair.
      if (in_quote_ && c == escape && escape != quote) last_was_esc_ = !last_was_esc_;
      if (c == quote && !last_was_esc_) in_quote_ = !in_quote_;
      if (c != escape) last_was_esc_ = false;
    }
    if (c == '\r' && !in_quote_) {
      if (eol_ == Eol::kUnknown || eol_ == Eol::kCrNl) {
        if (i + 1 >= size && !final_) break;
        const bool crnl = i + 1 < size && buf_[i + 1] == '\n';
        if (eol_ == Eol::kCrNl && !crnl) {
          LineError(
              csv ? "unquoted carriage return found in data" : "literal carriage return found in data",
              csv ? "Use quoted CSV field to represent carriage return." : "Use \"\\r\" to represent carriage return.",
              i);
        }
        eol_ = crnl ? Eol::kCrNl : Eol::kCr;
        *line_end = i;
        *next = i + (crnl ? 2 : 1);
        return Scan::kLine;
      }
      if (eol_ == Eol::kNl) {
        LineError(
            csv ? "unquoted carriage return found in data" : "literal carriage return found in data",
            csv ? "Use quoted CSV field to represent carriage return." : "Use \"\\r\" to represent carriage return.",
            i);
      }
      *line_end = i;
      *next = i + 1;
      return Scan::kLine;
    }
    if (c == '\n' && !in_quote_) {
      if (eol_ == Eol::kCr || eol_ == Eol::kCrNl) {
        LineError(csv ? "unquoted newline found in data" : "literal newline found in data",
                  csv ? "Use quoted CSV field to represent newline." : "Use \"\\n\" to represent newline.", i);
      }
      eol_ = Eol::kNl;
      *line_end = i;
      *next = i + 1;
      return Scan::kLine;
    }
    if (c == '\\' && (!csv || i == pos_)) {
      if (i + 1 >= size) {
        if (!final_) break;
        ++i;
        continue;
      }
      if (buf_[i + 1] == '.') {
        // The end marker must be followed by the line end in use (or the end of the input).
        const size_t j = i + 2;
        const size_t need = eol_ == Eol::kCrNl ? 2 : 1;
        if (j + need > size && !final_) break;
        bool ok = j >= size;
        if (!ok) {
          const char c2 = buf_[j];
          const bool crnl = c2 == '\r' && j + 1 < size && buf_[j + 1] == '\n';
          if (c2 != '\r' && c2 != '\n') {
            if (csv) {
              i += 2;
              continue;
            }
            LineError("end-of-copy marker corrupt", "", i);
          }
          ok = (eol_ == Eol::kUnknown) || (eol_ == Eol::kNl && c2 == '\n') || (eol_ == Eol::kCr && c2 == '\r') ||
               (eol_ == Eol::kCrNl && crnl);
          if (!ok) {
            if (csv) {
              i += 2;
              continue;
            }
            LineError("end-of-copy marker does not match previous newline style", "", i);
          }
        }
        *line_end = i;
        *next = size;
        return Scan::kEnd;
      }
      if (!csv) {
        i += 2;
        continue;
      }
    }
    ++i;
  }
  if (i >= size && final_) {
    if (pos_ == size) return Scan::kMore;
    *line_end = size;
    *next = size;
    return Scan::kLine;
  }
  scan_ = i;
  return Scan::kMore;
}

void CopyParser::CheckFieldCount(size_t count, const CopyRecord& record) const {
  if (count > columns_.size()) {
    throw DbError(sqlstate::kBadCopyFileFormat, "extra data after last expected column").Context(Context(record));
  }
  if (count < columns_.size()) {
    throw DbError(sqlstate::kBadCopyFileFormat, "missing data for column \"" + columns_[count] + "\"")
        .Context(Context(record));
  }
}

void CopyParser::CheckHeader(const CopyRecord& header) const {
  // copyfromparse.c NextCopyFromRawFields, HEADER MATCH.
  if (header.fields.size() != columns_.size()) {
    throw DbError(sqlstate::kBadCopyFileFormat, "wrong number of fields in header line: got " +
                                                    std::to_string(header.fields.size()) + ", expected " +
                                                    std::to_string(columns_.size()))
        .Context(Context(header));
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    const auto& f = header.fields[i];
    const std::string field = "column name mismatch in header line field " + std::to_string(i + 1) + ": got ";
    if (!f) {
      throw DbError(sqlstate::kBadCopyFileFormat,
                    field + "null value (\"" + options_.null_string + "\"), expected \"" + columns_[i] + "\"")
          .Context(Context(header));
    }
    if (*f != columns_[i]) {
      throw DbError(sqlstate::kBadCopyFileFormat, field + "\"" + *f + "\", expected \"" + columns_[i] + "\"")
          .Context(Context(header));
    }
  }
}

std::string CopyParser::Context(int64_t line) const {
  return "COPY " + table_ + ", line " + std::to_string(line);
}

std::string CopyParser::Context(const CopyRecord& record, int column) const {
  std::string s = Context(record.line);
  const bool binary = options_.format == CopyFormat::kBinary;
  if (column >= 0 && static_cast<size_t>(column) < columns_.size()) {
    s += ", column " + columns_[column];
    if (binary) return s;
    const auto& f = static_cast<size_t>(column) < record.fields.size() ? record.fields[column] : std::nullopt;
    if (!f) return s + ": null input";
    return s + ": \"" + LimitPrintout(*f) + "\"";
  }
  if (binary) return s;
  return s + ": \"" + LimitPrintout(record.raw) + "\"";
}

}  // namespace lumadb::exec
