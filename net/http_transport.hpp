// The sync client's Transport over HTTP and HTTPS (cpp-httplib): one new connection per
// request, bounded connect and read times, gzip answers accepted. Used by the surveyor app
// and the sync tests; core sees only core/sync/transport.hpp.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/sync/transport.hpp"
#include "core/util/result.hpp"

namespace c5::net {

struct HttpTransportOptions {
    std::chrono::milliseconds connect_timeout{5000};
    // Long enough for syncd to merge a full batch on a slow ward-office machine.
    std::chrono::milliseconds read_timeout{60000};
    std::chrono::milliseconds write_timeout{60000};
    // For https: check the server's certificate against `ca_cert_file` (PEM), or the
    // system's store when empty. Bodies are boxed and signed either way.
    bool verify_certificate = true;
    std::string ca_cert_file;
};

class HttpTransport final : public sync::Transport {
public:
    // A transport to `base_url`: "http://host[:port][/prefix]" or "https://…" (port 80 or
    // 443 when omitted); request paths are appended to the prefix. Errors: InvalidInput
    // naming what is wrong with the URL.
    [[nodiscard]] static Result<HttpTransport> create(std::string_view base_url,
                                                      HttpTransportOptions options = {});

    HttpTransport(HttpTransport&&) noexcept;
    HttpTransport& operator=(HttpTransport&&) noexcept;
    ~HttpTransport() override;

    sync::TransportResult post(std::string_view path, std::string_view body) override;
    sync::TransportResult get(std::string_view path) override;

    // "http://10.0.0.2:8080", as given (without a trailing slash).
    const std::string& base_url() const;

    struct Impl;

private:
    explicit HttpTransport(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace c5::net
