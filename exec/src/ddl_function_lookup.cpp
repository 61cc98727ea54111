#include "ddl_function_lookup.h"

#include <algorithm>
#include <cctype>

#include "planner/binder.h"
#include "planner/sql_functions.h"

namespace lumadb::exec {
namespace {

std::vector<TypeId> SignatureTypes(const ast::FunctionSignature& sig, std::string_view query_text) {
  std::vector<TypeId> types;
  for (const auto& t : *sig.arg_types) types.push_back(planner::ResolveTypeName(t, query_text).id);
  return types;
}

std::string ShownName(const ast::FunctionSignature& sig) {
  return sig.name.schema.empty() ? sig.name.name : sig.name.schema + "." + sig.name.name;
}

size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace

std::shared_ptr<const catalog::FunctionInfo> FindExactFunction(SessionContext& ctx, Oid ns, const std::string& name,
                                                               const std::vector<TypeId>& arg_types) {
  for (const auto& f : ctx.catalog.Functions(ctx.txn)) {
    if (f->namespace_oid == ns && f->name == name && f->arg_types == arg_types) return f;
  }
  return nullptr;
}

std::shared_ptr<const catalog::FunctionInfo> LookupFunction(SessionContext& ctx, const ast::FunctionSignature& sig,
                                                            std::string_view query_text, bool missing_ok) {
  std::vector<std::string> names;
  if (!sig.name.schema.empty()) names.push_back(sig.name.schema);
  names.push_back(sig.name.name);
  auto candidates = planner::FunctionCandidates(ctx.catalog.Functions(ctx.txn), names, ctx.search_path);
  if (!sig.arg_types) {
    if (candidates.size() > 1) {
      throw DbError(sqlstate::kAmbiguousFunction, "function name \"" + ShownName(sig) + "\" is not unique")
          .Hint("Specify the argument list to select the function unambiguously.");
    }
    if (candidates.empty()) {
      if (missing_ok) return nullptr;
      throw DbError(sqlstate::kUndefinedFunction, "could not find a function named \"" + ShownName(sig) + "\"");
    }
    return candidates[0];
  }
  const std::vector<TypeId> types = SignatureTypes(sig, query_text);
  for (const auto& f : candidates) {
    if (f->arg_types == types) return f;
  }
  if (missing_ok) return nullptr;
  throw DbError(sqlstate::kUndefinedFunction,
                "function " + planner::FunctionSignatureText(ShownName(sig), types) + " does not exist");
}

std::string SignatureNotice(const ast::FunctionSignature& sig, std::string_view query_text) {
  if (!sig.arg_types) return ShownName(sig) + "()";
  return planner::FunctionSignatureText(ShownName(sig), SignatureTypes(sig, query_text));
}

std::optional<std::string> DescribeUserFunction(SessionContext& ctx, std::string_view what, Oid oid) {
  for (const auto& f : ctx.catalog.Functions(ctx.txn)) {
    if (f->oid != oid) continue;
    if (what == "visible") {
      const bool on_path =
          std::find(ctx.search_path.begin(), ctx.search_path.end(), f->schema) != ctx.search_path.end();
      return on_path ? "t" : "f";
    }
    std::string relation;
    if (f->return_relation != 0) {
      if (auto t = ctx.catalog.TableByOid(ctx.txn, f->return_relation)) relation = t->name;
    }
    return planner::DescribeFunction(what, *f, relation);
  }
  return std::nullopt;
}

int32_t BodyPosition(const ast::CreateFunctionStmt& stmt, std::string_view query_text, int32_t pos) {
  if (stmt.body_location < 0 || static_cast<size_t>(stmt.body_location) >= query_text.size()) return 0;
  const std::string_view at = query_text.substr(stmt.body_location);
  size_t start = 0;
  int32_t skipped = 0;  // characters of the bound text that are not in the statement ("SELECT ")
  if (stmt.sql_body.empty()) {
    start = at[0] == '$' ? at.find('$', 1) + 1 : (at[0] == 'E' || at[0] == 'e') ? 2 : 1;
  } else {
    std::string lower(at.substr(0, std::min<size_t>(at.size(), 12)));
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool is_return = lower.starts_with("return");
    start = SkipSpaces(at, is_return ? 6 : lower.find("atomic") + 6);
    skipped = is_return ? 7 : 0;
  }
  if (pos <= skipped) return 0;
  return planner::CharPosition(query_text, stmt.body_location + static_cast<int32_t>(start)) + pos - 1 - skipped;
}

}  // namespace lumadb::exec
