#pragma once
// FormatSink: exec's rows to the client as DataRows in given result formats (the 0/1/N rule), with an
// optional RowDescription first; notices to the session. For protocol portals (Execute sends no
// RowDescription: Describe does) and for FETCH/EXECUTE in the simple protocol (which sends one).

#include <functional>
#include <optional>
#include <vector>

#include "exec/statement_executor.h"
#include "pgwire/backend_writer.h"
#include "pgwire/extended.h"

namespace lumadb::server {

/// Streams rows in `formats`; with describe, Columns() sends the RowDescription.
class FormatSink final : public exec::ResultSink {
 public:
  FormatSink(pgwire::BackendWriter& writer, std::vector<int16_t> formats, bool describe,
             std::function<void(const DbError&)> notice)
      : writer_(writer), formats_(std::move(formats)), describe_(describe), notice_(std::move(notice)) {}
  void Columns(const std::vector<exec::ResultColumn>& columns) override {
    if (!describe_) return;
    std::vector<pgwire::FieldDescription> fields;
    for (size_t i = 0; i < columns.size(); ++i) {
      const exec::ResultColumn& c = columns[i];
      fields.push_back({c.name, c.table_oid, c.attnum, static_cast<Oid>(c.type.id), c.type.typmod});
      fields.back().format = pgwire::FormatCode(formats_, i);
    }
    writer_.RowDescription(fields);
  }
  /// Holds the RowDescription back until the first row or FlushColumns(): a FETCH may still fail its
  /// direction check, and PostgreSQL then sends none.
  void DeferColumns(std::vector<exec::ResultColumn> columns) { pending_ = std::move(columns); }
  void FlushColumns() {
    if (!pending_) return;
    std::vector<exec::ResultColumn> columns = std::move(*pending_);
    pending_.reset();
    Columns(columns);
  }
  void Row(const lumadb::Row& row) override {
    FlushColumns();
    writer_.DataRow(row, formats_);
  }
  void Notice(Severity severity, SqlState code, const std::string& message) override {
    notice_(DbError(code, message, severity));
  }
  void NoticeWithDetail(const DbError& notice) override { notice_(notice); }

 private:
  pgwire::BackendWriter& writer_;
  std::vector<int16_t> formats_;
  bool describe_;
  std::function<void(const DbError&)> notice_;
  std::optional<std::vector<exec::ResultColumn>> pending_;
};

}  // namespace lumadb::server
