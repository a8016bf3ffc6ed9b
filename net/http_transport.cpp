// HttpTransport on cpp-httplib 0.11.4: URL parsing, timeouts, and httplib's errors sorted
// into the transport's kinds (a read that fails before the read timeout is a cut connection).
#include "net/http_transport.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace c5::net {
namespace {

using sync::TransportError;
using sync::TransportErrorKind;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

struct ParsedUrl {
    std::string scheme_host_port;  // what httplib::Client takes
    std::string prefix;            // "" or "/c5", never ending in '/'
};

Result<ParsedUrl> parse_url(std::string_view url) {
    const std::string context = "server address '" + std::string(url) + "'";
    const auto sep = url.find("://");
    if (sep == std::string_view::npos) {
        return fail(ErrorKind::InvalidInput, context + ": must start with http:// or https://");
    }
    const std::string scheme = lower(url.substr(0, sep));
    if (scheme != "http" && scheme != "https") {
        return fail(ErrorKind::InvalidInput, context + ": only http and https are supported");
    }
    std::string_view rest = url.substr(sep + 3);
    const auto slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    std::string prefix(slash == std::string_view::npos ? "" : rest.substr(slash));
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (authority.empty()) return fail(ErrorKind::InvalidInput, context + ": no host");
    // A port follows the last ':' outside an IPv6 literal's brackets.
    const auto colon = authority.rfind(':');
    const auto bracket = authority.rfind(']');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
        const std::string_view digits = authority.substr(colon + 1);
        int port = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
        if (ec != std::errc() || end != digits.data() + digits.size() || port < 1 || port > 65535) {
            return fail(ErrorKind::InvalidInput, context + ": the port is not 1 to 65535");
        }
    }
    return ParsedUrl{scheme + "://" + std::string(authority), std::move(prefix)};
}

}  // namespace

struct HttpTransport::Impl {
    std::string base_url;
    ParsedUrl url;
    HttpTransportOptions options;
    httplib::Client client;

    Impl(std::string base, ParsedUrl parsed, HttpTransportOptions opts)
        : base_url(std::move(base)),
          url(std::move(parsed)),
          options(std::move(opts)),
          client(url.scheme_host_port) {
        client.set_connection_timeout(options.connect_timeout);
        client.set_read_timeout(options.read_timeout);
        client.set_write_timeout(options.write_timeout);
        // A fresh connection per request: a kept-alive socket the server has meanwhile
        // closed would turn a healthy server into a failed sync.
        client.set_keep_alive(false);
        // httplib 0.11 inflates gzip answers but does not ask for them itself.
        client.set_default_headers({{"Accept-Encoding", "gzip, deflate"}});
        client.set_decompress(true);
        client.set_follow_location(false);
        client.enable_server_certificate_verification(options.verify_certificate);
        if (!options.ca_cert_file.empty()) client.set_ca_cert_path(options.ca_cert_file);
    }

    TransportError error_of(httplib::Error error,
                            std::chrono::steady_clock::duration elapsed) const {
        const std::string where = url.scheme_host_port;
        switch (error) {
            case httplib::Error::Connection:
                return {TransportErrorKind::NoConnection, "cannot connect to " + where};
            case httplib::Error::ConnectionTimeout:
                return {TransportErrorKind::Timeout, "connecting to " + where + " timed out"};
            case httplib::Error::Read:
                // httplib reports a read timeout and a closed connection alike.
                if (elapsed + std::chrono::milliseconds(50) >= options.read_timeout) {
                    return {TransportErrorKind::Timeout, where + " did not answer in time"};
                }
                return {TransportErrorKind::NoConnection,
                        "the connection to " + where + " was cut before the answer"};
            case httplib::Error::Write:
                return {TransportErrorKind::NoConnection,
                        "the connection to " + where + " was cut while sending"};
            case httplib::Error::SSLConnection:
            case httplib::Error::SSLLoadingCerts:
            case httplib::Error::SSLServerVerification:
                return {TransportErrorKind::Tls,
                        "TLS with " + where + " failed: " + httplib::to_string(error)};
            default:
                return {TransportErrorKind::Other,
                        "request to " + where + " failed: " + httplib::to_string(error)};
        }
    }

    template <class Send>
    sync::TransportResult run(Send send) {
        const auto start = std::chrono::steady_clock::now();
        httplib::Result result = send();
        if (!result)
            return std::unexpected(
                error_of(result.error(), std::chrono::steady_clock::now() - start));
        return sync::HttpResponse{result->status, std::move(result->body)};
    }
};

Result<HttpTransport> HttpTransport::create(std::string_view base_url,
                                            HttpTransportOptions options) {
    auto parsed = parse_url(base_url);
    if (!parsed) return std::unexpected(parsed.error());
    std::string base(base_url);
    while (!base.empty() && base.back() == '/') base.pop_back();
    auto impl = std::make_unique<Impl>(std::move(base), std::move(*parsed), std::move(options));
    if (!impl->client.is_valid()) {
        return fail(ErrorKind::InvalidInput,
                    "server address '" + std::string(base_url) + "' is not usable");
    }
    return HttpTransport(std::move(impl));
}

HttpTransport::HttpTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpTransport::HttpTransport(HttpTransport&&) noexcept = default;
HttpTransport& HttpTransport::operator=(HttpTransport&&) noexcept = default;
HttpTransport::~HttpTransport() = default;

sync::TransportResult HttpTransport::post(std::string_view path, std::string_view body) {
    const std::string full = impl_->url.prefix + std::string(path);
    return impl_->run(
        [&] { return impl_->client.Post(full, body.data(), body.size(), "application/json"); });
}

sync::TransportResult HttpTransport::get(std::string_view path) {
    const std::string full = impl_->url.prefix + std::string(path);
    return impl_->run([&] { return impl_->client.Get(full); });
}

const std::string& HttpTransport::base_url() const {
    return impl_->base_url;
}

}  // namespace c5::net
