//! Iterative solvers for sparse linear systems.

use crate::{CsrMatrix, SparseError};

/// Settings for [`conjugate_gradient`].
#[derive(Debug, Clone, Copy)]
pub struct CgOptions {
    /// Stop when the residual norm falls below `tolerance * ||b||`.
    pub tolerance: f64,
    /// Give up after this many iterations.
    pub max_iterations: usize,
    /// Scale by the inverse diagonal (Jacobi preconditioning). This is cheap
    /// and helps a lot when the diagonal entries vary in magnitude.
    pub jacobi: bool,
}

impl Default for CgOptions {
    fn default() -> Self {
        CgOptions {
            tolerance: 1e-10,
            max_iterations: 1000,
            jacobi: true,
        }
    }
}

/// The result of a successful solve.
#[derive(Debug, Clone)]
pub struct Solution {
    pub x: Vec<f64>,
    pub iterations: usize,
    /// Final residual norm `||b - A x||`.
    pub residual: f64,
}

/// Why a solve failed.
#[derive(Debug, Clone, PartialEq)]
pub enum SolveError {
    /// The matrix or right-hand side had the wrong shape.
    Shape(SparseError),
    /// The matrix is not square.
    NotSquare { rows: usize, cols: usize },
    /// A zero diagonal entry makes Jacobi preconditioning impossible.
    ZeroDiagonal(usize),
    /// `p' A p` was not positive, so the matrix is not positive definite.
    NotPositiveDefinite,
    /// The iteration limit was reached first.
    NoConvergence { iterations: usize, residual: f64 },
}

impl std::fmt::Display for SolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SolveError::Shape(e) => write!(f, "{e}"),
            SolveError::NotSquare { rows, cols } => {
                write!(f, "matrix must be square, got {rows}x{cols}")
            }
            SolveError::ZeroDiagonal(i) => write!(f, "diagonal entry {i} is zero"),
            SolveError::NotPositiveDefinite => f.write_str("matrix is not positive definite"),
            SolveError::NoConvergence {
                iterations,
                residual,
            } => write!(
                f,
                "no convergence after {iterations} iterations (residual {residual:e})"
            ),
        }
    }
}

impl std::error::Error for SolveError {}

impl From<SparseError> for SolveError {
    fn from(e: SparseError) -> Self {
        SolveError::Shape(e)
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(a: &[f64]) -> f64 {
    dot(a, a).sqrt()
}

/// Solves `A x = b` for a symmetric positive-definite `A` with the
/// (optionally preconditioned) conjugate gradient method, starting from zero.
///
/// # Errors
///
/// See [`SolveError`]. Symmetry is not checked, since that costs as much as
/// several iterations; a non-symmetric input usually shows up as
/// `NotPositiveDefinite` or `NoConvergence`.
pub fn conjugate_gradient(
    a: &CsrMatrix,
    b: &[f64],
    opts: CgOptions,
) -> Result<Solution, SolveError> {
    if a.rows() != a.cols() {
        return Err(SolveError::NotSquare {
            rows: a.rows(),
            cols: a.cols(),
        });
    }
    if b.len() != a.rows() {
        return Err(SparseError::DimensionMismatch {
            expected: a.rows(),
            found: b.len(),
        }
        .into());
    }

    // M^-1 for Jacobi, or all ones when preconditioning is off.
    let inv_diag: Vec<f64> = if opts.jacobi {
        a.diagonal()
            .iter()
            .enumerate()
            .map(|(i, &d)| {
                if d == 0.0 {
                    Err(SolveError::ZeroDiagonal(i))
                } else {
                    Ok(1.0 / d)
                }
            })
            .collect::<Result<_, _>>()?
    } else {
        vec![1.0; a.rows()]
    };

    let n = a.rows();
    let b_norm = norm(b);
    // A zero right-hand side has the exact solution zero.
    if b_norm == 0.0 {
        return Ok(Solution {
            x: vec![0.0; n],
            iterations: 0,
            residual: 0.0,
        });
    }
    let target = opts.tolerance * b_norm;

    let mut x = vec![0.0; n];
    let mut r = b.to_vec(); // r = b - A*0
    let mut z: Vec<f64> = r.iter().zip(&inv_diag).map(|(ri, m)| ri * m).collect();
    let mut p = z.clone();
    let mut rz = dot(&r, &z);

    for k in 0..opts.max_iterations {
        let res = norm(&r);
        if res <= target {
            return Ok(Solution {
                x,
                iterations: k,
                residual: res,
            });
        }

        let ap = a.mul_vec(&p)?;
        let pap = dot(&p, &ap);
        if pap <= 0.0 {
            return Err(SolveError::NotPositiveDefinite);
        }
        let alpha = rz / pap;

        for i in 0..n {
            x[i] += alpha * p[i];
            r[i] -= alpha * ap[i];
        }
        for i in 0..n {
            z[i] = r[i] * inv_diag[i];
        }

        let rz_next = dot(&r, &z);
        let beta = rz_next / rz;
        rz = rz_next;
        for i in 0..n {
            p[i] = z[i] + beta * p[i];
        }
    }

    let residual = norm(&r);
    if residual <= target {
        Ok(Solution {
            x,
            iterations: opts.max_iterations,
            residual,
        })
    } else {
        Err(SolveError::NoConvergence {
            iterations: opts.max_iterations,
            residual,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 1-D Laplacian: 2 on the diagonal, -1 beside it. Symmetric positive definite.
    fn laplacian(n: usize) -> CsrMatrix {
        let mut t = Vec::new();
        for i in 0..n {
            t.push((i, i, 2.0));
            if i + 1 < n {
                t.push((i, i + 1, -1.0));
                t.push((i + 1, i, -1.0));
            }
        }
        CsrMatrix::from_triplets(n, n, &t).unwrap()
    }

    #[test]
    fn solves_laplacian() {
        let a = laplacian(50);
        assert!(a.is_symmetric(0.0));
        let b = vec![1.0; 50];
        let sol = conjugate_gradient(&a, &b, CgOptions::default()).unwrap();
        let ax = a.mul_vec(&sol.x).unwrap();
        for (l, r) in ax.iter().zip(&b) {
            assert!((l - r).abs() < 1e-8);
        }
        // CG converges in at most n steps in exact arithmetic.
        assert!(sol.iterations <= 50);
    }

    #[test]
    fn detects_indefinite_matrix() {
        let a = CsrMatrix::from_triplets(2, 2, &[(0, 0, 1.0), (1, 1, -1.0)]).unwrap();
        let opts = CgOptions {
            jacobi: false,
            ..Default::default()
        };
        assert_eq!(
            conjugate_gradient(&a, &[0.0, 1.0], opts).unwrap_err(),
            SolveError::NotPositiveDefinite
        );
    }

    #[test]
    fn zero_rhs_and_zero_diagonal() {
        let a = laplacian(3);
        assert_eq!(
            conjugate_gradient(&a, &[0.0; 3], CgOptions::default())
                .unwrap()
                .x,
            vec![0.0; 3]
        );
        let z = CsrMatrix::from_triplets(2, 2, &[(0, 1, 1.0), (1, 0, 1.0)]).unwrap();
        assert_eq!(
            conjugate_gradient(&z, &[1.0, 1.0], CgOptions::default()).unwrap_err(),
            SolveError::ZeroDiagonal(0)
        );
    }
}
