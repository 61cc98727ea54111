// CopyFrom: COPY t [(cols)] FROM (copyfrom.c BeginCopyFrom, CopyFrom; copyfromparse.c NextCopyFrom).
// Everything per statement is done once in the constructor: the table and column lookup, the IX lock,
// and binding the defaults (serial/identity nextval included) and CHECK constraints through the binder's
// INSERT ... DEFAULT VALUES. Per row only the field conversion (typinput / typreceive), the defaults'
// evaluation and the constraint checks (RowWriter::PrepareInsert) remain. Rows are then buffered and
// stored a batch at a time (RowWriter::InsertBatch: one heap page per latch and WAL record, index entries
// after), as PostgreSQL's CopyMultiInsertInfo does: so, as there, a unique violation is found when its
// batch is flushed, after the constraint errors of later rows of that batch, and its CONTEXT names the
// line only. Foreign keys are checked once at the end, as PostgreSQL's AFTER ROW RI triggers fire after
// the COPY.

#include "common/error.h"
#include "common/value_binary.h"
#include "common/value_io.h"
#include "copy_columns.h"
#include "ddl.h"
#include "exec/copy.h"
#include "exec/copy_parser.h"
#include "exec/expression_evaluator.h"
#include "permissions.h"
#include "planner/binder.h"
#include "relation_lock.h"
#include "row_writer.h"
#include "txn/transaction.h"

namespace lumadb::exec {

struct CopyFrom::State {
  State(SessionContext& session, CopyOptions opts, std::shared_ptr<const catalog::TableInfo> t,
        std::vector<int> target_columns)
      : sec(session),
        options(std::move(opts)),
        table(std::move(t)),
        targets(std::move(target_columns)),
        writer(sec.exec),
        parser(options, table->name, ColumnNames(*table, targets)) {}

  void InsertRecord();
  /// Stores the buffered rows (RowWriter::InsertBatch).
  void Flush();

  // PostgreSQL's MAX_BUFFERED_TUPLES and MAX_BUFFERED_BYTES (copyfrom.c).
  static constexpr size_t kMaxBufferedRows = 1000;
  static constexpr size_t kMaxBufferedBytes = 65535;

  StatementExecContext sec;
  CopyOptions options;
  std::shared_ptr<const catalog::TableInfo> table;
  std::vector<int> targets;                         // table column index of each input field
  planner::PlanPtr plan;                            // the INSERT ... DEFAULT VALUES plan that owns defaults and checks
  std::vector<const planner::BoundExpr*> defaults;  // per table column; null when the input gives it
  RowWriter writer;
  CopyParser parser;
  CopyRecord record;
  // The batch: rows[0, buffered) with their heap tuples and input lines; the Row objects are reused.
  std::vector<Row> rows;
  std::vector<std::byte> tuple_bytes;  // the batch's heap tuples, one after the other
  std::vector<size_t> tuple_sizes;
  std::vector<std::span<const std::byte>> tuples;  // built at the flush (tuple_bytes may move while it grows)
  std::vector<int64_t> lines;
  size_t buffered = 0;
  size_t buffered_bytes = 0;
  int64_t count = 0;
};

void CopyFrom::State::InsertRecord() {
  const size_t ncols = table->columns.size();
  if (rows.size() <= buffered) {
    rows.resize(buffered + 1);
    tuple_sizes.resize(buffered + 1);
    lines.resize(buffered + 1);
  }
  // Every column is assigned below (a default, a DEFAULT-less column's NULL, or an input field), so the
  // reused row only needs its width.
  Row& row = rows[buffered];
  row.resize(ncols);
  static const Row kNoInput;
  for (size_t i = 0; i < ncols; ++i) {
    if (defaults[i]) row[i] = Evaluate(*defaults[i], kNoInput, sec.exec);
  }
  const bool binary = options.format == CopyFormat::kBinary;
  for (size_t k = 0; k < targets.size(); ++k) {
    const auto& column = table->columns[targets[k]];
    const auto& field = record.fields[k];
    try {
      if (!field) {
        row[targets[k]] = Value::Null(column.type.id);
      } else if (binary) {
        row[targets[k]] = ReceiveValue(column.type, *field);
      } else {
        row[targets[k]] = ParseValue(column.type, *field);
      }
    } catch (DbError& e) {
      // An input function's own context (json's "JSON data, line 1: ...") stays above COPY's, as
      // PostgreSQL's error context stack prints them.
      const std::string copy_context = parser.Context(record, static_cast<int>(k));
      e.Context(e.context() ? *e.context() + "\n" + copy_context : copy_context);
      throw;
    }
  }
  try {
    tuple_sizes[buffered] = writer.PrepareInsert(*table, row, &tuple_bytes);
  } catch (DbError& e) {
    if (!e.context()) e.Context(parser.Context(record));
    throw;
  }
  lines[buffered] = record.line;
  buffered_bytes += tuple_sizes[buffered];
  ++buffered;
  if (buffered >= kMaxBufferedRows || buffered_bytes >= kMaxBufferedBytes) Flush();
}

void CopyFrom::State::Flush() {
  if (buffered == 0) return;
  tuples.clear();
  for (size_t i = 0, at = 0; i < buffered; at += tuple_sizes[i++])
    tuples.emplace_back(tuple_bytes.data() + at, tuple_sizes[i]);
  writer.InsertBatch(table, std::span(rows.data(), buffered), tuples, [this](size_t i, DbError& e) {
    if (!e.context()) e.Context(parser.Context(lines[i]));
  });
  count += static_cast<int64_t>(buffered);
  buffered = 0;
  buffered_bytes = 0;
  tuple_bytes.clear();
}

CopyFrom::CopyFrom(const ast::CopyStmt& stmt, std::string_view query_text, SessionContext& ctx) {
  auto table = TableOrThrow(ctx, stmt.table);
  if (ctx.txn.read_only()) {
    throw DbError(sqlstate::kReadOnlySqlTransaction, "cannot execute COPY FROM in a read-only transaction");
  }
  CopyOptions options = ResolveCopyOptions(stmt, query_text);
  std::vector<int> targets = CopyColumns(*table, stmt.columns);
  CheckForcedColumns(*table, targets, options);
  state_ = std::make_unique<State>(ctx, std::move(options), table, targets);
  LockRelation(state_->sec.exec, *table, txn::LockMode::kIntentionExclusive);

  // INSERT INTO t (cols) DEFAULT VALUES binds every column's default and the CHECK constraints.
  ast::InsertStmt insert;
  insert.table = stmt.table;
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, query_text);
  state_->plan = binder.BindInsert(insert);
  CheckPermissions(binder.permissions(), ctx);
  const auto& plan = state_->plan->As<planner::InsertPlan>();
  const auto& values = plan.child->As<planner::ValuesPlan>();
  std::vector<bool> given(table->columns.size(), false);
  for (int t : targets) given[t] = true;
  for (size_t i = 0; i < table->columns.size(); ++i) {
    state_->defaults.push_back(given[i] ? nullptr : values.rows.at(0).at(i).get());
  }
  state_->writer.UseChecks(*table, plan.checks);
}

CopyFrom::~CopyFrom() = default;

bool CopyFrom::binary() const {
  return state_->options.format == CopyFormat::kBinary;
}

int16_t CopyFrom::column_count() const {
  return static_cast<int16_t>(state_->targets.size());
}

void CopyFrom::Feed(std::string_view data) {
  state_->parser.Feed(data);
  while (state_->parser.Next(&state_->record)) state_->InsertRecord();
}

std::string CopyFrom::Finish() {
  state_->parser.Finish();
  while (state_->parser.Next(&state_->record)) state_->InsertRecord();
  state_->Flush();
  state_->writer.Finish();
  return "COPY " + std::to_string(state_->count);
}

}  // namespace lumadb::exec
