//! HTTP byte-range support: header parsing, resolution and serving.

pub mod range;
pub mod serve;
