//! Sparse matrices in compressed sparse row (CSR) form, plus an iterative
//! solver in [`solve`].
//!
//! A CSR matrix stores only its non-zero entries, row by row. For a matrix with
//! `nnz` non-zeros and `rows` rows the layout is:
//!
//! * `values`:  the non-zero values, length `nnz`
//! * `col_idx`: the column of each value, length `nnz`
//! * `row_ptr`: where each row starts in `values`, length `rows + 1`
//!
//! so the entries of row `r` are `values[row_ptr[r]..row_ptr[r + 1]]`.

use std::fmt;

pub mod solve;

pub use solve::{conjugate_gradient, CgOptions, Solution, SolveError};

/// Errors that can occur while building or using a sparse matrix.
#[derive(Debug, Clone, PartialEq)]
pub enum SparseError {
    /// A triplet referred to a row or column outside the matrix.
    OutOfBounds {
        row: usize,
        col: usize,
        rows: usize,
        cols: usize,
    },
    /// Two operands had incompatible shapes.
    DimensionMismatch { expected: usize, found: usize },
    /// A value was NaN or infinite.
    NonFinite { row: usize, col: usize },
}

impl fmt::Display for SparseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SparseError::OutOfBounds {
                row,
                col,
                rows,
                cols,
            } => write!(f, "entry ({row}, {col}) is outside a {rows}x{cols} matrix"),
            SparseError::DimensionMismatch { expected, found } => {
                write!(f, "dimension mismatch: expected {expected}, found {found}")
            }
            SparseError::NonFinite { row, col } => {
                write!(f, "entry ({row}, {col}) is not a finite number")
            }
        }
    }
}

impl std::error::Error for SparseError {}

/// A sparse matrix of `f64` values in compressed sparse row format.
#[derive(Debug, Clone, PartialEq)]
pub struct CsrMatrix {
    rows: usize,
    cols: usize,
    row_ptr: Vec<usize>,
    col_idx: Vec<usize>,
    values: Vec<f64>,
}

impl CsrMatrix {
    /// Builds a matrix from `(row, col, value)` triplets.
    ///
    /// Triplets may come in any order. Duplicate coordinates are summed, which
    /// is the usual convention when assembling finite-element or graph
    /// matrices. Entries that sum to exactly zero are dropped.
    ///
    /// # Errors
    ///
    /// Returns [`SparseError::OutOfBounds`] if a coordinate does not fit in a
    /// `rows` x `cols` matrix and [`SparseError::NonFinite`] for NaN or
    /// infinite values.
    pub fn from_triplets(
        rows: usize,
        cols: usize,
        triplets: &[(usize, usize, f64)],
    ) -> Result<Self, SparseError> {
        // Validate everything up front so we never build a half-valid matrix.
        for &(row, col, value) in triplets {
            if row >= rows || col >= cols {
                return Err(SparseError::OutOfBounds {
                    row,
                    col,
                    rows,
                    cols,
                });
            }
            if !value.is_finite() {
                return Err(SparseError::NonFinite { row, col });
            }
        }

        // Sort a copy by (row, col) so each row's entries are contiguous and
        // duplicates are adjacent.
        let mut sorted = triplets.to_vec();
        sorted.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));

        let mut row_ptr = vec![0; rows + 1];
        let mut col_idx = Vec::with_capacity(sorted.len());
        let mut values: Vec<f64> = Vec::with_capacity(sorted.len());
        let mut last: Option<(usize, usize)> = None;

        for (row, col, value) in sorted {
            if last == Some((row, col)) {
                // Same coordinate as the previous triplet: accumulate.
                *values.last_mut().expect("a previous entry exists") += value;
                continue;
            }
            col_idx.push(col);
            values.push(value);
            row_ptr[row + 1] += 1;
            last = Some((row, col));
        }

        // Turn per-row counts into running offsets.
        for r in 0..rows {
            row_ptr[r + 1] += row_ptr[r];
        }

        let mut m = CsrMatrix {
            rows,
            cols,
            row_ptr,
            col_idx,
            values,
        };
        m.prune_zeros();
        Ok(m)
    }

    /// An `n` x `n` identity matrix.
    pub fn identity(n: usize) -> Self {
        CsrMatrix {
            rows: n,
            cols: n,
            row_ptr: (0..=n).collect(),
            col_idx: (0..n).collect(),
            values: vec![1.0; n],
        }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of stored (non-zero) entries.
    pub fn nnz(&self) -> usize {
        self.values.len()
    }

    /// Returns the value at `(row, col)`, or `0.0` if nothing is stored there.
    ///
    /// Column indices within a row are sorted, so this is a binary search.
    ///
    /// # Panics
    ///
    /// Panics if `row` or `col` is out of bounds.
    pub fn get(&self, row: usize, col: usize) -> f64 {
        assert!(row < self.rows && col < self.cols, "index out of bounds");
        let range = self.row_ptr[row]..self.row_ptr[row + 1];
        match self.col_idx[range.clone()].binary_search(&col) {
            Ok(pos) => self.values[range.start + pos],
            Err(_) => 0.0,
        }
    }

    /// Iterates over the stored entries of one row as `(col, value)` pairs.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.row_ptr[row]..self.row_ptr[row + 1];
        self.col_idx[range.clone()]
            .iter()
            .copied()
            .zip(self.values[range].iter().copied())
    }

    /// Computes the matrix-vector product `A * x`.
    ///
    /// # Errors
    ///
    /// Returns [`SparseError::DimensionMismatch`] if `x.len() != self.cols()`.
    pub fn mul_vec(&self, x: &[f64]) -> Result<Vec<f64>, SparseError> {
        if x.len() != self.cols {
            return Err(SparseError::DimensionMismatch {
                expected: self.cols,
                found: x.len(),
            });
        }
        let y = (0..self.rows)
            .map(|r| self.row(r).map(|(c, v)| v * x[c]).sum())
            .collect();
        Ok(y)
    }

    /// Returns the transpose of this matrix.
    ///
    /// This is a counting sort over column indices, so it runs in
    /// `O(nnz + cols)` time and keeps each output row sorted.
    pub fn transpose(&self) -> CsrMatrix {
        let mut row_ptr = vec![0; self.cols + 1];
        for &c in &self.col_idx {
            row_ptr[c + 1] += 1;
        }
        for c in 0..self.cols {
            row_ptr[c + 1] += row_ptr[c];
        }

        // `next[c]` is where the next entry of output row `c` goes.
        let mut next = row_ptr.clone();
        let mut col_idx = vec![0; self.nnz()];
        let mut values = vec![0.0; self.nnz()];
        for r in 0..self.rows {
            for (c, v) in self.row(r) {
                let dst = next[c];
                col_idx[dst] = r;
                values[dst] = v;
                next[c] += 1;
            }
        }

        CsrMatrix {
            rows: self.cols,
            cols: self.rows,
            row_ptr,
            col_idx,
            values,
        }
    }

    /// Returns `true` if the matrix equals its transpose within `tol`.
    pub fn is_symmetric(&self, tol: f64) -> bool {
        if self.rows != self.cols {
            return false;
        }
        (0..self.rows).all(|r| self.row(r).all(|(c, v)| (v - self.get(c, r)).abs() <= tol))
    }

    /// The diagonal entries, with `0.0` where none is stored.
    pub fn diagonal(&self) -> Vec<f64> {
        (0..self.rows.min(self.cols))
            .map(|i| self.get(i, i))
            .collect()
    }

    /// Removes stored entries equal to zero and rebuilds `row_ptr`.
    fn prune_zeros(&mut self) {
        let mut write = 0;
        let mut new_ptr = vec![0; self.rows + 1];
        for r in 0..self.rows {
            for read in self.row_ptr[r]..self.row_ptr[r + 1] {
                if self.values[read] != 0.0 {
                    self.values[write] = self.values[read];
                    self.col_idx[write] = self.col_idx[read];
                    write += 1;
                }
            }
            new_ptr[r + 1] = write;
        }
        self.values.truncate(write);
        self.col_idx.truncate(write);
        self.row_ptr = new_ptr;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_summed_and_zeros_dropped() {
        let m =
            CsrMatrix::from_triplets(2, 2, &[(0, 0, 1.0), (0, 0, 2.0), (1, 1, 5.0), (1, 1, -5.0)])
                .unwrap();
        assert_eq!(m.get(0, 0), 3.0);
        assert_eq!(m.nnz(), 1);
    }

    #[test]
    fn transpose_round_trips() {
        let m = CsrMatrix::from_triplets(2, 3, &[(0, 2, 1.5), (1, 0, -2.0), (1, 2, 4.0)]).unwrap();
        let t = m.transpose();
        assert_eq!((t.rows(), t.cols()), (3, 2));
        assert_eq!(t.get(2, 1), 4.0);
        assert_eq!(t.transpose(), m);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(matches!(
            CsrMatrix::from_triplets(1, 1, &[(1, 0, 1.0)]),
            Err(SparseError::OutOfBounds { .. })
        ));
        assert!(matches!(
            CsrMatrix::from_triplets(1, 1, &[(0, 0, f64::NAN)]),
            Err(SparseError::NonFinite { row: 0, col: 0 })
        ));
        assert!(CsrMatrix::identity(3).mul_vec(&[1.0]).is_err());
    }
}
