// The endpoint bodies of the sync protocol to and from JSON, and the builders that sign and
// box push and pull requests.
#include "core/sync/wire_messages.hpp"

#include <sodium.h>

namespace c5::sync {
namespace {

using nlohmann::json;

// Reads members of one JSON object, keeping the first problem; every reader names the
// member so a refusal can say what is wrong.
class ObjectReader {
public:
    explicit ObjectReader(const json& j) : j_(j) {
        if (!j.is_object()) error_ = "the body is not a JSON object";
    }

    std::string text(const char* key) {
        const json* m = find(key);
        if (!m) return {};
        if (!m->is_string()) return wrong(key, "a string"), std::string{};
        return m->get<std::string>();
    }

    std::int64_t integer(const char* key) {
        const json* m = find(key);
        if (!m) return 0;
        if (!m->is_number_integer()) return wrong(key, "an integer"), 0;
        return m->get<std::int64_t>();
    }

    bool boolean(const char* key) {
        const json* m = find(key);
        if (!m) return false;
        if (!m->is_boolean()) return wrong(key, "a boolean"), false;
        return m->get<bool>();
    }

    const json* object(const char* key) {
        const json* m = find(key);
        if (m && !m->is_object()) return wrong(key, "an object"), nullptr;
        return m;
    }

    const json* array(const char* key) {
        const json* m = find(key);
        if (m && !m->is_array()) return wrong(key, "an array"), nullptr;
        return m;
    }

    template <class Key>
    Key key(const char* name, Result<Key> (*parse)(std::string_view)) {
        const std::string b64 = text(name);
        if (!error_.empty()) return {};
        auto parsed = parse(b64);
        if (!parsed) {
            error_ = std::string("member '") + name + "': " + parsed.error().message;
            return {};
        }
        return *parsed;
    }

    void set_error(std::string message) {
        if (error_.empty()) error_ = std::move(message);
    }
    bool ok() const { return error_.empty(); }
    std::unexpected<Error> error() const { return fail(ErrorKind::InvalidInput, error_); }

private:
    const json* find(const char* key) {
        if (!error_.empty()) return nullptr;
        auto it = j_.find(key);
        if (it == j_.end()) {
            error_ = std::string("member '") + key + "' is missing";
            return nullptr;
        }
        return &*it;
    }
    void wrong(const char* key, const char* type) {
        error_ = std::string("member '") + key + "' is not " + type;
    }

    const json& j_;
    std::string error_;
};

}  // namespace

json to_json(const ErrorBody& body) {
    json j{{"error", body.error}, {"message", body.message}};
    if (body.expected_seq) j["expected_seq"] = *body.expected_seq;
    return j;
}

Result<ErrorBody> error_body_from_json(const json& j) {
    ObjectReader in(j);
    ErrorBody body{in.text("error"), in.text("message"), std::nullopt};
    if (!in.ok()) return in.error();
    if (j.contains("expected_seq") && j["expected_seq"].is_number_integer()) {
        body.expected_seq = j["expected_seq"].get<std::int64_t>();
    }
    return body;
}

json to_json(const EnrollRequest& r) {
    return json{{"code", r.code},
                {"device_name", r.device_name},
                {"sign_pk", to_base64(r.sign_pk.bytes)},
                {"box_pk", to_base64(r.box_pk.bytes)}};
}

Result<EnrollRequest> enroll_request_from_json(const json& j) {
    ObjectReader in(j);
    EnrollRequest r;
    r.code = in.text("code");
    r.device_name = in.text("device_name");
    r.sign_pk = in.key<SignPublicKey>("sign_pk", &parse_sign_public_key);
    r.box_pk = in.key<BoxPublicKey>("box_pk", &parse_box_public_key);
    if (!in.ok()) return in.error();
    return r;
}

json to_json(const EnrollResponse& r) {
    return json{{"device_id", r.device_id},
                {"role", r.role},
                {"user_name", r.user_name},
                {"units", r.units},
                {"server_sign_pk", to_base64(r.server_sign_pk.bytes)},
                {"server_box_pk", to_base64(r.server_box_pk.bytes)},
                {"recovery_pk", r.recovery_pk},
                {"registry_csv", r.registry_csv},
                {"forms", r.forms},
                {"criteria", r.criteria}};
}

Result<EnrollResponse> enroll_response_from_json(const json& j) {
    ObjectReader in(j);
    EnrollResponse r;
    r.device_id = in.text("device_id");
    r.role = in.text("role");
    r.user_name = in.text("user_name");
    if (const json* units = in.array("units")) {
        for (const auto& u : *units) {
            if (!u.is_string())
                in.set_error("member 'units' holds a non-string");
            else
                r.units.push_back(u.get<std::string>());
        }
    }
    r.server_sign_pk = in.key<SignPublicKey>("server_sign_pk", &parse_sign_public_key);
    r.server_box_pk = in.key<BoxPublicKey>("server_box_pk", &parse_box_public_key);
    r.recovery_pk = in.text("recovery_pk");
    r.registry_csv = in.text("registry_csv");
    if (const json* forms = in.object("forms")) r.forms = *forms;
    if (const json* criteria = in.object("criteria")) r.criteria = *criteria;
    if (!in.ok()) return in.error();
    return r;
}

std::string PushRequest::signed_bytes() const {
    return push_signed_bytes(device_id, seq, prev, nonce, box);
}

json to_json(const PushRequest& r) {
    return json{{"device_id", r.device_id}, {"seq", r.seq}, {"prev", r.prev},
                {"nonce", r.nonce},         {"box", r.box}, {"sig", r.sig}};
}

Result<PushRequest> push_request_from_json(const json& j) {
    ObjectReader in(j);
    PushRequest r;
    r.device_id = in.text("device_id");
    r.seq = in.integer("seq");
    r.prev = in.text("prev");
    r.nonce = in.text("nonce");
    r.box = in.text("box");
    r.sig = in.text("sig");
    if (!in.ok()) return in.error();
    return r;
}

PushRequest make_push_request(const std::string& device_id, std::int64_t seq, const Hash32& prev,
                              std::span<const FieldChange> changes, const IdentityKeys& device,
                              const BoxPublicKey& server_box_pk) {
    const json payload{{"changes", changes_to_json(changes)}};
    BoxedPayload boxed = seal_payload(payload, server_box_pk, device.box.secret_key);
    PushRequest r{device_id, seq, to_base64(prev), std::move(boxed.nonce), std::move(boxed.box),
                  {}};
    r.sig = to_base64(sign_detached(device.sign, r.signed_bytes()));
    return r;
}

json to_json(const PushAck& a) {
    json j{{"ack", a.ack},
           {"duplicate", a.duplicate},
           {"applied", a.applied},
           {"held", a.held},
           {"conflicts", a.conflicts}};
    if (!a.sig.empty()) j["sig"] = a.sig;
    return j;
}

Result<PushAck> push_ack_from_json(const json& j) {
    ObjectReader in(j);
    PushAck a;
    a.ack = in.integer("ack");
    a.duplicate = in.boolean("duplicate");
    a.applied = in.integer("applied");
    a.held = in.integer("held");
    a.conflicts = in.integer("conflicts");
    if (!in.ok()) return in.error();
    if (j.contains("sig") && j["sig"].is_string()) a.sig = j["sig"].get<std::string>();
    return a;
}

std::string push_ack_signed_bytes(std::string_view device_id, std::int64_t seq,
                                  const Hash32& batch_hash) {
    std::string out = "c5-push-ack-v1\n";
    out.append(device_id).append("\n").append(std::to_string(seq)).append("\n");
    out.append(to_base64(batch_hash));
    return out;
}

bool verify_push_ack(const PushAck& ack, std::string_view device_id, std::int64_t seq,
                     const Hash32& batch_hash, const SignPublicKey& server_sign_pk) {
    if (ack.ack != seq) return false;
    auto sig = from_base64_exact(ack.sig, 64);
    if (!sig) return false;
    return verify_detached(server_sign_pk, push_ack_signed_bytes(device_id, seq, batch_hash),
                           *sig);
}

std::string PullRequest::signed_bytes() const {
    return pull_signed_bytes(device_id, cursor, limit, at, nonce);
}

json to_json(const PullRequest& r) {
    return json{{"device_id", r.device_id}, {"cursor", r.cursor}, {"limit", r.limit}, {"at", r.at},
                {"nonce", r.nonce},         {"sig", r.sig}};
}

Result<PullRequest> pull_request_from_json(const json& j) {
    ObjectReader in(j);
    PullRequest r;
    r.device_id = in.text("device_id");
    r.cursor = in.integer("cursor");
    r.limit = in.integer("limit");
    r.at = in.integer("at");
    r.nonce = in.text("nonce");
    r.sig = in.text("sig");
    if (!in.ok()) return in.error();
    return r;
}

PullRequest make_pull_request(const std::string& device_id, std::int64_t cursor, std::int64_t limit,
                              std::int64_t at_ms, const IdentityKeys& device) {
    init_sodium();
    std::array<std::uint8_t, 16> nonce{};
    randombytes_buf(nonce.data(), nonce.size());
    PullRequest r{device_id, cursor, limit, at_ms, to_base64(nonce), {}};
    r.sig = to_base64(sign_detached(device.sign, r.signed_bytes()));
    return r;
}

json to_json(const PullPage& p) {
    return json{{"changes", changes_to_json(p.changes)},
                {"next_cursor", p.next_cursor},
                {"more", p.more},
                {"server_ms", p.server_ms}};
}

Result<PullPage> pull_page_from_json(const json& j) {
    ObjectReader in(j);
    PullPage p;
    const json* changes = in.array("changes");
    p.next_cursor = in.integer("next_cursor");
    p.more = in.boolean("more");
    p.server_ms = in.integer("server_ms");
    if (!in.ok()) return in.error();
    auto parsed = changes_from_json(*changes);
    if (!parsed) return std::unexpected(parsed.error());
    p.changes = std::move(*parsed);
    return p;
}

Result<PullPage> open_pull_response(const json& body, const BoxPublicKey& server_box_pk,
                                    const SecretKey& device_box_secret) {
    ObjectReader in(body);
    const std::string nonce = in.text("nonce");
    const std::string box = in.text("box");
    if (!in.ok()) return in.error();
    auto payload = open_payload(nonce, box, server_box_pk, device_box_secret);
    if (!payload) return std::unexpected(payload.error().with_context("pull response"));
    return with_context(pull_page_from_json(*payload), "pull response");
}

}  // namespace c5::sync
