#pragma once

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace linalg {

class Matrix {
public:
    Matrix() = default;

    Matrix(std::size_t rows, std::size_t cols, double fill = 0.0)
        : rows_(rows), cols_(cols), data_(rows * cols, fill) {}

    Matrix(std::initializer_list<std::initializer_list<double>> init) {
        rows_ = init.size();
        cols_ = rows_ ? init.begin()->size() : 0;
        data_.reserve(rows_ * cols_);
        for (const auto& row : init) {
            if (row.size() != cols_) {
                throw std::invalid_argument("Matrix: ragged initializer list");
            }
            data_.insert(data_.end(), row.begin(), row.end());
        }
    }

    static Matrix identity(std::size_t n) {
        Matrix m(n, n);
        for (std::size_t i = 0; i < n; ++i) m(i, i) = 1.0;
        return m;
    }

    std::size_t rows() const noexcept { return rows_; }
    std::size_t cols() const noexcept { return cols_; }
    bool square() const noexcept { return rows_ == cols_; }

    double& operator()(std::size_t r, std::size_t c) { return data_[r * cols_ + c]; }
    double operator()(std::size_t r, std::size_t c) const { return data_[r * cols_ + c]; }

    double at(std::size_t r, std::size_t c) const {
        if (r >= rows_ || c >= cols_) throw std::out_of_range("Matrix::at");
        return (*this)(r, c);
    }

    Matrix transpose() const {
        Matrix t(cols_, rows_);
        for (std::size_t r = 0; r < rows_; ++r)
            for (std::size_t c = 0; c < cols_; ++c) t(c, r) = (*this)(r, c);
        return t;
    }

    Matrix operator+(const Matrix& o) const {
        require_same_shape(o);
        Matrix out(*this);
        for (std::size_t i = 0; i < data_.size(); ++i) out.data_[i] += o.data_[i];
        return out;
    }

    Matrix operator-(const Matrix& o) const {
        require_same_shape(o);
        Matrix out(*this);
        for (std::size_t i = 0; i < data_.size(); ++i) out.data_[i] -= o.data_[i];
        return out;
    }

    Matrix operator*(double k) const {
        Matrix out(*this);
        for (auto& v : out.data_) v *= k;
        return out;
    }

    Matrix operator*(const Matrix& o) const {
        if (cols_ != o.rows_) throw std::invalid_argument("Matrix: inner dimensions differ");
        Matrix out(rows_, o.cols_);
        for (std::size_t i = 0; i < rows_; ++i)
            for (std::size_t k = 0; k < cols_; ++k) {
                const double a = (*this)(i, k);
                for (std::size_t j = 0; j < o.cols_; ++j) out(i, j) += a * o(k, j);
            }
        return out;
    }

    // Determinant by Gaussian elimination with partial pivoting.
    double determinant() const {
        if (!square()) throw std::logic_error("Matrix: determinant of non-square matrix");
        Matrix m(*this);
        double det = 1.0;
        for (std::size_t col = 0; col < cols_; ++col) {
            std::size_t pivot = col;
            for (std::size_t r = col + 1; r < rows_; ++r)
                if (std::fabs(m(r, col)) > std::fabs(m(pivot, col))) pivot = r;
            if (std::fabs(m(pivot, col)) < 1e-12) return 0.0;
            if (pivot != col) {
                m.swap_rows(pivot, col);
                det = -det;
            }
            det *= m(col, col);
            for (std::size_t r = col + 1; r < rows_; ++r) {
                const double f = m(r, col) / m(col, col);
                for (std::size_t c = col; c < cols_; ++c) m(r, c) -= f * m(col, c);
            }
        }
        return det;
    }

    // Inverse by Gauss-Jordan elimination; throws std::domain_error when singular.
    Matrix inverse() const {
        if (!square()) throw std::logic_error("Matrix: inverse of non-square matrix");
        const std::size_t n = rows_;
        Matrix a(*this);
        Matrix inv = identity(n);
        for (std::size_t col = 0; col < n; ++col) {
            std::size_t pivot = col;
            for (std::size_t r = col + 1; r < n; ++r)
                if (std::fabs(a(r, col)) > std::fabs(a(pivot, col))) pivot = r;
            if (std::fabs(a(pivot, col)) < 1e-12) throw std::domain_error("Matrix: singular");
            a.swap_rows(pivot, col);
            inv.swap_rows(pivot, col);
            const double p = a(col, col);
            for (std::size_t c = 0; c < n; ++c) {
                a(col, c) /= p;
                inv(col, c) /= p;
            }
            for (std::size_t r = 0; r < n; ++r) {
                if (r == col) continue;
                const double f = a(r, col);
                for (std::size_t c = 0; c < n; ++c) {
                    a(r, c) -= f * a(col, c);
                    inv(r, c) -= f * inv(col, c);
                }
            }
        }
        return inv;
    }

    bool approx_equal(const Matrix& o, double eps = 1e-9) const {
        if (rows_ != o.rows_ || cols_ != o.cols_) return false;
        for (std::size_t i = 0; i < data_.size(); ++i)
            if (std::fabs(data_[i] - o.data_[i]) > eps) return false;
        return true;
    }

    bool operator==(const Matrix& o) const {
        return rows_ == o.rows_ && cols_ == o.cols_ && data_ == o.data_;
    }

    friend std::ostream& operator<<(std::ostream& os, const Matrix& m) {
        os << '[';
        for (std::size_t r = 0; r < m.rows_; ++r) {
            os << (r ? "; " : "");
            for (std::size_t c = 0; c < m.cols_; ++c) os << (c ? " " : "") << m(r, c);
        }
        return os << ']';
    }

private:
    void require_same_shape(const Matrix& o) const {
        if (rows_ != o.rows_ || cols_ != o.cols_) throw std::invalid_argument("Matrix: shape mismatch");
    }

    void swap_rows(std::size_t a, std::size_t b) {
        if (a == b) return;
        for (std::size_t c = 0; c < cols_; ++c) std::swap((*this)(a, c), (*this)(b, c));
    }

    std::size_t rows_ = 0;
    std::size_t cols_ = 0;
    std::vector<double> data_;
};

inline Matrix operator*(double k, const Matrix& m) { return m * k; }

}  // namespace linalg
