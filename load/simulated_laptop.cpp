// A simulated laptop: enrolment, a surveyor's edits and timed syncs through the real client.
#include "load/simulated_laptop.hpp"

#include <chrono>

namespace c5::load {
namespace {

constexpr const char* kStorePassphrase = "máy thử tải 2026";

// The household answers a surveyor fills in at the door (a draft: the rest comes later).
std::map<std::string, Value> new_household(const std::string& ward, const std::string& code,
                                           std::int64_t adults) {
    return {{"ward_code", Value{ward}},       {"group", Value{std::string("01")}},
            {"household_code", Value{code}},  {"visit_outcome", Value{std::string("interviewed")}},
            {"smart_tv", Value{true}},        {"broadband_fixed", Value{adults % 2 == 0}},
            {"adults_15plus", Value{adults}}, {"adults_smartphone", Value{adults - 1}}};
}

}  // namespace

ChangeKey key_of(const FieldChange& change) {
    return {change.device_id, to_string(change.record_id), change.field, change.stamp.wall_ms,
            change.stamp.counter};
}

net::HttpTransportOptions laptop_transport_options() {
    net::HttpTransportOptions options;
    options.connect_timeout = std::chrono::seconds(10);
    options.read_timeout = std::chrono::seconds(60);
    options.write_timeout = std::chrono::seconds(60);
    return options;
}

std::expected<SimulatedLaptop, std::string> SimulatedLaptop::enrol(
    int index, const std::string& ward, const std::filesystem::path& store_path,
    const std::string& url, const std::string& code) {
    auto transport = net::HttpTransport::create(url, laptop_transport_options());
    if (!transport) return std::unexpected("transport: " + transport.error().message);

    StoreOptions options;
    options.user = "Người khảo sát " + std::to_string(index);
    options.kdf_strength = KdfStrength::Minimum;  // 200 stores: the key derivation is not tested
    auto store = sync::enroll(store_path, kStorePassphrase, *transport, code,
                              "Máy tải " + std::to_string(index), options);
    if (!store)
        return std::unexpected("enrol laptop " + std::to_string(index) + ": " +
                               store.error().message);
    return SimulatedLaptop(index, ward, std::move(*store), std::move(*transport));
}

SimulatedLaptop::SimulatedLaptop(int index, std::string ward, Store store,
                                 net::HttpTransport transport)
    : index_(index),
      ward_(std::move(ward)),
      store_(std::move(store)),
      transport_(std::move(transport)) {}

Result<void> SimulatedLaptop::work(std::mt19937& random) {
    const std::int64_t adults = 1 + static_cast<std::int64_t>(random() % 6);
    const std::string code =
        "T" + std::to_string(index_) + "-" + std::to_string(own_records_.size() + 1);
    auto made = store_.save(
        RecordEdit{std::nullopt, "household", 1, ward_, new_household(ward_, code, adults)});
    if (!made) return std::unexpected(made.error());
    own_records_.push_back(made->record_id);

    // A correction of an earlier household, often one already on the server.
    const RecordId& earlier = own_records_[random() % own_records_.size()];
    const std::int64_t corrected = 1 + static_cast<std::int64_t>(random() % 9);
    auto edited = store_.save(RecordEdit{
        earlier,
        "household",
        1,
        ward_,
        {{"adults_15plus", Value{corrected}}, {"adults_smartphone", Value{corrected - 1}}}});
    if (!edited) return std::unexpected(edited.error());

    const std::set<ChangeKey> waiting = unsynced_keys();
    written_.insert(waiting.begin(), waiting.end());
    return {};
}

std::set<ChangeKey> SimulatedLaptop::unsynced_keys() const {
    std::set<ChangeKey> keys;
    auto unsynced = store_.unsynced_changes();
    if (!unsynced) return keys;
    for (const FieldChange& change : *unsynced) keys.insert(key_of(change));
    return keys;
}

SyncSample SimulatedLaptop::sync_once() {
    // The laptop does nothing else while it syncs, so what leaves the unsynced set during
    // the session is exactly what the server acknowledged.
    const std::set<ChangeKey> before = unsynced_keys();
    const auto start = std::chrono::steady_clock::now();
    auto report = sync::sync(store_, transport_);
    SyncSample sample;
    sample.ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const std::set<ChangeKey> after = unsynced_keys();
    for (const ChangeKey& key : before) {
        if (!after.contains(key)) acknowledged_.insert(key);
    }
    if (!report) {
        sample.error = report.error().kind;
        sample.message = report.error().message;
    }
    return sample;
}

}  // namespace c5::load
