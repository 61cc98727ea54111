#include "raw_client.h"

#include <netdb.h>
#include <poll.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

#include <arpa/inet.h>
#include <sys/socket.h>

namespace lumadb::integration {
namespace {

constexpr int32_t kProtocol30 = 196608;  // 3 << 16
constexpr uint32_t kMaxMessage = 64u << 20;

void AppendInt32(std::string& out, int32_t v) {
  const uint32_t be = htonl(static_cast<uint32_t>(v));
  out.append(reinterpret_cast<const char*>(&be), 4);
}

}  // namespace

RawConnection::RawConnection(const Endpoint& endpoint) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(endpoint.host.c_str(), std::to_string(endpoint.port).c_str(), &hints, &res) != 0) {
    throw std::runtime_error("cannot resolve " + endpoint.host);
  }
  for (addrinfo* ai = res; ai != nullptr && fd_ < 0; ai = ai->ai_next) {
    fd_ = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd_ >= 0 && connect(fd_, ai->ai_addr, ai->ai_addrlen) != 0) {
      close(fd_);
      fd_ = -1;
    }
  }
  freeaddrinfo(res);
  if (fd_ < 0) throw std::runtime_error("cannot connect to " + endpoint.host + ":" + std::to_string(endpoint.port));
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) close(fd_);
}

bool RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool RawConnection::ReadExact(char* out, size_t n, std::chrono::steady_clock::time_point deadline) {
  while (n > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    pollfd pfd{fd_, POLLIN, 0};
    if (left <= 0 || poll(&pfd, 1, static_cast<int>(left)) <= 0) throw std::runtime_error("read timed out");
    const ssize_t got = recv(fd_, out, n, 0);
    if (got <= 0) return false;
    out += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

std::optional<BackendMessage> RawConnection::Read(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  BackendMessage msg;
  char header[5];
  if (!ReadExact(header, sizeof header, deadline)) return std::nullopt;
  msg.type = header[0];
  uint32_t len;
  std::memcpy(&len, header + 1, 4);
  len = ntohl(len);
  if (len < 4 || len > kMaxMessage) throw std::runtime_error("bad message length from server");
  msg.body.resize(len - 4);
  if (!ReadExact(msg.body.data(), msg.body.size(), deadline)) return std::nullopt;
  return msg;
}

bool RawConnection::WaitClosed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[4096];
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    pollfd pfd{fd_, POLLIN, 0};
    if (left <= 0 || poll(&pfd, 1, static_cast<int>(left)) <= 0) return false;
    if (recv(fd_, buf, sizeof buf, 0) <= 0) return true;
  }
}

std::string StartupPacket(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string body;
  AppendInt32(body, kProtocol30);
  for (const auto& [name, value] : params) {
    body += name;
    body.push_back('\0');
    body += value;
    body.push_back('\0');
  }
  body.push_back('\0');
  std::string packet;
  AppendInt32(packet, static_cast<int32_t>(body.size() + 4));
  return packet + body;
}

std::map<char, std::string> ErrorFields(const std::string& body) {
  std::map<char, std::string> fields;
  size_t pos = 0;
  while (pos < body.size() && body[pos] != '\0') {
    const char code = body[pos++];
    const size_t end = body.find('\0', pos);
    if (end == std::string::npos) break;
    fields[code] = body.substr(pos, end - pos);
    pos = end + 1;
  }
  return fields;
}

StartupResult RawStartup(RawConnection& conn, const std::string& user, const std::string& database,
                         const std::vector<std::pair<std::string, std::string>>& extra) {
  StartupResult result;
  std::vector<std::pair<std::string, std::string>> params = {
      {"user", user}, {"database", database}, {"application_name", "lumadb_raw"}, {"client_encoding", "UTF8"}};
  params.insert(params.end(), extra.begin(), extra.end());
  if (!conn.Send(StartupPacket(params))) {
    throw std::runtime_error("server closed the connection before the startup packet");
  }
  while (auto msg = conn.Read()) {
    switch (msg->type) {
      case 'R':
        // Only trust is expected here: AuthenticationOk is Int32 0.
        result.got_auth_ok = msg->body.size() == 4 && msg->body == std::string(4, '\0');
        break;
      case 'S': {
        const size_t sep = msg->body.find('\0');
        const size_t end = msg->body.find('\0', sep + 1);
        result.parameters[msg->body.substr(0, sep)] = msg->body.substr(sep + 1, end - sep - 1);
        break;
      }
      case 'K':
        result.got_backend_key = msg->body.size() == 8;
        break;
      case 'Z':
        result.ready_status = msg->body.empty() ? '?' : msg->body[0];
        return result;
      case 'E':
        result.error = ErrorFields(msg->body);
        return result;
      default:
        break;  // NoticeResponse and friends do not matter here
    }
  }
  return result;
}

}  // namespace lumadb::integration
