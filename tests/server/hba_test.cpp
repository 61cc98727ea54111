// pg_hba.conf parsing (every line type, lists, quoting, CIDR and mask forms, errors with line numbers)
// and first-match semantics, as PostgreSQL 15's hba.c.
#include "server/hba.h"

#include <doctest/doctest.h>

using namespace lumadb::server;

namespace {

HbaRules ParseOk(std::string_view text) {
  std::vector<HbaError> errors;
  HbaRules rules = HbaRules::Parse(text, errors);
  for (const HbaError& e : errors) FAIL("line " << e.line_number << ": " << e.message);
  return rules;
}

std::string FirstError(std::string_view text, int* line = nullptr) {
  std::vector<HbaError> errors;
  HbaRules::Parse(text, errors);
  if (errors.empty()) return "no error";
  if (line) *line = errors.front().line_number;
  return errors.front().message;
}

ClientAddress Tcp(const std::string& ip) {
  return ClientAddress{.family = ClientAddress::Family::kTcp, .ip = ip, .port = 5000, .peer_uid = std::nullopt};
}

ClientAddress Unix() {
  return ClientAddress{.family = ClientAddress::Family::kUnix, .ip = "", .port = 0, .peer_uid = 1000};
}

bool SelfOnly(std::string_view user, std::string_view role) {
  return user == role;
}

// The line number that matches, 0 for none.
int MatchLine(const HbaRules& rules, const ClientAddress& client, std::string_view user, std::string_view database,
              bool tls = false, const RoleMembership& is_member = SelfOnly) {
  const HbaLine* line = rules.Match(HbaRequest{client, tls, user, database}, is_member);
  return line ? line->line_number : 0;
}

}  // namespace

TEST_CASE("initdb's lines parse into every field") {
  HbaRules rules = ParseOk(
      "# comment\n"
      "local   all             all                                     peer\n"
      "\n"
      "host    all             all             127.0.0.1/32            scram-sha-256\n"
      "hostssl db1,\"all\"     +admins,bob     ::1/128                 cert   # trailing comment\n"
      "hostnossl sameuser      all             10.0.0.0  255.0.0.0     md5\n"
      "host    samerole        all             all                     password\n"
      "hostssl all             all             samenet                 trust clientcert=verify-ca\n"
      "host    replication     all             samehost                reject\n");
  const auto& lines = rules.lines();
  REQUIRE(lines.size() == 7);
  CHECK(lines[0].line_number == 2);
  CHECK(lines[0].conn_type == HbaConnType::kLocal);
  CHECK(lines[0].method == HbaAuthMethod::kPeer);
  CHECK(lines[1].address.kind == HbaAddress::Kind::kCidr);
  CHECK(lines[1].method == HbaAuthMethod::kScramSha256);
  CHECK(lines[2].conn_type == HbaConnType::kHostSsl);
  REQUIRE(lines[2].databases.size() == 2);
  CHECK(lines[2].databases[1].text == "all");
  CHECK(lines[2].databases[1].quoted);
  CHECK(lines[2].roles[0].text == "+admins");
  CHECK(lines[2].method == HbaAuthMethod::kCert);
  CHECK(lines[2].clientcert == ClientCertMode::kVerifyFull);
  CHECK(lines[3].conn_type == HbaConnType::kHostNoSsl);
  CHECK(lines[3].address.mask[0] == 0xff);
  CHECK(lines[3].address.mask[1] == 0);
  CHECK(lines[4].address.kind == HbaAddress::Kind::kAll);
  CHECK(lines[5].address.kind == HbaAddress::Kind::kSameNet);
  CHECK(lines[5].clientcert == ClientCertMode::kVerifyCa);
  CHECK(lines[6].address.kind == HbaAddress::Kind::kSameHost);
  CHECK(HbaMethodName(lines[6].method) == "reject");
}

TEST_CASE("bad lines are reported with PostgreSQL's message and their line number") {
  int line = 0;
  CHECK(FirstError("local all all trust\nhots all all 1.2.3.4/32 trust\n", &line) ==
        "invalid connection type \"hots\"");
  CHECK(line == 2);
  CHECK(FirstError("local") == "end-of-line before database specification");
  CHECK(FirstError("local all") == "end-of-line before role specification");
  CHECK(FirstError("local all all") == "end-of-line before authentication method");
  CHECK(FirstError("host all all") == "end-of-line before IP address specification");
  CHECK(FirstError("host all all 1.2.3.4/33 trust") == "invalid CIDR mask in address \"1.2.3.4/33\"");
  CHECK(FirstError("host all all ::1/129 trust") == "invalid CIDR mask in address \"::1/129\"");
  CHECK(FirstError("host all all example.com/24 trust") ==
        "specifying both host name and CIDR mask is invalid: \"example.com/24\"");
  CHECK(FirstError("host all all 1.2.3.4") == "end-of-line before netmask specification");
  CHECK(FirstError("host all all 1.2.3.4 ffff::0 trust") == "IP address and mask do not match");
  CHECK(FirstError("host all all 1.2.3.4/32 trust,md5") == "multiple values specified for authentication type");
  CHECK(FirstError("host all all 1.2.3.4/32 foo") == "invalid authentication method \"foo\"");
  CHECK(FirstError("host all all 1.2.3.4/32 ldap") ==
        "invalid authentication method \"ldap\": not supported by this build");
  CHECK(FirstError("host all all 1.2.3.4/32 cert") == "cert authentication is only supported on hostssl connections");
  CHECK(FirstError("host all all 1.2.3.4/32 md5 clientcert=verify-full") ==
        "clientcert can only be configured for \"hostssl\" rows");
  CHECK(FirstError("hostssl all all 1.2.3.4/32 md5 clientcert=yes") == "invalid value for clientcert: \"yes\"");
  CHECK(FirstError("hostssl all all 1.2.3.4/32 cert clientcert=verify-ca") ==
        "clientcert can only be set to \"verify-full\" when using \"cert\" authentication");
  CHECK(FirstError("hostssl all all 1.2.3.4/32 md5 clientcert") ==
        "authentication option not in name=value format: clientcert");
  CHECK(FirstError("hostssl all all 1.2.3.4/32 md5 foo=bar") == "unrecognized authentication option name: \"foo\"");
  CHECK(FirstError("local all all peer map=omicron").starts_with("authentication option \"map\" is not supported"));
  CHECK(FirstError("local all all md5 map=omicron") ==
        "authentication option \"map\" is only valid for authentication methods ident, peer, gssapi, sspi, and cert");
  CHECK(FirstError("host all all 1.2.3.4/32 peer") == "peer authentication is only supported on local sockets");
  CHECK(FirstError("host all all 1.2.3.4 foo trust") == "invalid IP mask \"foo\": Name or service not known");
  CHECK(ParseOk("local all all ident\n").lines()[0].method == HbaAuthMethod::kPeer);
  CHECK(FirstError("local,host all all trust") == "multiple values specified for connection type");
}

TEST_CASE("connection types: local for Unix sockets, hostssl/hostnossl by TLS state") {
  HbaRules rules = ParseOk(
      "local all all trust\n"
      "hostssl all all 0.0.0.0/0 cert\n"
      "hostnossl all all 0.0.0.0/0 md5\n");
  CHECK(MatchLine(rules, Unix(), "u", "d") == 1);
  CHECK(MatchLine(rules, Tcp("1.2.3.4"), "u", "d", true) == 2);
  CHECK(MatchLine(rules, Tcp("1.2.3.4"), "u", "d", false) == 3);
  CHECK(MatchLine(rules, Tcp("::1"), "u", "d") == 0);  // an IPv4 range does not match IPv6 clients
}

TEST_CASE("CIDR and address-plus-mask ranges, IPv4 and IPv6") {
  HbaRules rules = ParseOk(
      "host all all 192.168.1.0/24 trust\n"
      "host all all 10.1.0.0 255.255.0.0 md5\n"
      "host all all fe80::/10 password\n"
      "host all all ::1/128 reject\n"
      "host all all 0.0.0.0/0 scram-sha-256\n");
  CHECK(MatchLine(rules, Tcp("192.168.1.77"), "u", "d") == 1);
  CHECK(MatchLine(rules, Tcp("192.168.2.1"), "u", "d") == 5);
  CHECK(MatchLine(rules, Tcp("10.1.200.3"), "u", "d") == 2);
  CHECK(MatchLine(rules, Tcp("10.2.0.1"), "u", "d") == 5);
  CHECK(MatchLine(rules, Tcp("fe80::1234"), "u", "d") == 3);
  CHECK(MatchLine(rules, Tcp("::1"), "u", "d") == 4);
  CHECK(MatchLine(rules, Tcp("::2"), "u", "d") == 0);
}

TEST_CASE("database and user lists: keywords, quoted names, sameuser, samerole, +role, replication") {
  HbaRules rules = ParseOk(
      "local replication all trust\n"
      "local sameuser all trust\n"
      "local samerole all password\n"
      "local \"all\" \"all\" md5\n"
      "local db1,db2 alice,+staff scram-sha-256\n"
      "local all all reject\n");
  CHECK(MatchLine(rules, Unix(), "bob", "bob") == 2);
  CHECK(MatchLine(rules, Unix(), "bob", "other") == 6);  // replication matches no ordinary connection
  CHECK(MatchLine(rules, Unix(), "all", "all") == 2);    // sameuser first
  CHECK(MatchLine(rules, Unix(), "x", "all") == 6);      // quoted "all" is a name, not the keyword...
  CHECK(MatchLine(rules, Unix(), "all", "all2") == 6);
  CHECK(MatchLine(rules, Unix(), "alice", "db2") == 5);
  CHECK(MatchLine(rules, Unix(), "carol", "db1") == 6);
  auto staff = [](std::string_view user, std::string_view role) {
    return user == role || (role == "staff" && user == "carol") || (role == "team" && user == "carol");
  };
  CHECK(MatchLine(rules, Unix(), "carol", "db1", false, staff) == 5);
  CHECK(MatchLine(rules, Unix(), "carol", "team", false, staff) == 3);  // samerole: member of role "team"
}

TEST_CASE("@file lists expand to the names in the included file") {
  auto reader = [](const std::string& name, std::string& content) {
    if (name != "admins") {
      content = "could not open secondary authentication file \"@" + name + "\" as \"/d/" + name +
                "\": No such file or directory";
      return false;
    }
    content = "# admins\nalice, bob\n\"carol\"\n";
    return true;
  };
  std::vector<HbaError> errors;
  HbaRules rules = HbaRules::Parse("local all @admins trust\nlocal all all reject\n", errors, reader);
  REQUIRE(errors.empty());
  CHECK(MatchLine(rules, Unix(), "bob", "d") == 1);
  CHECK(MatchLine(rules, Unix(), "carol", "d") == 1);
  CHECK(MatchLine(rules, Unix(), "dave", "d") == 2);
  HbaRules::Parse("local all @missing trust\n", errors, reader);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message ==
        "could not open secondary authentication file \"@missing\" as \"/d/missing\": No such file or directory");
}

TEST_CASE("first match wins, later lines are not consulted") {
  HbaRules rules = ParseOk(
      "host all bob 127.0.0.1/32 reject\n"
      "host all all 127.0.0.1/32 trust\n");
  CHECK(MatchLine(rules, Tcp("127.0.0.1"), "bob", "postgres") == 1);
  CHECK(MatchLine(rules, Tcp("127.0.0.1"), "alice", "postgres") == 2);
}

TEST_CASE("a hostname entry matches a client whose reverse and forward lookups agree") {
  HbaRules rules = ParseOk("host all all localhost trust\n");
  CHECK(rules.lines()[0].address.kind == HbaAddress::Kind::kHostname);
  CHECK(MatchLine(rules, Tcp("192.0.2.1"), "u", "d") == 0);  // TEST-NET: no PTR record
}

TEST_CASE("samehost and samenet compare with this machine's interfaces") {
  HbaRules rules = ParseOk("host all all samehost trust\nhost all all samenet md5\n");
  CHECK(MatchLine(rules, Tcp("127.0.0.1"), "u", "d") == 1);     // the loopback interface's own address
  CHECK(MatchLine(rules, Tcp("127.0.0.2"), "u", "d") == 2);     // on lo's 127.0.0.0/8
  CHECK(MatchLine(rules, Tcp("203.0.113.77"), "u", "d") == 0);  // TEST-NET-3: no interface of ours
}
