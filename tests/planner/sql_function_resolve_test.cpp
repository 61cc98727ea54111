// Resolution of calls against user-defined functions (overloads, defaults, untyped literals, ambiguity),
// visibility through the search path and the SQL text a body runs.
#include <doctest/doctest.h>

#include "planner/sql_functions.h"

namespace lumadb::planner {
namespace {

using T = TypeId;

std::shared_ptr<const catalog::FunctionInfo> Fn(std::string name, std::vector<T> args, size_t defaults = 0,
                                                std::string schema = "public") {
  catalog::FunctionInfo f;
  f.name = std::move(name);
  f.schema = std::move(schema);
  f.arg_types = std::move(args);
  for (size_t i = 0; i < defaults; ++i) f.arg_defaults.push_back("1");
  return std::make_shared<const catalog::FunctionInfo>(std::move(f));
}

TEST_CASE("exact argument types win over implicit casts") {
  auto by_int = Fn("f", {T::kInt4});
  auto by_num = Fn("f", {T::kNumeric});
  FunctionList candidates{by_int, by_num};
  CHECK(ResolveUserFunction(candidates, {T::kInt4}).function == by_int);
  CHECK(ResolveUserFunction(candidates, {T::kNumeric}).function == by_num);
  // int2 reaches both by implicit casts: neither is exact, so the call is ambiguous (42725 for the caller).
  CHECK(ResolveUserFunction(candidates, {T::kInt2}).ambiguous);
  CHECK_FALSE(ResolveUserFunction(candidates, {T::kBool}).function);
}

TEST_CASE("untyped literals prefer the preferred type of their category") {
  auto by_text = Fn("g", {T::kText});
  auto by_int = Fn("g", {T::kInt4});
  FunctionList candidates{by_int, by_text};
  CHECK(ResolveUserFunction(candidates, {T::kUnknown}).function == by_text);
}

TEST_CASE("missing trailing arguments need defaults") {
  auto with_default = Fn("h", {T::kInt4, T::kInt4}, 1);
  FunctionList candidates{with_default};
  CHECK(ResolveUserFunction(candidates, {T::kInt4}).function == with_default);
  CHECK_FALSE(ResolveUserFunction(candidates, {}).function);
  CHECK_FALSE(ResolveUserFunction(candidates, {T::kInt4, T::kInt4, T::kInt4}).function);
}

TEST_CASE("candidates follow the search path or the named schema") {
  FunctionList all{Fn("f", {}, 0, "public"), Fn("f", {}, 0, "other"), Fn("g", {}, 0, "public")};
  CHECK(FunctionCandidates(all, {"f"}, {"public"}).size() == 1);
  CHECK(FunctionCandidates(all, {"f"}, {"public", "other"}).size() == 2);
  auto named = FunctionCandidates(all, {"other", "f"}, {"public"});
  REQUIRE(named.size() == 1);
  CHECK(named[0]->schema == "other");
}

TEST_CASE("the body text of each kind of body") {
  catalog::FunctionInfo f;
  f.src = "select 1";
  CHECK(FunctionBodyText(f) == "select 1");
  f.sql_body = "RETURN x + 1";
  CHECK(FunctionBodyText(f) == "SELECT x + 1");
  f.sql_body = "BEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND";
  CHECK(FunctionBodyText(f) == "SELECT 1;\n  SELECT 2");
}

TEST_CASE("parameters split into inputs and result columns") {
  catalog::FunctionInfo f;
  f.all_arg_types = {T::kInt4, T::kText, T::kInt8};
  f.arg_types = {T::kInt4};
  f.arg_modes = "iot";
  f.arg_names = {"a", "", "c"};
  auto inputs = InputParameters(f);
  REQUIRE(inputs.size() == 1);
  CHECK(inputs[0].first == "a");
  auto outputs = OutputParameters(f);
  REQUIRE(outputs.size() == 2);
  CHECK(outputs[0].first == "column1");
  CHECK(outputs[1].first == "c");
  CHECK(FunctionSignatureText("f", {T::kInt4, T::kText}) == "f(integer, text)");
}

}  // namespace
}  // namespace lumadb::planner
