#include "qt.hpp"

#include <cassert>
#include <cstdio>
#include <random>
#include <set>

static std::set<int> ids(const std::vector<P>& v) {
    std::set<int> s;
    for (auto& p : v) s.insert(p.id);
    return s;
}

int main() {
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> U(0, 1000);
    QT t({0, 0, 1000, 1000});
    std::vector<P> all;
    for (int i = 0; i < 5000; i++) {
        P p{U(rng), U(rng), i};
        assert(t.insert(p.x, p.y, p.id));
        all.push_back(p);
    }
    // duplicates past MAXD must not recurse forever
    for (int i = 0; i < 50; i++) t.insert(500, 500, 10000 + i), all.push_back({500, 500, 10000 + i});
    assert(!t.insert(1000, 5, -1) && !t.insert(-1, 5, -1));
    assert(t.size() == all.size());

    for (int r = 0; r < 200; r++) {
        double a = U(rng), b = U(rng), c = U(rng), d = U(rng);
        Box q{std::min(a, b), std::min(c, d), std::max(a, b), std::max(c, d)};
        std::set<int> want;
        for (auto& p : all) if (q.has(p.x, p.y)) want.insert(p.id);
        assert(ids(t.query(q)) == want);
    }

    for (int r = 0; r < 500; r++) {
        double x = U(rng) * 1.2 - 100, y = U(rng) * 1.2 - 100;
        double bd = 1e300;
        for (auto& p : all) bd = std::min(bd, (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y));
        auto* g = t.nearest(x, y);
        assert(g && (g->x - x) * (g->x - x) + (g->y - y) * (g->y - y) == bd);
    }

    size_t n = all.size();
    for (size_t i = 0; i < all.size(); i += 2) {
        assert(t.erase(all[i].x, all[i].y, all[i].id));
        assert(!t.erase(all[i].x, all[i].y, all[i].id));
        n--;
    }
    assert(t.size() == n);
    std::set<int> left;
    for (size_t i = 1; i < all.size(); i += 2) left.insert(all[i].id);
    assert(ids(t.query({0, 0, 1000, 1000})) == left);

    QT e({0, 0, 1, 1});
    assert(!e.nearest(0.5, 0.5) && e.query({0, 0, 1, 1}).empty());

    std::printf("ok: %zu pts\n", t.size());
}
