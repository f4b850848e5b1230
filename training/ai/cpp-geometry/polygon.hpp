#pragma once

#include <vector>

namespace geometry {

/// A point in the 2D plane.
struct Point {
    double x{0.0};
    double y{0.0};

    bool operator==(const Point& other) const = default;
};

/// A simple (non-self-intersecting) polygon defined by its vertices in order.
class Polygon {
public:
    /// Constructs a polygon; throws std::invalid_argument for fewer than 3 vertices.
    explicit Polygon(std::vector<Point> vertices);

    /// Returns the area using the shoelace formula.
    [[nodiscard]] double area() const;

    /// Returns the total length of all edges.
    [[nodiscard]] double perimeter() const;

    /// Returns true if the point lies strictly inside the polygon.
    [[nodiscard]] bool contains(const Point& p) const;

    [[nodiscard]] const std::vector<Point>& vertices() const noexcept { return vertices_; }

private:
    std::vector<Point> vertices_;
};

/// Euclidean distance between two points.
[[nodiscard]] double distance(const Point& a, const Point& b);

/// Computes the convex hull of a set of points (counter-clockwise order).
[[nodiscard]] Polygon convex_hull(std::vector<Point> points);

}  // namespace geometry
