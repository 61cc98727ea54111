// lumadb: the command line (PostgreSQL's initdb and postgres in one executable), parsed with CLI11.
//   lumadb init  -D DIR [-U NAME] [--pwfile FILE] [-A METHOD] [--auth-local METHOD] [--auth-host METHOD]
//   lumadb serve [-D DIR] [-p PORT] [-h ADDRESSES] [-c name=value]...
//   lumadb verify -D DIR  (offline consistency check; exit 1 when it finds problems)
// Any failure prints one line "lumadb: <message>" on stderr and exits 1.

#include <cstdio>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "common/error.h"
#include "server/commands.h"
#include "server/verify_command.h"

namespace {

constexpr const char* kVersion = "lumadb (LumaDB) 0.1.0";

int Fail(const std::string& message) {
  std::cerr << "lumadb: " << message << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"LumaDB, a PostgreSQL-compatible SQL server", "lumadb"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  lumadb::server::InitCommand init;
  CLI::App* init_cmd = app.add_subcommand("init", "create a new data directory (like initdb)");
  init_cmd->add_option("-D,--pgdata", init.data_dir, "data directory to create")->required();
  init_cmd->add_option("-U,--username", init.superuser, "name of the superuser (default postgres)");
  init_cmd->add_option("--pwfile", init.pwfile, "read the superuser's password from this file");
  init_cmd->add_option("-A,--auth", init.auth, "default authentication method for local connections");
  init_cmd->add_option("--auth-local", init.auth_local, "authentication method for local-socket connections");
  init_cmd->add_option("--auth-host", init.auth_host, "authentication method for local TCP/IP connections");

  lumadb::server::ServeCommand serve;
  CLI::App* serve_cmd = app.add_subcommand("serve", "run the server (like postgres)");
  serve_cmd->set_help_flag("--help", "print this help and exit");
  serve_cmd->add_option("-D,--pgdata", serve.data_dir, "data directory (default ./lumadb-data)");
  serve_cmd->add_option("-p,--port", serve.port, "TCP port (default 5432; 0 picks a free port)");
  serve_cmd->add_option("-h,--listen-addresses", serve.listen, "addresses to listen on (default 127.0.0.1)");
  serve_cmd->add_option("-c", serve.overrides, "set a configuration parameter: -c name=value");

  lumadb::server::VerifyCommand verify;
  CLI::App* verify_cmd = app.add_subcommand("verify", "check an offline data directory for corruption");
  verify_cmd->add_option("-D,--pgdata", verify.data_dir, "data directory to check")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return Fail(e.what());
  }

  try {
    if (*init_cmd) {
      lumadb::server::RunInit(init);
    } else if (*verify_cmd) {
      return lumadb::server::RunVerify(verify);
    } else {
      lumadb::server::RunServe(serve);
    }
  } catch (const lumadb::DbError& e) {
    return Fail(e.message());
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
  return 0;
}
