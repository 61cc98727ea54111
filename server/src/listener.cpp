#include "server/listener.h"

#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "asio.h"
#include "asio_wake_timers.h"
#include "common/stack_depth.h"
#include "server/log.h"
#include "server/session.h"
#include "server/session_registry.h"
#include "server/setting_values.h"
#include "server/socket_transport.h"
#include "server/unix_socket_file.h"
#include <netinet/in.h>
#include <netinet/tcp.h>

namespace lumadb::server {

namespace asio = boost::asio;
using asio::ip::tcp;
using unix_socket = asio::local::stream_protocol;

namespace {

std::vector<asio::ip::address> ResolveListenAddresses(const std::string& setting) {
  std::vector<asio::ip::address> out;
  for (std::string item : SplitIdentifierList(setting)) {
    if (item == "*") {
      out.push_back(asio::ip::address_v4::any());
    } else if (item == "localhost") {
      out.push_back(asio::ip::address_v4::loopback());
    } else {
      boost::system::error_code ec;
      auto address = asio::ip::make_address(item, ec);
      if (ec) throw std::runtime_error("invalid listen address \"" + item + "\"");
      out.push_back(address);
    }
  }
  if (out.empty()) throw std::runtime_error("no socket created for listening");
  return out;
}

class Listener {
 public:
  Listener(catalog::Cluster& cluster, ServerConfig& config, const std::filesystem::path& data_dir,
           const std::string& mock_auth_nonce)
      : config_(config),
        settings_(config.settings()),
        data_dir_(data_dir),
        registry_(static_cast<int>(settings_->GetInt("max_connections"))),
        context_{cluster, registry_, config, mock_auth_nonce, nullptr},
        signals_(io_, SIGTERM, SIGINT),
        reload_signal_(io_, SIGHUP),
        timers_(MakeAsioWakeTimers(io_)) {
    context_.timers = timers_.get();
  }

  void Open(int port) {
    for (const asio::ip::address& address : ResolveListenAddresses(settings_->Get("listen_addresses"))) {
      std::string family = address.is_v4() ? "IPv4" : "IPv6";
      auto acceptor = std::make_unique<tcp::acceptor>(io_);
      tcp::endpoint endpoint(address, static_cast<uint16_t>(port));
      boost::system::error_code ec;
      acceptor->open(endpoint.protocol(), ec);
      if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
      if (!ec) acceptor->bind(endpoint, ec);
      if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
      if (ec) {
        throw std::runtime_error("could not bind " + family + " address \"" + address.to_string() +
                                 "\": " + ec.message());
      }
      port = acceptor->local_endpoint().port();  // -p 0: every address shares the first free port
      LogServer("LOG",
                "listening on " + family + " address \"" + address.to_string() + "\", port " + std::to_string(port));
      acceptors_.push_back(std::move(acceptor));
    }
    config_.SetInternal("port", std::to_string(port));
    OpenUnixSockets(port);
  }

  // StreamServerPort for AF_UNIX, after the TCP sockets so that -p 0 has chosen the port. A directory that
  // fails is logged and skipped; none at all from a non-empty list stops the start, as in PostgreSQL,
  // except for the default.
  void OpenUnixSockets(int port) {
    std::vector<std::filesystem::path> dirs =
        UnixSocketDirectories(settings_->Get("unix_socket_directories"), data_dir_);
    for (const std::filesystem::path& dir : dirs) {
      try {
        auto file = std::make_unique<UnixSocketFile>(dir, port);
        auto acceptor = std::make_unique<unix_socket::acceptor>(io_);
        unix_socket::endpoint endpoint(file->path().string());
        boost::system::error_code ec;
        acceptor->open(endpoint.protocol(), ec);
        if (!ec) acceptor->bind(endpoint, ec);
        if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
        if (ec)
          throw std::runtime_error("could not bind Unix address \"" + file->path().string() + "\": " + ec.message());
        std::filesystem::permissions(file->path(),
                                     static_cast<std::filesystem::perms>(settings_->GetInt("unix_socket_permissions")));
        LogServer("LOG", "listening on Unix socket \"" + file->path().string() + "\"");
        unix_files_.push_back(std::move(file));
        unix_acceptors_.push_back(std::move(acceptor));
      } catch (const std::exception& e) {
        LogServer("LOG", e.what());
        LogServer("WARNING", "could not create Unix-domain socket in directory \"" + dir.string() + "\"");
      }
    }
    // The default is the data directory, which may be too deep for a socket path (107 bytes): that alone
    // must not stop a server that can listen on TCP. A directory the user named must work, as in PostgreSQL.
    bool is_default = settings_->Get("unix_socket_directories") == ".";
    if (!dirs.empty() && unix_acceptors_.empty() && !is_default) {
      throw std::runtime_error("could not create any Unix-domain sockets");
    }
  }

  void Run() {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      LogServer("LOG", signal == SIGINT ? "received fast shutdown request" : "received smart shutdown request");
      for (auto& acceptor : acceptors_) acceptor->close();
      for (auto& acceptor : unix_acceptors_) acceptor->close();
      registry_.TerminateAll();
      reload_signal_.cancel();
      timers_->WakeAll();
    });
    WaitForReload();
    for (auto& acceptor : acceptors_) Accept(*acceptor);
    for (auto& acceptor : unix_acceptors_) Accept(*acceptor);
    LogServer("LOG", "database system is ready to accept connections");
    io_.run();
    registry_.WaitUntilEmpty();
  }

 private:
  // SIGHUP re-reads lumadb.conf, the TLS files and pg_hba.conf (postmaster SIGHUP_handler); sessions take
  // the new settings before their next command.
  void WaitForReload() {
    reload_signal_.async_wait([this](const boost::system::error_code& ec, int) {
      if (ec) return;
      LogServer("LOG", "received SIGHUP, reloading configuration files");
      config_.Reload();
      WaitForReload();
    });
  }

  template <typename Acceptor>
  void Accept(Acceptor& acceptor) {
    acceptor.async_accept(
        [this, &acceptor](const boost::system::error_code& ec, typename Acceptor::protocol_type::socket socket) {
          if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
          if (!ec) StartSession(std::move(socket));
          Accept(acceptor);
        });
  }

  void StartSession(tcp::socket socket) {
    boost::system::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    auto remote = socket.remote_endpoint(ec);
    ClientAddress client{.family = ClientAddress::Family::kTcp,
                         .ip = remote.address().to_string(),
                         .port = remote.port(),
                         .peer_uid = std::nullopt};
    StartThread(socket, client, config_.tls());
  }

  void StartSession(unix_socket::socket socket) {
    ClientAddress client{
        .family = ClientAddress::Family::kUnix, .ip = "", .port = 0, .peer_uid = PeerUid(socket.native_handle())};
    StartThread(socket, client, nullptr);  // PostgreSQL offers no SSL on a Unix socket
  }

  // The session thread owns a plain descriptor: blocking recv/send need no Asio in the session code.
  template <typename Socket>
  void StartThread(Socket& socket, const ClientAddress& client, std::shared_ptr<const TlsContext> tls) {
    boost::system::error_code ec;
    int fd = ::dup(socket.native_handle());
    socket.close(ec);
    if (fd < 0) return;
    std::thread([this, fd, client, tls] {
      SetStackBase();
      SocketTransport transport(fd, tls.get());  // tls lives as long as this thread
      Session session(
          context_, transport, [fd] { SocketTransport::WakeReader(fd); }, client);
      session.Run();
    }).detach();
  }

  ServerConfig& config_;
  std::shared_ptr<const Settings> settings_;  // as the server started: what sockets to open
  std::filesystem::path data_dir_;
  SessionRegistry registry_;
  ServerContext context_;
  asio::io_context io_;
  asio::signal_set signals_;
  asio::signal_set reload_signal_;
  std::unique_ptr<WakeTimers> timers_;  // sessions' idle and authentication timeouts, on io_
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors_;
  std::vector<std::unique_ptr<UnixSocketFile>> unix_files_;  // removed after their acceptors close
  std::vector<std::unique_ptr<unix_socket::acceptor>> unix_acceptors_;
};

}  // namespace

void ServeConnections(catalog::Cluster& cluster, ServerConfig& config, const std::filesystem::path& data_dir,
                      const std::string& mock_auth_nonce) {
  std::shared_ptr<const Settings> settings = config.settings();
  const int64_t reserved = settings->GetInt("superuser_reserved_connections");
  const int64_t max_connections = settings->GetInt("max_connections");
  if (reserved >= max_connections) {
    throw std::runtime_error("superuser_reserved_connections (" + std::to_string(reserved) +
                             ") must be less than max_connections (" + std::to_string(max_connections) + ")");
  }
  Listener listener(cluster, config, data_dir, mock_auth_nonce);
  listener.Open(static_cast<int>(settings->GetInt("port")));
  listener.Run();
  LogServer("LOG", "shutting down");
  cluster.Flush();
  LogServer("LOG", "database system is shut down");
}

}  // namespace lumadb::server
