// syncd's HTTP front: cpp-httplib routes onto SyncService, JSON bodies for every refusal, a
// log line per request, a thread pool, optional TLS, and a clean stop on SIGTERM or SIGINT.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "core/sync/wire.hpp"
#include "syncd/server/sync_service.hpp"

namespace spdlog {
class logger;
}

namespace c5::syncd {

struct HttpOptions {
    std::string host = "127.0.0.1";
    int port = 8470;        // 0: any free port (written to port_file and printed)
    std::string cert_file;  // both set: HTTPS
    std::string key_file;
    int threads = 32;  // keep-alive connections each hold one while open
    std::size_t max_body_bytes = sync::kMaxBodyBytes;
    std::filesystem::path port_file;  // where the bound port is written once listening
};

// Splits "HOST:PORT" ("127.0.0.1:8470", "0.0.0.0:0"). Errors: InvalidInput.
[[nodiscard]] Result<std::pair<std::string, int>> parse_listen_address(const std::string& text);

// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish and
// returns. Must be called before other threads start (it blocks those signals for all
// threads it creates). Errors: Io when the address cannot be bound or the certificate does
// not load.
[[nodiscard]] Result<void> serve_http(SyncService& service, const HttpOptions& options,
                                      spdlog::logger& log);

}  // namespace c5::syncd
