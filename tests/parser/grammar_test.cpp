// Structural checks of the grammar and the keyword table.

#include <doctest/doctest.h>
#include <tao/pegtl/contrib/analyze.hpp>

#include "../../parser/src/grammar/statement.hpp"

namespace lumadb::parser {

TEST_CASE("grammar has no left recursion and no empty loops") {
  CHECK(tao::pegtl::analyze<grammar::sql>(-1) == 0);
}

TEST_CASE("keyword table is sorted and categorised as PostgreSQL 15") {
  CHECK(KeywordListIsSorted());
  CHECK(LookupKeyword("select") == KeywordCategory::kReserved);
  CHECK(LookupKeyword("left") == KeywordCategory::kTypeFuncName);
  CHECK(LookupKeyword("between") == KeywordCategory::kColName);
  CHECK(LookupKeyword("tablename") == KeywordCategory::kNone);
  CHECK(IsColId(LookupKeyword("integer")));
  CHECK_FALSE(IsColId(LookupKeyword("join")));
  CHECK(IsTypeFunctionName(LookupKeyword("left")));
  CHECK_FALSE(IsTypeFunctionName(LookupKeyword("coalesce")));
}

}  // namespace lumadb::parser
