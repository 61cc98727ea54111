// Matching a connection against pg_hba.conf (hba.c check_hba, check_db, check_role, check_ip,
// check_hostname, check_same_host_or_net).
#include <ifaddrs.h>
#include <netdb.h>
#include <strings.h>

#include <algorithm>
#include <cstring>

#include "server/hba.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace lumadb::server {

namespace {

bool IsKeyword(const HbaToken& token, std::string_view keyword) {
  return !token.quoted && token.text == keyword;
}

bool CheckRole(const HbaLine& line, std::string_view user, const RoleMembership& is_member) {
  for (const HbaToken& token : line.roles) {
    if (!token.quoted && !token.text.empty() && token.text[0] == '+') {
      if (is_member(user, std::string_view(token.text).substr(1))) return true;
    } else if (token.text == user || IsKeyword(token, "all")) {
      return true;
    }
  }
  return false;
}

bool CheckDatabase(const HbaLine& line, std::string_view database, std::string_view user,
                   const RoleMembership& is_member) {
  for (const HbaToken& token : line.databases) {
    if (IsKeyword(token, "all")) return true;
    if (IsKeyword(token, "sameuser")) {
      if (database == user) return true;
    } else if (IsKeyword(token, "samerole") || IsKeyword(token, "samegroup")) {
      if (is_member(user, database)) return true;
    } else if (IsKeyword(token, "replication")) {
      continue;  // only walsender connections, which LumaDB does not take
    } else if (token.text == database) {
      return true;
    }
  }
  return false;
}

// A mask that compares every bit of an address.
constexpr std::array<uint8_t, 16> kAllOnes = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                              0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

struct ClientIp {
  int family = 0;
  std::array<uint8_t, 16> bytes{};
};

ClientIp ParseClientIp(const std::string& ip) {
  ClientIp out;
  if (inet_pton(AF_INET, ip.c_str(), out.bytes.data()) == 1) {
    out.family = AF_INET;
  } else if (inet_pton(AF_INET6, ip.c_str(), out.bytes.data()) == 1) {
    out.family = AF_INET6;
  }
  return out;
}

bool InRange(const ClientIp& ip, int family, const uint8_t* address, const uint8_t* mask) {
  if (ip.family != family) return false;
  size_t n = family == AF_INET ? 4 : 16;
  for (size_t i = 0; i < n; ++i) {
    if (((ip.bytes[i] ^ address[i]) & mask[i]) != 0) return false;
  }
  return true;
}

const uint8_t* SockaddrBytes(const sockaddr* sa) {
  if (sa->sa_family == AF_INET)
    return reinterpret_cast<const uint8_t*>(&reinterpret_cast<const sockaddr_in*>(sa)->sin_addr);
  return reinterpret_cast<const uint8_t*>(&reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr);
}

// samehost: the client uses one of this machine's addresses; samenet: it is on one of its subnets.
bool CheckSameHostOrNet(const ClientIp& ip, bool net) {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return false;
  bool found = false;
  for (ifaddrs* it = list; it != nullptr && !found; it = it->ifa_next) {
    if (it->ifa_addr == nullptr || (it->ifa_addr->sa_family != AF_INET && it->ifa_addr->sa_family != AF_INET6)) {
      continue;
    }
    const uint8_t* mask = net && it->ifa_netmask != nullptr ? SockaddrBytes(it->ifa_netmask) : kAllOnes.data();
    found = InRange(ip, it->ifa_addr->sa_family, SockaddrBytes(it->ifa_addr), mask);
  }
  freeifaddrs(list);
  return found;
}

bool HostnameMatches(const std::string& pattern, const std::string& actual) {
  if (!pattern.empty() && pattern[0] == '.') {
    return actual.size() > pattern.size() &&
           strcasecmp(actual.c_str() + actual.size() - pattern.size(), pattern.c_str()) == 0;
  }
  return strcasecmp(pattern.c_str(), actual.c_str()) == 0;
}

// check_hostname: the client's reverse-resolved name matches, and resolving that name forward gives the
// client's address back (so a forged PTR record alone does not pass).
bool CheckHostname(const ClientIp& ip, const std::string& client_ip, const std::string& pattern) {
  addrinfo hints{};
  hints.ai_flags = AI_NUMERICHOST;
  addrinfo* numeric = nullptr;
  if (getaddrinfo(client_ip.c_str(), nullptr, &hints, &numeric) != 0) return false;
  char host[NI_MAXHOST];
  int rc = getnameinfo(numeric->ai_addr, numeric->ai_addrlen, host, sizeof(host), nullptr, 0, NI_NAMEREQD);
  freeaddrinfo(numeric);
  if (rc != 0 || !HostnameMatches(pattern, host)) return false;
  addrinfo* forward = nullptr;
  if (getaddrinfo(host, nullptr, nullptr, &forward) != 0) return false;
  bool confirmed = false;
  for (addrinfo* it = forward; it != nullptr && !confirmed; it = it->ai_next) {
    confirmed = InRange(ip, it->ai_family, SockaddrBytes(it->ai_addr), kAllOnes.data());
  }
  freeaddrinfo(forward);
  return confirmed;
}

bool CheckAddress(const HbaAddress& address, const ClientAddress& client) {
  ClientIp ip = ParseClientIp(client.ip);
  switch (address.kind) {
    case HbaAddress::Kind::kAll:
      return true;
    case HbaAddress::Kind::kSameHost:
      return CheckSameHostOrNet(ip, false);
    case HbaAddress::Kind::kSameNet:
      return CheckSameHostOrNet(ip, true);
    case HbaAddress::Kind::kCidr:
      return InRange(ip, address.family, address.address.data(), address.mask.data());
    case HbaAddress::Kind::kHostname:
      return CheckHostname(ip, client.ip, address.hostname);
    case HbaAddress::Kind::kNone:
      return false;
  }
  return false;
}

bool CheckConnection(const HbaLine& line, const HbaRequest& request) {
  bool local = request.client.family == ClientAddress::Family::kUnix;
  switch (line.conn_type) {
    case HbaConnType::kLocal:
      return local;
    case HbaConnType::kHostSsl:
      if (!request.tls) return false;
      break;
    case HbaConnType::kHostNoSsl:
      if (request.tls) return false;
      break;
    case HbaConnType::kHost:
      break;
  }
  return !local && CheckAddress(line.address, request.client);
}

}  // namespace

const HbaLine* HbaRules::Match(const HbaRequest& request, const RoleMembership& is_member) const {
  for (const HbaLine& line : lines_) {
    if (CheckConnection(line, request) && CheckDatabase(line, request.database, request.user, is_member) &&
        CheckRole(line, request.user, is_member)) {
      return &line;
    }
  }
  return nullptr;
}

}  // namespace lumadb::server
