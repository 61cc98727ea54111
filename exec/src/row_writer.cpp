#include "row_writer.h"

#include "common/cast.h"
#include "common/error.h"
#include "common/row_codec.h"
#include "common/value_io.h"
#include "common/value_ops.h"
#include "exec/expression_evaluator.h"
#include "foreign_keys.h"
#include "index_maintenance.h"
#include "parser/parser.h"
#include "planner/binder.h"
#include "relation_lock.h"
#include "row_locker.h"
#include "storage/heap_file.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

const std::vector<std::string>& SearchPath(const ExecContext& ctx) {
  static const std::vector<std::string> kEmpty;
  return ctx.search_path ? *ctx.search_path : kEmpty;
}

std::vector<TypeId> ColumnTypes(const catalog::TableInfo& table) {
  std::vector<TypeId> types;
  for (const auto& c : table.columns) types.push_back(c.type.id);
  return types;
}

// ExecConstraints' errdetail: "Failing row contains (1, null, abc)."
std::string FailingRow(const catalog::TableInfo& table, const Row& row) {
  std::string detail = "Failing row contains (";
  for (size_t k = 0; k < table.columns.size(); ++k) {
    detail += (k ? ", " : "") + (row[k].is_null() ? std::string("null") : FormatValue(row[k]));
  }
  return detail + ").";
}

// The values of a row's columns attnums, or nullopt when one is NULL (MATCH SIMPLE: such a key references
// nothing and nothing references it).
std::optional<std::vector<Value>> KeyValues(const Row& row, const std::vector<int16_t>& attnums) {
  std::vector<Value> values;
  for (auto a : attnums) {
    if (row[a - 1].is_null()) return std::nullopt;
    values.push_back(row[a - 1]);
  }
  return values;
}

bool SameKey(const Row& a, const Row& b, const std::vector<int16_t>& attnums) {
  for (auto n : attnums) {
    const Value& x = a[n - 1];
    const Value& y = b[n - 1];
    if (x.is_null() != y.is_null() || (!x.is_null() && CompareValues(x, y) != 0)) return false;
  }
  return true;
}

}  // namespace

void RowWriter::UseChecks(const catalog::TableInfo& table, const std::vector<planner::BoundCheck>& checks) {
  // A plan without bound checks (a binder that left them to us) falls back to the catalog's texts.
  if (!checks.empty()) plan_checks_[table.oid] = &checks;
}

const std::vector<planner::BoundCheck>& RowWriter::ChecksOf(const catalog::TableInfo& table) {
  if (auto it = plan_checks_.find(table.oid); it != plan_checks_.end()) return *it->second;
  auto [it, fresh] = bound_checks_.try_emplace(table.oid);
  if (!fresh) return it->second;
  // A table changed only through a foreign-key action: bind its CHECK texts over its columns, as the
  // binder does for the statement's own table.
  planner::Scope scope;
  scope.relations.push_back(table.name);
  for (const auto& c : table.columns) scope.columns.push_back({table.name, c.name, c.type, table.oid, c.attnum, false});
  for (const auto& check : table.checks) {
    std::string sql = "SELECT " + check.expr;
    auto stmts = parser::Parse(sql);
    planner::Binder binder(*ctx_.catalog, *ctx_.txn, SearchPath(ctx_), sql);
    it->second.push_back({check.name, binder.BindExpr(*stmts[0]->As<ast::SelectStmt>().targets[0].expr, scope)});
  }
  return it->second;
}

void RowWriter::CheckRow(const catalog::TableInfo& table, const Row& row) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (!table.columns[i].not_null || !row[i].is_null()) continue;
    throw DbError(sqlstate::kNotNullViolation, "null value in column \"" + table.columns[i].name + "\" of relation \"" +
                                                   table.name + "\" violates not-null constraint")
        .Detail(FailingRow(table, row));
  }
  for (const auto& check : ChecksOf(table)) {
    Value v = Evaluate(*check.expr, row, ctx_);
    if (check.view_check_option) {
      // ExecWithCheckOptions: only a true result passes a view's check option.
      if (!v.is_null() && v.GetBool()) continue;
      throw DbError(sqlstate::kWithCheckOptionViolation,
                    "new row violates check option for view \"" + check.name + "\"")
          .Detail(FailingRow(table, row));
    }
    if (v.is_null() || v.GetBool()) continue;
    throw DbError(sqlstate::kCheckViolation,
                  "new row for relation \"" + table.name + "\" violates check constraint \"" + check.name + "\"")
        .Detail(FailingRow(table, row))
        .Constraint(check.name);
  }
}

storage::Rid RowWriter::Insert(const TablePtr& table, const Row& row) {
  CheckRow(*table, row);
  auto claim = MakeInsertClaim(ctx_, *table);
  auto rid = ctx_.catalog->Heap(*table).Insert(ctx_.txn->log(), EncodeRow(ColumnTypes(*table), row),
                                               claim ? &*claim : nullptr);
  InsertIndexEntries(ctx_, *table, row, rid);
  if (!table->foreign_keys.empty()) pending_.push_back({table, rid, std::nullopt, row});
  return rid;
}

size_t RowWriter::PrepareInsert(const catalog::TableInfo& table, const Row& row, std::vector<std::byte>* tuples) {
  CheckRow(table, row);
  if (prepared_oid_ != table.oid) {
    prepared_types_ = ColumnTypes(table);
    prepared_oid_ = table.oid;
  }
  const size_t size = EncodeRowTo(prepared_types_, row, tuples);
  try {
    storage::HeapFile::CheckTupleSize(size);
  } catch (...) {
    tuples->resize(tuples->size() - size);
    throw;
  }
  return size;
}

void RowWriter::InsertBatch(const TablePtr& table, std::span<const Row> rows,
                            std::span<const std::span<const std::byte>> tuples,
                            const std::function<void(size_t, DbError&)>& annotate) {
  auto claim = MakeInsertClaim(ctx_, *table);
  auto page_claim = MakeInsertPageClaim(ctx_, *table);
  std::vector<storage::Rid> rids;
  rids.reserve(tuples.size());
  ctx_.catalog->Heap(*table).InsertBatch(ctx_.txn->log(), tuples, &rids, claim ? &*claim : nullptr,
                                         page_claim ? &*page_claim : nullptr);
  const bool references = !table->foreign_keys.empty();
  for (size_t i = 0; i < rows.size(); ++i) {
    try {
      InsertIndexEntries(ctx_, *table, rows[i], rids[i]);
    } catch (DbError& e) {
      annotate(i, e);
      throw;
    }
    if (references) pending_.push_back({table, rids[i], std::nullopt, rows[i]});
  }
}

storage::Rid RowWriter::Update(const TablePtr& table, storage::Rid rid, const Row& old_row, const Row& new_row) {
  CheckRow(*table, new_row);
  auto claim = MakeInsertClaim(ctx_, *table);
  auto new_rid = ctx_.catalog->Heap(*table).Update(ctx_.txn->log(), rid, EncodeRow(ColumnTypes(*table), new_row),
                                                   claim ? &*claim : nullptr);
  UpdateIndexEntries(ctx_, *table, old_row, rid, new_row, new_rid);
  if (!table->foreign_keys.empty() || !table->referenced_by.empty()) {
    pending_.push_back({table, new_rid, old_row, new_row});
  }
  return new_rid;
}

void RowWriter::Delete(const TablePtr& table, storage::Rid rid, const Row& old_row) {
  ctx_.catalog->Heap(*table).Delete(ctx_.txn->log(), rid);
  DeleteIndexEntries(ctx_, *table, old_row, rid);
  if (!table->referenced_by.empty()) pending_.push_back({table, rid, old_row, std::nullopt});
}

void RowWriter::Finish() {
  while (!pending_.empty()) {
    Change change = std::move(pending_.front());
    pending_.pop_front();
    if (change.new_row) CheckReferences(change);
    if (change.old_row) ApplyReferencedActions(change);
  }
}

RowWriter::TablePtr RowWriter::Table(Oid oid) {
  auto& slot = tables_[oid];
  if (!slot) slot = ctx_.catalog->TableByOid(*ctx_.txn, oid);
  if (!slot) throw DbError(sqlstate::kInternalError, "cache lookup failed for relation " + std::to_string(oid));
  return slot;
}

void RowWriter::CheckReferences(const Change& change) {
  const auto& table = *change.table;
  // The row as it is now: a later change of this statement (a cascade) may have deleted or changed it.
  std::vector<std::byte> bytes;
  bool deleted = false;
  if (!ctx_.catalog->Heap(table).Get(change.rid, &bytes, &deleted) || deleted) return;
  Row row = DecodeRow(ColumnTypes(table), bytes);
  for (const auto& fk : table.foreign_keys) {
    if (change.old_row && SameKey(*change.old_row, row, fk.attnums)) continue;
    auto values = KeyValues(row, fk.attnums);
    if (!values) continue;
    auto referenced = Table(fk.ref_table_oid);
    if (FindMatchingRows(ctx_, *referenced, fk.ref_attnums, *values, txn::LockMode::kShared, true).empty()) {
      throw MissingReferenceError(table, *referenced, fk, row);
    }
  }
}

void RowWriter::ApplyReferencedActions(const Change& change) {
  for (const auto& fk : change.table->referenced_by) {
    auto old_key = KeyValues(*change.old_row, fk.ref_attnums);
    if (!old_key) continue;
    if (change.new_row && SameKey(*change.old_row, *change.new_row, fk.ref_attnums)) continue;
    ApplyAction(change, fk, *old_key);
  }
}

void RowWriter::ApplyAction(const Change& change, const catalog::ForeignKey& fk, const std::vector<Value>& old_key) {
  auto action = change.new_row ? fk.on_update : fk.on_delete;
  bool check_only = action == catalog::FkAction::kNoAction || action == catalog::FkAction::kRestrict;
  // NO ACTION only asks that the key still exist at the end: another row may carry it now (ri_Check_Pk_Match).
  if (action == catalog::FkAction::kNoAction &&
      !FindMatchingRows(ctx_, *change.table, fk.ref_attnums, old_key, txn::LockMode::kShared, true).empty()) {
    return;
  }
  auto referencing = Table(fk.table_oid);
  auto rows = FindMatchingRows(ctx_, *referencing, fk.attnums, old_key,
                               check_only ? txn::LockMode::kShared : txn::LockMode::kExclusive, check_only);
  if (check_only) {
    if (!rows.empty()) throw StillReferencedError(*change.table, *referencing, fk, *change.old_row);
    return;
  }
  for (auto& m : rows) {
    if (action == catalog::FkAction::kCascade && !change.new_row) {
      Delete(referencing, m.rid, m.row);
    } else {
      Update(referencing, m.rid, m.row, ActionRow(change, fk, *referencing, m.row));
    }
  }
  // A default equal to the removed key leaves the rows referencing it unchanged, so their own check would
  // be skipped as "key not changed": look again (ri_setdefault's extra lookup).
  if (action == catalog::FkAction::kSetDefault && !rows.empty() &&
      !FindMatchingRows(ctx_, *referencing, fk.attnums, old_key, txn::LockMode::kShared, true).empty()) {
    throw StillReferencedError(*change.table, *referencing, fk, *change.old_row);
  }
}

Row RowWriter::ActionRow(const Change& change, const catalog::ForeignKey& fk, const catalog::TableInfo& referencing,
                         Row row) {
  auto action = change.new_row ? fk.on_update : fk.on_delete;
  for (size_t j = 0; j < fk.attnums.size(); ++j) {
    const auto& column = referencing.columns[fk.attnums[j] - 1];
    Value& v = row[fk.attnums[j] - 1];
    switch (action) {
      case catalog::FkAction::kCascade:
        v = CastValue((*change.new_row)[fk.ref_attnums[j] - 1], column.type, CastContext::kAssignment);
        break;
      case catalog::FkAction::kSetNull:
        v = Value::Null(column.type.id);
        break;
      case catalog::FkAction::kSetDefault: {
        planner::Binder binder(*ctx_.catalog, *ctx_.txn, SearchPath(ctx_), "");
        v = Evaluate(*binder.BindColumnDefault(column), Row{}, ctx_);
        break;
      }
      default:
        break;
    }
  }
  return row;
}

}  // namespace lumadb::exec
