// A throwaway store for tests: a temporary folder, a recovery key pair, the fastest
// Argon2id limits, and a wall clock the test moves by hand.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>

#include "core/store/store.hpp"

namespace store_test {

inline constexpr const char* kPassphrase = "cây tre xanh 2024";
inline constexpr std::int64_t kStartMs = 1718000000000;  // June 2024

class StoreFixture {
public:
    StoreFixture() {
        std::random_device random;
        folder_ = std::filesystem::temp_directory_path() /
                  ("c5-store-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(folder_);
    }
    ~StoreFixture() {
        std::error_code ignored;
        std::filesystem::remove_all(folder_, ignored);
    }
    StoreFixture(const StoreFixture&) = delete;
    StoreFixture& operator=(const StoreFixture&) = delete;

    std::filesystem::path path(const std::string& name = "survey.c5store") const {
        return folder_ / name;
    }

    c5::StoreOptions options(const std::string& user = "Phạm Thu") const {
        c5::StoreOptions o;
        o.user = user;
        o.clock = [now = now_] { return *now; };
        o.kdf_strength = c5::KdfStrength::Minimum;
        return o;
    }

    c5::Store create(const std::string& device = "laptop-01",
                     const std::string& name = "survey.c5store") const {
        auto store =
            c5::Store::create(path(name), kPassphrase, recovery.public_key, device, options());
        REQUIRE_MESSAGE(store, (store ? std::string() : store.error().message));
        return std::move(*store);
    }

    c5::Store open(const std::string& name = "survey.c5store") const {
        auto store = c5::Store::open(path(name), kPassphrase, options());
        REQUIRE_MESSAGE(store, (store ? std::string() : store.error().message));
        return std::move(*store);
    }

    // Moves every store's wall clock made by this fixture.
    void advance_ms(std::int64_t ms) { *now_ += ms; }
    std::int64_t now_ms() const { return *now_; }

    const c5::RecoveryKeyPair recovery = c5::generate_recovery_key_pair();

private:
    std::filesystem::path folder_;
    std::shared_ptr<std::int64_t> now_ = std::make_shared<std::int64_t>(kStartMs);
};

inline c5::RecordEdit household(const std::string& name, const std::string& address,
                                const std::string& phone) {
    c5::RecordEdit edit;
    edit.form = "household";
    edit.form_version = 1;
    edit.unit_code = "00001";
    edit.values = {{"ward_code", std::string("00001")},
                   {"household_code", std::string("HH-001")},
                   {"head_name", name},
                   {"address", address},
                   {"phone", phone},
                   {"smart_tv", true},
                   {"adults_15plus", std::int64_t{3}}};
    return edit;
}

inline std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace store_test
