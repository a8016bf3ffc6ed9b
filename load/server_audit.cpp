// The exact-acknowledgement and record-state checks of the load run.
#include "load/server_audit.hpp"

#include <chrono>
#include <map>
#include <sstream>

#include "core/sync/wire_messages.hpp"

namespace c5::load {
namespace {

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A record as a person sees it (values and deletion), for comparing two stores.
std::string describe(const StoredRecord& stored) {
    std::ostringstream out;
    out << stored.record.record_id << (stored.record.deleted ? " deleted" : "");
    for (const auto& [field, value] : stored.record.values) {
        out << " " << field << "=" << to_display(value);
    }
    return out.str();
}

std::map<std::string, std::string> records_of(const Store& store, const std::string& unit) {
    std::map<std::string, std::string> out;
    for (const StoredRecord& r : store.list(ListFilter{"household", unit, true}).records) {
        out[r.record.record_id] = describe(r);
    }
    return out;
}

}  // namespace

std::expected<std::vector<FieldChange>, std::string> pull_everything(const std::string& url,
                                                                     const std::string& code) {
    auto transport = net::HttpTransport::create(url, laptop_transport_options());
    if (!transport) return std::unexpected(transport.error().message);
    auto enrolled = sync::request_enrollment(*transport, code, "Máy kiểm tra");
    if (!enrolled) return std::unexpected("enrol the auditor: " + enrolled.error().message);
    const sync::DeviceEnrollment& record = enrolled->record;

    std::vector<FieldChange> changes;
    std::int64_t cursor = 0;
    while (true) {
        const auto request =
            sync::make_pull_request(record.device_id, cursor, 5000, wall_ms(), enrolled->keys);
        auto answer = transport->post("/v1/pull", sync::to_json(request).dump());
        if (!answer) return std::unexpected("pull: " + answer.error().message);
        if (answer->status != 200) {
            return std::unexpected("pull: status " + std::to_string(answer->status) + " " +
                                   answer->body);
        }
        const auto body = nlohmann::json::parse(answer->body, nullptr, false);
        auto page =
            sync::open_pull_response(body, record.server_box_pk, enrolled->keys.box.secret_key);
        if (!page) return std::unexpected("pull page: " + page.error().message);
        std::move(page->changes.begin(), page->changes.end(), std::back_inserter(changes));
        cursor = page->next_cursor;
        if (!page->more) break;
    }
    return changes;
}

AckCheck check_acknowledged(const std::vector<SimulatedLaptop>& laptops,
                            const std::vector<FieldChange>& server_changes) {
    std::set<ChangeKey> written;
    std::set<ChangeKey> acknowledged;
    for (const SimulatedLaptop& laptop : laptops) {
        written.insert(laptop.written().begin(), laptop.written().end());
        acknowledged.insert(laptop.acknowledged().begin(), laptop.acknowledged().end());
    }
    std::map<ChangeKey, int> on_server;
    for (const FieldChange& change : server_changes) ++on_server[key_of(change)];

    AckCheck check;
    check.on_server = server_changes.size();
    check.acknowledged = acknowledged.size();
    for (const ChangeKey& key : acknowledged) {
        if (!on_server.contains(key)) ++check.missing;
    }
    for (const auto& [key, count] : on_server) {
        if (count > 1) ++check.doubled;
        if (!written.contains(key)) {
            ++check.unknown;
        } else if (!acknowledged.contains(key)) {
            ++check.unacknowledged;
        }
    }
    return check;
}

std::expected<StateCheck, std::string> check_states(std::vector<SimulatedLaptop>& laptops,
                                                    const std::string& url, const std::string& code,
                                                    const std::filesystem::path& auditor_store) {
    auto transport = net::HttpTransport::create(url, laptop_transport_options());
    if (!transport) return std::unexpected(transport.error().message);
    StoreOptions options;
    options.kdf_strength = KdfStrength::Minimum;
    auto store = sync::enroll(auditor_store, "máy kiểm tra tải", *transport, code,
                              "Máy kiểm tra trạng thái", options);
    if (!store) return std::unexpected("enrol the auditor: " + store.error().message);
    auto pulled = sync::sync(*store, *transport);
    if (!pulled) return std::unexpected("auditor sync: " + pulled.error().message);

    StateCheck check;
    check.records_on_server = store->list(ListFilter{"household", "", true}).records.size();
    std::map<std::string, std::map<std::string, std::string>> server_wards;
    for (SimulatedLaptop& laptop : laptops) {
        check.records_made += laptop.records_made();
        auto [ward, added] = server_wards.try_emplace(laptop.ward());
        if (added) ward->second = records_of(*store, laptop.ward());
        ++check.laptops_compared;
        if (records_of(laptop.store(), laptop.ward()) == ward->second) continue;
        if (check.differing++ == 0) {
            check.first_difference = "laptop " + laptop.device_id() + " of ward " + laptop.ward();
        }
    }
    return check;
}

}  // namespace c5::load
