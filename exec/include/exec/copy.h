#pragma once
// COPY (PostgreSQL 15 commands/copy.c, copyfrom.c, copyto.c): the statement's options, COPY FROM fed in
// chunks by the session from CopyData messages (or read from a server-side file), and COPY TO writing
// chunks to the session's CopyData sink (or a file). The input formats are decoded by CopyParser
// (copy_parser.h); the data formats are PostgreSQL's:
//
//   text    one line per row, fields split by the delimiter (tab), NULL as \N, backslash escapes
//           \b \f \n \r \t \v \ooo \xhh, end marker \. alone on a line (optional)
//   csv     RFC 4180-ish: quote "..." with "" inside, NULL as an unquoted empty field, optional header line
//   binary  +-------------------------+-----------+-----------------+
//           | "PGCOPY\n\377\r\n\0" 11 | flags i32 | ext len i32 + N |   then per row:
//           +-------------------------+-----------+-----------------+
//           | i16 field count | per field: i32 length (-1 NULL), bytes (typsend) |  ...  | i16 -1 trailer |

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exec/statement_executor.h"
#include "parser/ast.h"

namespace lumadb::exec {

enum class CopyFormat { kText, kCsv, kBinary };

/// The options of one COPY after ProcessCopyOptions (copy.c): defaults filled in, combinations checked.
struct CopyOptions {
  CopyFormat format = CopyFormat::kText;
  bool header = false;
  bool header_match = false;        // HEADER MATCH: the header's names must equal the columns (COPY FROM)
  char delimiter = '\t';            // ',' for csv
  std::string null_string = "\\N";  // "" for csv
  char quote = '"';
  char escape = '"';                        // defaults to quote
  bool force_quote_all = false;             // FORCE_QUOTE *
  std::vector<std::string> force_quote;     // COPY TO csv: always quote these columns
  std::vector<std::string> force_not_null;  // COPY FROM csv: never NULL
  std::vector<std::string> force_null;      // COPY FROM csv: a quoted null string is NULL too
  bool freeze = false;                      // accepted; has no effect on 2PL storage
};

/// Validates the statement's options as ProcessCopyOptions does. Throws 42601 "conflicting or redundant
/// options", 42601 `option "x" not recognized`, 22023 `COPY format "x" not recognized`, 0A000 for options
/// that need csv or the other direction, 22023 for bad delimiters/quotes/null strings, with positions into
/// query_text where PostgreSQL gives one.
CopyOptions ResolveCopyOptions(const ast::CopyStmt& stmt, std::string_view query_text);

/// A running COPY FROM (copyfrom.c BeginCopyFrom/CopyFrom): the constructor looks up the table, checks
/// the column list (42P01, 42703, 42701) and options, takes the table's IX lock and binds the columns'
/// defaults and CHECK constraints once; Feed and Finish then decode, convert and insert rows as they
/// arrive. Any error (22P04 bad data, 22P02 bad value, 23xxx constraint) carries the CONTEXT line
/// `COPY t, line 17, column x: "abc"`; the caller aborts the transaction, so nothing of the COPY stays.
class CopyFrom {
 public:
  CopyFrom(const ast::CopyStmt& stmt, std::string_view query_text, SessionContext& ctx);
  ~CopyFrom();
  CopyFrom(const CopyFrom&) = delete;
  CopyFrom& operator=(const CopyFrom&) = delete;

  /// Binary format (for CopyInResponse's format codes) and the number of columns read.
  bool binary() const;
  int16_t column_count() const;

  /// Decodes and inserts every complete row of `data`; a row may span calls.
  void Feed(std::string_view data);
  /// End of input: the last row, foreign-key checks. Returns the tag "COPY n".
  std::string Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Receives the output of COPY TO.
class CopyToSink {
 public:
  virtual ~CopyToSink() = default;
  /// Called once before any data: the format and the number of columns (CopyOutResponse).
  virtual void Begin(bool binary, int16_t columns) = 0;
  /// A piece of output: one row, or the binary header/trailer (each becomes a CopyData message).
  virtual void Data(std::string_view data) = 0;
};

/// COPY t [(cols)] TO / COPY (query) TO (copyto.c DoCopyTo): runs the query and writes every row in
/// the chosen format to `sink`. Returns "COPY n". Throws the query's errors and the option errors.
std::string ExecuteCopyTo(const ast::CopyStmt& stmt, std::string_view query_text, SessionContext& ctx,
                          CopyToSink& sink);

/// COPY ... FROM/TO 'file' (server-side file, as the server's user): 42501 for a non-superuser (PostgreSQL
/// 15's pg_read/write_server_files rule), 42602 "relative path not allowed for COPY to file", 58P01 /
/// 42809 when the file cannot be opened. Returns "COPY n".
std::string ExecuteCopyFile(const ast::CopyStmt& stmt, std::string_view query_text, SessionContext& ctx);

}  // namespace lumadb::exec
