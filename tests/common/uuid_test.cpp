// uuid (common/uuid.h): the input forms PostgreSQL 15's uuid_in accepts and rejects, lower-case hyphenated
// output, memcmp ordering, hashing, casts and gen_random_uuid's version bits. Expected values were produced
// by PostgreSQL 15.
#include "common/uuid.h"

#include <set>

#include <doctest/doctest.h>

#include "common/cast.h"
#include "common/value_ops.h"
#include "io_case.h"
#include "test_util.h"

namespace lumadb {
namespace {

using test::IoCase;

Value U(const char* text) {
  return ParseValue({TypeId::kUuid}, text);
}

TEST_CASE("uuid input and output match PostgreSQL 15") {
  const IoCase cases[] = {
      {"11111111-1111-1111-1111-111111111111F", "", "22P02",
       "invalid input syntax for type uuid: \"11111111-1111-1111-1111-111111111111F\""},
      {"{11111111-1111-1111-1111-11111111111}", "", "22P02",
       "invalid input syntax for type uuid: \"{11111111-1111-1111-1111-11111111111}\""},
      {"111-11111-1111-1111-1111-111111111111", "", "22P02",
       "invalid input syntax for type uuid: \"111-11111-1111-1111-1111-111111111111\""},
      {"{22222222-2222-2222-2222-222222222222 ", "", "22P02",
       "invalid input syntax for type uuid: \"{22222222-2222-2222-2222-222222222222 \""},
      {"11111111-1111-1111-G111-111111111111", "", "22P02",
       "invalid input syntax for type uuid: \"11111111-1111-1111-G111-111111111111\""},
      {"11+11111-1111-1111-1111-111111111111", "", "22P02",
       "invalid input syntax for type uuid: \"11+11111-1111-1111-1111-111111111111\""},
      {"11111111-1111-1111-1111-111111111111", "11111111-1111-1111-1111-111111111111", "", ""},
      {"{22222222-2222-2222-2222-222222222222}", "22222222-2222-2222-2222-222222222222", "", ""},
      {"3f3e3c3b3a3039383736353433a2313e", "3f3e3c3b-3a30-3938-3736-353433a2313e", "", ""},
      {"A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "", ""},
      {"a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "", ""},
      {"{a0eebc999c0b4ef8bb6d6bb9bd380a11}", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "", ""},
      {"a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "", ""},
      {"a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "", ""},
      {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-", "", "22P02",
       "invalid input syntax for type uuid: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-\""},
      {"-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "", "22P02",
       "invalid input syntax for type uuid: \"-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""},
      {" a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "", "22P02",
       "invalid input syntax for type uuid: \" a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\""},
      {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 ", "", "22P02",
       "invalid input syntax for type uuid: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 \""},
      {"", "", "22P02", "invalid input syntax for type uuid: \"\""},
      {"{}", "", "22P02", "invalid input syntax for type uuid: \"{}\""},
      {"a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11", "", "22P02",
       "invalid input syntax for type uuid: \"a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11\""},
      {"a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11", "", "22P02",
       "invalid input syntax for type uuid: \"a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11\""},
  };
  for (const IoCase& c : cases) test::CheckIoCase({TypeId::kUuid}, c);
  CHECK(U("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11").GetString() ==
        "\xa0\xee\xbc\x99\x9c\x0b\x4e\xf8\xbb\x6d\x6b\xb9\xbd\x38\x0a\x11");
}

TEST_CASE("uuid orders bytewise (uuid_cmp is memcmp) and hashes consistently") {
  // select x from (values (...)) v(x) order by x
  const char* sorted[] = {"00000000-0000-0000-0000-000000000000", "7fffffff-ffff-ffff-ffff-ffffffffffff",
                          "80000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"};
  for (size_t i = 0; i + 1 < std::size(sorted); ++i) CHECK(CompareValues(U(sorted[i]), U(sorted[i + 1])) < 0);
  CHECK(CompareValues(U("{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}"), U("a0eebc999c0b4ef8bb6d6bb9bd380a11")) == 0);
  CHECK(HashValue(U("{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}")) == HashValue(U("a0eebc999c0b4ef8bb6d6bb9bd380a11")));
  CHECK(test::SqlStateOf([] { CompareValues(U("a0eebc999c0b4ef8bb6d6bb9bd380a11"), Value::String("x")); }) == "42883");
}

TEST_CASE("uuid casts go through text") {
  const Value u = U("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  CHECK(FormatValue(CastValue(u, {TypeId::kText}, CastContext::kAssignment)) == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  // select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::varchar(10)
  CHECK(FormatValue(CastValue(u, {TypeId::kVarchar, 14}, CastContext::kExplicit)) == "a0eebc99-9");
  CHECK(CompareValues(
            CastValue(Value::String("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), {TypeId::kUuid}, CastContext::kExplicit),
            u) == 0);
  CHECK(FindCast(TypeId::kUuid, TypeId::kText) == CastContext::kAssignment);
  CHECK(FindCast(TypeId::kText, TypeId::kUuid) == CastContext::kExplicit);
  CHECK(FindCast(TypeId::kUnknown, TypeId::kUuid) == CastContext::kImplicit);
  CHECK_FALSE(FindCast(TypeId::kUuid, TypeId::kBytea).has_value());
}

TEST_CASE("gen_random_uuid gives distinct version 4 uuids") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string u = GenerateRandomUuid();
    REQUIRE(u.size() == kUuidLength);
    CHECK((static_cast<unsigned char>(u[6]) >> 4) == 4);
    CHECK((static_cast<unsigned char>(u[8]) & 0xc0) == 0x80);
    const std::string text = FormatUuid(u);
    CHECK(text[14] == '4');
    CHECK(ParseUuid(text) == u);
    seen.insert(u);
  }
  CHECK(seen.size() == 1000);
}

}  // namespace
}  // namespace lumadb
