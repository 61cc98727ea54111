// DatabaseCatalog: sequences (pg_class relkind 'S' + pg_sequence + pg_depend for OWNED BY), following
// PostgreSQL's commands/sequence.c (init_params for defaults and checks). The counters themselves are
// non-transactional: sequence_counters.h.
#include <algorithm>

#include "catalog_rows.h"
#include "common/error.h"
#include "database_catalog.h"
#include "object_names.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::catalog {
namespace {

Oid RowOid(const Row& r, size_t column) {
  return static_cast<Oid>(r[column].GetInt());
}

DbError OptionError(const std::string& message) {
  return DbError(sqlstate::kInvalidParameterValue, message);
}

std::pair<int64_t, int64_t> TypeRange(TypeId type) {
  switch (type) {
    case TypeId::kInt2:
      return {INT16_MIN, INT16_MAX};
    case TypeId::kInt4:
      return {INT32_MIN, INT32_MAX};
    default:
      return {INT64_MIN, INT64_MAX};
  }
}

/// init_params: the sequence `def` describes, on top of `old` for ALTER (null for CREATE). `last_value` is
/// the current value (ALTER checks it against new bounds unless RESTART gives one). 22023 with
/// PostgreSQL's messages.
SequenceInfo ResolveOptions(const SequenceDef& def, const SequenceInfo* old, int64_t last_value) {
  SequenceInfo seq = old ? *old : SequenceInfo{};
  bool init = old == nullptr;
  bool reset_max = false, reset_min = false;
  if (def.type) {
    TypeId t = *def.type;
    if (t != TypeId::kInt2 && t != TypeId::kInt4 && t != TypeId::kInt8) {
      throw OptionError("sequence type must be smallint, integer, or bigint");
    }
    if (old) {
      // A bound that was the old type's default follows the new type (init_params reset_max_value).
      auto [old_min, old_max] = TypeRange(old->type);
      reset_max = (old->increment > 0 && old->max_value == old_max) || (old->increment < 0 && old->max_value == -1);
      reset_min = (old->increment > 0 && old->min_value == 1) || (old->increment < 0 && old->min_value == old_min);
    }
    seq.type = t;
  } else if (init) {
    seq.type = TypeId::kInt8;
  }
  if (def.increment) {
    if (*def.increment == 0) throw OptionError("INCREMENT must not be zero");
    seq.increment = *def.increment;
  } else if (init) {
    seq.increment = 1;
  }
  if (def.cycle) seq.cycle = *def.cycle;
  auto [type_min, type_max] = TypeRange(seq.type);
  std::string type_name = FormatType(TypeDesc{seq.type, -1});
  if (def.max_value) {
    seq.max_value = *def.max_value;
  } else if (init || reset_max) {
    seq.max_value = seq.increment > 0 ? type_max : -1;
  }
  if (seq.max_value < type_min || seq.max_value > type_max) {
    throw OptionError("MAXVALUE (" + std::to_string(seq.max_value) + ") is out of range for sequence data type " +
                      type_name);
  }
  if (def.min_value) {
    seq.min_value = *def.min_value;
  } else if (init || reset_min) {
    seq.min_value = seq.increment > 0 ? 1 : type_min;
  }
  if (seq.min_value < type_min || seq.min_value > type_max) {
    throw OptionError("MINVALUE (" + std::to_string(seq.min_value) + ") is out of range for sequence data type " +
                      type_name);
  }
  if (seq.min_value >= seq.max_value) {
    throw OptionError("MINVALUE (" + std::to_string(seq.min_value) + ") must be less than MAXVALUE (" +
                      std::to_string(seq.max_value) + ")");
  }
  if (def.start) {
    seq.start = *def.start;
  } else if (init) {
    seq.start = seq.increment > 0 ? seq.min_value : seq.max_value;
  }
  auto check_value = [&](const char* what, int64_t v) {
    if (v < seq.min_value) {
      throw OptionError(std::string(what) + " value (" + std::to_string(v) + ") cannot be less than MINVALUE (" +
                        std::to_string(seq.min_value) + ")");
    }
    if (v > seq.max_value) {
      throw OptionError(std::string(what) + " value (" + std::to_string(v) + ") cannot be greater than MAXVALUE (" +
                        std::to_string(seq.max_value) + ")");
    }
  };
  check_value("START", seq.start);
  if (!init) check_value("RESTART", def.restart ? *def.restart : last_value);
  if (def.cache) {
    if (*def.cache <= 0) throw OptionError("CACHE (" + std::to_string(*def.cache) + ") must be greater than zero");
    seq.cache = *def.cache;
  } else if (init) {
    seq.cache = 1;
  }
  return seq;
}

/// The columns a sequence shows as a relation (SELECT * FROM seq), as PostgreSQL's sequence relations.
std::vector<ColumnInfo> SequenceColumns() {
  return {ColumnInfo{"last_value", TypeDesc{TypeId::kInt8, -1}, 1, true, {}},
          ColumnInfo{"log_cnt", TypeDesc{TypeId::kInt8, -1}, 2, true, {}},
          ColumnInfo{"is_called", TypeDesc{TypeId::kBool, -1}, 3, true, {}}};
}

}  // namespace

void DatabaseCatalog::InsertSequenceRows(txn::Transaction& txn, const SequenceInfo& seq) {
  ClassFields fields;
  fields.oid = seq.oid;
  fields.name = seq.name;
  fields.namespace_oid = seq.namespace_oid;
  fields.filenode = seq.file.rel;
  fields.relkind = 'S';
  fields.natts = 3;
  fields.owner = seq.owner;
  fields.acl = seq.acl;
  Table(kPgClassOid).Insert(txn, ClassRow(fields));
  CatalogTable attributes = Table(kPgAttributeOid);
  for (const ColumnInfo& c : SequenceColumns()) attributes.Insert(txn, AttributeRow(seq.oid, c));
  Table(kPgSequenceOid).Insert(txn, SequenceRow(seq));
  if (seq.owned_by_table != 0) {
    // An identity column's sequence is an internal part of it ('i'); a serial's is merely owned ('a').
    char deptype = 'a';
    if (auto table = View(txn)->FindTable(seq.owned_by_table)) {
      for (const ColumnInfo& c : table->columns) {
        if (c.attnum == seq.owned_by_attnum && c.identity != 0) deptype = 'i';
      }
    }
    Table(kPgDependOid).Insert(txn, DependRow(seq.oid, seq.owned_by_table, seq.owned_by_attnum, deptype));
  }
}

void DatabaseCatalog::DeleteSequenceRows(txn::Transaction& txn, Oid oid) {
  Table(kPgClassOid).DeleteIf(txn, [&](const Row& r) { return RowOid(r, col::kRelOid) == oid; });
  Table(kPgAttributeOid).DeleteIf(txn, [&](const Row& r) { return RowOid(r, col::kAttRelid) == oid; });
  Table(kPgSequenceOid).DeleteIf(txn, [&](const Row& r) { return RowOid(r, col::kSeqRelid) == oid; });
  Table(kPgDependOid).DeleteIf(txn, [&](const Row& r) { return RowOid(r, col::kDepObjid) == oid; });
}

void DatabaseCatalog::DropSequenceRows(txn::Transaction& txn, const SequenceInfo& seq) {
  Oid oid = seq.oid;
  DeleteSequenceRows(txn, oid);
  DropFileAtCommit(txn, seq.file);
  txn.OnCommit([this, oid] { counters_.Forget(oid); });
}

SequenceInfo DatabaseCatalog::CreateSequence(txn::Transaction& txn, const SequenceDef& def,
                                             const std::vector<std::string>& search_path) {
  BeginDdl(txn);
  auto snap = View(txn);
  std::shared_ptr<const TableInfo> owner;
  if (def.owned_by_table != 0) {
    owner = snap->FindTable(def.owned_by_table);
    if (!owner || def.owned_by_attnum < 1 || static_cast<size_t>(def.owned_by_attnum) > owner->columns.size()) {
      throw DbError(sqlstate::kUndefinedTable,
                    "relation with OID " + std::to_string(def.owned_by_table) + " does not exist");
    }
  }
  std::string name = def.name;
  Oid ns = 0;
  if (name.empty() && owner) {
    // serial / identity: <table>_<column>_seq in the table's schema (ChooseRelationName).
    ns = owner->namespace_oid;
    name = ChooseUniqueName(owner->name, owner->columns[def.owned_by_attnum - 1].name, "seq",
                            [&](const std::string& n) { return snap->HasRelation(ns, n); });
  } else {
    ns = CreationNamespace(*snap, def.schema, name, search_path);
  }
  if (snap->HasRelation(ns, name)) throw DbError(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  SequenceInfo seq = ResolveOptions(def, nullptr, 0);
  seq.oid = oids_.Next();
  seq.namespace_oid = ns;
  seq.schema = snap->FindNamespace(ns)->name;
  seq.name = name;
  seq.owned_by_table = def.owned_by_table;
  seq.owned_by_attnum = def.owned_by_attnum;
  seq.owner = def.owner;
  seq.file = storage::FileId{db_, seq.oid};
  storage_.CreateFile(seq.file, &txn.log());
  storage::FileId file = seq.file;
  txn.OnAbort([this, file] { storage_.DropFile(file); });
  locks_.LockRelation(txn, txn::RelationTag{db_, seq.oid}, txn::LockMode::kExclusive);
  InsertSequenceRows(txn, seq);
  SequenceCounters::WriteInitialTuple(storage_, txn, seq);
  Changed(txn);
  return *View(txn)->FindSequence(seq.oid);
}

SequenceInfo DatabaseCatalog::AlterSequence(txn::Transaction& txn, const SequenceInfo& seq, const SequenceDef& def) {
  BeginDdl(txn);
  locks_.LockRelation(txn, txn::RelationTag{db_, seq.oid}, txn::LockMode::kExclusive);
  auto snap = View(txn);
  auto current = snap->FindSequence(seq.oid);
  if (!current) throw DbError(sqlstate::kUndefinedTable, "relation \"" + seq.name + "\" does not exist");
  SequenceInfo next = ResolveOptions(def, &*current, counters_.State(*current).first);
  if (!def.name.empty() && def.name != current->name) {
    if (snap->HasRelation(current->namespace_oid, def.name)) {
      throw DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists");
    }
    next.name = def.name;
  }
  if (def.owned_by_none) {
    next.owned_by_table = 0;
    next.owned_by_attnum = 0;
  } else if (def.owned_by_table != 0) {
    next.owned_by_table = def.owned_by_table;
    next.owned_by_attnum = def.owned_by_attnum;
  }
  next.owner = current->owner;
  next.acl = current->acl;
  DeleteSequenceRows(txn, current->oid);
  InsertSequenceRows(txn, next);
  counters_.Reset(next, def.restart);
  Changed(txn);
  return *View(txn)->FindSequence(seq.oid);
}

void DatabaseCatalog::DropSequence(txn::Transaction& txn, const SequenceInfo& seq) {
  BeginDdl(txn);
  locks_.LockRelation(txn, txn::RelationTag{db_, seq.oid}, txn::LockMode::kExclusive);
  auto current = View(txn)->FindSequence(seq.oid);
  if (!current) throw DbError(sqlstate::kUndefinedTable, "relation \"" + seq.name + "\" does not exist");
  DropSequenceRows(txn, *current);
  Changed(txn);
}

std::optional<SequenceInfo> DatabaseCatalog::LookupSequence(txn::Transaction& txn, std::string_view schema,
                                                            std::string_view name,
                                                            const std::vector<std::string>& search_path) {
  auto t = LookupTable(txn, schema, name, search_path);
  if (!t || t->relkind != 'S') return std::nullopt;
  return View(txn)->FindSequence(t->oid);
}

std::optional<SequenceInfo> DatabaseCatalog::SequenceByOid(txn::Transaction& txn, Oid oid) {
  return View(txn)->FindSequence(oid);
}

int64_t DatabaseCatalog::NextVal(txn::Transaction&, const SequenceInfo& seq) {
  return counters_.Next(seq);
}

void DatabaseCatalog::SetVal(txn::Transaction&, const SequenceInfo& seq, int64_t value, bool is_called) {
  counters_.Set(seq, value, is_called);
}

std::pair<int64_t, bool> DatabaseCatalog::SequenceState(txn::Transaction&, const SequenceInfo& seq) {
  return counters_.State(seq);
}

}  // namespace lumadb::catalog
