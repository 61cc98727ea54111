#pragma once
// Generated object names, as PostgreSQL chooses them (src/backend/commands/indexcmds.c ChooseIndexName,
// ChooseIndexNameAddition; src/backend/catalog/namespace.c / commands makeObjectName, ChooseRelationName).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lumadb::catalog {

/// PostgreSQL's NAMEDATALEN - 1: the longest identifier, in bytes.
inline constexpr size_t kMaxIdentifierLength = 63;

/// makeObjectName: "name1_name2_label", shortening the longer of name1/name2 first so the result fits in
/// 63 bytes, never cutting a UTF-8 character. name2 and label may be empty (then left out).
std::string MakeObjectName(std::string_view name1, std::string_view name2, std::string_view label);

/// ChooseRelationName: MakeObjectName, then label1, label2, ... until `taken` says the name is free.
std::string ChooseUniqueName(std::string_view name1, std::string_view name2, std::string_view label,
                             const std::function<bool(const std::string&)>& taken);

/// ChooseIndexNameAddition: column names joined by '_', stopping once 63 bytes are reached.
std::string JoinColumnNames(const std::vector<std::string>& names);

}  // namespace lumadb::catalog
