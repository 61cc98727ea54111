#pragma once
// pg_hba.conf: which connections may authenticate, and how (PostgreSQL 15's hba.c, docs §21.1).
// One record per line; '#' starts a comment; fields are separated by blanks; a field may be a
// comma-separated list; a double-quoted token is a name even when it spells a keyword:
//
//   local      DATABASE  USER  METHOD  [OPTIONS]
//   host       DATABASE  USER  ADDRESS METHOD  [OPTIONS]        (hostssl, hostnossl alike)
//   host       DATABASE  USER  IP-ADDRESS  IP-MASK  METHOD  [OPTIONS]
//
//   DATABASE  all | sameuser | samerole | replication | name | @file   (comma-separated list)
//   USER      all | name | +role (members of role) | @file        (comma-separated list)
//             @file: the names listed in that file, relative to pg_hba.conf's directory
//   ADDRESS   all | samehost | samenet | 1.2.3.0/24 | ::1/128 | host.name | .domain.suffix
//   METHOD    trust | reject | password | md5 | scram-sha-256 | cert | peer
//   OPTIONS   name=value: clientcert=verify-ca|verify-full (hostssl lines)
//
// The first line whose connection type, client address, database and user all match decides; none
// matching rejects the connection.

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "server/client_address.h"

namespace lumadb::server {

/// The first field of a pg_hba.conf line (ConnType).
enum class HbaConnType { kLocal, kHost, kHostSsl, kHostNoSsl };

/// The authentication methods LumaDB implements (UserAuth).
enum class HbaAuthMethod { kTrust, kReject, kPassword, kMd5, kScramSha256, kCert, kPeer };

/// The clientcert option (ClientCertMode): what a client certificate must prove besides the method.
enum class ClientCertMode { kOff, kVerifyCa, kVerifyFull };

/// One database or user token; `quoted` tokens never act as keywords or +role.
struct HbaToken {
  std::string text;
  bool quoted = false;
};

/// The ADDRESS field of a host line.
struct HbaAddress {
  enum class Kind { kNone, kAll, kSameHost, kSameNet, kCidr, kHostname };
  Kind kind = Kind::kNone;
  int family = 0;                     // AF_INET or AF_INET6 (kCidr)
  std::array<uint8_t, 16> address{};  // network byte order, the first 4 bytes for IPv4
  std::array<uint8_t, 16> mask{};     // likewise
  std::string hostname;               // kHostname: a name, or ".suffix" matching any name ending so
};

/// One parsed record.
struct HbaLine {
  int line_number = 0;
  std::string raw_line;
  HbaConnType conn_type = HbaConnType::kLocal;
  std::vector<HbaToken> databases;
  std::vector<HbaToken> roles;
  HbaAddress address;
  HbaAuthMethod method = HbaAuthMethod::kReject;
  ClientCertMode clientcert = ClientCertMode::kOff;
};

/// A line that could not be parsed, with PostgreSQL's message (and hint, if any).
struct HbaError {
  int line_number = 0;
  std::string message;
  std::string hint;
};

/// What a connection asks for, as check_hba sees it.
struct HbaRequest {
  const ClientAddress& client;
  bool tls = false;
  std::string_view user;
  std::string_view database;
};

/// Whether `user` is a member of `role` (itself counts; superuser status does not), for +role and samerole.
using RoleMembership = std::function<bool(std::string_view user, std::string_view role)>;

/// Reads the file an "@name" token includes: true with its text in `content`, or false with PostgreSQL's
/// error message in `content`.
using HbaIncludeReader = std::function<bool(const std::string& name, std::string& content)>;

/// The rules of one pg_hba.conf, in file order.
class HbaRules {
 public:
  /// Parses the file's text (parse_hba_line), expanding "@file" lists through `read_include`. Lines with
  /// errors are left out and reported in `errors`; the caller refuses the whole file when any are (load_hba).
  static HbaRules Parse(std::string_view text, std::vector<HbaError>& errors,
                        const HbaIncludeReader& read_include = {});

  /// The first line matching `request` (check_hba), or nullptr when none does.
  const HbaLine* Match(const HbaRequest& request, const RoleMembership& is_member) const;

  /// Every parsed line, in file order.
  const std::vector<HbaLine>& lines() const { return lines_; }

 private:
  std::vector<HbaLine> lines_;
};

/// The name of a method as pg_hba.conf spells it ("scram-sha-256").
std::string_view HbaMethodName(HbaAuthMethod method);

}  // namespace lumadb::server
