// File: domain/auth/password.hpp
//
// Password hashing with argon2id (libsodium's crypto_pwhash_str_alg), and the random tokens and
// SHA-256 digests of sign-in. sodium_init() runs once, on first use, thread-safely.
//
// Example:
//   std::string hash = HOVER_TRY(hash_password("correct horse battery", HashCost::kInteractive));
//   verify_password(hash, "correct horse battery") == true
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hover::auth {

// kInteractive is libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE (64 MiB), for real use.
// kMinimum is the smallest argon2id cost, for tests only.
enum class HashCost { kInteractive, kMinimum };

// An argon2id hash string ("$argon2id$v=19$m=...") with a random salt. kInternal when libsodium
// cannot allocate the memory.
Result<std::string> hash_password(std::string_view password, HashCost cost);

// True when `password` matches `hash`; false for a wrong password or a malformed hash.
bool verify_password(std::string_view hash, std::string_view password);

// True when `hash` was made with other parameters (or another algorithm) than `cost`.
bool needs_rehash(std::string_view hash, HashCost cost);

// A hash of a random password, to verify against when the email is unknown, so that an unknown
// email costs the same time as a wrong password.
const std::string& dummy_password_hash(HashCost cost);

// `bytes` random bytes as URL-safe base64 without padding (32 bytes give 43 characters).
std::string random_token(std::size_t bytes = 32);

// Lower-case hex SHA-256 of `text`.
std::string sha256_hex(std::string_view text);

// Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace hover::auth
