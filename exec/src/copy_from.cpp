// CopyFrom: COPY t [(cols)] FROM (copyfrom.c BeginCopyFrom, CopyFrom; copyfromparse.c NextCopyFrom).
// Everything per statement is done once in the constructor: the table and column lookup, the IX lock,
// and binding the defaults (serial/identity nextval included) and CHECK constraints through the binder's
// INSERT ... DEFAULT VALUES. Per row only the field conversion (typinput / typreceive), the defaults'
// evaluation and RowWriter::Insert (constraints, heap, indexes) remain; foreign keys are checked once at
// the end, as PostgreSQL's AFTER ROW RI triggers fire after the COPY.

#include "common/error.h"
#include "common/value_binary.h"
#include "common/value_io.h"
#include "copy_columns.h"
#include "ddl.h"
#include "exec/copy.h"
#include "exec/copy_parser.h"
#include "exec/expression_evaluator.h"
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

  StatementExecContext sec;
  CopyOptions options;
  std::shared_ptr<const catalog::TableInfo> table;
  std::vector<int> targets;                         // table column index of each input field
  planner::PlanPtr plan;                            // the INSERT ... DEFAULT VALUES plan that owns defaults and checks
  std::vector<const planner::BoundExpr*> defaults;  // per table column; null when the input gives it
  RowWriter writer;
  CopyParser parser;
  CopyRecord record;
  Row row;
  int64_t count = 0;
};

void CopyFrom::State::InsertRecord() {
  const size_t ncols = table->columns.size();
  row.assign(ncols, Value());
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
      if (!e.context()) e.Context(parser.Context(record, static_cast<int>(k)));
      throw;
    }
  }
  try {
    writer.Insert(table, row);
  } catch (DbError& e) {
    if (!e.context()) e.Context(parser.Context(record));
    throw;
  }
  ++count;
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
  state_->writer.Finish();
  return "COPY " + std::to_string(state_->count);
}

}  // namespace lumadb::exec
