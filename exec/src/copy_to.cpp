// COPY ... TO (copyto.c DoCopyTo, CopyOneRowTo, CopyAttributeOutText, CopyAttributeOutCSV): a table's
// columns are read through the plan of `SELECT cols FROM t`, a query through its own plan; each row is
// one CopyData message in text, csv or binary format (copy.h).

#include <algorithm>

#include "common/error.h"
#include "common/value_binary.h"
#include "common/value_io.h"
#include "copy_columns.h"
#include "ddl.h"
#include "exec/copy.h"
#include "exec/executor.h"
#include "permissions.h"
#include "planner/binder.h"
#include "statement_info.h"

namespace lumadb::exec {

namespace {

void AppendInt16(std::string& out, int16_t v) {
  out += static_cast<char>((v >> 8) & 0xFF);
  out += static_cast<char>(v & 0xFF);
}

void AppendInt32(std::string& out, int32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

/// CopyAttributeOutText: backslash escapes for control characters, the backslash and the delimiter.
void AppendText(std::string& out, std::string_view s, char delimiter) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20) {
      char e = 0;
      switch (c) {
        case '\b':
          e = 'b';
          break;
        case '\f':
          e = 'f';
          break;
        case '\n':
          e = 'n';
          break;
        case '\r':
          e = 'r';
          break;
        case '\t':
          e = 't';
          break;
        case '\v':
          e = 'v';
          break;
        default:
          break;
      }
      if (e == 0 && c != delimiter) {
        out += c;
        continue;
      }
      out += '\\';
      out += e ? e : c;
    } else if (c == '\\' || c == delimiter) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
}

/// CopyAttributeOutCSV: quoted when forced, when equal to the null string, when it is a lone \. (the end
/// marker), or when it holds the delimiter, the quote, CR or LF.
void AppendCsv(std::string& out, std::string_view s, bool force, bool single_column, const CopyOptions& o) {
  bool quote = force || s == o.null_string;
  if (!quote) {
    if (single_column && s == "\\.") {
      quote = true;
    } else {
      quote = std::any_of(s.begin(), s.end(),
                          [&](char c) { return c == o.delimiter || c == o.quote || c == '\n' || c == '\r'; });
    }
  }
  if (!quote) {
    out += s;
    return;
  }
  out += o.quote;
  for (char c : s) {
    if (c == o.quote || c == o.escape) out += o.escape;
    out += c;
  }
  out += o.quote;
}

/// Formats rows in one of the three formats.
class RowFormatter {
 public:
  RowFormatter(const CopyOptions& options, std::vector<std::string> names) : o_(options), names_(std::move(names)) {
    for (const std::string& n : names_) {
      forced_.push_back(o_.force_quote_all ||
                        std::find(o_.force_quote.begin(), o_.force_quote.end(), n) != o_.force_quote.end());
    }
  }

  /// The binary file header, or the header line (HEADER), or nothing.
  std::string Header() const {
    std::string out;
    if (o_.format == CopyFormat::kBinary) {
      out.assign("PGCOPY\n\377\r\n\0", 11);
      AppendInt32(out, 0);
      AppendInt32(out, 0);
      return out;
    }
    if (!o_.header) return out;
    for (size_t i = 0; i < names_.size(); ++i) {
      if (i) out += o_.delimiter;
      if (o_.format == CopyFormat::kCsv) {
        AppendCsv(out, names_[i], false, names_.size() == 1, o_);
      } else {
        AppendText(out, names_[i], o_.delimiter);
      }
    }
    return out + '\n';
  }

  std::string Row(const lumadb::Row& row) const {
    std::string out;
    if (o_.format == CopyFormat::kBinary) {
      AppendInt16(out, static_cast<int16_t>(row.size()));
      for (const Value& v : row) {
        if (v.is_null()) {
          AppendInt32(out, -1);
          continue;
        }
        std::string bytes = SendValue(v);
        AppendInt32(out, static_cast<int32_t>(bytes.size()));
        out += bytes;
      }
      return out;
    }
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += o_.delimiter;
      if (row[i].is_null()) {
        out += o_.null_string;
      } else if (o_.format == CopyFormat::kCsv) {
        AppendCsv(out, FormatValue(row[i]), forced_[i], row.size() == 1, o_);
      } else {
        AppendText(out, FormatValue(row[i]), o_.delimiter);
      }
    }
    return out + '\n';
  }

  std::string Trailer() const {
    std::string out;
    if (o_.format == CopyFormat::kBinary) AppendInt16(out, -1);
    return out;
  }

 private:
  const CopyOptions& o_;
  std::vector<std::string> names_;
  std::vector<bool> forced_;
};

/// SELECT cols FROM t, as an AST for the binder.
std::unique_ptr<ast::SelectStmt> TableQuery(const ast::CopyStmt& stmt, const std::vector<std::string>& names) {
  auto select = std::make_unique<ast::SelectStmt>();
  for (const std::string& n : names) {
    ast::SelectItem item;
    item.expr = std::make_unique<ast::ColumnRef>(std::vector<std::string>{n}, -1);
    select->targets.push_back(std::move(item));
  }
  auto ref = std::make_unique<ast::TableRef>();
  ref->kind = ast::TableRefKind::kBase;
  ref->table = stmt.table;
  select->from.push_back(std::move(ref));
  return select;
}

}  // namespace

std::string ExecuteCopyTo(const ast::CopyStmt& stmt, std::string_view query_text, SessionContext& ctx,
                          CopyToSink& sink) {
  std::unique_ptr<ast::SelectStmt> table_query;
  const ast::SelectStmt* query = stmt.query.get();
  CopyOptions options;
  if (!query) {
    auto table = TableOrThrow(ctx, stmt.table);
    options = ResolveCopyOptions(stmt, query_text);
    std::vector<int> targets = CopyColumns(*table, stmt.columns);
    CheckForcedColumns(*table, targets, options);
    table_query = TableQuery(stmt, ColumnNames(*table, targets));
    query = table_query.get();
  } else {
    options = ResolveCopyOptions(stmt, query_text);
  }
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, query_text);
  planner::PlanPtr plan = binder.BindSelect(*query);
  CheckPermissions(binder.permissions(), ctx);
  std::vector<std::string> names;
  for (const ResultColumn& c : PlanResultColumns(*plan)) names.push_back(c.name);
  for (const std::string& forced : options.force_quote) {
    if (std::find(names.begin(), names.end(), forced) == names.end()) {
      throw DbError(sqlstate::kUndefinedColumn, "column \"" + forced + "\" does not exist");
    }
  }
  StatementExecContext sec(ctx);
  auto exec = BuildExecutor(*plan, sec.exec);
  exec->Init();
  RowFormatter formatter(options, names);
  sink.Begin(options.format == CopyFormat::kBinary, static_cast<int16_t>(names.size()));
  if (std::string header = formatter.Header(); !header.empty()) sink.Data(header);
  int64_t count = 0;
  Row row;
  while (exec->Next(&row)) {
    sink.Data(formatter.Row(row));
    ++count;
  }
  if (std::string trailer = formatter.Trailer(); !trailer.empty()) sink.Data(trailer);
  return "COPY " + std::to_string(count);
}

}  // namespace lumadb::exec
