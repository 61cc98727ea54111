#include "constraint_rules.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "object_names.h"

namespace lumadb::catalog {
namespace {

bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (static_cast<unsigned char>(c) & 0x80);
}
bool IsIdentChar(char c) {
  return IsIdentStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

/// Column names the expression text mentions, each once, in order of first mention (pull_var_clause).
std::vector<std::string> MentionedColumns(const std::string& expr, const std::vector<ColumnInfo>& columns) {
  std::vector<std::string> found;
  auto note = [&](const std::string& name) {
    bool is_column = std::any_of(columns.begin(), columns.end(), [&](const ColumnInfo& c) { return c.name == name; });
    if (is_column && std::find(found.begin(), found.end(), name) == found.end()) found.push_back(name);
  };
  size_t i = 0;
  bool after_cast = false;
  while (i < expr.size()) {
    char c = expr[i];
    if (c == '\'') {  // string literal, '' escapes a quote
      for (++i; i < expr.size(); ++i) {
        if (expr[i] == '\'' && (i + 1 >= expr.size() || expr[i + 1] != '\'')) break;
        if (expr[i] == '\'') ++i;
      }
      ++i;
      after_cast = false;
      continue;
    }
    if (c == ':' && i + 1 < expr.size() && expr[i + 1] == ':') {
      after_cast = true;
      i += 2;
      continue;
    }
    if (c == '"' || IsIdentStart(c)) {
      std::string name;
      if (c == '"') {
        for (++i; i < expr.size(); ++i) {
          if (expr[i] == '"' && (i + 1 >= expr.size() || expr[i + 1] != '"')) break;
          if (expr[i] == '"') ++i;
          name += expr[i];
        }
        ++i;
      } else {
        size_t start = i;
        while (i < expr.size() && IsIdentChar(expr[i])) ++i;
        name = expr.substr(start, i - start);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
      }
      size_t next = i;
      while (next < expr.size() && expr[next] == ' ') ++next;
      bool is_call = next < expr.size() && expr[next] == '(';
      if (!after_cast && !is_call) note(name);
      after_cast = false;
      continue;
    }
    if (c != ' ') after_cast = false;
    ++i;
  }
  return found;
}

std::vector<std::string> NamesOf(const std::vector<ColumnInfo>& columns, const std::vector<int16_t>& attnums) {
  std::vector<std::string> names;
  for (int16_t attnum : attnums) {
    if (attnum >= 1 && static_cast<size_t>(attnum) <= columns.size()) names.push_back(columns[attnum - 1].name);
  }
  return names;
}

bool IsIntegerType(TypeId t) {
  return t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8;
}
bool IsStringType(TypeId t) {
  return t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kBpchar || t == TypeId::kName;
}
bool IsNumericType(TypeId t) {
  return IsIntegerType(t) || t == TypeId::kNumeric || t == TypeId::kFloat4 || t == TypeId::kFloat8;
}
bool IsTimestampType(TypeId t) {
  return t == TypeId::kDate || t == TypeId::kTimestamp || t == TypeId::kTimestampTz;
}

/// An equality operator joins the two types (the pairs PostgreSQL's btree opfamilies cover).
bool Comparable(TypeId a, TypeId b) {
  return a == b || (IsNumericType(a) && IsNumericType(b)) || (IsStringType(a) && IsStringType(b)) ||
         (IsTimestampType(a) && IsTimestampType(b));
}

}  // namespace

std::string ChooseCheckName(const std::string& table, const std::vector<ColumnInfo>& columns, const std::string& expr,
                            const NameTaken& taken) {
  std::vector<std::string> mentioned = MentionedColumns(expr, columns);
  return ChooseUniqueName(table, mentioned.size() == 1 ? mentioned[0] : "", "check", taken);
}

std::vector<int16_t> CheckColumns(const std::vector<ColumnInfo>& columns, const std::string& expr) {
  std::vector<int16_t> attnums;
  for (const std::string& name : MentionedColumns(expr, columns)) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].name == name) attnums.push_back(static_cast<int16_t>(i + 1));
    }
  }
  std::sort(attnums.begin(), attnums.end());
  return attnums;
}

std::string ChooseForeignKeyName(const std::string& table, const std::vector<ColumnInfo>& columns, const ForeignKey& fk,
                                 const NameTaken& taken) {
  return ChooseUniqueName(table, JoinColumnNames(NamesOf(columns, fk.attnums)), "fkey", taken);
}

std::string ChooseIndexName(const std::string& table, const std::vector<ColumnInfo>& columns, const IndexDef& def,
                            const NameTaken& taken) {
  if (def.primary) return ChooseUniqueName(table, "", "pkey", taken);
  std::vector<int16_t> attnums;
  for (const IndexColumn& c : def.columns) attnums.push_back(c.attnum);
  return ChooseUniqueName(table, JoinColumnNames(NamesOf(columns, attnums)), "idx", taken);
}

const IndexInfo* FindUniqueIndex(const TableInfo& table, const std::vector<int16_t>& attnums) {
  std::vector<int16_t> wanted = attnums;
  std::sort(wanted.begin(), wanted.end());
  const IndexInfo* found = nullptr;
  for (const IndexInfo& index : table.indexes) {
    if (!index.unique) continue;
    std::vector<int16_t> have;
    for (const IndexColumn& c : index.columns) have.push_back(c.attnum);
    std::sort(have.begin(), have.end());
    if (have == wanted && (!found || (index.primary && !found->primary))) found = &index;
  }
  return found;
}

void ResolveForeignKey(const TableInfo& self, const TableInfo& ref, ForeignKey& fk) {
  if (fk.attnums.size() != fk.ref_attnums.size()) {
    throw DbError(sqlstate::kInvalidForeignKey,
                  "number of referencing and referenced columns for foreign key disagree");
  }
  auto in_range = [](const std::vector<int16_t>& attnums, const TableInfo& t) {
    return std::all_of(attnums.begin(), attnums.end(),
                       [&](int16_t a) { return a >= 1 && static_cast<size_t>(a) <= t.columns.size(); });
  };
  LUMADB_ASSERT(in_range(fk.attnums, self) && in_range(fk.ref_attnums, ref), "foreign key column out of range");
  const IndexInfo* index = FindUniqueIndex(ref, fk.ref_attnums);
  if (!index) {
    throw DbError(sqlstate::kInvalidForeignKey,
                  "there is no unique constraint matching given keys for referenced table \"" + ref.name + "\"");
  }
  fk.ref_index_oid = index->oid;
  for (size_t i = 0; i < fk.attnums.size(); ++i) {
    const ColumnInfo& mine = self.columns[fk.attnums[i] - 1];
    const ColumnInfo& theirs = ref.columns[fk.ref_attnums[i] - 1];
    if (!Comparable(mine.type.id, theirs.type.id)) {
      throw DbError(sqlstate::kDatatypeMismatch, "foreign key constraint \"" + fk.name + "\" cannot be implemented")
          .Detail("Key columns \"" + mine.name + "\" and \"" + theirs.name +
                  "\" are of incompatible types: " + FormatType(mine.type) + " and " + FormatType(theirs.type) + ".");
    }
  }
}

DbError DependentObjectsError(const std::string& what, const std::string& detail) {
  return DbError(sqlstate::kDependentObjectsStillExist, "cannot drop " + what + " because other objects depend on it")
      .Detail(detail)
      .Hint("Use DROP ... CASCADE to drop the dependent objects too.");
}

}  // namespace lumadb::catalog
