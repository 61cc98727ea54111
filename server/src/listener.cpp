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
#include <netinet/in.h>
#include <netinet/tcp.h>

namespace lumadb::server {

namespace asio = boost::asio;
using asio::ip::tcp;

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
  Listener(catalog::Cluster& cluster, Settings& settings)
      : settings_(settings),
        registry_(static_cast<int>(settings.GetInt("max_connections"))),
        context_{cluster, registry_, settings, nullptr},
        signals_(io_, SIGTERM, SIGINT),
        timers_(MakeAsioWakeTimers(io_)) {
    context_.timers = timers_.get();
  }

  void Open(int port) {
    for (const asio::ip::address& address : ResolveListenAddresses(settings_.Get("listen_addresses"))) {
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
    settings_.SetInternal("port", std::to_string(port));
  }

  void Run() {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      LogServer("LOG", signal == SIGINT ? "received fast shutdown request" : "received smart shutdown request");
      for (auto& acceptor : acceptors_) acceptor->close();
      registry_.TerminateAll();
      timers_->WakeAll();
    });
    for (auto& acceptor : acceptors_) Accept(*acceptor);
    LogServer("LOG", "database system is ready to accept connections");
    io_.run();
    registry_.WaitUntilEmpty();
  }

 private:
  void Accept(tcp::acceptor& acceptor) {
    acceptor.async_accept([this, &acceptor](const boost::system::error_code& ec, tcp::socket socket) {
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
    // The session thread owns a plain descriptor: blocking recv/send need no Asio in the session code.
    int fd = ::dup(socket.native_handle());
    socket.close(ec);
    if (fd < 0) return;
    std::thread([this, fd, client] {
      SetStackBase();
      SocketTransport transport(fd);
      Session session(
          context_, transport, [fd] { SocketTransport::WakeReader(fd); }, client);
      session.Run();
    }).detach();
  }

  Settings& settings_;
  SessionRegistry registry_;
  ServerContext context_;
  asio::io_context io_;
  asio::signal_set signals_;
  std::unique_ptr<WakeTimers> timers_;  // sessions' idle and authentication timeouts, on io_
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors_;
};

}  // namespace

void ServeConnections(catalog::Cluster& cluster, Settings& settings) {
  const int64_t reserved = settings.GetInt("superuser_reserved_connections");
  const int64_t max_connections = settings.GetInt("max_connections");
  if (reserved >= max_connections) {
    throw std::runtime_error("superuser_reserved_connections (" + std::to_string(reserved) +
                             ") must be less than max_connections (" + std::to_string(max_connections) + ")");
  }
  Listener listener(cluster, settings);
  listener.Open(static_cast<int>(settings.GetInt("port")));
  listener.Run();
  LogServer("LOG", "shutting down");
  cluster.Flush();
  LogServer("LOG", "database system is shut down");
}

}  // namespace lumadb::server
