#pragma once
// ServerConfig: the server-wide configuration every session starts from and follows: the settings built
// from the boot values, lumadb.conf and -c, the TLS context made from the ssl* settings, and pg_hba.conf.
// SIGHUP and pg_reload_conf() re-read all three as PostgreSQL's postmaster does (guc-file.l
// ProcessConfigFile, be_tls_init on reload, load_hba). Readers take shared_ptr snapshots, so a reload
// never changes what a running statement or an ongoing handshake sees.
//
// Reload rules (PostgreSQL 15):
//   - a syntax error in lumadb.conf applies nothing ("... contains errors; no changes were applied");
//   - an unknown name or a bad value skips that line only ("... unaffected changes were applied");
//   - postmaster-context parameters keep their start value ("cannot be changed without restarting");
//   - -c on the command line outranks the file, so a file change under it has no effect;
//   - a TLS context that fails to load leaves the old one in force ("SSL configuration was not reloaded").

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "server/hba_config.h"
#include "server/settings.h"
#include "server/tls_context.h"

namespace lumadb::server {

/// The configuration of one running server.
class ServerConfig {
 public:
  /// `settings`: the start values (already with lumadb.conf and `overrides` applied); `tls`: made from them,
  /// nullptr when ssl is off. `apply` hands reloaded settings to the engine (WAL, checkpoints, locks).
  ServerConfig(std::filesystem::path data_dir, std::filesystem::path config_file, Settings settings,
               std::vector<std::string> overrides, std::unique_ptr<TlsContext> tls, HbaConfig& hba,
               std::function<void(const Settings&)> apply = nullptr);

  /// The server's settings now: sessions copy them at start and follow later reloads (Settings::Reloaded).
  std::shared_ptr<const Settings> settings() const;
  /// The TLS context for new handshakes, nullptr when ssl is off.
  std::shared_ptr<const TlsContext> tls() const;
  /// pg_hba.conf's rules in force.
  HbaConfig& hba() const { return hba_; }
  /// Bumped by every reload that changed a setting; sessions compare it before each command.
  uint64_t version() const { return version_.load(std::memory_order_acquire); }

  /// Sets an internal parameter in the server's settings (the port -p 0 chose), before sessions start.
  void SetInternal(std::string_view name, const std::string& value);

  /// SIGHUP / pg_reload_conf(): re-reads lumadb.conf, the TLS files and pg_hba.conf, logging every change
  /// and every rejected line as PostgreSQL does. Never throws; safe from any thread.
  void Reload();

 private:
  /// The settings lumadb.conf and -c give now, starting from `current`; nullptr after a syntax error.
  std::shared_ptr<Settings> ReadSettings(const Settings& current, std::set<std::string>& names, bool& errors);
  void ReloadTls(const Settings& settings);

  std::filesystem::path data_dir_;
  std::filesystem::path config_file_;
  std::vector<std::string> overrides_;  // -c name=value, re-applied over the file at every reload
  HbaConfig& hba_;
  std::function<void(const Settings&)> apply_;
  std::mutex reload_mutex_;   // one reload at a time (SIGHUP and pg_reload_conf may race)
  mutable std::mutex mutex_;  // guards the two snapshots below
  std::shared_ptr<const Settings> settings_;
  std::shared_ptr<const TlsContext> tls_;
  std::set<std::string> file_names_;     // parameters lumadb.conf set at the last read, for "removed" lines
  std::shared_ptr<Settings> last_read_;  // boot values + lumadb.conf + -c at the last read
  std::atomic<uint64_t> version_{0};
};

/// Applies `name=value` from -c (dashes in the name mean underscores) at server start; throws DbError
/// 42704/22023 or std::runtime_error "-c x requires a value".
void ApplyCommandLineOverride(Settings& settings, const std::string& assignment);

}  // namespace lumadb::server
