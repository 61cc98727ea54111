// Parsing pg_hba.conf (hba.c tokenize_auth_file, next_token, parse_hba_line); messages are PostgreSQL 15's.
#include <optional>
#include <sstream>

#include "server/hba.h"
#include <arpa/inet.h>
#include <netinet/in.h>

namespace lumadb::server {

namespace {

using Field = std::vector<HbaToken>;

struct LineError {
  std::string message;
  std::string hint;
};

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// next_token: one token starting at `pos` (blanks skipped); sets `comma` when a ',' ends it. Returns
// false at the end of the line or at a comment.
bool NextToken(std::string_view line, size_t& pos, HbaToken& token, bool& comma) {
  while (pos < line.size() && IsBlank(line[pos])) ++pos;
  token = HbaToken{};
  comma = false;
  if (pos >= line.size() || line[pos] == '#') return false;
  bool in_quote = false;
  bool any = false;
  for (; pos < line.size(); ++pos) {
    char c = line[pos];
    if (!in_quote && (IsBlank(c) || c == '#')) break;
    if (!in_quote && c == ',') {
      comma = true;
      ++pos;
      break;
    }
    if (c == '"') {
      in_quote = !in_quote;
      token.quoted = true;
      any = true;
      continue;
    }
    token.text += c;
    any = true;
  }
  return any;
}

// next_field_expand: a comma-separated list of tokens (possibly empty at the end of the line).
Field NextField(std::string_view line, size_t& pos) {
  Field field;
  HbaToken token;
  bool comma = true;
  while (comma && NextToken(line, pos, token, comma)) field.push_back(std::move(token));
  return field;
}

bool IsKeyword(const HbaToken& token, std::string_view keyword) {
  return !token.quoted && token.text == keyword;
}

// An IPv4 or IPv6 literal into `out` (network order); the family, or 0 when `text` is not one.
int ParseIp(const std::string& text, std::array<uint8_t, 16>& out) {
  out.fill(0);
  if (inet_pton(AF_INET, text.c_str(), out.data()) == 1) return AF_INET;
  if (inet_pton(AF_INET6, text.c_str(), out.data()) == 1) return AF_INET6;
  return 0;
}

// pg_sockaddr_cidr_mask: `bits` leading ones; false when out of range for the family.
bool CidrMask(const std::string& bits_text, int family, std::array<uint8_t, 16>& mask) {
  int max_bits = family == AF_INET ? 32 : 128;
  if (bits_text.empty() || bits_text.size() > 3) return false;
  int bits = 0;
  for (char c : bits_text) {
    if (c < '0' || c > '9') return false;
    bits = bits * 10 + (c - '0');
  }
  if (bits > max_bits) return false;
  mask.fill(0);
  for (int i = 0; i < bits; ++i) mask[static_cast<size_t>(i / 8)] |= static_cast<uint8_t>(0x80 >> (i % 8));
  return true;
}

using Fields = std::vector<Field>;

const HbaToken& Single(const Field& field, const char* what, const char* detail) {
  if (field.size() > 1) throw LineError{std::string("multiple values specified for ") + what, detail};
  return field.front();
}

// The ADDRESS (and for a bare IP the following IP-MASK) field; advances `next` past what it used.
HbaAddress ParseAddress(const Fields& fields, size_t& next) {
  if (next >= fields.size()) throw LineError{"end-of-line before IP address specification", ""};
  const HbaToken& token = Single(fields[next++], "host address", "Specify one address range per line.");
  HbaAddress out;
  if (IsKeyword(token, "all")) return out.kind = HbaAddress::Kind::kAll, out;
  if (IsKeyword(token, "samehost")) return out.kind = HbaAddress::Kind::kSameHost, out;
  if (IsKeyword(token, "samenet")) return out.kind = HbaAddress::Kind::kSameNet, out;
  size_t slash = token.text.find('/');
  std::string ip = token.text.substr(0, slash);
  out.family = ParseIp(ip, out.address);
  if (out.family == 0) {
    if (slash != std::string::npos) {
      throw LineError{"specifying both host name and CIDR mask is invalid: \"" + token.text + "\"", ""};
    }
    out.kind = HbaAddress::Kind::kHostname;
    out.hostname = token.text;
    return out;
  }
  out.kind = HbaAddress::Kind::kCidr;
  if (slash != std::string::npos) {
    if (!CidrMask(token.text.substr(slash + 1), out.family, out.mask)) {
      throw LineError{"invalid CIDR mask in address \"" + token.text + "\"", ""};
    }
    return out;
  }
  if (next >= fields.size()) {
    throw LineError{"end-of-line before netmask specification",
                    "Specify an address range in CIDR notation, or provide a separate netmask."};
  }
  const HbaToken& mask = Single(fields[next++], "netmask", "");
  int mask_family = ParseIp(mask.text, out.mask);
  if (mask_family == 0) throw LineError{"invalid IP mask \"" + mask.text + "\": Name or service not known", ""};
  if (mask_family != out.family) throw LineError{"IP address and mask do not match", ""};
  return out;
}

HbaAuthMethod ParseMethod(const Field& field, HbaConnType conn_type) {
  const std::string& name =
      Single(field, "authentication type", "Specify exactly one authentication type per line.").text;
  static const std::vector<std::pair<std::string_view, HbaAuthMethod>> kMethods = {
      {"trust", HbaAuthMethod::kTrust},
      {"reject", HbaAuthMethod::kReject},
      {"password", HbaAuthMethod::kPassword},
      {"md5", HbaAuthMethod::kMd5},
      {"scram-sha-256", HbaAuthMethod::kScramSha256},
      {"cert", HbaAuthMethod::kCert},
      {"peer", HbaAuthMethod::kPeer}};
  for (const auto& [spelling, method] : kMethods) {
    if (name == spelling) return method;
  }
  // ident on a Unix socket has meant peer since PostgreSQL 9.1.
  if (name == "ident" && conn_type == HbaConnType::kLocal) return HbaAuthMethod::kPeer;
  for (std::string_view other : {"ident", "gss", "sspi", "pam", "bsd", "ldap", "radius"}) {
    if (name == other)
      throw LineError{"invalid authentication method \"" + name + "\": not supported by this build", ""};
  }
  throw LineError{"invalid authentication method \"" + name + "\"", ""};
}

void ParseOption(const HbaToken& token, HbaLine& line) {
  size_t eq = token.text.find('=');
  if (eq == std::string::npos) {
    throw LineError{"authentication option not in name=value format: " + token.text, ""};
  }
  std::string name = token.text.substr(0, eq);
  std::string value = token.text.substr(eq + 1);
  if (name == "clientcert") {
    if (line.conn_type != HbaConnType::kHostSsl) {
      throw LineError{"clientcert can only be configured for \"hostssl\" rows", ""};
    }
    if (value == "verify-full") {
      line.clientcert = ClientCertMode::kVerifyFull;
    } else if (value == "verify-ca") {
      if (line.method == HbaAuthMethod::kCert) {
        throw LineError{"clientcert can only be set to \"verify-full\" when using \"cert\" authentication", ""};
      }
      line.clientcert = ClientCertMode::kVerifyCa;
    } else {
      throw LineError{"invalid value for clientcert: \"" + value + "\"", ""};
    }
  } else if (name == "map") {
    if (line.method != HbaAuthMethod::kPeer && line.method != HbaAuthMethod::kCert) {
      throw LineError{
          "authentication option \"map\" is only valid for authentication methods ident, peer, gssapi, sspi, and cert",
          ""};
    }
    throw LineError{
        "authentication option \"map\" is not supported: user name maps (pg_ident.conf) are not implemented", ""};
  } else {
    throw LineError{"unrecognized authentication option name: \"" + name + "\"", ""};
  }
}

HbaConnType ParseConnType(const Field& field) {
  const HbaToken& token = Single(field, "connection type", "Specify exactly one connection type per line.");
  if (token.text == "local") return HbaConnType::kLocal;
  if (token.text == "host") return HbaConnType::kHost;
  if (token.text == "hostssl") return HbaConnType::kHostSsl;
  if (token.text == "hostnossl") return HbaConnType::kHostNoSsl;
  throw LineError{"invalid connection type \"" + token.text + "\"", ""};
}

HbaLine ParseLine(const Fields& fields) {
  HbaLine line;
  line.conn_type = ParseConnType(fields[0]);
  if (fields.size() < 2) throw LineError{"end-of-line before database specification", ""};
  line.databases = fields[1];
  if (fields.size() < 3) throw LineError{"end-of-line before role specification", ""};
  line.roles = fields[2];
  size_t next = 3;
  if (line.conn_type != HbaConnType::kLocal) line.address = ParseAddress(fields, next);
  if (next >= fields.size()) throw LineError{"end-of-line before authentication method", ""};
  line.method = ParseMethod(fields[next++], line.conn_type);
  if (line.method == HbaAuthMethod::kPeer && line.conn_type != HbaConnType::kLocal) {
    throw LineError{"peer authentication is only supported on local sockets", ""};
  }
  if (line.method == HbaAuthMethod::kCert) {
    if (line.conn_type != HbaConnType::kHostSsl) {
      throw LineError{"cert authentication is only supported on hostssl connections", ""};
    }
    line.clientcert = ClientCertMode::kVerifyFull;  // cert implies a verified certificate whose CN is checked
  }
  for (; next < fields.size(); ++next) {
    for (const HbaToken& option : fields[next]) ParseOption(option, line);
  }
  return line;
}

// A database or user field with every unquoted "@file" replaced by the names in that file (hba.c
// tokenize_inc_file): all tokens of all its lines, comments ignored.
Field ExpandIncludes(const Field& field, const HbaIncludeReader& read_include) {
  Field out;
  for (const HbaToken& token : field) {
    if (token.quoted || token.text.size() < 2 || token.text[0] != '@') {
      out.push_back(token);
      continue;
    }
    std::string content;
    if (!read_include || !read_include(token.text.substr(1), content)) {
      throw LineError{read_include ? content : "secondary authentication files are not available here", ""};
    }
    std::istringstream lines(content);
    std::string line;
    while (std::getline(lines, line)) {
      size_t pos = 0;
      for (Field names = NextField(line, pos); !names.empty(); names = NextField(line, pos)) {
        out.insert(out.end(), names.begin(), names.end());
      }
    }
  }
  return out;
}

}  // namespace

HbaRules HbaRules::Parse(std::string_view text, std::vector<HbaError>& errors, const HbaIncludeReader& read_include) {
  HbaRules rules;
  std::istringstream in{std::string(text)};
  std::string raw;
  int line_number = 0;
  while (std::getline(in, raw)) {
    ++line_number;
    size_t pos = 0;
    Fields fields;
    for (Field field = NextField(raw, pos); !field.empty(); field = NextField(raw, pos)) {
      fields.push_back(std::move(field));
    }
    if (fields.empty()) continue;
    try {
      for (size_t i = 1; i < fields.size() && i < 3; ++i) fields[i] = ExpandIncludes(fields[i], read_include);
      HbaLine line = ParseLine(fields);
      line.line_number = line_number;
      line.raw_line = raw;
      rules.lines_.push_back(std::move(line));
    } catch (const LineError& e) {
      errors.push_back(HbaError{line_number, e.message, e.hint});
    }
  }
  return rules;
}

std::string_view HbaMethodName(HbaAuthMethod method) {
  switch (method) {
    case HbaAuthMethod::kTrust:
      return "trust";
    case HbaAuthMethod::kReject:
      return "reject";
    case HbaAuthMethod::kPassword:
      return "password";
    case HbaAuthMethod::kMd5:
      return "md5";
    case HbaAuthMethod::kScramSha256:
      return "scram-sha-256";
    case HbaAuthMethod::kCert:
      return "cert";
    case HbaAuthMethod::kPeer:
      return "peer";
  }
  return "";
}

}  // namespace lumadb::server
