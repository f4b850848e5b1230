//! Sparse matrices in CSR form and a conjugate gradient solver.

pub mod csr;
pub mod solve;

pub use csr::{CsrMatrix, SparseError};
pub use solve::{conjugate_gradient, CgOptions, Solution, SolveError};
