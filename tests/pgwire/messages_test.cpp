#include <map>

#include <doctest/doctest.h>

#include "common/error.h"
#include "pgwire/backend_writer.h"
#include "pgwire/frontend.h"
#include "wire_test_util.h"

using namespace lumadb;
using namespace lumadb::pgwire;
using namespace lumadb::pgwire::testing;

namespace {
// Reads the fields of an ErrorResponse/NoticeResponse body into code -> value.
std::map<char, std::string> Fields(const std::string& body) {
  std::map<char, std::string> out;
  MessageReader reader(body);
  while (true) {
    char code = static_cast<char>(reader.ReadByte());
    if (code == 0) break;
    out[code] = reader.ReadCString();
  }
  return out;
}
}  // namespace

TEST_CASE("MessageBuffer back-patches lengths and refuses nesting") {
  MessageBuffer b;
  b.BeginMessage('C');
  b.AppendCString("SELECT 1");
  b.EndMessage();
  CHECK(b.data() == std::string("C") + Int32(13) + std::string("SELECT 1\0", 9));
  b.BeginMessage('X');
  CHECK_THROWS_AS(b.BeginMessage('Y'), DbError);
  b.EndMessage();
  CHECK_THROWS_AS(b.EndMessage(), DbError);
}

TEST_CASE("startup reply messages have PostgreSQL's layout") {
  MemoryTransport t;
  BackendWriter w(t);
  w.AuthenticationOk();
  w.AuthenticationCleartextPassword();
  w.ParameterStatus("client_encoding", "UTF8");
  w.BackendKeyData(1234, -5);
  CHECK(t.Output().empty());  // nothing is sent before ReadyForQuery flushes
  w.ReadyForQuery('I');
  auto msgs = Split(t.Output());
  REQUIRE(msgs.size() == 5);
  CHECK(msgs[0].type == 'R');
  CHECK(msgs[0].body == Int32(0));
  CHECK(msgs[1].body == Int32(3));
  CHECK(msgs[2].type == 'S');
  CHECK(msgs[2].body == std::string("client_encoding\0UTF8\0", 21));
  CHECK(msgs[3].type == 'K');
  CHECK(msgs[3].body == Int32(1234) + Int32(-5));
  CHECK(msgs[4].type == 'Z');
  CHECK(msgs[4].body == "I");
}

TEST_CASE("RowDescription, DataRow, CommandComplete and EmptyQueryResponse") {
  MemoryTransport t;
  BackendWriter w(t);
  w.RowDescription({{"id", 16384, 1, 23, -1}, {"name", 0, 0, 1043, 14}});
  w.DataRow({std::string("42"), std::nullopt});
  w.CommandComplete("SELECT 1");
  w.EmptyQueryResponse();
  w.Flush();
  auto msgs = Split(t.Output());
  REQUIRE(msgs.size() == 4);
  CHECK(msgs[0].type == 'T');
  MessageReader rd(msgs[0].body);
  CHECK(rd.ReadInt16() == 2);
  CHECK(rd.ReadCString() == "id");
  CHECK(rd.ReadInt32() == 16384);
  CHECK(rd.ReadInt16() == 1);
  CHECK(rd.ReadInt32() == 23);
  CHECK(rd.ReadInt16() == 4);  // typlen of int4
  CHECK(rd.ReadInt32() == -1);
  CHECK(rd.ReadInt16() == 0);
  CHECK(rd.ReadCString() == "name");
  CHECK(rd.ReadInt32() == 0);
  CHECK(rd.ReadInt16() == 0);
  CHECK(rd.ReadInt32() == 1043);
  CHECK(rd.ReadInt16() == -1);  // varlena
  CHECK(rd.ReadInt32() == 14);
  CHECK(rd.ReadInt16() == 0);
  CHECK(rd.AtEnd());
  CHECK(msgs[1].type == 'D');
  CHECK(msgs[1].body == Int16(2) + Int32(2) + "42" + Int32(-1));
  CHECK(msgs[2].type == 'C');
  CHECK(msgs[2].body == std::string("SELECT 1\0", 9));
  CHECK(msgs[3].type == 'I');
  CHECK(msgs[3].body.empty());
}

TEST_CASE("ErrorResponse carries S, V, C, M, D, H, P and n") {
  MemoryTransport t;
  BackendWriter w(t);
  DbError e(sqlstate::kSyntaxError, "syntax error at or near \"selec\"");
  e.Detail("d").Hint("h").Position(1).Constraint("c");
  w.ErrorOrNotice(e);
  w.Flush();
  auto msgs = Split(t.Output());
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].type == 'E');
  auto f = Fields(msgs[0].body);
  CHECK(f['S'] == "ERROR");
  CHECK(f['V'] == "ERROR");
  CHECK(f['C'] == "42601");
  CHECK(f['M'] == "syntax error at or near \"selec\"");
  CHECK(f['D'] == "d");
  CHECK(f['H'] == "h");
  CHECK(f['P'] == "1");
  CHECK(f['n'] == "c");
}

TEST_CASE("warnings become NoticeResponse without optional fields") {
  MemoryTransport t;
  BackendWriter w(t);
  w.ErrorOrNotice(
      DbError(sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress", Severity::kWarning));
  w.Flush();
  auto msgs = Split(t.Output());
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].type == 'N');
  auto f = Fields(msgs[0].body);
  CHECK(f.size() == 4);
  CHECK(f['S'] == "WARNING");
  CHECK(f['C'] == "25P01");
}

TEST_CASE("RefuseEncryption sends one unframed N") {
  MemoryTransport t;
  BackendWriter w(t);
  w.RefuseEncryption();
  CHECK(t.Output() == "N");
}

TEST_CASE("AcceptEncryption sends one unframed S; a plain transport offers no TLS") {
  MemoryTransport t;
  BackendWriter w(t);
  w.AcceptEncryption();
  CHECK(t.Output() == "S");
  CHECK_FALSE(t.TlsAvailable());
  CHECK_FALSE(t.IsTls());
  CHECK(t.TlsServerEndPoint().empty());
  CHECK_FALSE(t.Tls());
  CHECK_THROWS_AS(t.StartTls(), std::logic_error);
}

TEST_CASE("large results are flushed before ReadyForQuery") {
  MemoryTransport t;
  BackendWriter w(t);
  std::string value(1000, 'x');
  for (int i = 0; i < 100; ++i) w.DataRow({value});
  CHECK(t.Output().size() > BackendWriter::kFlushThreshold);
}

TEST_CASE("frontend Query, PasswordMessage and Terminate are read") {
  MemoryTransport t;
  t.Feed(Frame('Q', std::string("SELECT 1\0", 9)));
  t.Feed(Frame('p', std::string("secret\0", 7)));
  t.Feed(Frame('X', ""));
  auto q = ReadFrontendMessage(t);
  REQUIRE(q.has_value());
  CHECK(q->type == 'Q');
  CHECK(ParseQuery(*q) == "SELECT 1");
  auto p = ReadFrontendMessage(t);
  CHECK(ParsePasswordMessage(*p) == "secret");
  CHECK(ReadFrontendMessage(t)->type == 'X');
  CHECK_FALSE(ReadFrontendMessage(t).has_value());
}

TEST_CASE("unknown message types and bad lengths are FATAL 08P01") {
  MemoryTransport t;
  t.Feed(Frame('N', ""));
  try {
    ReadFrontendMessage(t);
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code() == sqlstate::kProtocolViolation);
    CHECK(e.severity() == Severity::kFatal);
    CHECK(e.message() == "invalid frontend message type 78");
  }
  MemoryTransport bad_len;
  bad_len.Feed(std::string("Q") + Int32(3));
  CHECK_THROWS_WITH_AS(ReadFrontendMessage(bad_len), "invalid message length", DbError);
  MemoryTransport bad_string;
  bad_string.Feed(Frame('Q', "no terminator"));
  CHECK_THROWS_WITH_AS(ParseQuery(*ReadFrontendMessage(bad_string)), "invalid string in message", DbError);
}

TEST_CASE("MessageReader reports short messages") {
  const std::string body = Int16(7);  // MessageReader keeps a view: the bytes must outlive it
  MessageReader r(body);
  CHECK(r.ReadInt16() == 7);
  CHECK_THROWS_WITH_AS(r.ReadInt32(), "insufficient data left in message", DbError);
}
