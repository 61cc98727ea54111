// ALTER TABLE phases 2 and 3 (tablecmds.c ATRewriteTables, ATRewriteTable, validateForeignKeyConstraint):
// publish the new definition, then either copy every row into a new heap file (converted, defaults
// computed) and rebuild all indexes, or check the existing rows against the new constraints and build
// only the new indexes.

#include <algorithm>
#include <functional>
#include <unordered_set>

#include "common/index_key.h"
#include "common/row_codec.h"
#include "ddl.h"
#include "ddl_alter.h"
#include "ddl_constraints.h"
#include "exec/expression_evaluator.h"
#include "foreign_keys.h"
#include "parser/parser.h"
#include "planner/binder.h"
#include "storage/heap_file.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

std::vector<TypeId> ColumnTypes(const catalog::TableInfo& table) {
  std::vector<TypeId> types;
  for (const auto& c : table.columns) types.push_back(c.type.id);
  return types;
}

std::vector<Row> ReadRows(SessionContext& ctx, const catalog::TableInfo& table) {
  const std::vector<TypeId> types = ColumnTypes(table);
  std::vector<Row> rows;
  storage::HeapFile::Iterator it = ctx.catalog.Heap(table).Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  while (it.Next(&rid, &bytes)) rows.push_back(DecodeRow(types, bytes));
  return rows;
}

/// A stored CHECK expression bound over the table's row.
planner::BoundExprPtr BindStoredCheck(SessionContext& ctx, const catalog::TableInfo& table, const std::string& text) {
  const std::string sql = "SELECT " + text;
  auto statements = parser::Parse(sql);
  const auto& select = statements.at(0)->As<ast::SelectStmt>();
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, sql);
  return binder.BindExpr(*select.targets.at(0).expr, TableScope(table.name, table.columns));
}

std::string EncodeColumns(const catalog::TableInfo& table, const std::vector<int16_t>& attnums, const Row& row,
                          bool* has_null) {
  std::vector<Value> values;
  std::vector<KeyColumnOrder> orders;
  *has_null = false;
  for (int16_t a : attnums) {
    values.push_back(row[a - 1]);
    orders.push_back({table.columns[a - 1].type.id, false, false});
    *has_null = *has_null || row[a - 1].is_null();
  }
  return EncodeKey(values, orders);
}

/// Calls fn for every live row of the table (decoded in its current column order).
using RowSource = std::function<void(const std::function<void(const Row&)>& fn)>;

RowSource HeapRows(SessionContext& ctx, const catalog::TableInfo& table) {
  return [&ctx, &table](const std::function<void(const Row&)>& fn) {
    const std::vector<TypeId> types = ColumnTypes(table);
    storage::HeapFile::Iterator it = ctx.catalog.Heap(table).Scan();
    storage::Rid rid;
    std::vector<std::byte> bytes;
    while (it.Next(&rid, &bytes)) fn(DecodeRow(types, bytes));
  };
}

void CheckRows(SessionContext& ctx, const catalog::TableInfo& table, const AlterWork& work, const RowSource& rows,
               bool all_not_null) {
  std::vector<int16_t> not_null = work.check_not_null;
  if (all_not_null) {
    not_null.clear();
    for (const auto& c : table.columns) {
      if (c.not_null) not_null.push_back(c.attnum);
    }
  }
  std::erase_if(not_null, [&](int16_t a) {
    return a < 1 || static_cast<size_t>(a) > table.columns.size() || !table.columns[a - 1].not_null;
  });
  if (!not_null.empty()) {
    rows([&](const Row& row) {
      for (int16_t a : not_null) {
        if (row[a - 1].is_null()) {
          throw DbError(sqlstate::kNotNullViolation, "column \"" + table.columns[a - 1].name + "\" of relation \"" +
                                                         table.name + "\" contains null values");
        }
      }
    });
  }
  StatementExecContext sec(ctx);
  for (const auto& check : table.checks) {
    bool wanted = all_not_null
                      ? !check.not_valid
                      : std::find(work.new_checks.begin(), work.new_checks.end(), check.name) != work.new_checks.end();
    if (!wanted) continue;
    planner::BoundExprPtr expr = BindStoredCheck(ctx, table, check.expr);
    rows([&](const Row& row) {
      Value v = Evaluate(*expr, row, sec.exec);
      if (!v.is_null() && !IsTrue(v)) {
        throw DbError(sqlstate::kCheckViolation, "check constraint \"" + check.name + "\" of relation \"" + table.name +
                                                     "\" is violated by some row");
      }
    });
  }
  for (const auto& fk : table.foreign_keys) {
    if (std::find(work.new_foreign_keys.begin(), work.new_foreign_keys.end(), fk.name) == work.new_foreign_keys.end()) {
      continue;
    }
    std::shared_ptr<const catalog::TableInfo> ref =
        fk.ref_table_oid == table.oid ? nullptr : ctx.catalog.TableByOid(ctx.txn, fk.ref_table_oid);
    const catalog::TableInfo& ref_table = ref ? *ref : table;
    std::unordered_set<std::string> keys;
    bool has_null = false;
    (ref ? HeapRows(ctx, *ref) : rows)([&](const Row& r) {
      std::string key = EncodeColumns(ref_table, fk.ref_attnums, r, &has_null);
      if (!has_null) keys.insert(std::move(key));
    });
    rows([&](const Row& row) {
      std::string key = EncodeColumns(table, fk.attnums, row, &has_null);
      if (!has_null && !keys.contains(key)) throw MissingReferenceError(table, ref_table, fk, row);
    });
  }
}

}  // namespace

void ApplyAlterWork(SessionContext& ctx, const catalog::TableInfo& old_table, AlterWork& work) {
  for (const auto& [oid, name] : work.drop_other_fks) {
    LockTableMode(ctx, oid, true);
    auto other = ctx.catalog.TableByOid(ctx.txn, oid);
    if (!other) continue;
    catalog::TableInfo next = *other;
    std::erase_if(next.foreign_keys, [&](const catalog::ForeignKey& fk) { return fk.name == name; });
    ctx.catalog.ReplaceTableDef(ctx.txn, *other, next, false);
  }
  std::vector<Oid> old_indexes;
  for (const auto& i : old_table.indexes) old_indexes.push_back(i.oid);

  std::shared_ptr<const catalog::TableInfo> published;
  if (work.rewrite) {
    // Compute every new row first: a failing conversion leaves nothing half-done (and the old heap is
    // read before the new definition replaces it).
    StatementExecContext sec(ctx);
    std::vector<Row> rows;
    for (Row& old_row : ReadRows(ctx, old_table)) {
      Row row(work.next.columns.size());
      for (size_t i = 0; i < row.size(); ++i) {
        if (work.compute[i]) {
          row[i] = Evaluate(*work.compute[i], old_row, sec.exec);
        } else if (work.source[i] >= 0) {
          row[i] = std::move(old_row[work.source[i]]);
        }
      }
      rows.push_back(std::move(row));
    }
    published = ctx.catalog.ReplaceTableDef(ctx.txn, old_table, work.next, true);
    CheckRows(
        ctx, *published, work,
        [&rows](const std::function<void(const Row&)>& fn) {
          for (const Row& row : rows) fn(row);
        },
        true);
    storage::HeapFile& heap = ctx.catalog.Heap(*published);
    const std::vector<TypeId> types = ColumnTypes(*published);
    for (const Row& row : rows) heap.Insert(ctx.txn.log(), EncodeRow(types, row));
    for (const auto& index : published->indexes) {
      if (std::find(old_indexes.begin(), old_indexes.end(), index.oid) != old_indexes.end()) {
        ctx.catalog.RenewIndexFile(ctx.txn, index);
      }
    }
    published = ctx.catalog.TableByOid(ctx.txn, published->oid);
    for (const auto& index : published->indexes) BuildIndex(ctx, *published, index);
  } else {
    published = ctx.catalog.ReplaceTableDef(ctx.txn, old_table, work.next, false);
    if (!work.check_not_null.empty() || !work.new_checks.empty() || !work.new_foreign_keys.empty()) {
      CheckRows(ctx, *published, work, HeapRows(ctx, *published), false);
    }
    for (const auto& index : published->indexes) {
      if (std::find(old_indexes.begin(), old_indexes.end(), index.oid) == old_indexes.end()) {
        BuildIndex(ctx, *published, index);
      }
    }
  }
  for (const auto& seq : work.drop_sequences) ctx.catalog.DropSequence(ctx.txn, seq);
  // Sequences follow their column when a drop renumbers the columns.
  for (const auto& col : published->columns) {
    if (col.identity_sequence == 0) continue;
    auto seq = ctx.catalog.SequenceByOid(ctx.txn, col.identity_sequence);
    if (!seq || seq->owned_by_table != published->oid || seq->owned_by_attnum == col.attnum) continue;
    catalog::SequenceDef owner;
    owner.owned_by_table = published->oid;
    owner.owned_by_attnum = col.attnum;
    ctx.catalog.AlterSequence(ctx.txn, *seq, owner);
  }
}

}  // namespace lumadb::exec
