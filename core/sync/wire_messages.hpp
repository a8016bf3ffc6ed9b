// The JSON bodies of the sync endpoints (docs/sync-protocol.md) as structs, with builders
// that sign and box them, so the client and syncd cannot disagree on a member name.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/sync/wire.hpp"

namespace c5::sync {

// Every refusal: {"error": code, "message": text}; a 409 out_of_order adds expected_seq.
struct ErrorBody {
    std::string error;
    std::string message;
    std::optional<std::int64_t> expected_seq;
};
nlohmann::json to_json(const ErrorBody& body);
// Errors: InvalidInput when `json` is not an error body.
[[nodiscard]] Result<ErrorBody> error_body_from_json(const nlohmann::json& json);

// ---- Enrolment -------------------------------------------------------------------------------

struct EnrollRequest {
    std::string code;  // as printed, "K7QF-9M2X"; case and the dash do not matter
    std::string device_name;
    SignPublicKey sign_pk;
    BoxPublicKey box_pk;
};
nlohmann::json to_json(const EnrollRequest& request);
// Errors: InvalidInput naming the member (keys of the wrong length included).
[[nodiscard]] Result<EnrollRequest> enroll_request_from_json(const nlohmann::json& json);

struct EnrollResponse {
    std::string device_id;
    std::string role;  // "surveyor", "supervisor", "province"
    std::string user_name;
    std::vector<std::string> units;
    SignPublicKey server_sign_pk;
    BoxPublicKey server_box_pk;
    std::string recovery_pk;                          // "c5rpk1:…", core/crypto/recovery_key.hpp
    std::string registry_csv;                         // "" when the server has no registry yet
    nlohmann::json forms = nlohmann::json::object();  // form id -> definition JSON
    nlohmann::json criteria = nlohmann::json::object();
};
nlohmann::json to_json(const EnrollResponse& response);
[[nodiscard]] Result<EnrollResponse> enroll_response_from_json(const nlohmann::json& json);

// ---- Push --------------------------------------------------------------------------------

struct PushRequest {
    std::string device_id;
    std::int64_t seq = 0;
    std::string prev;   // base64 of 32 bytes
    std::string nonce;  // base64 of 24 bytes
    std::string box;    // base64
    std::string sig;    // base64 of 64 bytes

    // The bytes the signature covers and the batch hash is taken of.
    std::string signed_bytes() const;
    Hash32 hash() const { return batch_hash(signed_bytes()); }
};
nlohmann::json to_json(const PushRequest& request);
// Checks members and their types only (not base64 or sizes). Errors: InvalidInput.
[[nodiscard]] Result<PushRequest> push_request_from_json(const nlohmann::json& json);

// Builds batch `seq` of `device_id` chained to `prev`: the payload {"changes": [...]} boxed
// from the device to the server, signed with the device's signing key.
PushRequest make_push_request(const std::string& device_id, std::int64_t seq, const Hash32& prev,
                              std::span<const FieldChange> changes, const IdentityKeys& device,
                              const BoxPublicKey& server_box_pk);

struct PushAck {
    std::int64_t ack = 0;
    bool duplicate = false;
    std::int64_t applied = 0;
    std::int64_t held = 0;
    std::int64_t conflicts = 0;
    // The server's Ed25519 signature of push_ack_signed_bytes: proof that syncd itself
    // accepted this very batch. "" when absent (push_ack_from_json accepts that).
    std::string sig;
};
nlohmann::json to_json(const PushAck& ack);
[[nodiscard]] Result<PushAck> push_ack_from_json(const nlohmann::json& json);

// "c5-push-ack-v1\n" device_id "\n" seq "\n" batch hash (base64): what the server signs
// when it acknowledges batch `seq` (applied now or a repeat).
std::string push_ack_signed_bytes(std::string_view device_id, std::int64_t seq,
                                  const Hash32& batch_hash);

// True when `ack` carries the server's signature for batch `seq` of `device_id` with
// `batch_hash`. A device checks this before marking the batch's changes synced.
[[nodiscard]] bool verify_push_ack(const PushAck& ack, std::string_view device_id,
                                   std::int64_t seq, const Hash32& batch_hash,
                                   const SignPublicKey& server_sign_pk);

// ---- Pull --------------------------------------------------------------------------------

struct PullRequest {
    std::string device_id;
    std::int64_t cursor = 0;
    std::int64_t limit = 0;
    std::int64_t at = 0;  // the device's clock, milliseconds since the epoch
    std::string nonce;    // base64 of 16 random bytes
    std::string sig;

    std::string signed_bytes() const;
};
nlohmann::json to_json(const PullRequest& request);
[[nodiscard]] Result<PullRequest> pull_request_from_json(const nlohmann::json& json);

// A signed pull request with a fresh random nonce.
PullRequest make_pull_request(const std::string& device_id, std::int64_t cursor, std::int64_t limit,
                              std::int64_t at_ms, const IdentityKeys& device);

// The payload of a pull response (boxed from the server to the device).
struct PullPage {
    std::vector<FieldChange> changes;
    std::int64_t next_cursor = 0;
    bool more = false;
    std::int64_t server_ms = 0;
};
nlohmann::json to_json(const PullPage& page);
[[nodiscard]] Result<PullPage> pull_page_from_json(const nlohmann::json& json);

// Opens a pull response body {"nonce","box"} with the device's box key. Errors:
// InvalidInput when it is not such a body or does not open or decode.
[[nodiscard]] Result<PullPage> open_pull_response(const nlohmann::json& body,
                                                  const BoxPublicKey& server_box_pk,
                                                  const SecretKey& device_box_secret);

}  // namespace c5::sync
