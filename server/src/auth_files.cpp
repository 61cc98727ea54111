#include "server/auth_files.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <openssl/rand.h>

namespace lumadb::server {

namespace {

constexpr const char* kMockNonceFileName = "mock_auth_nonce";

void WriteFile(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("could not write file \"" + file.string() + "\"");
}

std::string Column(std::string_view text, size_t width) {
  std::string out(text);
  out.resize(std::max(width, out.size() + 1), ' ');
  return out;
}

}  // namespace

void WriteInitialHbaFile(const std::filesystem::path& dir, std::string_view local_method,
                         std::string_view host_method) {
  auto line = [](std::string_view type, std::string_view database, std::string_view address, std::string_view method) {
    return Column(type, 8) + Column(database, 16) + Column("all", 16) + Column(address, 24) + std::string(method) +
           "\n";
  };
  std::string text =
      "# LumaDB Client Authentication Configuration File (PostgreSQL's pg_hba.conf format)\n"
      "# ===================================================================================\n"
      "#\n"
      "# TYPE  DATABASE        USER            ADDRESS                 METHOD\n"
      "\n"
      "# \"local\" is for Unix domain socket connections only\n" +
      line("local", "all", "", local_method) + "# IPv4 local connections:\n" +
      line("host", "all", "127.0.0.1/32", host_method) + "# IPv6 local connections:\n" +
      line("host", "all", "::1/128", host_method) +
      "# Allow replication connections from localhost, by a user with the\n# replication privilege.\n" +
      line("local", "replication", "", local_method) + line("host", "replication", "127.0.0.1/32", host_method) +
      line("host", "replication", "::1/128", host_method);
  WriteFile(dir / kHbaFileName, text);
}

std::string LoadOrCreateMockAuthNonce(const std::filesystem::path& dir) {
  std::filesystem::path file = dir / kMockNonceFileName;
  std::ifstream in(file);
  std::string nonce;
  if (in && std::getline(in, nonce) && nonce.size() == 64) return nonce;
  unsigned char raw[32];
  if (RAND_bytes(raw, sizeof(raw)) != 1) throw std::runtime_error("could not generate mock authentication nonce");
  std::ostringstream hex;
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char b : raw) hex << kHex[b >> 4] << kHex[b & 0xf];
  nonce = hex.str();
  WriteFile(file, nonce + "\n");
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return nonce;
}

}  // namespace lumadb::server
