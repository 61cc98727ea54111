// The extended-query codec: Parse/Bind/Describe/Execute/Close/Flush/Sync decoding with PostgreSQL's
// length checks, and the backend messages of the extended protocol (byte layouts as PostgreSQL 15 sends).
#include "pgwire/extended.h"

#include <doctest/doctest.h>

#include "common/error.h"
#include "common/value.h"
#include "pgwire/backend_writer.h"
#include "pgwire/frontend.h"
#include "wire_test_util.h"

using namespace lumadb;
using namespace lumadb::pgwire;
using namespace lumadb::pgwire::testing;

namespace {

std::string Str(const std::string& s) {
  return s + '\0';
}

// Frames body as a message of the given type and reads it back as the server would.
FrontendMessage Read(char type, const std::string& body) {
  MemoryTransport t;
  t.Feed(Frame(type, body));
  auto m = ReadFrontendMessage(t);
  REQUIRE(m.has_value());
  return *m;
}

// The error decode throws for body, which must be an ERROR (not FATAL) 08P01.
template <typename F>
std::string ProtocolError(F&& decode) {
  try {
    decode();
  } catch (const DbError& e) {
    CHECK(e.code() == sqlstate::kProtocolViolation);
    CHECK(e.severity() == Severity::kError);
    return e.message();
  }
  return "<no error>";
}

std::string BindBody() {
  return Str("p1") + Str("s1") + Int16(2) + Int16(0) + Int16(1) + Int16(2) + Int32(2) + "42" + Int32(-1) + Int16(1) +
         Int16(1);
}

}  // namespace

TEST_CASE("Parse carries names, query and parameter type OIDs") {
  auto p = DecodeParse(Read('P', Str("s1") + Str("SELECT $1, $2") + Int16(2) + Int32(23) + Int32(0)));
  CHECK(p.statement == "s1");
  CHECK(p.query == "SELECT $1, $2");
  CHECK(p.param_types == std::vector<Oid>{23, 0});
  auto unnamed = DecodeParse(Read('P', Str("") + Str("BEGIN;") + Int16(0)));
  CHECK(unnamed.statement.empty());
  CHECK(unnamed.param_types.empty());
  // An OID above 2^31 is an unsigned int32 on the wire.
  auto big = DecodeParse(Read('P', Str("") + Str("x") + Int16(1) + Int32(-1)));
  CHECK(big.param_types[0] == 4294967295u);
}

TEST_CASE("malformed Parse messages are 08P01 errors") {
  CHECK(ProtocolError([] { DecodeParse(Read('P', Str("s") + Str("q") + Int16(2) + Int32(23))); }) ==
        "insufficient data left in message");
  CHECK(ProtocolError([] { DecodeParse(Read('P', Str("s") + Str("q"))); }) == "insufficient data left in message");
  CHECK(ProtocolError([] { DecodeParse(Read('P', Str("s") + Str("q") + Int16(0) + "x")); }) ==
        "invalid message format");
  CHECK(ProtocolError([] { DecodeParse(Read('P', Str("s") + "no terminator")); }) == "invalid string in message");
}

TEST_CASE("Bind carries formats, values with NULL, and result formats") {
  auto b = DecodeBind(Read('B', BindBody()));
  CHECK(b.portal == "p1");
  CHECK(b.statement == "s1");
  CHECK(b.param_formats == std::vector<int16_t>{0, 1});
  REQUIRE(b.params.size() == 2);
  CHECK(b.params[0] == std::optional<std::string>("42"));
  CHECK_FALSE(b.params[1].has_value());
  CHECK(b.result_formats == std::vector<int16_t>{1});
  // A zero-length value is an empty string, not NULL.
  auto empty = DecodeBind(Read('B', Str("") + Str("") + Int16(0) + Int16(1) + Int32(0) + Int16(0)));
  CHECK(empty.params[0] == std::optional<std::string>(""));
}

TEST_CASE("malformed Bind messages are 08P01 errors") {
  CHECK(ProtocolError([] {
          DecodeBind(
              Read('B', Str("") + Str("") + Int16(2) + Int16(0) + Int16(0) + Int16(1) + Int32(1) + "1" + Int16(0)));
        }) == "bind message has 2 parameter formats but 1 parameters");
  // Truncated anywhere: inside a value, before the result formats, inside the result formats.
  std::string full = BindBody();
  for (size_t cut : {full.size() - 1, full.size() - 4, size_t{8}, size_t{14}}) {
    CAPTURE(cut);
    CHECK(ProtocolError([&] { DecodeBind(Read('B', full.substr(0, cut))); }) != "<no error>");
  }
  CHECK(ProtocolError([&] { DecodeBind(Read('B', full.substr(0, full.size() - 1))); }) ==
        "insufficient data left in message");
  CHECK(ProtocolError([&] { DecodeBind(Read('B', full + "junk")); }) == "invalid message format");
  CHECK(ProtocolError([] { DecodeBind(Read('B', Str("") + Str("") + Int16(0) + Int16(1) + Int32(-2) + Int16(0))); }) ==
        "insufficient data left in message");
  CHECK(ProtocolError([] {
          DecodeBind(Read('B', Str("") + Str("") + Int16(0) + Int16(1) + Int32(1000) + "abc" + Int16(0)));
        }) == "insufficient data left in message");
}

TEST_CASE("Describe, Close, Execute, Flush and Sync") {
  auto d = DecodeDescribe(Read('D', "S" + Str("s1")));
  CHECK(d.kind == 'S');
  CHECK(d.name == "s1");
  CHECK(DecodeDescribe(Read('D', "P" + Str(""))).kind == 'P');
  auto c = DecodeClose(Read('C', "P" + Str("cur")));
  CHECK(c.kind == 'P');
  CHECK(c.name == "cur");
  auto e = DecodeExecute(Read('E', Str("p") + Int32(10)));
  CHECK(e.portal == "p");
  CHECK(e.max_rows == 10);
  DecodeEmpty(Read('H', ""));
  DecodeEmpty(Read('S', ""));
  CHECK(ProtocolError([] { DecodeEmpty(Read('S', "x")); }) == "invalid message format");
  CHECK(ProtocolError([] { DecodeDescribe(Read('D', "X" + Str("s"))); }) == "invalid DESCRIBE message subtype 88");
  CHECK(ProtocolError([] { DecodeClose(Read('C', "X" + Str("s"))); }) == "invalid CLOSE message subtype 88");
  CHECK(ProtocolError([] { DecodeDescribe(Read('D', "X" + Str("s") + "z")); }) == "invalid message format");
  CHECK(ProtocolError([] { DecodeDescribe(Read('D', "")); }) == "insufficient data left in message");
  CHECK(ProtocolError([] { DecodeExecute(Read('E', Str("p") + Int16(1))); }) == "insufficient data left in message");
  CHECK(ProtocolError([] { DecodeExecute(Read('E', Str("p") + Int32(0) + "x")); }) == "invalid message format");
}

TEST_CASE("FormatCode applies the 0/1/N rule") {
  CHECK(FormatCode({}, 3) == 0);
  CHECK(FormatCode({1}, 3) == 1);
  CHECK(FormatCode({0, 1}, 1) == 1);
}

TEST_CASE("extended backend messages have PostgreSQL's layout") {
  MemoryTransport t;
  BackendWriter w(t);
  w.ParseComplete();
  w.BindComplete();
  w.CloseComplete();
  w.NoData();
  w.PortalSuspended();
  w.ParameterDescription({23, 25});
  w.Flush();
  auto msgs = Split(t.Output());
  REQUIRE(msgs.size() == 6);
  std::string types;
  for (const auto& m : msgs) types += m.type;
  CHECK(types == "123nst");
  for (size_t i = 0; i < 5; ++i) CHECK(msgs[i].body.empty());
  CHECK(msgs[5].body == Int16(2) + Int32(23) + Int32(25));
}

TEST_CASE("DataRow sends text or binary per column, and RowDescription the format") {
  MemoryTransport t;
  BackendWriter w(t);
  Row row{Value::Int4(42), Value::String("hi"), Value::Null(TypeId::kInt4)};
  w.DataRow(row, {});
  w.DataRow(row, {1});
  w.DataRow(row, {1, 0, 1});
  w.RowDescription({{"id", 0, 0, 23, -1, 1}});
  w.Flush();
  auto msgs = Split(t.Output());
  REQUIRE(msgs.size() == 4);
  CHECK(msgs[0].body == Int16(3) + Int32(2) + "42" + Int32(2) + "hi" + Int32(-1));
  CHECK(msgs[1].body == Int16(3) + Int32(4) + Int32(42) + Int32(2) + "hi" + Int32(-1));
  CHECK(msgs[2].body == Int16(3) + Int32(4) + Int32(42) + Int32(2) + "hi" + Int32(-1));
  MessageReader rd(msgs[3].body);
  rd.ReadInt16();
  rd.ReadCString();
  rd.ReadBytes(4 + 2 + 4 + 2 + 4);
  CHECK(rd.ReadInt16() == 1);
}

TEST_CASE("a DataRow with a bad format code is refused before anything is written") {
  MemoryTransport t;
  BackendWriter w(t);
  w.CommandComplete("SELECT 0");
  CHECK_THROWS_WITH_AS(w.DataRow(Row{Value::Int4(1)}, {2}), "unsupported format code: 2", DbError);
  w.Flush();
  auto msgs = Split(t.Output());
  REQUIRE(msgs.size() == 1);  // the buffer holds only whole messages
  CHECK(msgs[0].type == 'C');
}

TEST_CASE("MessageBuffer::Truncate drops an open message") {
  MessageBuffer b;
  b.BeginMessage('C');
  b.EndMessage();
  size_t mark = b.size();
  b.BeginMessage('D');
  b.AppendInt16(1);
  b.Truncate(mark);
  CHECK(b.size() == mark);
  b.BeginMessage('I');  // no longer "nested"
  b.EndMessage();
  CHECK(Split(b.data()).size() == 2);
}
