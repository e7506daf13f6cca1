// base/shared_cache: a bounded map shared by the threads of a batch (shaped words, hyphenated
// words).
//
// Keys are strings; each key hashes to one of kShards shards, each with its own reader-writer
// lock, so threads rarely wait for each other. A shard that reaches its share of the capacity
// is emptied before the next insertion: memory stays bounded however many articles go through,
// and since an entry is only ever a pure function of its key, what the cache holds changes
// speed, never results. visit() lends a value only while its shard is locked, so no reference
// outlives a clearing.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace quire::inline v0 {

template <class Value>
class SharedCache {
public:
    /// At most about `capacity` entries in all.
    explicit SharedCache(std::size_t capacity)
        : per_shard_(capacity / kShards > 0 ? capacity / kShards : 1) {}

    /// Calls f(value) for the key's value, under the shard's shared lock (no copy), and returns
    /// whether there was one. `f` must not use the cache.
    template <class F>
    bool visit(std::string_view key, F&& f) const {
        const Shard& s = shard(key);
        std::shared_lock lock(s.mu);
        auto it = s.map.find(key);
        if (it == s.map.end()) return false;
        f(it->second);
        return true;
    }

    void insert(std::string_view key, Value value) {
        Shard& s = shard(key);
        std::unique_lock lock(s.mu);
        if (s.map.size() >= per_shard_) s.map.clear();
        s.map.emplace(std::string(key), std::move(value));
    }

    std::size_t size() const {
        std::size_t n = 0;
        for (const Shard& s : shards_) {
            std::shared_lock lock(s.mu);
            n += s.map.size();
        }
        return n;
    }

    void clear() {
        for (Shard& s : shards_) {
            std::unique_lock lock(s.mu);
            s.map.clear();
        }
    }

private:
    static constexpr std::size_t kShards = 16;
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    struct alignas(64) Shard {  // a cache line of its own: no false sharing between shards
        mutable std::shared_mutex mu;
        std::unordered_map<std::string, Value, Hash, std::equal_to<>> map;
    };
    Shard& shard(std::string_view key) { return shards_[Hash{}(key) % kShards]; }
    const Shard& shard(std::string_view key) const { return shards_[Hash{}(key) % kShards]; }

    std::size_t per_shard_;
    std::array<Shard, kShards> shards_;
};

}  // namespace quire::inline v0
