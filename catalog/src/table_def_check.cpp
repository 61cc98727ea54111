#include "table_def_check.h"

#include <algorithm>
#include <set>

#include "common/error.h"
#include "object_names.h"

namespace lumadb::catalog {

void CheckTableDef(const TableDef& def) {
  int primary_keys = 0;
  for (const KeyConstraint& key : def.keys) {
    if (key.primary && ++primary_keys > 1) {
      throw DbError(sqlstate::kInvalidTableDefinition,
                    "multiple primary keys for table \"" + def.name + "\" are not allowed");
    }
    for (int16_t attnum : key.attnums) {
      LUMADB_ASSERT(attnum >= 1 && static_cast<size_t>(attnum) <= def.columns.size(), "key column out of range");
    }
  }
  std::set<std::string> seen;
  for (const ColumnInfo& c : def.columns) {
    if (!seen.insert(c.name).second) {
      throw DbError(sqlstate::kDuplicateColumn, "column \"" + c.name + "\" specified more than once");
    }
  }
  if (def.fillfactor < 10 || def.fillfactor > 100) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  "value " + std::to_string(def.fillfactor) + " out of bounds for option \"fillfactor\"")
        .Detail("Valid values are between \"10\" and \"100\".");
  }
}

std::vector<KeyConstraint> PrepareKeys(const TableDef& def, const std::function<bool(const std::string&)>& taken) {
  std::vector<KeyConstraint> keys;
  auto add_unless_redundant = [&](const KeyConstraint& key) {
    bool redundant =
        std::any_of(keys.begin(), keys.end(), [&](const KeyConstraint& prior) { return prior.attnums == key.attnums; });
    if (!redundant) keys.push_back(key);
  };
  for (const KeyConstraint& key : def.keys) {
    if (key.primary) add_unless_redundant(key);
  }
  for (const KeyConstraint& key : def.keys) {
    if (!key.primary) add_unless_redundant(key);
  }
  std::set<std::string> chosen;
  auto is_taken = [&](const std::string& name) { return name == def.name || chosen.contains(name) || taken(name); };
  for (KeyConstraint& key : keys) {
    if (key.name.empty()) {
      if (key.primary) {
        key.name = ChooseUniqueName(def.name, "", "pkey", is_taken);
      } else {
        std::vector<std::string> names;
        for (int16_t attnum : key.attnums) names.push_back(def.columns[attnum - 1].name);
        key.name = ChooseUniqueName(def.name, JoinColumnNames(names), "key", is_taken);
      }
    }
    chosen.insert(key.name);
  }
  return keys;
}

}  // namespace lumadb::catalog
