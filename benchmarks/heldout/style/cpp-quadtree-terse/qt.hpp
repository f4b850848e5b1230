#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

struct P { double x, y; int id; };

struct Box {
    double x0, y0, x1, y1;
    bool has(double x, double y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
    bool hits(const Box& b) const { return b.x0 < x1 && b.x1 > x0 && b.y0 < y1 && b.y1 > y0; }
    double d2(double x, double y) const {
        double dx = std::max({x0 - x, 0.0, x - x1}), dy = std::max({y0 - y, 0.0, y - y1});
        return dx * dx + dy * dy;
    }
};

class QT {
    static constexpr int CAP = 8, MAXD = 16;
    struct N {
        Box b;
        std::vector<P> pts;
        std::array<std::unique_ptr<N>, 4> k;
        bool leaf() const { return !k[0]; }
    };
    std::unique_ptr<N> root;
    size_t n = 0;

    static int quad(const Box& b, double x, double y) {
        double mx = (b.x0 + b.x1) / 2, my = (b.y0 + b.y1) / 2;
        return (x >= mx) | ((y >= my) << 1);
    }

    static void split(N* t) {
        double mx = (t->b.x0 + t->b.x1) / 2, my = (t->b.y0 + t->b.y1) / 2;
        t->k[0].reset(new N{{t->b.x0, t->b.y0, mx, my}, {}, {}});
        t->k[1].reset(new N{{mx, t->b.y0, t->b.x1, my}, {}, {}});
        t->k[2].reset(new N{{t->b.x0, my, mx, t->b.y1}, {}, {}});
        t->k[3].reset(new N{{mx, my, t->b.x1, t->b.y1}, {}, {}});
        for (auto& p : t->pts) t->k[quad(t->b, p.x, p.y)]->pts.push_back(p);
        t->pts.clear();
        t->pts.shrink_to_fit();
    }

    void ins(N* t, const P& p, int d) {
        while (!t->leaf()) t = t->k[quad(t->b, p.x, p.y)].get(), d++;
        t->pts.push_back(p);
        if ((int)t->pts.size() > CAP && d < MAXD) {
            split(t);
            for (auto& c : t->k)
                if ((int)c->pts.size() > CAP && d + 1 < MAXD) {
                    auto v = std::move(c->pts);
                    c->pts.clear();
                    for (auto& q : v) ins(c.get(), q, d + 1);
                }
        }
    }

    template <class F> static void walk(const N* t, const Box& q, F& f) {
        if (!t->b.hits(q)) return;
        for (auto& p : t->pts) if (q.has(p.x, p.y)) f(p);
        if (!t->leaf()) for (auto& c : t->k) walk(c.get(), q, f);
    }

    static void nn(const N* t, double x, double y, const P*& best, double& bd) {
        if (t->b.d2(x, y) >= bd) return;
        for (auto& p : t->pts) {
            double d = (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y);
            if (d < bd) bd = d, best = &p;
        }
        if (t->leaf()) return;
        int f = quad(t->b, x, y);
        nn(t->k[f].get(), x, y, best, bd);
        for (int i = 0; i < 4; i++) if (i != f) nn(t->k[i].get(), x, y, best, bd);
    }

    static bool rm(N* t, double x, double y, int id) {
        if (!t->b.has(x, y)) return false;
        if (t->leaf()) {
            auto it = std::find_if(t->pts.begin(), t->pts.end(),
                                   [&](const P& p) { return p.id == id && p.x == x && p.y == y; });
            if (it == t->pts.end()) return false;
            t->pts.erase(it);
            return true;
        }
        if (!rm(t->k[quad(t->b, x, y)].get(), x, y, id)) return false;
        size_t tot = 0;
        for (auto& c : t->k) {
            if (!c->leaf()) return true;
            tot += c->pts.size();
        }
        if (tot <= CAP) {
            for (auto& c : t->k) t->pts.insert(t->pts.end(), c->pts.begin(), c->pts.end()), c.reset();
        }
        return true;
    }

public:
    explicit QT(Box b) : root(new N{b, {}, {}}) {}

    bool insert(double x, double y, int id) {
        if (!root->b.has(x, y)) return false;
        ins(root.get(), {x, y, id}, 0);
        n++;
        return true;
    }

    bool erase(double x, double y, int id) {
        bool ok = rm(root.get(), x, y, id);
        n -= ok;
        return ok;
    }

    std::vector<P> query(const Box& q) const {
        std::vector<P> r;
        auto f = [&](const P& p) { r.push_back(p); };
        walk(root.get(), q, f);
        return r;
    }

    const P* nearest(double x, double y) const {
        const P* b = nullptr;
        double bd = std::numeric_limits<double>::infinity();
        nn(root.get(), x, y, b, bd);
        return b;
    }

    size_t size() const { return n; }
};
