// ResolveCopyOptions: PostgreSQL 15 commands/copy.c ProcessCopyOptions (and define.c defGetBoolean /
// defGetString, copy.c defGetCopyHeaderChoice), with the same checks in the same order, so the first
// error reported is PostgreSQL's.

#include <cctype>

#include "common/error.h"
#include "exec/copy.h"

namespace lumadb::exec {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// 1-based character position of byte offset `loc` in `text` (0: none), for DbError::Position.
int32_t CharPosition(std::string_view text, int32_t loc) {
  if (loc < 0) return 0;
  int32_t chars = 0;
  for (size_t i = 0; i < text.size() && i < static_cast<size_t>(loc); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars + 1;
}

class OptionReader {
 public:
  explicit OptionReader(std::string_view query_text) : text_(query_text) {}

  DbError At(const ast::CopyOption& o, SqlState code, const std::string& message) const {
    return DbError(code, message).Position(CharPosition(text_, o.location));
  }

  /// errorConflictingDefElem when an option is given twice.
  void Once(const ast::CopyOption& o, bool& seen) const {
    if (seen) throw At(o, sqlstate::kSyntaxError, "conflicting or redundant options");
    seen = true;
  }

  static std::string String(const ast::CopyOption& o) {
    if (!o.has_value || o.star || o.is_list) throw DbError(sqlstate::kSyntaxError, o.name + " requires a parameter");
    return o.value;
  }

  static bool Boolean(const ast::CopyOption& o) {
    if (!o.has_value) return true;
    const std::string v = Lower(o.value);
    if (v == "true" || v == "on" || v == "1") return true;
    if (v == "false" || v == "off" || v == "0") return false;
    throw DbError(sqlstate::kSyntaxError, o.name + " requires a Boolean value");
  }

  std::vector<std::string> ColumnList(const ast::CopyOption& o) const {
    if (!o.is_list) {
      throw At(o, sqlstate::kInvalidParameterValue,
               "argument to option \"" + o.name + "\" must be a list of column names");
    }
    return o.list;
  }

 private:
  std::string_view text_;
};

bool ValidEncoding(std::string name) {
  name = Lower(name);
  std::string compact;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) compact += c;
  }
  for (const char* e : {"utf8", "unicode", "sqlascii", "latin1", "latin2", "latin9", "win1252", "iso88591", "iso885915",
                        "win1251", "euc_jp", "eucjp", "sjis", "gbk", "big5", "koi8r", "koi8u"}) {
    if (compact == e) return true;
  }
  return false;
}

/// defGetCopyHeaderChoice: a Boolean or MATCH (COPY FROM only).
void Header(const ast::CopyOption& o, bool is_from, CopyOptions* out) {
  out->header = true;
  if (!o.has_value) return;
  const std::string v = Lower(o.value);
  if (v == "true" || v == "on" || v == "1") return;
  if (v == "false" || v == "off" || v == "0") {
    out->header = false;
    return;
  }
  if (v == "match" && !o.is_list && !o.star) {
    if (!is_from) throw DbError(sqlstate::kFeatureNotSupported, "cannot use \"match\" with HEADER in COPY TO");
    out->header_match = true;
    return;
  }
  throw DbError(sqlstate::kSyntaxError, o.name + " requires a Boolean value or \"match\"");
}

void CheckCombinations(const CopyOptions& o, bool is_from, bool has_delim, bool has_null, bool has_quote,
                       bool has_escape, const std::string& delim, const std::string& quote, const std::string& escape) {
  auto unsupported = [](const std::string& m) { return DbError(sqlstate::kFeatureNotSupported, m); };
  auto invalid = [](const std::string& m) { return DbError(sqlstate::kInvalidParameterValue, m); };
  const bool binary = o.format == CopyFormat::kBinary;
  const bool csv = o.format == CopyFormat::kCsv;
  if (binary && has_delim) throw unsupported("cannot specify DELIMITER in BINARY mode");
  if (binary && has_null) throw unsupported("cannot specify NULL in BINARY mode");
  if (binary && o.header) throw unsupported("cannot specify HEADER in BINARY mode");
  if (delim.size() != 1) throw unsupported("COPY delimiter must be a single one-byte character");
  if (delim[0] == '\r' || delim[0] == '\n') throw invalid("COPY delimiter cannot be newline or carriage return");
  if (o.null_string.find_first_of("\r\n") != std::string::npos) {
    throw invalid("COPY null representation cannot use newline or carriage return");
  }
  if (!csv && std::string_view("\\.abcdefghijklmnopqrstuvwxyz0123456789").find(delim[0]) != std::string::npos) {
    throw invalid("COPY delimiter cannot be \"" + delim + "\"");
  }
  if (!csv && has_quote) throw unsupported("COPY quote available only in CSV mode");
  if (csv && quote.size() != 1) throw unsupported("COPY quote must be a single one-byte character");
  if (csv && delim[0] == quote[0]) throw invalid("COPY delimiter and quote must be different");
  if (!csv && has_escape) throw unsupported("COPY escape available only in CSV mode");
  if (csv && escape.size() != 1) throw unsupported("COPY escape must be a single one-byte character");
  const bool force_quote = o.force_quote_all || !o.force_quote.empty();
  if (!csv && force_quote) throw unsupported("COPY force quote available only in CSV mode");
  if (force_quote && is_from) throw unsupported("COPY force quote only available using COPY TO");
  if (!csv && !o.force_not_null.empty()) throw unsupported("COPY force not null available only in CSV mode");
  if (!o.force_not_null.empty() && !is_from) throw unsupported("COPY force not null only available using COPY FROM");
  if (!csv && !o.force_null.empty()) throw unsupported("COPY force null available only in CSV mode");
  if (!o.force_null.empty() && !is_from) throw unsupported("COPY force null only available using COPY FROM");
  if (o.null_string.find(delim[0]) != std::string::npos) {
    throw unsupported("COPY delimiter must not appear in the NULL specification");
  }
  if (csv && o.null_string.find(quote[0]) != std::string::npos) {
    throw unsupported("CSV quote character must not appear in the NULL specification");
  }
}

}  // namespace

CopyOptions ResolveCopyOptions(const ast::CopyStmt& stmt, std::string_view query_text) {
  OptionReader reader(query_text);
  CopyOptions out;
  bool format_seen = false, freeze_seen = false, header_seen = false;
  bool has_delim = false, has_null = false, has_quote = false, has_escape = false, has_encoding = false;
  bool force_quote_seen = false, force_not_null_seen = false, force_null_seen = false;
  std::string delim, quote, escape;
  for (const ast::CopyOption& o : stmt.options) {
    const std::string& n = o.name;
    if (n == "format") {
      reader.Once(o, format_seen);
      const std::string f = OptionReader::String(o);
      if (f == "text") {
        out.format = CopyFormat::kText;
      } else if (f == "csv") {
        out.format = CopyFormat::kCsv;
      } else if (f == "binary") {
        out.format = CopyFormat::kBinary;
      } else {
        throw reader.At(o, sqlstate::kInvalidParameterValue, "COPY format \"" + f + "\" not recognized");
      }
    } else if (n == "freeze") {
      reader.Once(o, freeze_seen);
      out.freeze = OptionReader::Boolean(o);
    } else if (n == "delimiter") {
      reader.Once(o, has_delim);
      delim = OptionReader::String(o);
    } else if (n == "null") {
      reader.Once(o, has_null);
      out.null_string = OptionReader::String(o);
    } else if (n == "header") {
      reader.Once(o, header_seen);
      Header(o, stmt.is_from, &out);
    } else if (n == "quote") {
      reader.Once(o, has_quote);
      quote = OptionReader::String(o);
    } else if (n == "escape") {
      reader.Once(o, has_escape);
      escape = OptionReader::String(o);
    } else if (n == "force_quote") {
      reader.Once(o, force_quote_seen);
      if (o.star) {
        out.force_quote_all = true;
      } else {
        out.force_quote = reader.ColumnList(o);
      }
    } else if (n == "force_not_null") {
      reader.Once(o, force_not_null_seen);
      out.force_not_null = reader.ColumnList(o);
    } else if (n == "force_null") {
      reader.Once(o, force_null_seen);
      out.force_null = reader.ColumnList(o);
    } else if (n == "encoding") {
      reader.Once(o, has_encoding);
      if (!ValidEncoding(OptionReader::String(o))) {
        throw reader.At(o, sqlstate::kInvalidParameterValue,
                        "argument to option \"" + n + "\" must be a valid encoding name");
      }
    } else {
      throw reader.At(o, sqlstate::kSyntaxError, "option \"" + n + "\" not recognized");
    }
  }
  const bool csv = out.format == CopyFormat::kCsv;
  if (!has_delim) delim = csv ? "," : "\t";
  if (!has_null) out.null_string = csv ? "" : "\\N";
  if (csv && !has_quote) quote = "\"";
  if (csv && !has_escape) escape = quote;
  CheckCombinations(out, stmt.is_from, has_delim, has_null, has_quote, has_escape, delim, quote, escape);
  out.delimiter = delim[0];
  if (csv) {
    out.quote = quote[0];
    out.escape = escape[0];
  }
  return out;
}

}  // namespace lumadb::exec
