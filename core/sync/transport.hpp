// How the sync client reaches syncd, without core knowing HTTP: an abstract request/response
// channel. net/http_transport.hpp implements it with cpp-httplib; tests may script their own.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace c5::sync {

// Why a request got no HTTP answer at all. Kept apart from HTTP statuses: after one of these
// the client cannot know whether the server received the request.
enum class TransportErrorKind {
    NoConnection,  // refused, unreachable, name not resolved, or the connection was cut
    Timeout,       // connecting or waiting for the answer took longer than allowed
    Tls,           // the TLS handshake failed or the server's certificate is not trusted
    Other,         // anything else the HTTP library reports
};

struct TransportError {
    TransportErrorKind kind = TransportErrorKind::Other;
    std::string message;  // plain words, e.g. "connection refused by 10.0.0.2:8080"
};

// An HTTP answer of any status; the body is already decompressed.
struct HttpResponse {
    int status = 0;
    std::string body;
};

using TransportResult = std::expected<HttpResponse, TransportError>;

// One server's endpoints. `path` is absolute ("/v1/push"); bodies are JSON text. An
// implementation is used by one thread at a time; it may keep a connection open between
// calls.
class Transport {
public:
    virtual ~Transport() = default;

    // POSTs `body` as application/json.
    virtual TransportResult post(std::string_view path, std::string_view body) = 0;

    virtual TransportResult get(std::string_view path) = 0;
};

}  // namespace c5::sync
