// Turns what went wrong on the wire into a SyncError a surveyor can act on: one plain
// sentence per situation, the server's own message after it, the status and code kept.
#include <nlohmann/json.hpp>

#include "core/sync/client_session.hpp"

namespace c5::sync {

const char* sync_error_kind_name(SyncErrorKind kind) {
    switch (kind) {
        case SyncErrorKind::NotEnrolled:
            return "not_enrolled";
        case SyncErrorKind::Offline:
            return "offline";
        case SyncErrorKind::Timeout:
            return "timeout";
        case SyncErrorKind::Unauthorized:
            return "unauthorized";
        case SyncErrorKind::ClockSkew:
            return "clock_skew";
        case SyncErrorKind::Forbidden:
            return "forbidden";
        case SyncErrorKind::OutOfOrder:
            return "out_of_order";
        case SyncErrorKind::Refused:
            return "refused";
        case SyncErrorKind::ServerFault:
            return "server_fault";
        case SyncErrorKind::BadResponse:
            return "bad_response";
        case SyncErrorKind::Store:
            return "store";
        case SyncErrorKind::Cancelled:
            return "cancelled";
    }
    return "unknown";
}

namespace client {
namespace {

struct Reading {
    SyncErrorKind kind;
    const char* sentence;
};

// The sentence for a 401, by the server's code.
Reading unauthorized(const std::string& code) {
    if (code == "bad_code") {
        return {SyncErrorKind::Unauthorized,
                "the server does not know this enrolment code; check it and type it again"};
    }
    if (code == "code_used") {
        return {SyncErrorKind::Unauthorized,
                "this enrolment code was already used; ask for a "
                "new one"};
    }
    if (code == "code_expired") {
        return {SyncErrorKind::Unauthorized, "this enrolment code has expired; ask for a new one"};
    }
    if (code == "revoked") {
        return {SyncErrorKind::Unauthorized,
                "this laptop's access was revoked; ask the supervisor to enrol it again"};
    }
    if (code == "unknown_device") {
        return {SyncErrorKind::Unauthorized,
                "the server does not know this laptop; ask the supervisor to enrol it again"};
    }
    if (code == "stale_request") {
        return {SyncErrorKind::ClockSkew,
                "this laptop's clock differs from the server's by more than 5 minutes; set the "
                "date and time, then sync again"};
    }
    return {SyncErrorKind::Unauthorized, "the server did not accept this laptop's credentials"};
}

Reading reading_of(int status, const std::string& code) {
    switch (status) {
        case 401:
            return unauthorized(code);
        case 403:
            return {SyncErrorKind::Forbidden,
                    "the server refused: this is outside the laptop's "
                    "role and units"};
        case 409:
            return {SyncErrorKind::OutOfOrder,
                    "the server's record of this laptop's uploads differs from the laptop's; "
                    "ask an administrator to check this device before syncing again"};
        case 404:
            return {SyncErrorKind::Refused,
                    "the server does not offer this request; is the address that of a c5kit "
                    "syncd?"};
        case 413:
            return {SyncErrorKind::Refused, "the server refused a request as too large"};
        case 422:
            return {SyncErrorKind::Refused, "the server refused values it was sent"};
        default:
            break;
    }
    if (status >= 400 && status < 500) {
        return {SyncErrorKind::Refused, "the server refused the request as malformed"};
    }
    return {SyncErrorKind::ServerFault, "the server failed; try again later"};
}

std::string with_context_text(std::string_view context, const std::string& text) {
    return context.empty() ? text : std::string(context) + ": " + text;
}

}  // namespace

std::optional<ErrorBody> error_body_of(const HttpResponse& response) {
    auto json = nlohmann::json::parse(response.body, nullptr, false);
    if (json.is_discarded()) return std::nullopt;
    auto body = error_body_from_json(json);
    if (!body) return std::nullopt;
    return *body;
}

SyncError transport_failure(const TransportError& error, std::string_view context) {
    SyncError out;
    switch (error.kind) {
        case TransportErrorKind::Timeout:
            out.kind = SyncErrorKind::Timeout;
            out.message = "the server did not answer in time";
            break;
        case TransportErrorKind::Tls:
            out.kind = SyncErrorKind::Offline;
            out.message = "the secure connection to the server failed";
            break;
        case TransportErrorKind::NoConnection:
        case TransportErrorKind::Other:
            out.kind = SyncErrorKind::Offline;
            out.message = "could not reach the server";
            break;
    }
    if (!error.message.empty()) out.message += " (" + error.message + ")";
    out.message = with_context_text(context, out.message);
    return out;
}

SyncError http_failure(const HttpResponse& response, std::string_view context) {
    const std::optional<ErrorBody> body = error_body_of(response);
    SyncError out;
    out.status = response.status;
    if (body) out.code = body->error;
    const Reading reading = reading_of(response.status, out.code);
    out.kind = reading.kind;
    std::string text = reading.sentence;
    text += " (status " + std::to_string(response.status);
    if (body && !body->message.empty()) text += ", " + out.code + ": " + body->message;
    text += ")";
    out.message = with_context_text(context, text);
    return out;
}

SyncError store_failure(const Error& error, std::string_view context) {
    return SyncError{SyncErrorKind::Store,
                     with_context_text(context, "the laptop's store failed: " + error.message),
                     0,
                     "",
                     {}};
}

SyncError bad_response(std::string_view what, std::string_view context) {
    return SyncError{SyncErrorKind::BadResponse,
                     with_context_text(context, "the server's answer cannot be trusted or read: " +
                                                    std::string(what)),
                     200,
                     "",
                     {}};
}

SyncError cancelled_error() {
    return SyncError{
        SyncErrorKind::Cancelled, "sync cancelled; what was done so far is kept", 0, "", {}};
}

}  // namespace client
}  // namespace c5::sync
