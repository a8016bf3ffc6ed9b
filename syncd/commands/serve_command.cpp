// `syncd serve --data DIR --listen HOST:PORT`: unlocks the server and serves the sync
// protocol until SIGTERM or SIGINT, logging each request to stderr and DIR/logs/syncd.log.
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "syncd/commands/commands.hpp"
#include "syncd/commands/server_access.hpp"
#include "syncd/server/http_server.hpp"
#include "syncd/server/serve_lock.hpp"

namespace c5::syncd {
namespace {

struct ServeOptions {
    ServerAccess access;
    std::string listen = "127.0.0.1:8470";
    std::string cert;
    std::string key;
    // Each keep-alive connection holds a thread while it is open: with 8, a few hundred
    // laptops syncing at once left health checks waiting seconds (docs/reliability.md, Load).
    int threads = 32;
};

// One logger, two sinks: the operator's terminal and the data folder's log file, in UTC.
std::shared_ptr<spdlog::logger> make_logger(const std::filesystem::path& data_dir) {
    std::vector<spdlog::sink_ptr> sinks{std::make_shared<spdlog::sinks::stderr_sink_mt>()};
    std::error_code ec;
    std::filesystem::create_directories(data_dir / "logs", ec);
    try {
        sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(
            (data_dir / "logs" / "syncd.log").string()));
    } catch (const spdlog::spdlog_ex&) {
        // The terminal still gets every line; the first one says the file is missing.
    }
    auto log = std::make_shared<spdlog::logger>("syncd", sinks.begin(), sinks.end());
    log->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    log->flush_on(spdlog::level::info);
    if (sinks.size() == 1)
        log->warn("log file unavailable path={}/logs/syncd.log", data_dir.string());
    return log;
}

int run_serve(const ServeOptions& o) {
    auto address = parse_listen_address(o.listen);
    if (!address) return report_failure("serve", address.error());
    auto ctx = unlock(o.access);
    if (!ctx) return report_failure("serve", ctx.error());
    auto lock = ServeLock::acquire(ctx->options.data_dir);
    if (!lock) return report_failure("serve", lock.error());
    auto log = make_logger(ctx->options.data_dir);

    SyncService service(*ctx);
    HttpOptions http;
    http.host = address->first;
    http.port = address->second;
    http.cert_file = o.cert;
    http.key_file = o.key;
    http.threads = o.threads;
    http.port_file = ctx->options.data_dir / "syncd.port";
    log->info("syncd starting data={} server={}", ctx->options.data_dir.string(),
              ctx->keys.server_device_id);
    if (auto served = serve_http(service, http, *log); !served) {
        log->error("syncd cannot serve reason=\"{}\"", served.error().message);
        return kExitFailed;
    }
    return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ServeOptions>();
    CLI::App* cmd = app.add_subcommand("serve", "Serve the sync protocol to enrolled devices");
    add_server_access_options(*cmd, o->access);
    cmd->add_option("--listen", o->listen,
                    "Address to listen on, HOST:PORT; port 0 picks a free one, written to "
                    "DATA/syncd.port")
        ->capture_default_str();
    cmd->add_option("--cert", o->cert, "TLS certificate (PEM); with --key, serve HTTPS")
        ->check(CLI::ExistingFile);
    cmd->add_option("--key", o->key, "TLS private key (PEM)")->check(CLI::ExistingFile);
    cmd->add_option("--threads", o->threads, "Request threads")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
    cmd->footer("Stops cleanly on SIGTERM or SIGINT: requests in flight finish first.");
    cmd->callback([o, &exit_code] { exit_code = run_serve(*o); });
}

}  // namespace c5::syncd
