// File: core/clock.hpp
//
// Clock: where "now" comes from. Services take a Clock& so that the agenda, stay-in-touch colours
// and the demo data can be tested on a fixed day (FixedClock) instead of the wall clock.
#pragma once

#include "core/time.hpp"

namespace hover {

class Clock {
public:
    virtual ~Clock() = default;
    virtual Timestamp now() const = 0;
    Date today() const { return date_of(now()); }
};

class SystemClock final : public Clock {
public:
    Timestamp now() const override {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(Timestamp t) : now_(t) {}
    Timestamp now() const override { return now_; }
    void set(Timestamp t) { now_ = t; }
    void advance(std::chrono::seconds by) { now_ += by; }

private:
    Timestamp now_;
};

}  // namespace hover
