#include "matrix.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <tuple>

using linalg::Matrix;

namespace {

::testing::AssertionResult MatricesNear(const Matrix& expected, const Matrix& actual, double eps = 1e-9) {
    if (expected.approx_equal(actual, eps)) return ::testing::AssertionSuccess();
    std::ostringstream os;
    os << "expected " << expected << " but got " << actual;
    return ::testing::AssertionFailure() << os.str();
}

}  // namespace

TEST(MatrixConstruction, DefaultIsEmpty) {
    Matrix m;
    EXPECT_EQ(m.rows(), 0u);
    EXPECT_EQ(m.cols(), 0u);
}

TEST(MatrixConstruction, FillConstructorSetsEveryElement) {
    Matrix m(2, 3, 1.5);
    ASSERT_EQ(m.rows(), 2u);
    ASSERT_EQ(m.cols(), 3u);
    for (std::size_t r = 0; r < 2; ++r)
        for (std::size_t c = 0; c < 3; ++c) EXPECT_DOUBLE_EQ(m(r, c), 1.5);
}

TEST(MatrixConstruction, InitializerListIsRowMajor) {
    Matrix m{{1, 2, 3}, {4, 5, 6}};
    EXPECT_DOUBLE_EQ(m(0, 2), 3.0);
    EXPECT_DOUBLE_EQ(m(1, 0), 4.0);
}

TEST(MatrixConstruction, RaggedInitializerListThrows) {
    EXPECT_THROW((Matrix{{1, 2}, {3}}), std::invalid_argument);
}

TEST(MatrixConstruction, IdentityHasOnesOnDiagonal) {
    EXPECT_EQ(Matrix::identity(3), (Matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
}

TEST(MatrixAccess, AtThrowsWhenOutOfRange) {
    Matrix m(2, 2);
    EXPECT_NO_THROW(m.at(1, 1));
    EXPECT_THROW(m.at(2, 0), std::out_of_range);
    EXPECT_THROW(m.at(0, 2), std::out_of_range);
}

TEST(MatrixArithmetic, AdditionAndSubtraction) {
    Matrix a{{1, 2}, {3, 4}};
    Matrix b{{5, 6}, {7, 8}};
    EXPECT_EQ(a + b, (Matrix{{6, 8}, {10, 12}}));
    EXPECT_EQ(b - a, (Matrix{{4, 4}, {4, 4}}));
}

TEST(MatrixArithmetic, ShapeMismatchThrows) {
    Matrix a(2, 2);
    Matrix b(2, 3);
    EXPECT_THROW(a + b, std::invalid_argument);
    EXPECT_THROW(a - b, std::invalid_argument);
}

TEST(MatrixArithmetic, ScalarMultiplicationIsCommutative) {
    Matrix a{{1, -2}, {0.5, 4}};
    EXPECT_EQ(a * 2.0, 2.0 * a);
    EXPECT_EQ(a * 2.0, (Matrix{{2, -4}, {1, 8}}));
}

TEST(MatrixArithmetic, ProductOfNonSquareMatrices) {
    Matrix a{{1, 2, 3}, {4, 5, 6}};     // 2x3
    Matrix b{{7, 8}, {9, 10}, {11, 12}};  // 3x2
    Matrix expected{{58, 64}, {139, 154}};
    EXPECT_EQ(a * b, expected);
}

TEST(MatrixArithmetic, ProductWithIncompatibleShapesThrows) {
    Matrix a(2, 3);
    Matrix b(2, 3);
    EXPECT_THROW(a * b, std::invalid_argument);
}

TEST(MatrixArithmetic, IdentityIsMultiplicativeNeutral) {
    Matrix a{{2, 7}, {1, 8}};
    EXPECT_EQ(a * Matrix::identity(2), a);
    EXPECT_EQ(Matrix::identity(2) * a, a);
}

TEST(MatrixTranspose, SwapsRowsAndColumns) {
    Matrix a{{1, 2, 3}, {4, 5, 6}};
    Matrix t = a.transpose();
    EXPECT_EQ(t.rows(), 3u);
    EXPECT_EQ(t.cols(), 2u);
    EXPECT_EQ(t, (Matrix{{1, 4}, {2, 5}, {3, 6}}));
    EXPECT_EQ(t.transpose(), a);
}

// Determinant: (matrix, expected determinant)
class DeterminantTest : public ::testing::TestWithParam<std::tuple<Matrix, double>> {};

TEST_P(DeterminantTest, MatchesExpected) {
    const auto& [m, expected] = GetParam();
    EXPECT_NEAR(m.determinant(), expected, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(
    KnownValues, DeterminantTest,
    ::testing::Values(
        std::make_tuple(Matrix{{5}}, 5.0),
        std::make_tuple(Matrix{{1, 2}, {3, 4}}, -2.0),
        std::make_tuple(Matrix{{0, 1}, {1, 0}}, -1.0),  // needs a pivot swap
        std::make_tuple(Matrix{{2, 0, 0}, {0, 3, 0}, {0, 0, 4}}, 24.0),
        std::make_tuple(Matrix{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, 0.0),  // singular
        std::make_tuple(Matrix{{6, 1, 1}, {4, -2, 5}, {2, 8, 7}}, -306.0)));

TEST(MatrixDeterminant, NonSquareThrows) {
    EXPECT_THROW(Matrix(2, 3).determinant(), std::logic_error);
}

TEST(MatrixInverse, InverseTimesOriginalIsIdentity) {
    Matrix a{{4, 7}, {2, 6}};
    Matrix inv = a.inverse();
    EXPECT_TRUE(MatricesNear(Matrix{{0.6, -0.7}, {-0.2, 0.4}}, inv));
    EXPECT_TRUE(MatricesNear(Matrix::identity(2), a * inv));
    EXPECT_TRUE(MatricesNear(Matrix::identity(2), inv * a));
}

TEST(MatrixInverse, ThreeByThreeWithPivoting) {
    Matrix a{{0, 2, 1}, {1, 0, 0}, {3, 0, 1}};
    EXPECT_TRUE(MatricesNear(Matrix::identity(3), a * a.inverse()));
}

TEST(MatrixInverse, SingularMatrixThrows) {
    Matrix a{{1, 2}, {2, 4}};
    EXPECT_THROW(a.inverse(), std::domain_error);
}

TEST(MatrixInverse, NonSquareThrows) {
    EXPECT_THROW(Matrix(3, 2).inverse(), std::logic_error);
}

TEST(MatrixOutput, StreamsRowsSeparatedBySemicolons) {
    std::ostringstream os;
    os << Matrix{{1, 2}, {3, 4}};
    EXPECT_EQ(os.str(), "[1 2; 3 4]");
}

TEST(MatrixComparison, ApproxEqualRespectsTolerance) {
    Matrix a{{1.0, 2.0}};
    Matrix b{{1.0 + 1e-12, 2.0 - 1e-12}};
    EXPECT_FALSE(a == b);
    EXPECT_TRUE(a.approx_equal(b));
    EXPECT_FALSE(a.approx_equal(b, 1e-15));
    EXPECT_FALSE(a.approx_equal(Matrix(2, 1)));
}
