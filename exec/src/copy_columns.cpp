// COPY column lists (copy.c CopyGetAttnums) and the FORCE_* column checks.
#include "copy_columns.h"

#include <algorithm>

#include "common/error.h"

namespace lumadb::exec {

namespace {

int FindColumn(const catalog::TableInfo& table, const std::string& name) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].name == name) return static_cast<int>(i);
  }
  throw DbError(sqlstate::kUndefinedColumn,
                "column \"" + name + "\" of relation \"" + table.name + "\" does not exist");
}

void CheckForced(const catalog::TableInfo& table, const std::vector<int>& targets,
                 const std::vector<std::string>& names, const char* option) {
  for (const std::string& name : names) {
    int index = FindColumn(table, name);
    if (std::find(targets.begin(), targets.end(), index) == targets.end()) {
      throw DbError(sqlstate::kInvalidColumnReference,
                    std::string(option) + " column \"" + name + "\" not referenced by COPY");
    }
  }
}

}  // namespace

std::vector<int> CopyColumns(const catalog::TableInfo& table, const std::vector<std::string>& names) {
  std::vector<int> out;
  if (names.empty()) {
    for (size_t i = 0; i < table.columns.size(); ++i) out.push_back(static_cast<int>(i));
    return out;
  }
  for (const std::string& name : names) {
    int index = FindColumn(table, name);
    if (std::find(out.begin(), out.end(), index) != out.end()) {
      throw DbError(sqlstate::kDuplicateColumn, "column \"" + name + "\" specified more than once");
    }
    out.push_back(index);
  }
  return out;
}

std::vector<std::string> ColumnNames(const catalog::TableInfo& table, const std::vector<int>& indexes) {
  std::vector<std::string> names;
  for (int i : indexes) names.push_back(table.columns[i].name);
  return names;
}

void CheckForcedColumns(const catalog::TableInfo& table, const std::vector<int>& targets, const CopyOptions& options) {
  CheckForced(table, targets, options.force_quote, "FORCE_QUOTE");
  CheckForced(table, targets, options.force_not_null, "FORCE_NOT_NULL");
  CheckForced(table, targets, options.force_null, "FORCE_NULL");
}

}  // namespace lumadb::exec
