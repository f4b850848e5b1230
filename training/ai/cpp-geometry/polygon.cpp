#include "polygon.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace geometry {

namespace {

// Cross product of vectors OA and OB; positive when O->A->B turns counter-clockwise.
double cross(const Point& o, const Point& a, const Point& b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

}  // namespace

Polygon::Polygon(std::vector<Point> vertices) : vertices_(std::move(vertices)) {
    if (vertices_.size() < 3) {
        throw std::invalid_argument("A polygon needs at least three vertices");
    }
}

double Polygon::area() const {
    // Shoelace formula: sum of cross products of consecutive vertices.
    double sum = 0.0;
    for (std::size_t i = 0; i < vertices_.size(); ++i) {
        const auto& current = vertices_[i];
        const auto& next = vertices_[(i + 1) % vertices_.size()];
        sum += current.x * next.y - next.x * current.y;
    }
    return std::abs(sum) / 2.0;
}

double Polygon::perimeter() const {
    double total = 0.0;
    for (std::size_t i = 0; i < vertices_.size(); ++i) {
        total += distance(vertices_[i], vertices_[(i + 1) % vertices_.size()]);
    }
    return total;
}

bool Polygon::contains(const Point& p) const {
    // Ray casting: count how many edges a horizontal ray from p crosses.
    bool inside = false;
    for (std::size_t i = 0, j = vertices_.size() - 1; i < vertices_.size(); j = i++) {
        const auto& a = vertices_[i];
        const auto& b = vertices_[j];
        const bool crosses = (a.y > p.y) != (b.y > p.y);
        if (crosses && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) {
            inside = !inside;
        }
    }
    return inside;
}

Polygon convex_hull(std::vector<Point> points) {
    if (points.size() < 3) {
        throw std::invalid_argument("Need at least three points to build a hull");
    }

    // Andrew's monotone chain algorithm, O(n log n).
    std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) {
        return a.x < b.x || (a.x == b.x && a.y < b.y);
    });

    std::vector<Point> hull(2 * points.size());
    std::size_t k = 0;

    // Build the lower hull.
    for (const auto& p : points) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) {
            --k;
        }
        hull[k++] = p;
    }

    // Build the upper hull.
    for (auto it = points.rbegin() + 1, lower_size = k + 1; it != points.rend(); ++it) {
        while (k >= lower_size && cross(hull[k - 2], hull[k - 1], *it) <= 0) {
            --k;
        }
        hull[k++] = *it;
    }

    hull.resize(k - 1);
    return Polygon(std::move(hull));
}

double distance(const Point& a, const Point& b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

}  // namespace geometry
