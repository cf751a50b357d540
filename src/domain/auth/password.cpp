#include "domain/auth/password.hpp"

#include <array>
#include <mutex>
#include <vector>

#include <sodium.h>

namespace hover::auth {
namespace {

void ensure_sodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        // sodium_init returns 1 when already initialised; -1 means no usable random source.
        HOVER_ASSERT(sodium_init() >= 0);
    });
}

unsigned long long opslimit(HashCost cost) {
    return cost == HashCost::kInteractive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                          : crypto_pwhash_OPSLIMIT_MIN;
}

std::size_t memlimit(HashCost cost) {
    return cost == HashCost::kInteractive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                          : crypto_pwhash_MEMLIMIT_MIN;
}

}  // namespace

Result<std::string> hash_password(std::string_view password, HashCost cost) {
    ensure_sodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), opslimit(cost),
                              memlimit(cost), crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return Error::internal("crypto_pwhash_str_alg failed (out of memory?)");
    }
    return std::string(out.data());
}

bool verify_password(std::string_view hash, std::string_view password) {
    ensure_sodium();
    // crypto_pwhash_str_verify wants a NUL-terminated string.
    std::string stored(hash);
    if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view hash, HashCost cost) {
    ensure_sodium();
    std::string stored(hash);
    if (stored.rfind("$argon2id$", 0) != 0) {
        return true;
    }
    return crypto_pwhash_str_needs_rehash(stored.c_str(), opslimit(cost), memlimit(cost)) != 0;
}

const std::string& dummy_password_hash(HashCost cost) {
    static const std::string interactive = [] {
        auto h = hash_password(random_token(), HashCost::kInteractive);
        HOVER_ASSERT(h.has_value());
        return h.value();
    }();
    static const std::string minimum = [] {
        auto h = hash_password(random_token(), HashCost::kMinimum);
        HOVER_ASSERT(h.has_value());
        return h.value();
    }();
    return cost == HashCost::kInteractive ? interactive : minimum;
}

std::string random_token(std::size_t bytes) {
    ensure_sodium();
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::vector<char> text(sodium_base64_ENCODED_LEN(bytes, variant));
    sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(), variant);
    sodium_memzero(raw.data(), raw.size());
    return std::string(text.data());
}

std::string sha256_hex(std::string_view text) {
    ensure_sodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                       text.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    ensure_sodium();
    if (a.size() != b.size()) {
        return false;
    }
    return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace hover::auth
