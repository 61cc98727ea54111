#include "pgwire/startup.h"

#include <doctest/doctest.h>

#include "common/error.h"
#include "wire_test_util.h"

using namespace lumadb;
using namespace lumadb::pgwire;
using namespace lumadb::pgwire::testing;

TEST_CASE("StartupMessage 3.0 parameters are parsed in order") {
  MemoryTransport t;
  t.Feed(StartupMessage({{"user", "alice"}, {"database", "db1"}, {"application_name", "psql"}}));
  auto packet = ReadStartupPacket(t);
  REQUIRE(packet.has_value());
  CHECK(packet->kind == StartupPacket::Kind::kStartup);
  CHECK(packet->protocol == kProtocol30);
  REQUIRE(packet->params.size() == 3);
  CHECK(packet->params[0].first == "user");
  CHECK(packet->Param("database") == "db1");
  CHECK(packet->Param("application_name") == "psql");
  CHECK_FALSE(packet->Param("options").has_value());
}

TEST_CASE("_pq_ options are separated from parameters and minor versions accepted") {
  MemoryTransport t;
  std::string body = std::string("user\0bob\0_pq_.x\0y\0\0", 19);
  t.Feed(StartupBytes(196608 + 2, body));
  auto packet = ReadStartupPacket(t);
  REQUIRE(packet.has_value());
  CHECK(packet->protocol == 196610);
  CHECK(packet->params.size() == 1);
  REQUIRE(packet->protocol_options.size() == 1);
  CHECK(packet->protocol_options[0] == "_pq_.x");
}

TEST_CASE("SSLRequest, GSSENCRequest and CancelRequest are recognised") {
  MemoryTransport t;
  t.Feed(StartupBytes(kSslRequestCode, ""));
  t.Feed(StartupBytes(kGssEncRequestCode, ""));
  t.Feed(StartupBytes(kCancelRequestCode, Int32(4242) + Int32(-7)));
  CHECK(ReadStartupPacket(t)->kind == StartupPacket::Kind::kSslRequest);
  CHECK(ReadStartupPacket(t)->kind == StartupPacket::Kind::kGssEncRequest);
  auto cancel = ReadStartupPacket(t);
  REQUIRE(cancel.has_value());
  CHECK(cancel->kind == StartupPacket::Kind::kCancel);
  CHECK(cancel->cancel_pid == 4242);
  CHECK(cancel->cancel_secret == -7);
}

TEST_CASE("an immediately closed connection yields no packet") {
  MemoryTransport t;
  CHECK_FALSE(ReadStartupPacket(t).has_value());
}

TEST_CASE("bad startup lengths are rejected without an answer") {
  MemoryTransport small;
  small.Feed(Int32(7) + Int32(196608));
  CHECK_THROWS_WITH_AS(ReadStartupPacket(small), "invalid length of startup packet", StartupRejected);

  MemoryTransport big;
  big.Feed(Int32(10001) + Int32(196608));
  CHECK_THROWS_WITH_AS(ReadStartupPacket(big), "invalid length of startup packet", StartupRejected);

  MemoryTransport garbage;
  garbage.Feed("GET / HTTP/1.1\r\n\r\n");
  CHECK_THROWS_AS(ReadStartupPacket(garbage), StartupRejected);

  MemoryTransport truncated;
  truncated.Feed(Int32(100) + Int32(196608) + "user");
  CHECK_THROWS_WITH_AS(ReadStartupPacket(truncated), "incomplete startup packet", StartupRejected);

  MemoryTransport bad_cancel;
  bad_cancel.Feed(StartupBytes(kCancelRequestCode, Int32(1)));
  CHECK_THROWS_AS(ReadStartupPacket(bad_cancel), StartupRejected);
}

TEST_CASE("a 10000-byte startup packet is still accepted") {
  MemoryTransport t;
  std::string body = "user";
  body += '\0';
  body += std::string(10000 - 8 - 5 - 2, 'x');
  body += '\0';
  body += '\0';
  std::string bytes = StartupBytes(196608, body);
  REQUIRE(bytes.size() == 10000);
  t.Feed(bytes);
  auto packet = ReadStartupPacket(t);
  REQUIRE(packet.has_value());
  CHECK(packet->Param("user")->size() == 10000 - 15);
}

TEST_CASE("unsupported protocol versions and bad layouts are FATAL errors") {
  MemoryTransport v2;
  v2.Feed(StartupBytes(2 << 16, std::string("user\0x\0\0", 8)));
  try {
    ReadStartupPacket(v2);
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code() == sqlstate::kFeatureNotSupported);
    CHECK(e.severity() == Severity::kFatal);
    CHECK(e.message() == "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
  }

  MemoryTransport no_terminator;
  no_terminator.Feed(StartupBytes(196608, std::string("user\0x", 6)));
  try {
    ReadStartupPacket(no_terminator);
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.code() == sqlstate::kProtocolViolation);
    CHECK(e.message() == "invalid startup packet layout: expected terminator as last byte");
  }
}
