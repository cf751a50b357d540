#include "domain/auth/password.hpp"

#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hover::auth {
namespace {

using ::testing::StartsWith;

// REQ: P4
TEST(Password, HashIsArgon2idAndVerifies) {
    auto hash = hash_password("correct horse battery", HashCost::kInteractive);
    ASSERT_TRUE(hash.has_value());
    EXPECT_THAT(hash.value(), StartsWith("$argon2id$"));
    EXPECT_TRUE(verify_password(hash.value(), "correct horse battery"));
    EXPECT_FALSE(verify_password(hash.value(), "correct horse batterY"));
    EXPECT_FALSE(verify_password(hash.value(), ""));
    EXPECT_FALSE(needs_rehash(hash.value(), HashCost::kInteractive));
}

// REQ: P4
TEST(Password, SamePasswordGetsADifferentSalt) {
    auto a = hash_password("same password here", HashCost::kMinimum);
    auto b = hash_password("same password here", HashCost::kMinimum);
    ASSERT_TRUE(a.has_value() && b.has_value());
    EXPECT_NE(a.value(), b.value());
    EXPECT_TRUE(verify_password(b.value(), "same password here"));
}

// REQ: P4
TEST(Password, MalformedHashNeverVerifies) {
    EXPECT_FALSE(verify_password("", "anything at all"));
    EXPECT_FALSE(verify_password("plain text password", "plain text password"));
    EXPECT_FALSE(verify_password("$argon2id$v=19$garbage", "anything at all"));
}

// REQ: P4
TEST(Password, NeedsRehashWhenTheCostChangesOrTheAlgorithmIsOld) {
    auto cheap = hash_password("a long enough password", HashCost::kMinimum);
    ASSERT_TRUE(cheap.has_value());
    EXPECT_TRUE(needs_rehash(cheap.value(), HashCost::kInteractive));
    EXPECT_FALSE(needs_rehash(cheap.value(), HashCost::kMinimum));
    EXPECT_TRUE(needs_rehash("$2y$10$bcrypthashfromsomewhereelse", HashCost::kInteractive));
}

// REQ: P4
TEST(Password, RandomTokensAreUrlSafeAndUnique) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        std::string t = random_token();
        EXPECT_EQ(t.size(), 43U);
        EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                      "0123456789-_"),
                  std::string::npos);
        EXPECT_TRUE(seen.insert(t).second);
    }
}

// REQ: P4
TEST(Password, Sha256MatchesTheKnownDigest) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

// REQ: P4
TEST(Password, DummyHashVerifiesNothingTypedByAUser) {
    const std::string& dummy = dummy_password_hash(HashCost::kMinimum);
    EXPECT_THAT(dummy, StartsWith("$argon2id$"));
    EXPECT_FALSE(verify_password(dummy, "password1234"));
}

}  // namespace
}  // namespace hover::auth
