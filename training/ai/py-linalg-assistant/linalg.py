"""
Small dense linear algebra in pure Python.

Useful when NumPy is not available (embedded interpreters, restricted
environments) and the matrices are small: up to a few hundred rows.

Matrices are lists of lists of floats in row-major order. All functions
return new objects and never modify their inputs.
"""

from __future__ import annotations

import math
from typing import Sequence

Vector = list[float]
Matrix = list[list[float]]

# Pivots smaller than this (relative to the matrix scale) are treated as zero.
DEFAULT_TOLERANCE = 1e-12


class SingularMatrixError(ArithmeticError):
    """Raised when a matrix cannot be inverted or a system has no unique solution."""


def _check_matrix(a: Sequence[Sequence[float]], name: str = "matrix") -> tuple[int, int]:
    """Validate that ``a`` is a non-empty rectangular matrix and return its shape."""
    if not a or not a[0]:
        raise ValueError(f"{name} must be non-empty")
    cols = len(a[0])
    for i, row in enumerate(a):
        if len(row) != cols:
            raise ValueError(f"{name} row {i} has {len(row)} columns, expected {cols}")
    return len(a), cols


def identity(n: int) -> Matrix:
    """Return the ``n`` x ``n`` identity matrix."""
    if n <= 0:
        raise ValueError("n must be positive")
    return [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]


def transpose(a: Sequence[Sequence[float]]) -> Matrix:
    """Return the transpose of ``a``."""
    _check_matrix(a)
    return [list(col) for col in zip(*a)]


def matmul(a: Sequence[Sequence[float]], b: Sequence[Sequence[float]]) -> Matrix:
    """Multiply two matrices."""
    n, m = _check_matrix(a, "a")
    m2, p = _check_matrix(b, "b")
    if m != m2:
        raise ValueError(f"shape mismatch: ({n}x{m}) @ ({m2}x{p})")
    bt = transpose(b)
    # math.fsum keeps the rounding error of each dot product small.
    return [[math.fsum(x * y for x, y in zip(row, col)) for col in bt] for row in a]


def matvec(a: Sequence[Sequence[float]], x: Sequence[float]) -> Vector:
    """Multiply a matrix by a vector."""
    _, m = _check_matrix(a)
    if len(x) != m:
        raise ValueError(f"vector has length {len(x)}, expected {m}")
    return [math.fsum(r * v for r, v in zip(row, x)) for row in a]


class LU:
    """
    LU decomposition with partial pivoting: ``P @ A = L @ U``.

    The factors are stored compactly in one matrix (``L`` below the diagonal
    with an implied unit diagonal, ``U`` on and above it), together with the
    row permutation. Decompose once, then solve for many right-hand sides.

    Example:
        >>> lu = LU([[2.0, 1.0], [4.0, 3.0]])
        >>> lu.solve([3.0, 7.0])
        [1.0, 1.0]
    """

    def __init__(self, a: Sequence[Sequence[float]], tolerance: float = DEFAULT_TOLERANCE):
        n, m = _check_matrix(a)
        if n != m:
            raise ValueError(f"LU requires a square matrix, got {n}x{m}")

        self.n = n
        self.lu: Matrix = [list(map(float, row)) for row in a]
        self.perm: list[int] = list(range(n))
        self.swaps = 0

        # Scale the tolerance by the largest entry so that the singularity
        # test does not depend on the units the caller used.
        scale = max((abs(v) for row in self.lu for v in row), default=0.0)
        self.singular = scale == 0.0
        threshold = tolerance * scale

        lu = self.lu
        for k in range(n):
            # Partial pivoting: bring the largest remaining entry of column k
            # to the diagonal to keep the elimination numerically stable.
            pivot_row = max(range(k, n), key=lambda i: abs(lu[i][k]))
            if abs(lu[pivot_row][k]) <= threshold:
                self.singular = True
                continue
            if pivot_row != k:
                lu[k], lu[pivot_row] = lu[pivot_row], lu[k]
                self.perm[k], self.perm[pivot_row] = self.perm[pivot_row], self.perm[k]
                self.swaps += 1

            pivot = lu[k][k]
            for i in range(k + 1, n):
                factor = lu[i][k] / pivot
                lu[i][k] = factor
                if factor:
                    for j in range(k + 1, n):
                        lu[i][j] -= factor * lu[k][j]

    def determinant(self) -> float:
        """Return det(A); zero if the matrix is (numerically) singular."""
        if self.singular:
            return 0.0
        det = -1.0 if self.swaps % 2 else 1.0
        for i in range(self.n):
            det *= self.lu[i][i]
        return det

    def solve(self, b: Sequence[float]) -> Vector:
        """
        Solve ``A x = b`` for ``x``.

        Raises:
            SingularMatrixError: if ``A`` is singular.
            ValueError: if ``b`` has the wrong length.
        """
        if self.singular:
            raise SingularMatrixError("matrix is singular")
        if len(b) != self.n:
            raise ValueError(f"b has length {len(b)}, expected {self.n}")

        lu, n = self.lu, self.n
        # Forward substitution with the unit lower triangle (L y = P b).
        y = [float(b[p]) for p in self.perm]
        for i in range(n):
            y[i] -= math.fsum(lu[i][j] * y[j] for j in range(i))
        # Back substitution with the upper triangle (U x = y).
        x = [0.0] * n
        for i in reversed(range(n)):
            s = math.fsum(lu[i][j] * x[j] for j in range(i + 1, n))
            x[i] = (y[i] - s) / lu[i][i]
        return x

    def inverse(self) -> Matrix:
        """Return A⁻¹ by solving for each column of the identity."""
        cols = [self.solve(e) for e in identity(self.n)]
        return transpose(cols)


def solve(a: Sequence[Sequence[float]], b: Sequence[float]) -> Vector:
    """Convenience wrapper: solve ``A x = b`` with a fresh LU decomposition."""
    return LU(a).solve(b)


def det(a: Sequence[Sequence[float]]) -> float:
    """Determinant of a square matrix."""
    return LU(a).determinant()


def inverse(a: Sequence[Sequence[float]]) -> Matrix:
    """Inverse of a square matrix; raises SingularMatrixError if there is none."""
    return LU(a).inverse()


def lstsq(a: Sequence[Sequence[float]], b: Sequence[float]) -> Vector:
    """
    Least-squares solution of an over-determined system via the normal equations.

    Note:
        The normal equations square the condition number of ``A``. That is
        fine for well-conditioned problems such as fitting a low-degree
        polynomial to a modest number of points; for ill-conditioned
        problems use a QR-based solver instead.
    """
    n, m = _check_matrix(a)
    if n < m:
        raise ValueError("lstsq needs at least as many rows as columns")
    if len(b) != n:
        raise ValueError(f"b has length {len(b)}, expected {n}")
    at = transpose(a)
    return solve(matmul(at, a), matvec(at, b))


def polyfit(xs: Sequence[float], ys: Sequence[float], degree: int) -> Vector:
    """
    Fit a polynomial of the given degree; returns coefficients, lowest power first.

    Example:
        >>> [round(c, 6) for c in polyfit([0, 1, 2, 3], [1, 3, 5, 7], 1)]
        [1.0, 2.0]
    """
    if degree < 0:
        raise ValueError("degree must be non-negative")
    if len(xs) != len(ys):
        raise ValueError("xs and ys must have the same length")
    if len(xs) <= degree:
        raise ValueError("need more points than the polynomial degree")
    vandermonde = [[float(x) ** p for p in range(degree + 1)] for x in xs]
    return lstsq(vandermonde, ys)
